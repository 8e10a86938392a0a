"""The SQLite store: schema, migrations and every query. The only module that writes SQL.

Opened with WAL and a busy timeout so a daemon, a reviewer and a generate worker can share one file.
Migrations are an ordered list of small named functions (sqlite-utils `Migrations`), applied on open,
each in its own transaction; applying them twice is a no-op.

Timestamps are UTC ISO-8601 strings ("2026-11-25T16:00:00Z") so they sort and compare as text.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import sqlite3
import time
from pathlib import Path
from typing import Any, Iterable, Iterator

import sqlite_utils
from sqlite_utils.migrations import Migrations

BUSY_TIMEOUT_MS = 30_000

migrations = Migrations("versus")


def now() -> dt.datetime:
    return dt.datetime.now(dt.timezone.utc)


def iso(when: dt.datetime) -> str:
    return when.astimezone(dt.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def parse_iso(text: str) -> dt.datetime:
    return dt.datetime.strptime(text, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=dt.timezone.utc)


# --- migrations: append only; never edit one that has shipped ---------------------------------------


@migrations()
def m001_feeds_items_snippets(db: sqlite_utils.Database) -> None:
    db["feeds"].create(
        {
            "id": int,
            "url": str,
            "name": str,
            "etag": str,
            "last_modified": str,
            "last_checked": str,
            "next_check": str,
            "error_count": int,
            "last_error": str,
            "last_status": int,
            "disabled": int,
            "created": str,
        },
        pk="id",
        not_null={"url", "created"},
        defaults={"error_count": 0, "disabled": 0},
    )
    db["feeds"].create_index(["url"], unique=True)
    db["snippets"].create(
        {
            "id": int,
            "text": str,
            "title": str,
            "link": str,
            "feed_id": int,
            "published": str,
            "story_key": str,  # normalized title tokens, for cross-feed duplicate detection
            "status": str,  # pending | claimed | drafted | expired
            "claimed_by": str,
            "lease_until": str,
            "attempts": int,
            "created": str,
        },
        pk="id",
        not_null={"text", "status", "created"},
        defaults={"status": "pending", "attempts": 0},
    )
    db["snippets"].create_index(["status", "published"])
    db["items"].create(
        {
            "id": int,
            "feed_id": int,
            "guid": str,  # the entry's id, or its link when it has none
            "link": str,
            "title": str,
            "summary": str,
            "published": str,
            "fetched": str,
            "snippet_id": int,
        },
        pk="id",
        not_null={"feed_id", "guid", "fetched"},
        foreign_keys=[("feed_id", "feeds", "id"), ("snippet_id", "snippets", "id")],
    )
    db["items"].create_index(["feed_id", "guid"], unique=True)


@migrations()
def m002_drafts_reviews(db: sqlite_utils.Database) -> None:
    db["drafts"].create(
        {
            "id": int,
            "snippet_id": int,
            "caption": str,
            "candidates": str,  # JSON list of {"caption", "scores", "flags"}
            "scores": str,  # JSON object
            "flags": str,  # JSON list
            "model_version": str,
            "params": str,  # JSON generation parameters
            "status": str,  # pending | approved | rejected | expired
            "created": str,
            "updated": str,
        },
        pk="id",
        not_null={"snippet_id", "caption", "status", "created"},
        defaults={"status": "pending"},
        foreign_keys=[("snippet_id", "snippets", "id")],
    )
    # One draft per snippet: a crashed-and-retried worker can never add a second one.
    db["drafts"].create_index(["snippet_id"], unique=True)
    db["drafts"].create_index(["status"])
    db["decisions"].create(
        {
            "id": int,
            "draft_id": int,
            "action": str,  # approve | edit | reject
            "original_text": str,
            "final_text": str,
            "reason": str,
            "reviewer": str,
            "decided": str,
        },
        pk="id",
        not_null={"draft_id", "action", "decided"},
        foreign_keys=[("draft_id", "drafts", "id")],
    )


@migrations()
def m003_models_jobs(db: sqlite_utils.Database) -> None:
    db["model_versions"].create(
        {
            "version": str,  # "v1", "v2", ...
            "base_model": str,
            "adapter_path": str,
            "merged_path": str,
            "dataset_hash": str,
            "dataset_size": int,
            "params": str,  # JSON training parameters
            "metrics": str,  # JSON evaluation metrics
            "status": str,  # active | inactive | failed
            "note": str,
            "created": str,
            "promoted": str,
        },
        pk="version",
        not_null={"base_model", "status", "created"},
    )
    db["job_runs"].create(
        {
            "id": int,
            "job": str,
            "started": str,
            "finished": str,
            "outcome": str,  # running | ok | failed | timeout | interrupted
            "counts": str,  # JSON
            "error": str,
        },
        pk="id",
        not_null={"job", "started", "outcome"},
    )


@migrations()
def m004_decision_undo(db: sqlite_utils.Database) -> None:
    # An undone decision is kept (with when it was undone) rather than deleted: the audit trail stays.
    db["decisions"].add_column("undone", str)
    db["decisions"].create_index(["draft_id"])


# --- the store ---------------------------------------------------------------------------------------


class Store:
    """One open database. Cheap to create; not shared between threads or processes."""

    def __init__(self, path: Path | str):
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        conn = sqlite3.connect(str(self.path), timeout=BUSY_TIMEOUT_MS / 1000)
        self.db = sqlite_utils.Database(conn)
        self.db.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        self._enable_wal()
        # In WAL mode NORMAL is still crash-safe (no corruption; a power cut may drop the last commits)
        # and skips an fsync per commit, which otherwise dominates one-transaction-per-feed ingest.
        self.db.execute("PRAGMA synchronous = NORMAL")
        self.db.execute("PRAGMA foreign_keys = ON")
        self._migrate()

    def _enable_wal(self) -> None:
        """Switch to WAL. On a brand-new file another process may be switching it at the same moment,
        and SQLite answers "database is locked" at once, without waiting on busy_timeout: retry."""
        deadline = time.monotonic() + BUSY_TIMEOUT_MS / 1000
        while True:
            try:
                self.db.execute("PRAGMA journal_mode = WAL")
                return
            except sqlite3.OperationalError as e:
                if "locked" not in str(e) or time.monotonic() > deadline:
                    raise
                time.sleep(0.05)

    def _migrate(self) -> None:
        """Apply the pending migrations, each in its own write transaction: one that fails rolls back
        only itself, and the ones before it stay applied and recorded."""
        while True:
            with self._write():
                # Checked under the write lock: another process opening the same database may have
                # applied it a moment ago, and must not run it twice.
                pending = migrations.pending(self.db)
                if not pending:
                    return
                migrations.apply(self.db, stop_before=[m.name for m in pending[1:]])  # the first only

    @classmethod
    def read_only(cls, path: Path | str) -> "Store":
        """An existing database as it is, for inspection: no migrations applied, nothing created, and
        any write fails. Queries on a schema it lacks raise sqlite3 errors."""
        store = cls.__new__(cls)
        store.path = Path(path)
        store.db = sqlite_utils.Database(_connect_read_only(store.path))
        return store

    def close(self) -> None:
        self.db.close()

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    @contextlib.contextmanager
    def _write(self) -> Iterator[sqlite_utils.Database]:
        """A write transaction that takes the write lock up front (BEGIN IMMEDIATE), so two writers
        queue on busy_timeout instead of deadlocking on a read-to-write upgrade."""
        if self.db.conn.in_transaction:
            with self.db.atomic():
                yield self.db
            return
        self.db.execute("BEGIN IMMEDIATE")
        try:
            yield self.db
        except BaseException:
            self.db.conn.rollback()
            raise
        else:
            self.db.execute("COMMIT")

    def _rows(self, sql: str, params: Iterable[Any] = ()) -> list[dict]:
        cursor = self.db.execute(sql, list(params))
        names = [c[0] for c in cursor.description]
        return [dict(zip(names, row)) for row in cursor.fetchall()]

    # --- schema --------------------------------------------------------------------------------------

    def applied_migrations(self) -> list[str]:
        return [m.name for m in migrations.applied(self.db)]

    def pending_migrations(self) -> list[str]:
        return [m.name for m in migrations.pending(self.db)]

    # --- feeds ---------------------------------------------------------------------------------------

    def add_feed(self, url: str, name: str | None = None) -> dict | None:
        """The new feed, or None when the URL is already subscribed."""
        with self._write():
            if self.db["feeds"].count_where("url = ?", [url]):
                return None
            self.db["feeds"].insert({"url": url, "name": name, "created": iso(now())})
        return self.feed(url)

    def feed(self, ref: str | int) -> dict | None:
        """A feed by id or URL."""
        rows = self._rows("select * from feeds where url = ? or id = ?", [str(ref), _as_int(ref)])
        return rows[0] if rows else None

    def feeds(self) -> list[dict]:
        return self._rows("select * from feeds order by id")

    def remove_feed(self, ref: str | int) -> dict | None:
        """Forget a feed and its item history; snippets (and drafts) made from it stay."""
        feed = self.feed(ref)
        if feed:
            with self._write():
                self.db.execute("delete from items where feed_id = ?", [feed["id"]])
                self.db.execute("delete from feeds where id = ?", [feed["id"]])
        return feed

    def due_feeds(self, when: dt.datetime, force: bool = False) -> list[dict]:
        """Enabled feeds whose next check has come (all enabled ones with force)."""
        if force:
            return self._rows("select * from feeds where disabled = 0 order by id")
        return self._rows(
            "select * from feeds where disabled = 0 and (next_check is null or next_check <= ?)"
            " order by id",
            [iso(when)],
        )

    def update_feed(self, feed_id: int, **fields: Any) -> None:
        with self._write():
            self.db["feeds"].update(feed_id, fields)

    def set_feed_disabled(self, ref: str | int, disabled: bool) -> dict | None:
        feed = self.feed(ref)
        if feed:
            changes: dict[str, Any] = {"disabled": int(disabled)}
            if not disabled:
                changes.update(error_count=0, next_check=None)
            self.update_feed(feed["id"], **changes)
        return self.feed(ref)

    # --- items and snippets --------------------------------------------------------------------------

    def known_guids(self, feed_id: int, guids: list[str]) -> set[str]:
        known: set[str] = set()
        for start in range(0, len(guids), 500):
            chunk = guids[start : start + 500]
            marks = ",".join("?" * len(chunk))
            rows = self.db.execute(
                f"select guid from items where feed_id = ? and guid in ({marks})", [feed_id, *chunk]
            )
            known.update(r[0] for r in rows)
        return known

    def recent_story_keys(self, since: dt.datetime) -> list[tuple[int, str]]:
        """(snippet id, story key) of recent snippets, for matching the same story across feeds."""
        rows = self.db.execute(
            "select id, story_key from snippets where created >= ? and story_key is not null",
            [iso(since)],
        )
        return [(r[0], r[1]) for r in rows]

    def add_items(
        self, feed_id: int, items: list[dict], feed_changes: dict[str, Any] | None = None
    ) -> dict[str, int]:
        """Insert one feed's new items (and apply `feed_changes` to the feed) in one transaction.
        Each item dict carries its fields plus `snippet` (a new snippet's fields), `snippet_id` (an
        existing story) or neither (nothing to caption). Items sharing one `snippet` dict object share
        one new snippet. An item whose (feed, guid) is already stored is skipped; each stored item gets
        its `snippet_id` filled in. Returns counts."""
        counts = {"new_items": 0, "duplicates": 0, "new_snippets": 0}
        fetched = iso(now())
        inserted: dict[int, int] = {}  # id(snippet dict) -> its row id
        # Plain executes, not table.insert(): this is the ingest hot path (thousands of rows a poll).
        with self._write():
            for item in items:
                if self.db.execute(
                    "select 1 from items where feed_id = ? and guid = ?", [feed_id, item["guid"]]
                ).fetchone():
                    counts["duplicates"] += 1
                    continue
                snippet_id = item.get("snippet_id")
                snippet = item.get("snippet")
                if snippet_id is None and snippet is not None:
                    snippet_id = inserted.get(id(snippet))
                    if snippet_id is None:
                        row = dict(snippet, feed_id=feed_id, created=fetched)
                        snippet_id = self.db.execute(
                            f"insert into snippets ({', '.join(row)}) values ({', '.join('?' * len(row))})",
                            list(row.values()),
                        ).lastrowid
                        inserted[id(snippet)] = snippet_id
                        counts["new_snippets"] += 1
                    else:
                        counts["duplicates"] += 1
                elif snippet_id is not None:
                    counts["duplicates"] += 1
                self.db.execute(
                    "insert into items (feed_id, guid, link, title, summary, published, fetched, snippet_id)"
                    " values (?, ?, ?, ?, ?, ?, ?, ?)",
                    [
                        feed_id,
                        item["guid"],
                        item.get("link"),
                        item.get("title"),
                        item.get("summary"),
                        item.get("published"),
                        fetched,
                        snippet_id,
                    ],
                )
                item["snippet_id"] = snippet_id
                counts["new_items"] += 1
            if feed_changes:
                self.db["feeds"].update(feed_id, feed_changes)
        return counts

    def snippets(self, status: str | None = None, limit: int | None = None) -> list[dict]:
        sql = (
            "select s.id, s.text, s.title, s.link, s.published, s.status, s.created,"
            " f.name as feed_name, f.url as feed_url from snippets s left join feeds f on f.id = s.feed_id"
        )
        params: list[Any] = []
        if status:
            sql += " where s.status = ?"
            params.append(status)
        sql += " order by coalesce(s.published, s.created) desc, s.id desc"
        if limit:
            sql += " limit ?"
            params.append(limit)
        return self._rows(sql, params)

    def snippet(self, snippet_id: int) -> dict | None:
        rows = self._rows("select * from snippets where id = ?", [snippet_id])
        return rows[0] if rows else None

    def count_by_status(self, table: str) -> dict[str, int]:
        if table not in {"snippets", "drafts"}:
            raise ValueError(table)
        rows = self.db.execute(f"select status, count(*) from {table} group by status")
        return {status: n for status, n in rows}

    # --- model versions ----------------------------------------------------------------------------

    def model_versions(self) -> list[dict]:
        rows = self._rows("select * from model_versions order by cast(substr(version, 2) as integer)")
        for row in rows:
            row["params"] = json.loads(row["params"]) if row["params"] else {}
            row["metrics"] = json.loads(row["metrics"]) if row["metrics"] else {}
        return rows

    def model_version(self, version: str) -> dict | None:
        return next((v for v in self.model_versions() if v["version"] == version), None)

    def active_model_version(self) -> dict | None:
        return next((v for v in self.model_versions() if v["status"] == "active"), None)

    def newest_model_version(self) -> dict | None:
        """The last version registered, promoted or not."""
        return max(self.model_versions(), key=lambda v: v["created"], default=None)

    def add_model_version(self, record: dict, activate: bool = False) -> str:
        """Register a version under the next free name (v1, v2, ...); activate it in the same
        transaction when asked, so there is never a moment with zero or two active versions."""
        with self._write():
            last = self.db.execute(
                "select max(cast(substr(version, 2) as integer)) from model_versions"
            ).fetchone()[0]
            version = f"v{(last or 0) + 1}"
            row = dict(record, version=version, status="inactive", created=iso(now()))
            for key in ("params", "metrics"):
                row[key] = dumps(row.get(key) or {})
            self.db["model_versions"].insert(row)
            if activate:
                self._activate(version)
        return version

    def update_model_version(self, version: str, **fields: Any) -> None:
        for key in ("params", "metrics"):
            if key in fields:
                fields[key] = dumps(fields[key])
        with self._write():
            self.db["model_versions"].update(version, fields)

    def activate_model_version(self, version: str) -> None:
        with self._write():
            self._activate(version)

    def _activate(self, version: str) -> None:
        self.db.execute("update model_versions set status = 'inactive' where status = 'active'")
        self.db.execute(
            "update model_versions set status = 'active', promoted = ? where version = ?",
            [iso(now()), version],
        )

    # --- the generation queue: claim → generate → write drafts → done -----------------------------



    def claim_snippets(self, worker: str, limit: int, lease_minutes: float) -> list[dict]:
        """Atomically take up to `limit` pending snippets (or ones whose lease expired: a crashed worker's)
        for `worker`. Two workers never get the same snippet: the select and update share one write lock."""
        current = now()
        with self._write():
            rows = self._rows(
                "select id, text, title, link, published from snippets"
                " where status = 'pending' or (status = 'claimed' and lease_until < ?)"
                " order by coalesce(published, created) desc, id desc limit ?",
                [iso(current), limit],
            )
            if rows:
                marks = ",".join("?" * len(rows))
                self.db.execute(
                    f"update snippets set status = 'claimed', claimed_by = ?, lease_until = ?,"
                    f" attempts = attempts + 1 where id in ({marks})",
                    [worker, iso(current + dt.timedelta(minutes=lease_minutes)), *[r["id"] for r in rows]],
                )
        return rows


    def write_drafts(self, worker: str, drafts: list[dict]) -> int:
        """Store drafts for snippets this worker still holds, and mark those snippets drafted, in one
        transaction. A snippet whose lease was lost to another worker, or that already has a draft, is
        skipped: never two drafts for one snippet. Returns how many were written."""
        written = 0
        stamp = iso(now())
        with self._write():
            for draft in drafts:
                held = self.db.execute(
                    "select 1 from snippets where id = ? and status = 'claimed' and claimed_by = ?",
                    [draft["snippet_id"], worker],
                ).fetchone()
                if not held or self.db["drafts"].count_where("snippet_id = ?", [draft["snippet_id"]]):
                    continue
                self.db["drafts"].insert(
                    {
                        "snippet_id": draft["snippet_id"],
                        "caption": draft["caption"],
                        "candidates": dumps(draft.get("candidates", [])),
                        "scores": dumps(draft.get("scores", {})),
                        "flags": dumps(draft.get("flags", [])),
                        "model_version": draft.get("model_version"),
                        "params": dumps(draft.get("params", {})),
                        "created": stamp,
                        "updated": stamp,
                    }
                )
                self.db.execute(
                    "update snippets set status = 'drafted', claimed_by = null, lease_until = null"
                    " where id = ?",
                    [draft["snippet_id"]],
                )
                written += 1
        return written


    def release_claims(self, worker: str) -> int:
        """Give back a worker's unfinished claims (on a clean stop) so others can take them at once."""
        with self._write():
            cursor = self.db.execute(
                "update snippets set status = 'pending', claimed_by = null, lease_until = null"
                " where status = 'claimed' and claimed_by = ?",
                [worker],
            )
        return cursor.rowcount


    _DRAFT_SELECT = (
        "select d.*, s.text as snippet, s.title, s.link, s.published, f.name as feed_name,"
        # What the reviewer approved (their edit, if any): the newest decision not undone.
        " (select x.final_text from decisions x where x.draft_id = d.id and x.undone is null"
        "  order by x.id desc limit 1) as final_text"
        " from drafts d join snippets s on s.id = d.snippet_id left join feeds f on f.id = s.feed_id"
    )

    def _draft_rows(self, where: str, params: list[Any], tail: str = "") -> list[dict]:
        rows = self._rows(f"{self._DRAFT_SELECT} {where} {tail}", params)
        for row in rows:
            for key in ("candidates", "scores", "flags", "params"):
                row[key] = json.loads(row[key]) if row[key] else None
        return rows

    def drafts(self, status: str | None = None, limit: int | None = None) -> list[dict]:
        """Drafts joined with their snippet and source, newest news first; JSON columns decoded."""
        tail = "order by coalesce(s.published, s.created) desc, d.id desc" + (" limit ?" if limit else "")
        params = ([status] if status else []) + ([limit] if limit else [])
        return self._draft_rows("where d.status = ?" if status else "", params, tail)

    # --- review: decisions, undo, stale drafts, approved captions ------------------------------------

    def draft(self, draft_id: int) -> dict | None:
        """One draft, joined and decoded like `drafts()`."""
        rows = self._draft_rows("where d.id = ?", [draft_id])
        return rows[0] if rows else None

    def decide(
        self,
        draft_id: int,
        action: str,
        final_text: str | None = None,
        reason: str | None = None,
        reviewer: str | None = None,
    ) -> dict:
        """Record a review decision and set the draft's status in one transaction. `action` is approve
        (final text = the draft's caption), edit (an approval with the reviewer's `final_text`) or
        reject. Only a pending or expired draft can be decided: anything else raises ValueError."""
        if action not in ("approve", "edit", "reject"):
            raise ValueError(f"unknown review action: {action}")
        if action == "edit" and not (final_text or "").strip():
            raise ValueError("an edited caption cannot be empty")
        stamp = iso(now())
        with self._write():
            row = self.db.execute("select caption, status from drafts where id = ?", [draft_id]).fetchone()
            if row is None:
                raise ValueError(f"no such draft: {draft_id}")
            caption, status = row
            if status not in ("pending", "expired"):
                raise ValueError(f"draft {draft_id} is already {status}")
            final = {"approve": caption, "edit": final_text, "reject": None}[action]
            decision_id = (
                self.db["decisions"]
                .insert(
                    {
                        "draft_id": draft_id,
                        "action": action,
                        "original_text": caption,
                        "final_text": final,
                        "reason": reason or None,
                        "reviewer": reviewer,
                        "decided": stamp,
                    }
                )
                .last_pk
            )
            new_status = "rejected" if action == "reject" else "approved"
            self.db["drafts"].update(draft_id, {"status": new_status, "updated": stamp})
        return self._rows("select * from decisions where id = ?", [decision_id])[0]

    def undo_last_decision(self, reviewer: str | None = None) -> dict | None:
        """Undo the newest standing decision (of `reviewer`, if given): the decision is marked undone,
        not deleted, and its draft is pending again. Returns the undone decision, or None."""
        stamp = iso(now())
        sql = "select * from decisions where undone is null"
        params: list[Any] = []
        if reviewer is not None:
            sql += " and reviewer = ?"
            params.append(reviewer)
        with self._write():
            rows = self._rows(sql + " order by id desc limit 1", params)
            if not rows:
                return None
            decision = rows[0]
            self.db.execute("update decisions set undone = ? where id = ?", [stamp, decision["id"]])
            self.db.execute(
                "update drafts set status = 'pending', updated = ? where id = ?",
                [stamp, decision["draft_id"]],
            )
        return decision

    def set_draft_caption(self, draft_id: int, caption: str, scores: Any, flags: Any) -> bool:
        """Make another of a pending draft's candidates its caption. False if it is no longer pending."""
        with self._write():
            cursor = self.db.execute(
                "update drafts set caption = ?, scores = ?, flags = ?, updated = ?"
                " where id = ? and status = 'pending'",
                [caption, dumps(scores or {}), dumps(flags or []), iso(now()), draft_id],
            )
        return cursor.rowcount == 1

    def update_draft(self, draft_id: int, **fields: Any) -> bool:
        """Replace a pending draft's generated fields (caption, candidates, scores, flags,
        model_version, params) after regeneration. False if it is no longer pending."""
        row = {k: (dumps(v) if k in ("candidates", "scores", "flags", "params") else v)
               for k, v in fields.items()}
        row["updated"] = iso(now())
        assignments = ", ".join(f"{k} = ?" for k in row)
        with self._write():
            cursor = self.db.execute(
                f"update drafts set {assignments} where id = ? and status = 'pending'",
                [*row.values(), draft_id],
            )
        return cursor.rowcount == 1

    def expire_stale(self, news_before: dt.datetime) -> int:
        """Mark pending drafts, and snippets not drafted yet, about news published before `news_before`
        expired (they are kept). Returns how many drafts were expired."""
        with self._write():
            self.db.execute(
                "update snippets set status = 'expired' where status = 'pending'"
                " and coalesce(published, created) < ?",
                [iso(news_before)],
            )
            cursor = self.db.execute(
                "update drafts set status = 'expired', updated = ? where status = 'pending' and"
                " snippet_id in (select id from snippets where coalesce(published, created) < ?)",
                [iso(now()), iso(news_before)],
            )
        return cursor.rowcount

    def approved_captions(self, since: dt.datetime | None = None) -> list[dict]:
        """Approved drafts with the caption as finally approved (an edit's text, not the model's),
        oldest approval first: the training data and the export. `since` filters on approval time."""
        sql = (
            "select d.id as draft_id, s.text as snippet, c.final_text as caption,"
            " c.original_text as model_caption, c.action, c.reviewer, c.decided,"
            " d.model_version, s.title, s.link, s.published, f.name as feed_name"
            " from drafts d join snippets s on s.id = d.snippet_id left join feeds f on f.id = s.feed_id"
            " join decisions c on c.id = (select max(id) from decisions"
            "   where draft_id = d.id and undone is null)"
            " where d.status = 'approved' and c.action in ('approve', 'edit')"
        )
        params: list[Any] = []
        if since is not None:
            sql += " and c.decided >= ?"
            params.append(iso(since))
        return self._rows(sql + " order by c.decided, c.id", params)

    def count_approved(self, since: str | None = None) -> int:
        """Standing approvals decided after `since` (an ISO timestamp; None: all of them)."""
        row = self.db.execute(
            "select count(*) from decisions c join drafts d on d.id = c.draft_id"
            " where c.undone is null and c.action in ('approve', 'edit') and d.status = 'approved'"
            " and c.decided > ?",
            [since or ""],
        ).fetchone()
        return row[0]

    def release_claims_by_prefix(self, worker_prefix: str) -> int:
        """Give back every claim of the workers whose id starts with `worker_prefix`: all of one
        process's workers, when a stopping daemon abandons work it cannot wait for."""
        with self._write():
            cursor = self.db.execute(
                "update snippets set status = 'pending', claimed_by = null, lease_until = null"
                " where status = 'claimed' and substr(claimed_by, 1, length(?)) = ?",
                [worker_prefix, worker_prefix],
            )
        return cursor.rowcount

    def count_claimable(self) -> int:
        """Snippets a generate worker could claim now: pending, or claimed under an expired lease."""
        row = self.db.execute(
            "select count(*) from snippets"
            " where status = 'pending' or (status = 'claimed' and lease_until < ?)",
            [iso(now())],
        ).fetchone()
        return row[0]

    # --- job runs and status -------------------------------------------------------------------------

    def start_job(self, job: str) -> int:
        with self._write():
            return self.db["job_runs"].insert(
                {"job": job, "started": iso(now()), "outcome": "running"}
            ).last_pk

    def finish_job(
        self, run_id: int, outcome: str, counts: dict | None = None, error: str | None = None
    ) -> None:
        """Close a job run: outcome is ok | skipped | failed | timeout | interrupted."""
        with self._write():
            self.db["job_runs"].update(
                run_id,
                {
                    "finished": iso(now()),
                    "outcome": outcome,
                    "counts": dumps(counts) if counts is not None else None,
                    "error": error,
                },
            )

    def interrupt_running_jobs(self) -> int:
        """Close runs left 'running' by a daemon that died without finishing them (only the daemon,
        which holds the home's lock, records job runs)."""
        with self._write():
            cursor = self.db.execute(
                "update job_runs set outcome = 'interrupted', finished = ?,"
                " error = coalesce(error, 'daemon stopped before the job finished')"
                " where outcome = 'running'",
                [iso(now())],
            )
        return cursor.rowcount

    def job_runs(
        self, limit: int = 20, job: str | None = None, outcomes: Iterable[str] = ()
    ) -> list[dict]:
        """Newest job runs first, counts decoded; optionally one job's, or only some outcomes."""
        sql = "select * from job_runs where 1 = 1"
        params: list[Any] = []
        if job:
            sql += " and job = ?"
            params.append(job)
        outcomes = list(outcomes)
        if outcomes:
            sql += f" and outcome in ({','.join('?' * len(outcomes))})"
            params.extend(outcomes)
        rows = self._rows(sql + " order by id desc limit ?", [*params, limit])
        for row in rows:
            row["counts"] = json.loads(row["counts"]) if row["counts"] else None
        return rows

    def last_job_runs(self) -> list[dict]:
        """The newest run of each job, by job name."""
        rows = self._rows(
            "select * from job_runs where id in (select max(id) from job_runs group by job) order by job"
        )
        for row in rows:
            row["counts"] = json.loads(row["counts"]) if row["counts"] else None
        return rows

    def status_summary(self) -> dict:
        """Everything `versus status` shows, in one read."""
        return {
            "feeds": self.feeds(),
            "snippets": self.count_by_status("snippets"),
            "drafts": self.count_by_status("drafts"),
            "model": self.active_model_version(),
            "jobs": self.last_job_runs(),
            "recent_errors": self.job_runs(limit=5, outcomes=("failed", "timeout", "interrupted")),
        }


def schema_state(path: Path) -> dict[str, list[str]]:
    """A database file's migrations, read without applying any (opening a Store applies them):
    {"pending": ours not yet applied, "unknown": applied ones this code does not know (a newer
    versus-captions migrated it)}."""
    conn = _connect_read_only(Path(path))
    try:
        db = sqlite_utils.Database(conn)
        ours = [m.name for m in migrations.pending(sqlite_utils.Database(memory=True))]
        applied = [m.name for m in migrations.applied(db)]
        return {"pending": [name for name in ours if name not in applied],
                "unknown": [name for name in applied if name not in ours]}
    finally:
        conn.close()


def _connect_read_only(path: Path) -> sqlite3.Connection:
    return sqlite3.connect(f"file:{path.resolve()}?mode=ro", uri=True, timeout=BUSY_TIMEOUT_MS / 1000)


def _as_int(ref: str | int) -> int | None:
    try:
        return int(ref)
    except (TypeError, ValueError):
        return None


def dumps(value: Any) -> str:
    """JSON for a TEXT column."""
    return json.dumps(value, ensure_ascii=False, sort_keys=True)

