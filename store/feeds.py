"""Feeds, their items and the stories already seen."""

from __future__ import annotations

import datetime as dt
from typing import Any

from store.base import Database, as_int, iso, now


class FeedStore(Database):
    def add_feed(self, url: str, name: str | None = None, label: str | None = None,
                 interval_minutes: float | None = None) -> dict | None:
        """The new feed, or None when the URL is already subscribed."""
        with self._write():
            if self.db["feeds"].count_where("url = ?", [url]):
                return None
            self.db["feeds"].insert({"url": url, "name": name, "label": label,
                                     "interval_minutes": interval_minutes, "created": iso(now())})
        return self.feed(url)

    def feed(self, ref: str | int) -> dict | None:
        """A feed by id or URL."""
        rows = self._rows("select * from feeds where url = ? or id = ?", [str(ref), as_int(ref)])
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
