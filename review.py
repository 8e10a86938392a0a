"""The review queue: an editor approves, edits or rejects drafts, one at a time or by script.

Every decision is written to SQLite the moment its key is pressed (`Store.decide`), so quitting, or
a crash, at any point loses nothing; an interactive session holds only which drafts it has skipped.
Nothing is ever approved without an editor's key press or an explicit `--approve`.

Feed and model text is untrusted: it goes through `safe_terminal` and is printed as rich `Text`,
never as markup, so an ANSI escape or a "[bold]" in a headline reaches the screen as inert text.
"""

from __future__ import annotations

import getpass
import os
from typing import Callable

import click
from rich.console import Console
from rich.table import Table
from rich.text import Text

import config
from store import Store

KEYS_HELP = (
    "[a]pprove  [e]dit  [r]eject  [s]kip  [n]ext candidate  [g]enerate again  [u]ndo  [q]uit"
)


def clean(text) -> str:
    """Untrusted text made safe to print: no ANSI escapes, no control characters."""
    from text import safe_terminal

    return safe_terminal(str(text)) if text else ""


def reviewer_name(explicit: str | None = None) -> str:
    if explicit:
        return explicit
    try:
        return os.environ.get("USER") or getpass.getuser()
    except (KeyError, OSError):  # no passwd entry, e.g. in a bare container
        return "unknown"


def expire_stale(store: Store, settings: config.Settings) -> int:
    """Expire pending drafts about news older than `review.stale_hours` (kept, not deleted)."""
    cutoff = settings.review.stale_before()
    return store.expire_stale(cutoff) if cutoff else 0


# --- scripted decisions ------------------------------------------------------------------------------


def approve(store: Store, draft_id: int, reviewer: str, text: str | None = None, force: bool = False) -> dict:
    """Approve a draft as it is, or with `text` as the caption (recorded as an edit, rescored first).
    A caption with fact errors (invented numbers or names) is refused unless `force`."""
    draft = _existing(store, draft_id)
    checked = checked_caption(draft, text)
    errors = fact_errors(checked.flags)
    if errors and not force:
        raise ValueError(f"draft {draft_id}: the caption has fact errors ({', '.join(errors)}): "
                         "fix it, or approve anyway with --force")
    return decide_approval(store, draft, checked, reviewer)


def checked_caption(draft: dict, text: str | None = None):
    """The caption an approval would store, with the guards' flags: the draft's own (flagged when it
    was generated), or the editor's `text` sanitized and scored the way generated captions are."""
    from generate.guards import Scored, sanitize, score_candidates

    if text is None or text.strip() == draft["caption"]:
        return Scored(draft["caption"], draft["scores"] or {}, draft["flags"] or [])
    checked = score_candidates(draft["snippet"], [text])[0]
    checked.caption = sanitize(text, max_chars=None)  # flagged "too_long" when it is, but never cut
    if not checked.caption:
        raise ValueError("the edited caption is empty once cleaned")
    return checked


def decide_approval(store: Store, draft: dict, checked, reviewer: str) -> dict:
    """Store an approval of `checked` (from `checked_caption`): an edit when its text is not the draft's."""
    edited = checked.caption != draft["caption"]
    return store.decide(draft["id"], "edit" if edited else "approve", final_text=checked.caption if edited else None,
                        reviewer=reviewer, flags=checked.flags, scores=checked.scores)


# A caption with one of these states something the news does not: approving it takes a confirmation.
FACT_ERROR_FLAGS = ("invented_number:", "invented_name:")


def fact_errors(flags) -> list[str]:
    return [flag for flag in flags or [] if isinstance(flag, str) and flag.startswith(FACT_ERROR_FLAGS)]


def reject(store: Store, draft_id: int, reviewer: str, reason: str | None = None) -> dict:
    _existing(store, draft_id)
    return store.decide(draft_id, "reject", reason=(reason or "").strip() or None, reviewer=reviewer)


def _existing(store: Store, draft_id: int) -> dict:
    draft = store.draft(draft_id)
    if draft is None:
        raise ValueError(f"no such draft: {draft_id}")
    return draft


def drafts_table(drafts: list[dict]) -> Table:
    table = Table(show_lines=True, expand=True)
    table.add_column("id", no_wrap=True)
    table.add_column("status", no_wrap=True)
    table.add_column("news", ratio=3)
    table.add_column("caption", ratio=2)
    table.add_column("flags", ratio=1, overflow="fold")
    for d in drafts:
        source = (clean(d["published"]), clean(d["feed_name"]))
        news = Text(" · ".join(part for part in source if part), style="dim")
        news.append("\n" + _shorten(clean(d["snippet"]), 140), style="")
        table.add_row(
            str(d["id"]),
            d["status"],
            news,
            Text(clean(d.get("final_text") or d["caption"])),  # an approved edit is what stands
            Text("\n").join(
                Text(flag_text(f), style="bold red" if is_fact_lock_flag(f) else "yellow")
                for f in (d["final_flags"] if d.get("final_text") and d.get("final_flags") is not None
                          else d["flags"]) or []
            ),
        )
    return table


def _shorten(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


# --- how scores and flags read -----------------------------------------------------------------------


# The guards' flags ("missing_fact:3-1", "invented_number:5", "persona:refusal", "too_long") that
# mean the caption got the news wrong: an editor must not miss these.
FACT_LOCK_FLAGS = ("missing_fact:", "invented_number:", "invented_name:")


def flag_text(flag) -> str:
    return clean(flag if isinstance(flag, str) else str(flag))


def is_fact_lock_flag(flag) -> bool:
    return isinstance(flag, str) and flag.startswith(FACT_LOCK_FLAGS)


def scores_text(scores) -> str:
    if not isinstance(scores, dict):
        return clean(scores)
    parts = []
    for name, value in scores.items():
        shown = f"{value:.2f}" if isinstance(value, float) else str(value)
        parts.append(f"{name} {shown}")
    return clean("  ".join(parts))


def flags_line(flags) -> Text:
    line = Text()
    for flag in flags or []:
        if line:
            line.append("  ")
        style = "bold white on red" if is_fact_lock_flag(flag) else "yellow"
        line.append(f" {flag_text(flag)} ", style=style)
    return line if line else Text("none", style="green")


# --- the interactive session -------------------------------------------------------------------------


class Session:
    """One editor working through the pending drafts, newest news first.

    The queue is a list of draft ids taken at the start; each draft is re-read from the database
    before it is shown, so one decided elsewhere meanwhile is passed over, and drafts that arrive
    while the editor works are appended when the list runs out.
    """

    def __init__(
        self,
        store: Store,
        settings: config.Settings,
        home,
        reviewer: str,
        console: Console,
        inline_edit: bool = False,
        read_key: Callable[[], str] = click.getchar,
    ):
        self.store = store
        self.settings = settings
        self.home = home
        self.reviewer = reviewer
        self.console = console
        self.inline_edit = inline_edit or not (os.environ.get("VISUAL") or os.environ.get("EDITOR"))
        self.read_key = read_key
        self.queue = [d["id"] for d in store.drafts("pending")]
        self.skipped: set[int] = set()
        self.notices: list[Text] = []
        self.tally = {"approved": 0, "edited": 0, "rejected": 0, "skipped": 0, "undone": 0}

    def current(self) -> dict | None:
        """The first draft of the queue still pending and not skipped; when none is left, the
        newest of the drafts that arrived meanwhile."""
        pending_now = [d["id"] for d in self.store.drafts("pending")]
        pending = set(pending_now)
        for draft_id in self.queue:
            if draft_id in pending and draft_id not in self.skipped:
                return self.store.draft(draft_id)
        arrived = [draft_id for draft_id in pending_now if draft_id not in self.queue]
        if arrived:
            self.queue.extend(arrived)
            return self.store.draft(arrived[0])
        return None

    def run(self) -> dict:
        try:
            while (draft := self.current()) is not None:
                if not self.handle(draft):
                    break
            else:
                self.console.print("No more drafts to review.", style="bold green")
        except (KeyboardInterrupt, EOFError, click.Abort):
            self.console.print()
        for notice in self.notices:
            self.console.print(notice)
        self.console.print(self.summary())
        return self.tally

    def summary(self) -> str:
        done = ", ".join(f"{n} {what}" for what, n in self.tally.items() if n)
        return f"This session: {done}." if done else "This session: no decisions made."

    def handle(self, draft: dict) -> bool:
        """Show one draft and act on one key. False when the editor quits."""
        self.show(draft)
        while True:
            key = self.read_key().lower()
            if key == "q":
                return False
            action = {
                "a": self.approve,
                "e": self.edit,
                "r": self.reject,
                "s": self.skip,
                "n": self.next_candidate,
                "g": self.generate_again,
                "u": self.undo,
            }.get(key)
            if action is None:
                self.console.print(f"Press one of: {KEYS_HELP}", style="dim", markup=False)
                continue
            try:
                action(draft)
            except ValueError as e:  # decided by someone else since it was shown
                self.say(str(e), "yellow")
            return True

    # --- actions: each one writes to the database before it returns --------------------------------

    def approve(self, draft: dict) -> None:
        checked = checked_caption(draft)
        if not self.confirm_fact_errors(checked.flags):
            self.say(f"Not approved: draft {draft['id']} is still pending.", "yellow")
            return
        decide_approval(self.store, draft, checked, self.reviewer)
        self.tally["approved"] += 1
        self.say(f"Approved draft {draft['id']}.", "green")

    def edit(self, draft: dict) -> None:
        text = self.ask_caption(clean(draft["caption"]))
        if text is None:
            self.say("Edit cancelled: nothing saved.", "yellow")
            return
        checked = checked_caption(draft, text)
        self.console.print(_field("Edited", Text(clean(checked.caption), style="bold yellow")))
        self.console.print(_field("Flags", flags_line(checked.flags)))
        if not self.confirm_fact_errors(checked.flags):
            self.say(f"Edit not approved: nothing saved; draft {draft['id']} is still pending.", "yellow")
            return
        decide_approval(self.store, draft, checked, self.reviewer)
        self.tally["edited"] += 1
        notice = Text(f"Approved draft {draft['id']} with your edit. Flags: ", style="green")
        self.notices.append(notice.append(flags_line(checked.flags)))

    def confirm_fact_errors(self, flags) -> bool:
        """True when the caption has no fact errors, or the editor confirms it anyway with y."""
        errors = fact_errors(flags)
        if not errors:
            return True
        self.console.print(Text(f"This caption states facts the news does not: {flag_text(', '.join(errors))}. "
                                "Press y to approve it anyway, any other key to go back.", style="bold red"))
        return self.read_key().lower() == "y"

    def ask_caption(self, current: str) -> str | None:
        """The editor's caption: from $VISUAL/$EDITOR, or typed inline. None if unchanged or empty."""
        if self.inline_edit:
            self.console.print("Type the new caption (Enter alone keeps the current one):")
            text = click.prompt("", default="", show_default=False, prompt_suffix="> ")
        else:
            try:
                text = click.edit(current + "\n", require_save=True)
            except click.ClickException as e:  # the editor could not be started
                self.say(f"Editor failed: {e.message}", "red")
                return None
        text = (text or "").strip()
        return text if text and text != current else None

    def reject(self, draft: dict) -> None:
        reason = click.prompt(
            "Reason (optional, Enter to skip)", default="", show_default=False
        ).strip()
        self.store.decide(draft["id"], "reject", reason=reason or None, reviewer=self.reviewer)
        self.tally["rejected"] += 1
        self.say(f"Rejected draft {draft['id']}.", "red")

    def skip(self, draft: dict) -> None:
        self.skipped.add(draft["id"])
        self.tally["skipped"] += 1

    def next_candidate(self, draft: dict) -> None:
        """Promote the next candidate (in stored order, wrapping) to be the draft's caption."""
        # One entry per distinct caption (greedy or repeated samples give the same one several
        # times): with duplicates, "next" could keep landing on the same text.
        candidates = list({c["caption"]: c for c in draft["candidates"] or [] if c.get("caption")}.values())
        others = [c for c in candidates if c["caption"] != draft["caption"]]
        if not others:
            self.say("This draft has no other candidate.", "yellow")
            return
        index = next((i for i, c in enumerate(candidates) if c["caption"] == draft["caption"]), -1)
        chosen = candidates[(index + 1) % len(candidates)]
        if not self.store.set_draft_caption(
            draft["id"], chosen["caption"], chosen.get("scores"), chosen.get("flags")
        ):
            self.say("That draft was decided elsewhere meanwhile.", "yellow")

    def generate_again(self, draft: dict) -> None:
        self.console.print("Generating a new batch for this snippet…", style="cyan")
        os.environ.setdefault("HF_HUB_DISABLE_PROGRESS_BARS", "1")  # no bars over the review screen
        try:
            from generate.queue import regenerate

            regenerate(self.store, self.settings, self.home, draft["id"])
        except Exception as e:  # a missing model or a failed load must not end the session
            self.say(f"Generation failed: {clean(e)}", "red")

    def undo(self, draft: dict) -> None:
        decision = self.store.undo_last_decision(self.reviewer)
        if decision is None:
            self.say("Nothing to undo.", "yellow")
            return
        undone = decision["draft_id"]
        self.skipped.discard(undone)
        if undone not in self.queue:  # decided before this session: show it next
            self.queue.insert(self.queue.index(draft["id"]), undone)
        self.tally["undone"] += 1
        self.say(f"Undid the {decision['action']} of draft {undone}; it is pending again.", "magenta")

    # --- the screen ------------------------------------------------------------------------------------

    def say(self, message: str, style: str) -> None:
        """A note on the last action, shown above the next draft (the screen is cleared between)."""
        self.notices.append(Text(message, style=style))

    def show(self, draft: dict) -> None:
        c = self.console
        if c.is_terminal:
            c.clear()
        for notice in self.notices:
            c.print(notice)
        self.notices.clear()
        position = self.queue.index(draft["id"]) + 1
        c.rule(f"Draft {draft['id']}  ·  {position} of {len(self.queue)}", style="cyan")
        c.print(_field("News", Text(clean(draft["snippet"]), style="bold")))
        source = "  ·  ".join(
            part for part in (clean(draft["feed_name"]), clean(draft["published"])) if part
        )
        c.print(_field("Source", Text(source or "unknown")))
        if draft["link"]:
            c.print(_field("Link", Text(clean(draft["link"]), style="blue")))
        if draft.get("injection"):
            c.print(_field("Warning", Text("the feed item tried to instruct the model; left out of the news: ",
                                           style="bold red").append(_shorten(clean(draft["injection"]), 160),
                                                                    style="red")))
        c.print(_field("Model", Text(clean(draft["model_version"]) or "unknown")))
        c.print()
        c.print(_field("Caption", Text(clean(draft["caption"]), style="bold yellow")))
        c.print(_field("Scores", Text(scores_text(draft["scores"]))))
        c.print(_field("Flags", flags_line(draft["flags"])))
        candidates = draft["candidates"] or []
        if candidates:
            c.print()
            c.print(Text("Candidates", style="bold"))
            for number, cand in enumerate(candidates, 1):
                chosen = cand.get("caption") == draft["caption"]
                line = Text(f" {'▶' if chosen else ' '} {number}. ", style="bold" if chosen else "")
                line.append(clean(cand.get("caption")))
                c.print(line)
                detail = Text("      ")
                detail.append(scores_text(cand.get("scores") or {}), style="dim")
                detail.append("  ")
                detail.append(flags_line(cand.get("flags")))
                c.print(detail)
        c.print()
        c.print(Text(KEYS_HELP, style="bold"))


def _field(label: str, value: Text) -> Text:
    line = Text(f"{label:<8} ", style="dim")
    line.append(value)
    return line
