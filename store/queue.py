"""Snippets and the generation queue: claims with a lease, drafts written once per snippet."""

from __future__ import annotations

import datetime as dt
from typing import Any

from store.base import Database, dumps, iso, now


# Pending, or claimed by a worker whose lease ran out (it crashed): takes the current time.
_CLAIMABLE = "(status = 'pending' or (status = 'claimed' and lease_until < ?))"


class QueueStore(Database):
    def snippets(self, status: str | None = None, limit: int | None = None) -> list[dict]:
        sql = (
            "select s.id, s.text, s.title, s.link, s.published, s.status, s.created, s.injection,"
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

    def claim_snippets(self, worker: str, limit: int, lease_minutes: float,
                       news_after: dt.datetime | None = None) -> list[dict]:
        """Atomically take up to `limit` pending snippets (or ones whose lease expired: a crashed worker's)
        for `worker`, newest news first and none published before `news_after`. Two workers never get
        the same snippet: the select and update share one write lock."""
        current = now()
        with self._write():
            rows = self._rows(
                "select id, text, title, link, published from snippets"
                f" where {_CLAIMABLE} and coalesce(published, created) >= ?"
                " order by coalesce(published, created) desc, id desc limit ?",
                [iso(current), iso(news_after) if news_after else "", limit],
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

    def count_claimable(self, news_after: dt.datetime | None = None) -> int:
        """Snippets a generate worker could claim now: pending, or claimed under an expired lease, and
        not about news published before `news_after`."""
        row = self.db.execute(
            f"select count(*) from snippets where {_CLAIMABLE} and coalesce(published, created) >= ?",
            [iso(now()), iso(news_after) if news_after else ""],
        ).fetchone()
        return row[0]
