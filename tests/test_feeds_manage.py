"""Issue 15.12: `feeds add` refuses what it could never poll, `feeds disable` keeps a feed but stops
polling it, and `feeds export` writes OPML that `feeds import` (or a feed reader) reads back."""

from __future__ import annotations

import json
import os

import config
from conftest import invoke_cli
from test_ingest_cli import FAST, write_feed


def test_add_refuses_a_missing_file_text_that_is_no_url_and_a_fifo(home, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    missing = invoke_cli(home, "feeds", "add", "feeds/typo.xml", code=1).output
    assert missing == (f"Error: no such file: {tmp_path / 'feeds' / 'typo.xml'} (a feed is an http(s) URL,"
                       " a file: URL or a feed file's path)\n")
    assert invoke_cli(home, "feeds", "add", "not a url at all", code=1).output.startswith("Error: no such file: ")
    os.mkfifo(tmp_path / "planted.xml")
    assert invoke_cli(home, "feeds", "add", "planted.xml", code=1).output == (
        f"Error: {tmp_path / 'planted.xml'} is not a regular file: a feed file must be one\n")
    assert invoke_cli(home, "feeds", "list", "--json").output.strip() in ("[]", "")


def test_import_skips_missing_files_and_fifos_an_opml_names(home, tmp_path):
    os.mkfifo(tmp_path / "planted.xml")
    write_feed(tmp_path / "real.xml", "Real", [("Celtic win", "A derby win.")])
    opml = tmp_path / "list.opml"
    opml.write_text('<opml version="2.0"><body><outline xmlUrl="real.xml"/><outline xmlUrl="planted.xml"/>'
                    '<outline xmlUrl="gone.xml"/></body></opml>')
    output = invoke_cli(home, "feeds", "import", str(opml)).output
    assert output.startswith(f"Imported {opml}: 1 added, 0 already present, 2 skipped.\n")
    assert f"  skipped: {tmp_path / 'planted.xml'} is not a regular file" in output
    assert f"  skipped: no such file: {tmp_path / 'gone.xml'}" in output


def test_disable_stops_polling_a_feed_and_enable_brings_it_back(home, tmp_path):
    (home / config.CONFIG_FILE).write_text(FAST)
    write_feed(tmp_path / "wire.xml", "Wire", [("Lakers sign Jones", "Three years, $45m.")])
    url = (tmp_path / "wire.xml").as_uri()
    invoke_cli(home, "feeds", "add", str(tmp_path / "wire.xml"))
    assert invoke_cli(home, "feeds", "disable", "1").output == f"Disabled feed 1: {url}\n"
    assert "disabled" in invoke_cli(home, "feeds", "list").output
    assert invoke_cli(home, "ingest", "--force", "--json").stdout.count('"feeds": 0') == 1
    assert invoke_cli(home, "feeds", "disable", "7", code=1).output == "Error: no such feed: 7\n"
    assert invoke_cli(home, "feeds", "enable", url).output == f"Enabled feed 1: {url}\n"
    assert json.loads(invoke_cli(home, "ingest", "--json").stdout)["new_items"] == 1


def test_export_writes_opml_that_import_reads_back(home, tmp_path):
    write_feed(tmp_path / "wire.xml", "Wire", [("Lakers sign Jones", "Three years, $45m.")])
    invoke_cli(home, "feeds", "add", "https://sport.example/rss?a=1&b=2", "--name", 'Scores & "Odds" <live>')
    invoke_cli(home, "feeds", "add", str(tmp_path / "wire.xml"))
    invoke_cli(home, "feeds", "disable", "2")
    document = invoke_cli(home, "feeds", "export").stdout
    assert document.startswith('<?xml version="1.0" encoding="UTF-8"?>\n<opml version="2.0">')
    target = tmp_path / "out" / "feeds.opml"
    target.parent.mkdir()
    assert invoke_cli(home, "feeds", "export", "-o", str(target)).stderr == f"Exported the feeds to {target}\n"
    assert target.read_text() == document
    other = tmp_path / "other"
    assert invoke_cli(other, "feeds", "import", str(target)).output.startswith(
        f"Imported {target}: 2 added, 0 already present.")
    feeds = json.loads(invoke_cli(other, "feeds", "list", "--json").output)
    assert [(f["url"], f["name"]) for f in feeds] == [
        ("https://sport.example/rss?a=1&b=2", 'Scores & "Odds" <live>'),
        ((tmp_path / "wire.xml").as_uri(), (tmp_path / "wire.xml").as_uri()),
    ]


def test_export_on_an_empty_home_is_an_empty_list(tmp_path):
    assert "<body />" in invoke_cli(tmp_path / "fresh", "feeds", "export").stdout
    assert not (tmp_path / "fresh").exists()


def test_a_feed_has_its_own_label_and_polling_interval(home, tmp_path):
    """Each feed may be polled on its own interval and carry a label; the poll schedules it by it."""
    import datetime as dt

    from store import Store, parse_iso

    (home / config.CONFIG_FILE).parent.mkdir(parents=True, exist_ok=True)
    (home / config.CONFIG_FILE).write_text(FAST)
    write_feed(tmp_path / "fast.xml", "Fast", [("Celtic win", "A derby win.")])
    write_feed(tmp_path / "slow.xml", "Slow", [("Rangers draw", "A derby draw.")])
    invoke_cli(home, "feeds", "add", str(tmp_path / "fast.xml"), "--label", "scotland", "--interval", "5")
    invoke_cli(home, "feeds", "add", str(tmp_path / "slow.xml"))
    listed = {f["id"]: f for f in json.loads(invoke_cli(home, "feeds", "list", "--json").output)}
    assert (listed[1]["label"], listed[1]["interval_minutes"]) == ("scotland", 5.0)
    assert (listed[2]["label"], listed[2]["interval_minutes"]) == (None, None)
    table = invoke_cli(home, "feeds", "list").output
    assert "[scotland]" in table and "(every 5 min)" in table and table.count("every") == 1

    invoke_cli(home, "ingest")
    with Store(home / config.DB_FILE) as store:
        waits = {f["id"]: parse_iso(f["next_check"]) - parse_iso(f["last_checked"]) for f in store.feeds()}
    second = dt.timedelta(seconds=1)  # next_check is rounded up to the second
    assert dt.timedelta(minutes=5) <= waits[1] <= dt.timedelta(minutes=5) + second
    default = dt.timedelta(minutes=config.IngestSettings().interval_minutes)
    assert default <= waits[2] <= default + second

    assert invoke_cli(home, "feeds", "set", "2", "--interval", "30", "--label", "rangers").output == (
        "Updated feed 2: label, interval_minutes\n")
    invoke_cli(home, "feeds", "set", "1", "--default-interval")
    listed = {f["id"]: f for f in json.loads(invoke_cli(home, "feeds", "list", "--json").output)}
    assert (listed[1]["interval_minutes"], listed[2]["interval_minutes"], listed[2]["label"]) == (None, 30.0, "rangers")
    assert invoke_cli(home, "feeds", "set", "9", "--label", "x", code=1).output == "Error: no such feed: 9\n"
    assert invoke_cli(home, "feeds", "set", "1", code=1).output.startswith("Error: nothing to change")
