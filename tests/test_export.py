"""`versus export`: approved captions as JSONL or CSV, the edited text winning, --since, atomic files."""

from __future__ import annotations

import csv
import io
import json

import pytest

import config
import export
from draftqueue import Draft, add_drafts
from store import Store
from conftest import invoke_cli


@pytest.fixture
def home(tmp_path):
    return tmp_path / "home"


@pytest.fixture
def decided(home):
    """Four drafts: approved, edited, rejected, pending."""
    with Store(home / config.DB_FILE) as store:
        ids = add_drafts(store, [
            Draft("Arsenal beat Chelsea 3-1 at the Emirates.", "ARSENAL COOKED CHELSEA 3-1"),
            Draft("LeBron James scores 40, Lakers win.", "KING JAMES 40", hours_old=2),
            Draft("Real Madrid sign a striker.", "REAL SHOPPING", hours_old=3),
            Draft("Serena Williams returns.", "SERENA BACK", hours_old=4),
        ])
        store.decide(ids[0], "approve", reviewer="ed")
        store.decide(ids[1], "edit", final_text="LEBRON, 40 PIECE, \"DINNER\"", reviewer="ed")
        store.decide(ids[2], "reject", reason="meh", reviewer="ed")
    return ids


def run(home, *args, code=0):
    return invoke_cli(home, "export", *args, code=code)


def test_jsonl_to_stdout(home, decided):
    result = run(home)
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert [(r["draft_id"], r["caption"], r["action"]) for r in rows] == [
        (decided[0], "ARSENAL COOKED CHELSEA 3-1", "approve"),
        (decided[1], 'LEBRON, 40 PIECE, "DINNER"', "edit"),
    ]
    first = rows[0]
    assert list(first) == list(export.FIELDS)
    assert first["snippet"] == "Arsenal beat Chelsea 3-1 at the Emirates."
    assert first["link"] == "https://news.example/story/0"
    assert first["model_version"] == "v1"
    assert first["approved"].endswith("Z") and first["reviewer"] == "ed"
    assert rows[1]["model_caption"] == "KING JAMES 40"


def test_csv_to_a_file_round_trips(home, decided, tmp_path):
    target = tmp_path / "out" / "approved.csv"
    target.parent.mkdir()
    result = run(home, "--format", "csv", "--output", str(target))
    assert result.stderr == f"Exported 2 approved caption(s) to {target}\n"
    assert result.stdout == ""
    rows = list(csv.DictReader(io.StringIO(target.read_text(encoding="utf-8"))))
    assert [r["caption"] for r in rows] == ["ARSENAL COOKED CHELSEA 3-1", 'LEBRON, 40 PIECE, "DINNER"']
    assert list(rows[0]) == list(export.FIELDS)
    assert [p.name for p in target.parent.iterdir()] == ["approved.csv"]  # no temp file left


def test_since_filters_on_approval_time(home, decided):
    with Store(home / config.DB_FILE) as store:  # back-date the first approval
        store.db.execute("update decisions set decided = '2026-01-02T10:00:00Z' where draft_id = ?", [decided[0]])
        store.db.conn.commit()
    assert [json.loads(line)["draft_id"] for line in run(home, "--since", "2026-01-03").stdout.splitlines()] == [
        decided[1]
    ]
    assert len(run(home, "--since", "2026-01-02T09:59:59").stdout.splitlines()) == 2
    result = run(home, "--since", "yesterday", code=2)
    assert result.exit_code == 2 and "Invalid value for '--since'" in result.output


def test_empty_home_exports_nothing_and_says_so(tmp_path):
    result = run(tmp_path / "empty")
    assert (result.exit_code, result.stdout) == (0, "")
    assert result.stderr == "No approved captions yet: approve some with `versus review`.\n"
    csv_result = run(tmp_path / "empty", "--format", "csv")
    assert csv_result.stdout == ",".join(export.FIELDS) + "\n"


def test_unwritable_output_is_a_one_line_error(home, decided, tmp_path):
    result = run(home, "--output", str(tmp_path / "missing-dir" / "x.jsonl"), code=1)
    assert result.exit_code == 1
    assert result.output.startswith("Error: ") and result.output.count("\n") == 1


def test_a_failed_export_keeps_the_previous_file(home, decided, tmp_path, monkeypatch):
    target = tmp_path / "approved.jsonl"
    target.write_text("previous export\n")

    def broken(rows, fmt, out, clean=None):
        out.write("half a row")
        raise OSError("disk full")

    monkeypatch.setattr(export, "write", broken)
    with Store(home / config.DB_FILE) as store, pytest.raises(OSError):
        export.export_to_file(store, "jsonl", target)
    assert target.read_text() == "previous export\n"
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".approved")] == []


def test_terminal_output_is_stripped_of_escapes(home):
    with Store(home / config.DB_FILE) as store:
        [draft] = add_drafts(store, [Draft("News \x1b]0;pwned\x07 here.", "CAPTION")])
        store.decide(draft, "edit", final_text="EDIT \x1b[2J DONE", reviewer="ed")
        out = io.StringIO()
        export.export_to_stream(store, "jsonl", out, for_terminal=True)
        raw = io.StringIO()
        export.export_to_stream(store, "jsonl", raw, for_terminal=False)
    row = json.loads(out.getvalue())
    assert (row["snippet"], row["caption"]) == ("News  here.", "EDIT  DONE")
    assert json.loads(raw.getvalue())["caption"] == "EDIT \x1b[2J DONE"  # a file keeps the data as is


FORMULAS = ["=HYPERLINK(\"http://evil.example\",\"x\")", "=cmd|'/c calc'!A1", "+1+1", "-2+3", "@SUM(A1)",
            "\t=1+1", "\r=1+1"]


def test_csv_cells_that_a_spreadsheet_would_run_are_neutralised_and_jsonl_stays_exact(home, tmp_path):
    with Store(home / config.DB_FILE) as store:
        ids = add_drafts(store, [Draft(f"Snippet {i}.", f"CAPTION {i}") for i in range(len(FORMULAS))])
        for draft_id, formula in zip(ids, FORMULAS):
            store.decide(draft_id, "edit", final_text=formula, reviewer="=ed")
    target = tmp_path / "approved.csv"
    run(home, "--format", "csv", "--output", str(target))
    rows = list(csv.DictReader(io.StringIO(target.read_bytes().decode("utf-8"), newline="")))
    assert sorted(r["caption"] for r in rows) == sorted("'" + f for f in FORMULAS)
    assert {r["reviewer"] for r in rows} == {"'=ed"}
    assert all(r["snippet"].startswith("Snippet ") for r in rows)
    jsonl = [json.loads(line) for line in run(home).stdout.splitlines()]
    assert sorted(r["caption"] for r in jsonl) == sorted(FORMULAS)
