"""`versus status`: feeds' health, queue sizes, the active model, the daemon and its last job runs."""

from __future__ import annotations

import json
import os

import pytest

import config
import scheduler
from draftqueue import Draft, add_drafts
from store import Store
from conftest import invoke_cli


def run(home, *args, code=0):
    return invoke_cli(home, "status", *args, code=code)


def test_empty_home_is_a_helpful_message_and_creates_nothing(tmp_path):
    home = tmp_path / "fresh"
    result = run(home)
    assert (result.exit_code, result.output) == (
        0,
        f"Nothing in {home} yet. Add a feed with `versus feeds add URL`, then run `versus daemon` "
        "(or `versus daemon --once`).\n",
    )
    assert json.loads(run(home, "--json").output) == {"home": str(home), "daemon_pid": None, "initialized": False}
    assert not home.exists()


@pytest.fixture
def busy_home(tmp_path):
    home = tmp_path / "home"
    with Store(home / config.DB_FILE) as store:
        ids = add_drafts(store, [Draft("Arsenal beat Chelsea 3-1.", "GUNNERS"), Draft("Lakers win.", "LA W")])
        store.decide(ids[0], "approve", reviewer="ed")
        failing = store.add_feed("https://feeds.example/broken", "Broken \x1b[31mFeed")
        store.update_feed(failing["id"], error_count=3, last_error="HTTP 500 \x1b]0;pwned\x07",
                          next_check="2030-01-01T00:00:00Z")
        gone = store.add_feed("https://feeds.example/gone", "Gone Feed")
        store.set_feed_disabled(gone["id"], True)
        store.add_model_version({"base_model": "embedded", "adapter_path": "/x"}, activate=True)
        ok = store.start_job("ingest")
        store.finish_job(ok, "ok", {"new_snippets": 2})
        bad = store.start_job("generate")
        store.finish_job(bad, "failed", None, "ModelNotFound: no model")
        newer = store.start_job("generate")
        store.finish_job(newer, "ok", {"drafts": 2})
    return home


def test_status_summary_json(busy_home):
    s = json.loads(run(busy_home, "--json").output)
    assert s["initialized"] is True and s["daemon_pid"] is None
    assert [(f["name"], f["disabled"], f["error_count"]) for f in s["feeds"]] == [
        ("Test Sports", 0, 0), ("Broken \x1b[31mFeed", 0, 3), ("Gone Feed", 1, 0)
    ]
    assert s["snippets"] == {"drafted": 2}
    assert s["drafts"] == {"approved": 1, "pending": 1}
    assert s["model"]["version"] == "v1" and s["model"]["status"] == "active"
    assert [(j["job"], j["outcome"], j["counts"]) for j in s["jobs"]] == [
        ("generate", "ok", {"drafts": 2}), ("ingest", "ok", {"new_snippets": 2})
    ]
    assert [(j["job"], j["error"]) for j in s["recent_errors"]] == [("generate", "ModelNotFound: no model")]


def test_status_table(busy_home):
    out = run(busy_home).output
    assert "Daemon:   not running" in out
    assert "Model:    v1 (active since " in out
    assert "Snippets: drafted 2" in out
    assert "Drafts:   approved 1  pending 1" in out
    lines = out.splitlines()
    assert any("Test Sports" in line and " ok " in line and " now " in line for line in lines)
    assert any("Broken Feed" in line and "failing (3)" in line and "2030-01-01T00:00:00Z" in line
               and "HTTP 500" in line for line in lines)
    assert any("Gone Feed" in line and "disabled" in line for line in lines)
    assert any("generate" in line and "failed" in line and "ModelNotFound: no model" in line for line in lines)
    assert "\x1b" not in out and "pwned" not in out


def test_status_shows_the_running_daemon(busy_home):
    fd = scheduler.acquire_lock(busy_home)
    try:
        assert f"Daemon:   running (pid {os.getpid()})" in run(busy_home).output
        assert json.loads(run(busy_home, "--json").output)["daemon_pid"] == os.getpid()
    finally:
        scheduler.release_lock(fd)
    assert "Daemon:   not running" in run(busy_home).output
