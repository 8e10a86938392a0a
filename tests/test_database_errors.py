"""Issue 15.8: a database that fails under a command (corrupt mid-file, disk full) is one line, not a
traceback, and a generate job that fails that way hands its claims back when the database lets it."""

from __future__ import annotations

import pytest

import config
import scheduler
from draftqueue import Draft, add_drafts
from generate import queue
from generate.backends.base import BackendError
from store import Store
from conftest import invoke_cli
from test_generate import FakeBackend


@pytest.fixture
def corrupt_home(home):
    """A home whose database has a valid header and first pages but garbage in the middle."""
    with Store(home / config.DB_FILE) as store:
        add_drafts(store, [Draft(f"Arsenal beat Chelsea {i}-1 at the Emirates on Sunday.", f"GUNNERS {i}")
                           for i in range(300)])
        for i in range(200):
            store.add_feed(f"https://feeds.example/{i}", f"Feed {i} " * 20)
    path = home / config.DB_FILE
    size = path.stat().st_size
    with open(path, "r+b") as f:
        f.seek(size // 4)
        f.write(b"\xff" * (size - size // 4))
    return home


@pytest.mark.parametrize("args", [["review", "--list"], ["ingest"], ["daemon", "--once"], ["snippets"],
                                  ["feeds", "list"], ["generate"], ["status"]])
def test_a_corrupt_database_is_a_one_line_error(corrupt_home, args):
    output = invoke_cli(corrupt_home, *args, code=1).output
    assert output.endswith(f"Error: database {corrupt_home / config.DB_FILE}: database disk image is malformed\n")
    scheduler.release_lock(scheduler.acquire_lock(corrupt_home))  # a failed daemon left the home free


class FillsTheDisk(FakeBackend):
    """Canned captions; while generating, the database stops growing, as on a full disk, so writing
    the drafts fails with SQLite's real "database or disk is full" (updating rows in place still works)."""

    def __init__(self, store: Store):
        super().__init__(["ARSENAL WON " * 30])
        self.store = store

    def generate(self, snippets, params, progress=None):
        pages = self.store.db.execute("PRAGMA page_count").fetchone()[0]
        self.store.db.execute(f"PRAGMA max_page_count = {pages}")
        return super().generate(snippets, params, progress)


def seed_snippets(home, count=16) -> None:
    (home / config.CONFIG_FILE).write_text("[review]\nstale_hours = 0\n")
    with Store(home / config.DB_FILE) as store:
        feed = store.add_feed("https://feeds.example/sports", "Sports")
        store.add_items(feed["id"], [{"guid": f"g{i}", "title": f"Story {i}", "snippet": {
            "text": f"Arsenal beat Chelsea {i}-1 at the Emirates. " * 6, "story_key": f"s{i}"}}
            for i in range(count)])


def test_a_full_disk_during_generate_is_one_line_and_the_claims_are_handed_back(home, monkeypatch):
    seed_snippets(home)
    # The CLI's own store, for the backend to fill up.
    monkeypatch.setattr(queue, "open_active_backend", lambda store, settings, home: FillsTheDisk(store))
    output = invoke_cli(home, "generate", code=1).output
    assert output == f"Error: database {home / config.DB_FILE}: database or disk is full\n"
    with Store(home / config.DB_FILE) as store:
        assert store.count_by_status("snippets") == {"pending": 16} and store.drafts() == []


def test_a_claim_release_that_fails_too_does_not_hide_the_error_that_stopped_generate(home):
    seed_snippets(home)

    class BreaksTheDatabase(FakeBackend):
        def generate(self, snippets, params, progress=None):
            store.db.execute("PRAGMA query_only = ON")  # no write works any more, the release neither
            raise BackendError("the model server went away")

    with Store(home / config.DB_FILE) as store:
        with pytest.raises(BackendError, match="went away"):
            queue.generate_pending(store, config.Settings(), home, backend=BreaksTheDatabase([]))
    generation = config.Settings().generation
    claimed = min(16, generation.batch_size // generation.n)  # the first batch's claims, left to their leases
    with Store(home / config.DB_FILE) as store:
        assert store.count_by_status("snippets") == {"claimed": claimed} | ({"pending": 16 - claimed} if claimed < 16 else {})
