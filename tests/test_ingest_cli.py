"""The ingest commands through the real CLI (click's CliRunner on tmp homes): `feeds import`,
`ingest`, `snippets`, and design.md test 19: an empty home gets a helpful message and exit 0; bad
paths and options get a one-line error and no traceback."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import config
from feedserver import Reply, feed_server  # noqa: F401  (pytest fixture)
from ingest.poll import COUNT_KEYS
from store import Store
from conftest import invoke_cli

FAST = "[ingest]\nconnect_timeout = 1.0\nread_timeout = 1.0\nparse_workers = 1\n"

REPO = Path(__file__).resolve().parent.parent


def run(home: Path, *args: str, code: int = 0):
    return invoke_cli(home, *args, code=code)


def write_feed(path: Path, title: str, stories: list[tuple[str, str]]) -> None:
    items = "".join(
        f"<item><title>{headline}</title><guid>{title}-{i}</guid><link>https://sport.example/{title}/{i}</link>"
        f"<description>{body}</description><pubDate>Tue, 25 Nov 2025 1{i}:00:00 GMT</pubDate></item>"
        for i, (headline, body) in enumerate(stories)
    )
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(f"<rss version='2.0'><channel><title>{title}</title>{items}</channel></rss>", encoding="utf-8")


@pytest.fixture
def opml(tmp_path: Path) -> Path:
    """An OPML file with nested folders and relative paths, and the two local feeds it lists."""
    lists = tmp_path / "lists"
    write_feed(lists / "feeds" / "wire.xml", "Wire", [("Lakers sign Jones on $45m deal", "Three years."),
                                                      ("Celtic beat Rangers 2-0", "Kyogo scored twice.")])
    write_feed(lists / "feeds" / "pitch.xml", "Pitch", [("Celtic beat Rangers 2-0 at Ibrox", "A derby win.")])
    path = lists / "sports.opml"
    path.write_text(
        """<?xml version="1.0"?>
<opml version="2.0"><head><title>Sports</title></head><body>
  <outline text="Sport">
    <outline text="Basketball" title="Wire \u202eNews" type="rss" xmlUrl="feeds/wire.xml"/>
    <outline text="Football">
      <outline text="Pitch" type="rss" xmlURL="feeds/pitch.xml"/>
    </outline>
  </outline>
  <outline text="Remote" type="rss" xmlUrl="https://remote.example/rss"/>
  <outline text="Old" type="rss" xmlUrl="gopher://old.example/feed"/>
  <outline text="A plain link" htmlUrl="https://sport.example/"/>
</body></opml>""",
        encoding="utf-8",
    )
    return path


def test_import_adds_nested_feeds_resolving_relative_paths_against_the_opml_file(home, opml, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)  # not the OPML's folder: relative paths must not depend on the cwd
    result = run(home, "feeds", "import", str(opml))
    assert (result.exit_code, result.output) == (
        0,
        f"Imported {opml}: 3 added, 0 already present, 1 skipped.\n"
        "  skipped: unsupported feed URL scheme 'gopher' (use http, https, file or a path):"
        " gopher://old.example/feed\n",
    )
    feeds = json.loads(run(home, "feeds", "list", "--json").output)
    assert [(f["url"], f["name"]) for f in feeds] == [
        ((opml.parent / "feeds" / "wire.xml").as_uri(), "Wire News"),
        ((opml.parent / "feeds" / "pitch.xml").as_uri(), "Pitch"),
        ("https://remote.example/rss", "Remote"),
    ]
    again = run(home, "feeds", "import", str(opml))
    assert again.output.startswith(f"Imported {opml}: 0 added, 3 already present, 1 skipped.\n")


def test_ingest_json_then_snippets(home, opml):
    (home / config.CONFIG_FILE).write_text(FAST)
    run(home, "feeds", "import", str(opml))
    run(home, "feeds", "remove", "https://remote.example/rss")
    result = run(home, "ingest", "--json")
    assert result.exit_code == 0
    assert json.loads(result.stdout) == {
        "feeds": 2, "fetched": 2, "not_modified": 0, "failed": 0, "new_items": 3, "duplicates": 1, "new_snippets": 2,
    }
    snippets = json.loads(run(home, "snippets", "--json").output)
    assert [s["text"] for s in snippets] == [
        "Celtic beat Rangers 2-0. Kyogo scored twice.",
        "Lakers sign Jones on $45m deal. Three years.",
    ]
    assert set(snippets[0]) >= {"id", "text", "title", "feed_name", "link", "published", "status"}
    assert snippets[0]["link"] == "https://sport.example/Wire/1"

    table = run(home, "snippets", "--limit", "1").output
    assert "Celtic beat Rangers 2-0. Kyogo scored twice." in table and "https://sport.example/Wire/1" in table
    assert "Lakers" not in table  # --limit 1
    assert run(home, "snippets", "--status", "drafted").output == "No drafted snippets.\n"

    again = run(home, "ingest")
    assert again.stdout == "No feed is due yet (see `versus feeds list`); `versus ingest --force` polls them all now.\n"
    forced = run(home, "ingest", "--force")
    assert forced.stdout == (
        "Polled 2 feeds: 0 fetched, 2 unchanged, 0 failed. 0 new items, 0 new snippets, 0 duplicates.\n"
    )


def test_snippets_table_shows_each_items_title(home, tmp_path):
    (home / config.CONFIG_FILE).write_text(FAST)
    write_feed(tmp_path / "wire.xml", "Wire", [("Lakers sign Jones", "Three years, $45m.")])
    run(home, "feeds", "add", str(tmp_path / "wire.xml"))
    run(home, "ingest")
    lines = run(home, "snippets").output.splitlines()
    header = next(line for line in lines if "┃" in line)
    row = next(line for line in lines if "│" in line)
    assert [cell.strip() for cell in header.split("┃")[1:-1]] == ["id", "published", "feed", "title", "snippet and link"]
    assert [cell.strip() for cell in row.split("│")[3:5]] == ["Wire", "Lakers sign Jones"]


def test_remove_and_enable_take_the_path_or_url_that_add_took(home, tmp_path, monkeypatch):
    from store import Store

    monkeypatch.chdir(tmp_path)
    write_feed(tmp_path / "feeds" / "pitch.xml", "Pitch", [("Celtic win", "A derby win.")])
    stored = (tmp_path / "feeds" / "pitch.xml").as_uri()
    assert run(home, "feeds", "add", "feeds/pitch.xml").output == f"Added feed 1: {stored}\n"
    Store(home / config.DB_FILE).set_feed_disabled(1, True)
    assert run(home, "feeds", "enable", "feeds/pitch.xml").output == f"Enabled feed 1: {stored}\n"
    assert json.loads(run(home, "feeds", "list", "--json").output)[0]["disabled"] == 0
    assert run(home, "feeds", "remove", "./feeds/../feeds/pitch.xml").output == f"Removed feed 1: {stored}\n"
    for ref in ("1", stored, "file:feeds/pitch.xml"):  # an id, the stored URL, a file: URL
        run(home, "feeds", "add", "feeds/pitch.xml")
        assert run(home, "feeds", "remove", ref).output.startswith("Removed feed ")
    assert run(home, "feeds", "remove", "feeds/pitch.xml", code=1).output == "Error: no such feed: feeds/pitch.xml\n"


def test_ingest_summary_names_each_failed_feed(home, feed_server):
    (home / config.CONFIG_FILE).write_text(FAST)
    ok = feed_server.route("/ok.xml", Reply(body=b"<rss version='2.0'><channel><title>OK</title></channel></rss>"))
    broken = feed_server.route("/broken.xml", Reply(status=500))
    run(home, "feeds", "add", ok)
    run(home, "feeds", "add", broken)
    result = run(home, "ingest")
    assert (result.exit_code, result.stdout) == (
        0,
        "Polled 2 feeds: 1 fetched, 0 unchanged, 1 failed. 0 new items, 0 new snippets, 0 duplicates.\n"
        f"  feed 2 failed: {broken}: HTTP 500 Internal Server Error\n",
    )


@pytest.mark.parametrize(
    "args, output",
    [
        (["ingest"], "No feeds yet. Add one with `versus feeds add URL` or `versus feeds import FILE.opml`.\n"),
        (["snippets"], "No snippets yet. Add feeds (`versus feeds add URL`), then run `versus ingest`.\n"),
        (["snippets", "--status", "pending"], "No pending snippets.\n"),
        (["feeds", "list"], "No feeds yet. Add one with: versus feeds add URL\n"),
    ],
)
def test_empty_home_gets_a_helpful_message(tmp_path, args, output):
    result = run(tmp_path / "fresh", *args)
    assert (result.exit_code, result.output) == (0, output)


def test_empty_home_json_output(tmp_path):
    assert json.loads(run(tmp_path / "a", "ingest", "--json").stdout) == dict.fromkeys(COUNT_KEYS, 0)
    assert json.loads(run(tmp_path / "b", "snippets", "--json").stdout) == []
    assert not (tmp_path / "a").exists() and not (tmp_path / "b").exists()  # reading created nothing


@pytest.mark.parametrize(
    "args",
    [
        ["config"], ["status"], ["status", "--json"], ["review", "--list"], ["export"], ["models", "list"],
        ["feeds", "list", "--json"],
    ],
)
def test_every_other_read_command_on_an_empty_home_exits_0_and_says_something(tmp_path, args):
    result = run(tmp_path / "fresh", *args)
    assert result.exit_code == 0 and result.output.strip()


@pytest.mark.parametrize(
    "args, error",
    [
        (["feeds", "add", "ftp://files.example/x.xml"],
         "Error: unsupported feed URL scheme 'ftp' (use http, https, file or a path): ftp://files.example/x.xml"),
        (["feeds", "import", "missing.opml"], "Error: no such file: missing.opml"),
        (["feeds", "import", "."], "Error: . is a directory, not an OPML file"),
        (["feeds", "import", "{not_xml}"], "Error: {not_xml}: not valid XML (syntax error: line 1, column 0)"),
        (["feeds", "import", "{rss}"], "Error: {rss}: not an OPML file (the root element is <rss>, not <opml>)"),
        (["feeds", "remove", "42"], "Error: no such feed: 42"),
        (["feeds", "enable", "nope"], "Error: no such feed: nope"),
    ],
)
def test_bad_paths_and_values_are_one_line_errors(home, tmp_path, monkeypatch, args, error):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "not.xml").write_text("just text")
    (tmp_path / "feed.rss").write_text("<rss version='2.0'><channel/></rss>")
    paths = {"not_xml": "not.xml", "rss": "feed.rss"}
    args = [a.format(**paths) for a in args]
    result = run(home, *args, code=1)
    assert (result.exit_code, result.output) == (1, error.format(**paths) + "\n")


@pytest.mark.parametrize(
    "args, fragment",
    [
        (["snippets", "--status", "bogus"], "Invalid value for '--status'"),
        (["snippets", "--limit", "0"], "Invalid value for '--limit'"),
        (["ingest", "--fast"], "No such option"),
    ],
)
def test_bad_options_are_usage_errors_with_one_error_line(home, args, fragment):
    result = run(home, *args, code=2)
    errors = [line for line in result.output.splitlines() if line.startswith("Error:")]
    assert result.exit_code == 2 and len(errors) == 1 and fragment in errors[0]


def test_bad_home_and_bad_config_are_one_line_errors(tmp_path):
    not_a_dir = tmp_path / "file"
    not_a_dir.write_text("x")
    result = run(not_a_dir, "ingest", code=2)
    errors = [line for line in result.output.splitlines() if line.startswith("Error:")]
    assert result.exit_code == 2 and errors == [f"Error: Invalid value for '--home': Directory '{not_a_dir}' is a file."]
    home = tmp_path / "home"
    home.mkdir()
    (home / config.CONFIG_FILE).write_text("[ingest]\ntimeout = 3\n")
    result = run(home, "ingest", code=1)
    assert (result.exit_code, result.output) == (
        1, f"Error: {home / config.CONFIG_FILE}: unknown setting ingest.timeout\n"
    )


def test_the_bundled_feeds_collapse_reworded_stories_and_keep_related_ones_apart(home):
    # examples/README.md lists what is planted: 7 stories told by two feeds in their own words, one of
    # them ("Spurs" / "Tottenham") beyond word overlap; related stories that must stay apart.
    run(home, "feeds", "import", str(REPO / "examples" / "feeds.opml"))
    counts = json.loads(run(home, "ingest", "--json").stdout)
    assert (counts["new_items"], counts["new_snippets"], counts["duplicates"]) == (61, 55, 7)
    with Store(home / config.DB_FILE) as store:
        snippet_of = {row["title"]: row["snippet_id"] for row in store._rows("select title, snippet_id from items")}

    def same(a: str, b: str) -> bool:
        [x] = [s for t, s in snippet_of.items() if t.startswith(a)]
        [y] = [s for t, s in snippet_of.items() if t.startswith(b)]
        return x == y

    assert same("Spain beat Italy 2-1", "Spain edge Italy 2-1")
    assert same("Knicks outlast Celtics", "Whitfield’s 38 carries Knicks")
    assert same("Calvente to Real Madrid", "Real Madrid agree £100m")
    assert not same("Castellane wins in Las Vegas", "Marchetti takes Las Vegas pole")
    assert not same("Tottenham sack Henrik Solberg", "Spurs confirm Chris Dalton")
