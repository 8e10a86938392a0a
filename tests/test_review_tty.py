"""`versus review` for real: the CLI in a pseudo-terminal (pexpect), single key presses, $EDITOR, and
the database checked after each step."""

from __future__ import annotations

import os
import re
import sys
import termios
import time
from pathlib import Path

import pexpect
import pytest

import config
from draftqueue import Draft, add_drafts
from store import Store

ROOT = Path(__file__).resolve().parent.parent
DRAFTS = [
    Draft("Arsenal beat Chelsea 3-1 at the Emirates. \x1b]0;pwned\x07\x1b[2J",
          "ARSENAL COOKED CHELSEA 3-1 \x1b[5m🔥", hours_old=1),
    Draft("LeBron James scores 40 in a Lakers win over Boston.", "KING JAMES DROPPED 40 👑", hours_old=2),
    Draft("Real Madrid sign a striker for $45 million.", "REAL JUST SPENT 45M", hours_old=3,
          flags=["missing_fact:Real Madrid"]),
    Draft("Serena Williams announces a comeback at 44.", "SERENA IS BACK", hours_old=4),
]


@pytest.fixture
def queue(tmp_path):
    home = tmp_path / "home"
    with Store(home / config.DB_FILE) as store:
        ids = add_drafts(store, DRAFTS)
    editor = tmp_path / "editor.sh"  # an "editor" that rewrites the caption file it is given
    editor.write_text('#!/bin/sh\nprintf "EDITED: ARSENAL 3-1 MERCHANTS\\n" > "$1"\n')
    editor.chmod(0o755)
    return home, ids, editor


def spawn(home: Path, editor: Path) -> pexpect.spawn:
    env = {k: v for k, v in os.environ.items() if k not in ("VISUAL", "COLUMNS", "LINES")}
    env.update(EDITOR=str(editor), TERM="xterm-256color", HF_HUB_OFFLINE="1")
    child = pexpect.spawn(
        sys.executable,
        ["cli.py", "--home", str(home), "review", "--reviewer", "tester"],
        cwd=str(ROOT), env=env, dimensions=(60, 200), timeout=30, encoding="utf-8",
    )
    child.logfile_read = screen = _Screen()
    child.screen = screen
    return child


class _Screen:
    """Everything the CLI wrote to the terminal, raw (escape sequences included)."""

    def __init__(self):
        self.text = ""

    def write(self, data: str) -> None:
        self.text += data

    def flush(self) -> None:
        pass


def press(child: pexpect.spawn, key: str) -> None:
    """Send one key once the CLI is reading keys. Raw mode flushes what was typed before it, as a
    terminal does, so wait until the terminal leaves line mode (its termios, seen from our side)."""
    deadline = time.monotonic() + 30
    while termios.tcgetattr(child.child_fd)[3] & termios.ICANON:
        if time.monotonic() > deadline:
            pytest.fail("the review never started reading keys")
        time.sleep(0.01)
    child.send(key)


def statuses(home: Path) -> dict[int, str]:
    with Store(home / config.DB_FILE) as store:
        return {d["id"]: d["status"] for d in store.drafts()}


def decisions(home: Path) -> list[dict]:
    with Store(home / config.DB_FILE) as store:
        return store._rows("select * from decisions order by id")


def test_review_in_a_terminal(queue):
    home, (arsenal, lebron, real, serena), editor = queue
    child = spawn(home, editor)

    child.expect_exact("1 of 4")
    child.expect_exact("Arsenal beat Chelsea 3-1 at the Emirates.")
    child.expect_exact("[a]pprove")
    press(child, "a")
    child.expect_exact(f"Approved draft {arsenal}.")
    child.expect_exact("2 of 4")
    assert statuses(home)[arsenal] == "approved"  # written at the key press, not at exit

    press(child, "e")  # $EDITOR rewrites the caption, with facts the LeBron story does not have
    child.expect_exact("invented_number:3-1")  # the edit's own flags, shown before anything is saved
    child.expect_exact("Press y to approve it anyway")
    assert statuses(home)[lebron] == "pending"
    press(child, "y")
    child.expect_exact(f"Approved draft {lebron} with your edit.")
    child.expect_exact("3 of 4")
    child.expect_exact("missing_fact:Real Madrid")
    press(child, "r")
    child.expect_exact("Reason (optional, Enter to skip)")
    child.sendline("not our story")
    child.expect_exact(f"Rejected draft {real}.")
    child.expect_exact("4 of 4")

    press(child, "u")  # undo the rejection: that draft is back on screen
    child.expect_exact(f"Undid the reject of draft {real}; it is pending again.")
    child.expect_exact("3 of 4")
    child.expect_exact("Real Madrid sign a striker")
    assert statuses(home)[real] == "pending"

    press(child, "q")  # quit mid-way
    child.expect_exact("This session: 1 approved, 1 edited, 1 rejected, 1 undone.")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0

    assert statuses(home) == {arsenal: "approved", lebron: "approved", real: "pending", serena: "pending"}
    rows = decisions(home)
    assert [(r["draft_id"], r["action"], r["reviewer"], r["undone"] is not None) for r in rows] == [
        (arsenal, "approve", "tester", False),
        (lebron, "edit", "tester", False),
        (real, "reject", "tester", True),
    ]
    assert rows[1]["final_text"] == "EDITED: ARSENAL 3-1 MERCHANTS"
    assert rows[1]["original_text"] == "KING JAMES DROPPED 40 👑"
    assert rows[2]["reason"] == "not our story"

    # Feed and model text reached the terminal stripped of its escape sequences.
    assert "pwned" not in child.screen.text and "\x1b]0;" not in child.screen.text
    assert "\x1b[5m" not in child.screen.text and "\x1b[2J" not in _without_rich_clears(child.screen.text)


def test_killed_session_keeps_every_decision_made(queue):
    home, (arsenal, lebron, real, serena), editor = queue
    child = spawn(home, editor)
    child.expect_exact("1 of 4")
    press(child, "s")  # skip: not a decision, nothing stored
    child.expect_exact("2 of 4")
    press(child, "a")
    child.expect_exact("3 of 4")
    child.terminate(force=True)  # SIGKILL: no chance to flush or clean up
    assert statuses(home) == {arsenal: "pending", lebron: "approved", real: "pending", serena: "pending"}

    child = spawn(home, editor)  # the next session starts with what is still pending
    child.expect_exact("1 of 3")
    child.expect_exact("Arsenal beat Chelsea")
    press(child, "q")
    child.expect(pexpect.EOF)


def _without_rich_clears(text: str) -> str:
    """Rich clears the screen between drafts with ESC[2J itself; count only the others."""
    return re.sub(r"\x1b\[2J\x1b\[H|\x1b\[H\x1b\[2J", "", text)
