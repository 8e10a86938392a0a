"""The store under ingest: migrations (design.md test 15) and the one-transaction-per-feed item write."""

from __future__ import annotations

import sqlite3
import threading
import time
from pathlib import Path

import pytest
from sqlite_utils.migrations import Migrations

import store as store_module
from store import Store

# What ingest (and the rest of the pipeline) relies on; later migrations may add more, never less.
EXPECTED_COLUMNS = {
    "feeds": {"id", "url", "name", "etag", "last_modified", "last_checked", "next_check", "error_count",
              "last_error", "last_status", "disabled", "created"},
    "items": {"id", "feed_id", "guid", "link", "title", "summary", "published", "fetched", "snippet_id"},
    "snippets": {"id", "text", "title", "link", "feed_id", "published", "story_key", "status", "claimed_by",
                 "lease_until", "attempts", "created"},
    "drafts": {"id", "snippet_id", "caption", "candidates", "scores", "flags", "model_version", "params", "status",
               "created", "updated"},
    "decisions": {"id", "draft_id", "action", "original_text", "final_text", "reason", "reviewer", "decided"},
    "model_versions": {"version", "base_model", "adapter_path", "status", "created", "promoted"},
    "job_runs": {"id", "job", "started", "finished", "outcome", "counts", "error"},
}


def schema(path: Path) -> list[tuple]:
    with Store(path) as opened:
        return opened._rows("select type, name, sql from sqlite_master order by name") + opened._rows(
            "select migration_set, name, applied_at from _sqlite_migrations order by id"
        )


def test_a_blank_database_gets_the_whole_schema(tmp_path):
    with Store(tmp_path / "versus.db") as opened:
        for table, columns in EXPECTED_COLUMNS.items():
            assert columns <= {c.name for c in opened.db[table].columns}, table
        assert opened.applied_migrations() == [m.name for m in store_module.migrations._migrations]
        assert opened.pending_migrations() == []
        unique = {
            (table, tuple(index.columns))
            for table in ("feeds", "items", "drafts")
            for index in opened.db[table].indexes
            if index.unique
        }
        assert {("feeds", ("url",)), ("items", ("feed_id", "guid")), ("drafts", ("snippet_id",))} <= unique
        assert opened.db.execute("pragma journal_mode").fetchone()[0] == "wal"


def test_opening_again_is_a_no_op(tmp_path):
    path = tmp_path / "versus.db"
    first = schema(path)
    assert schema(path) == first


def test_a_failing_migration_rolls_back_and_leaves_the_database_usable(tmp_path, monkeypatch):
    path = tmp_path / "versus.db"
    with Store(path) as opened:
        opened.add_feed("https://sport.example/feed.xml")
    before = schema(path)

    broken = Migrations(store_module.migrations.name)
    broken._migrations = list(store_module.migrations._migrations)

    @broken()
    def m999_half_done(db):
        db["half_done"].create({"id": int})
        db["feeds"].add_column("half_column", str)
        raise RuntimeError("migration failed midway")

    monkeypatch.setattr(store_module.base, "migrations", broken)
    with pytest.raises(RuntimeError, match="midway"):
        Store(path)
    monkeypatch.undo()

    assert schema(path) == before  # no half_done table, no half_column, not recorded as applied
    with Store(path) as reopened:
        assert [f["url"] for f in reopened.feeds()] == ["https://sport.example/feed.xml"]
        assert "m999_half_done" not in reopened.applied_migrations()


def test_each_migration_has_its_own_transaction_so_earlier_ones_stay_applied(tmp_path, monkeypatch):
    path = tmp_path / "versus.db"
    Store(path).close()
    broken = Migrations(store_module.migrations.name)
    broken._migrations = list(store_module.migrations._migrations)

    @broken()
    def m998_fine(db):
        db["fine"].create({"id": int})

    @broken()
    def m999_fails(db):
        db["half_done"].create({"id": int})
        raise RuntimeError("migration failed midway")

    monkeypatch.setattr(store_module.base, "migrations", broken)
    with pytest.raises(RuntimeError, match="midway"):
        Store(path)
    monkeypatch.undo()

    with Store(path) as reopened:
        assert reopened.applied_migrations()[-1] == "m998_fine"  # applied and recorded
        assert reopened.db["fine"].exists() and not reopened.db["half_done"].exists()


def test_two_stores_opening_a_new_database_at_once_run_each_migration_once(tmp_path, monkeypatch):
    path = tmp_path / "versus.db"
    # An empty database already in WAL mode: this test is about the migrations, not the mode switch.
    sqlite3.connect(path).execute("PRAGMA journal_mode = WAL").connection.close()
    runs = []
    slow = Migrations(store_module.migrations.name)
    slow._migrations = list(store_module.migrations._migrations)

    @slow()
    def m999_slow(db):
        runs.append(1)
        time.sleep(0.2)  # the other opener arrives while this one runs
        db["slow"].create({"id": int})  # a second run would fail: the table exists

    monkeypatch.setattr(store_module.base, "migrations", slow)
    start = threading.Barrier(2)
    errors = []

    def open_store():
        start.wait()
        try:
            Store(path).close()
        except Exception as e:  # noqa: BLE001 (reported by the assert below)
            errors.append(e)

    threads = [threading.Thread(target=open_store) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == [] and runs == [1]


def test_add_items_writes_items_snippets_and_the_feed_in_one_go(tmp_path):
    with Store(tmp_path / "versus.db") as opened:
        feed = opened.add_feed("https://sport.example/feed.xml")
        other = opened.add_feed("https://other.example/feed.xml")
        existing = {"guid": "o-1", "snippet": {"text": "Old story.", "story_key": "old story"}}
        opened.add_items(other["id"], [existing])
        shared = {"text": "Arsenal win.", "title": "Arsenal win", "story_key": "arsenal win"}
        items = [
            {"guid": "1", "title": "Arsenal win", "snippet": shared},
            {"guid": "2", "title": "Arsenal win again", "snippet": shared},  # same story, same document
            {"guid": "3", "snippet_id": existing["snippet_id"]},  # same story as another feed's
            {"guid": "4"},  # nothing to caption
            {"guid": "1", "snippet": {"text": "dup"}},  # a guid already written
        ]
        counts = opened.add_items(feed["id"], items, feed_changes={"name": "Sport", "last_status": 200})
        assert counts == {"new_items": 4, "duplicates": 3, "new_snippets": 1}
        assert items[0]["snippet_id"] == items[1]["snippet_id"] != existing["snippet_id"]
        assert items[2]["snippet_id"] == existing["snippet_id"] and items[3]["snippet_id"] is None
        assert opened.feed(feed["id"])["name"] == "Sport"
        assert opened.snippet(items[0]["snippet_id"])["feed_id"] == feed["id"]


def test_add_items_is_all_or_nothing(tmp_path):
    with Store(tmp_path / "versus.db") as opened:
        feed = opened.add_feed("https://sport.example/feed.xml")
        items = [{"guid": "1", "snippet": {"text": "Fine."}}, {"guid": "2", "snippet": {"text": None}}]  # NOT NULL
        with pytest.raises(Exception):
            opened.add_items(feed["id"], items, feed_changes={"last_status": 200})
        assert opened.db["items"].count == 0 and opened.db["snippets"].count == 0
        assert opened.feed(feed["id"])["last_status"] is None


def test_openers_racing_on_a_brand_new_file_all_get_a_wal_store(tmp_path):
    # The first opener's switch to WAL makes a simultaneous one's fail with "database is locked" at
    # once (busy_timeout does not cover it); every opener must still succeed.
    errors = []

    def open_store(path, start):
        start.wait()
        try:
            with Store(path) as opened:
                assert opened.db.execute("pragma journal_mode").fetchone()[0] == "wal"
        except Exception as e:  # noqa: BLE001 (reported by the assert below)
            errors.append(e)

    for attempt in range(30):
        start = threading.Barrier(4)
        threads = [threading.Thread(target=open_store, args=(tmp_path / f"{attempt}.db", start))
                   for _ in range(4)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    assert errors == []
