"""Issue 15.1: text from outside (feed titles, item titles, errors, model output) is printed as text,
never as rich markup: a "[/bold]" does not crash a command and a "[link=...]" is not a hyperlink."""

from __future__ import annotations

import config
import cli
import review
from draftqueue import Draft, add_drafts
from store import Store
from conftest import invoke_cli
from test_ingest_cli import FAST, write_feed

CLOSING = "[/bold] Wire"
LINK = "[link=javascript:alert(1)]Sports[/link]"


def test_feed_and_item_markup_is_printed_as_text_everywhere(home, tmp_path):
    (home / config.CONFIG_FILE).write_text(FAST + "[review]\nstale_hours = 0\n")
    write_feed(tmp_path / "wire.xml", CLOSING, [(f"{LINK} beat Rangers 2-0", "Kyogo [/] scored twice.")])
    invoke_cli(home, "feeds", "add", str(tmp_path / "wire.xml"))
    invoke_cli(home, "ingest")
    with Store(home / config.DB_FILE) as store:
        store.update_feed(1, error_count=1, last_error="HTTP 500 [/bold] [link=javascript:x]click[/link]")
        add_drafts(store, [Draft(f"{LINK} snippet [/red].", f"caption [/bold] {LINK}", flags=["[/x]"])],
                   feed_name=CLOSING)
    listed = invoke_cli(home, "feeds", "list").output
    assert CLOSING in listed and "HTTP 500 [/bold] [link=javascript:x]click[/link]" in listed
    status = invoke_cli(home, "status").output
    assert CLOSING in status and "[link=javascript:x]click[/link]" in status
    assert LINK in invoke_cli(home, "snippets").output
    assert f"caption [/bold] {LINK}" in invoke_cli(home, "review", "--list", env={"COLUMNS": "300"}).output


def test_generate_and_the_review_screen_print_drafted_markup_as_text(home, capsys):
    with Store(home / config.DB_FILE) as store:
        add_drafts(store, [Draft(f"{LINK} beat Rangers [/bold].", f"CELTIC [/bold] {LINK}", flags=["[/x]"])],
                   feed_name=CLOSING)
        capsys.readouterr()
        cli.print_drafts(store.drafts(status="pending"))
        printed = capsys.readouterr().out
        review.Session(store, config.Settings(), home, "ed", cli.console, read_key=lambda: "q").run()
        screen = capsys.readouterr().out
    assert "[/bold]" in printed and "[/x]" in printed and "[link=" in printed
    assert CLOSING in screen and f"CELTIC [/bold] {LINK}" in screen
