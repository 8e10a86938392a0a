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


# --- the store ---------------------------------------------------------------------------------------


class Store:
    """One open database. Cheap to create; not shared between threads or processes."""

    def __init__(self, path: Path | str):
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        conn = sqlite3.connect(str(self.path), timeout=BUSY_TIMEOUT_MS / 1000)
        self.db = sqlite_utils.Database(conn)
        self.db.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        self.db.execute("PRAGMA journal_mode = WAL")
        self.db.execute("PRAGMA foreign_keys = ON")
        with self._write():
            migrations.apply(self.db)

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

    def add_items(self, feed_id: int, items: list[dict]) -> dict[str, int]:
        """Insert one feed's new items in one transaction. Each item dict carries its fields plus
        either `snippet` (a new snippet's fields) or `snippet_id` (an existing story). An item whose
        (feed, guid) is already stored is skipped. Returns counts."""
        counts = {"new_items": 0, "duplicates": 0, "new_snippets": 0}
        fetched = iso(now())
        with self._write():
            for item in items:
                if self.db["items"].count_where(
                    "feed_id = ? and guid = ?", [feed_id, item["guid"]]
                ):
                    counts["duplicates"] += 1
                    continue
                snippet_id = item.get("snippet_id")
                if snippet_id is None:
                    snippet = dict(item["snippet"], feed_id=feed_id, created=fetched)
                    snippet_id = self.db["snippets"].insert(snippet).last_pk
                    counts["new_snippets"] += 1
                else:
                    counts["duplicates"] += 1
                self.db["items"].insert(
                    {
                        "feed_id": feed_id,
                        "guid": item["guid"],
                        "link": item.get("link"),
                        "title": item.get("title"),
                        "summary": item.get("summary"),
                        "published": item.get("published"),
                        "fetched": fetched,
                        "snippet_id": snippet_id,
                    }
                )
                counts["new_items"] += 1
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


def _as_int(ref: str | int) -> int | None:
    try:
        return int(ref)
    except (TypeError, ValueError):
        return None


def dumps(value: Any) -> str:
    """JSON for a TEXT column."""
    return json.dumps(value, ensure_ascii=False, sort_keys=True)
