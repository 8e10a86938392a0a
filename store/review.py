"""Drafts under review: decisions, undo, edits, stale-news expiry, approved captions."""

from __future__ import annotations

import datetime as dt
from typing import Any

from store.base import Database, dumps, iso, now


class ReviewStore(Database):
    _DRAFT_SELECT = (
        "select d.*, s.text as snippet, s.title, s.link, s.published, s.injection, f.name as feed_name,"
        # What the reviewer approved (their edit, if any): the newest decision not undone.
        " (select x.final_text from decisions x where x.draft_id = d.id and x.undone is null"
        "  order by x.id desc limit 1) as final_text,"
        " (select x.flags from decisions x where x.draft_id = d.id and x.undone is null"
        "  order by x.id desc limit 1) as final_flags"
        " from drafts d join snippets s on s.id = d.snippet_id left join feeds f on f.id = s.feed_id"
    )

    def _draft_rows(self, where: str, params: list[Any], tail: str = "") -> list[dict]:
        return self._rows(f"{self._DRAFT_SELECT} {where} {tail}", params,
                          json_columns=dict.fromkeys(("candidates", "scores", "flags", "params", "final_flags")))

    def drafts(self, status: str | None = None, limit: int | None = None) -> list[dict]:
        """Drafts joined with their snippet and source, newest news first; JSON columns decoded."""
        tail = "order by coalesce(s.published, s.created) desc, d.id desc" + (" limit ?" if limit else "")
        params = ([status] if status else []) + ([limit] if limit else [])
        return self._draft_rows("where d.status = ?" if status else "", params, tail)

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
        flags: list | None = None,
        scores: dict | None = None,
    ) -> dict:
        """Record a review decision and set the draft's status in one transaction. `action` is approve
        (final text = the draft's caption), edit (an approval with the reviewer's `final_text`) or
        reject; `flags` and `scores` are the guards' verdict on the final text. Only a pending or
        expired draft can be decided: anything else raises ValueError."""
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
                        "flags": None if flags is None else dumps(flags),
                        "scores": None if scores is None else dumps(scores),
                    }
                )
                .last_pk
            )
            new_status = "rejected" if action == "reject" else "approved"
            self.db["drafts"].update(draft_id, {"status": new_status, "updated": stamp})
        return self._rows("select * from decisions where id = ?", [decision_id],
                          json_columns=dict.fromkeys(("flags", "scores")))[0]

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
        return self._standing_decisions(
            "d.id as draft_id, s.text as snippet, c.final_text as caption, c.original_text as model_caption,"
            " c.action, c.reviewer, c.decided, d.model_version, s.title, s.link, s.published, f.name as feed_name",
            "d.status = 'approved' and c.action in ('approve', 'edit')", since)

    def review_history(self, since: dt.datetime | None = None) -> list[dict]:
        """Every draft's standing decision (undone ones left out), oldest first, for preference pairs:
        the snippet, the draft's candidates, the action, the caption the editor saw (original_text),
        the approved text (final_text) and the reason given. `since` filters on decision time."""
        return self._standing_decisions(
            "d.id as draft_id, s.text as snippet, d.candidates, c.action, c.original_text, c.final_text,"
            " c.reason, c.decided",
            "d.status in ('approved', 'rejected')", since, json_columns={"candidates": []})

    def _standing_decisions(self, columns: str, where: str, since: dt.datetime | None,
                            json_columns: dict | None = None) -> list[dict]:
        """`columns` of drafts `d` (with snippet `s`, feed `f`) joined to their standing decision `c`
        (the newest not undone), oldest decision first, decided at or after `since` when given."""
        sql = (
            f"select {columns} from drafts d join snippets s on s.id = d.snippet_id"
            " left join feeds f on f.id = s.feed_id"
            " join decisions c on c.id = (select max(id) from decisions where draft_id = d.id and undone is null)"
            f" where {where}"
        )
        params: list[Any] = []
        if since is not None:
            sql += " and c.decided >= ?"
            params.append(iso(since))
        return self._rows(sql + " order by c.decided, c.id", params, json_columns=json_columns)

    def count_approved(self, since: str | None = None) -> int:
        """Standing approvals decided after `since` (an ISO timestamp; None: all of them)."""
        row = self.db.execute(
            "select count(*) from decisions c join drafts d on d.id = c.draft_id"
            " where c.undone is null and c.action in ('approve', 'edit') and d.status = 'approved'"
            " and c.decided > ?",
            [since or ""],
        ).fetchone()
        return row[0]
