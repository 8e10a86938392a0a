"""Issue 15.11: what cron can see. `ingest` exits 1 when every polled feed failed; `generate` with
nothing to draft says how many pending snippets it skipped as stale and which setting changes that."""

from __future__ import annotations

import datetime as dt
import json

import config
from feedserver import Reply, feed_server  # noqa: F401  (pytest fixture)
from store import Store, iso, now
from conftest import invoke_cli
from test_ingest_cli import FAST


def test_ingest_exits_1_when_every_feed_failed_and_0_when_one_worked(home, feed_server):
    (home / config.CONFIG_FILE).write_text(FAST)
    broken = feed_server.route("/broken.xml", Reply(status=500))
    invoke_cli(home, "feeds", "add", broken)
    invoke_cli(home, "feeds", "add", feed_server.route("/gone.xml", Reply(status=404)))
    result = invoke_cli(home, "ingest", code=1)
    assert result.stdout.startswith("Polled 2 feeds: 0 fetched, 0 unchanged, 2 failed.")
    assert f"feed 1 failed: {broken}: HTTP 500" in result.stdout
    assert json.loads(invoke_cli(home, "ingest", "--force", "--json", code=1).stdout)["failed"] == 2
    ok = feed_server.route("/ok.xml", Reply(body=b"<rss version='2.0'><channel><title>OK</title></channel></rss>"))
    invoke_cli(home, "feeds", "add", ok)
    assert "3 feeds: 1 fetched, 0 unchanged, 2 failed" in invoke_cli(home, "ingest", "--force", code=0).stdout


def test_generate_with_only_stale_snippets_says_how_many_and_how_to_draft_them(home):
    (home / config.CONFIG_FILE).write_text('[model]\nbase = "/nonexistent/model"\n[review]\nstale_hours = 48\n')
    old = iso(now() - dt.timedelta(days=10))
    with Store(home / config.DB_FILE) as store:
        feed = store.add_feed("https://feeds.example/sports", "Sports")
        store.add_items(feed["id"], [{"guid": f"g{i}", "title": f"Story {i}", "published": old, "snippet": {
            "text": f"Arsenal beat Chelsea {i}-1.", "published": old, "story_key": f"s{i}"}} for i in range(3)])
    output = invoke_cli(home, "generate").output
    assert output == (
        "Nothing to draft: 3 pending snippet(s) are about news older than 48 hours, skipped as stale. To draft them,"
        f" raise [review] stale_hours in {home / config.CONFIG_FILE} (0: never stale).\n")
