"""Preference pairs from the review history (real SQLite, drafts made the way generation makes them),
`versus export --format dpo`, and the DPO stage of retrain on the real embedded model."""

from __future__ import annotations

import json

import pytest

import config
from conftest import invoke_cli
from draftqueue import Draft, add_drafts
from model.preferences import as_records, build_pairs
from model.prompt import build_messages
from store import Store


@pytest.fixture
def home(tmp_path):
    return tmp_path / "home"


def plant(store: Store) -> list[int]:
    """Five decided drafts: approved over two other candidates, edited, rejected alone, an approval and a
    rejection of the same story told twice (two snippets), and an approval that was undone."""
    ids = add_drafts(store, [
        Draft("Arsenal beat Chelsea 3-1 at the Emirates.", "ARSENAL COOKED CHELSEA 3-1 🔥",
              others=[("Arsenal won a football match.", ["missing_fact:3-1"]), ("arsenal  cooked chelsea 3-1 🔥", [])]),
        Draft("LeBron James scores 40 in a Lakers win.", "LeBron James scored 40 points.", hours_old=2),
        Draft("Real Madrid sign a striker for $45 million.", "REAL SHOPPING", hours_old=3),
        Draft("Serena Williams wins her comeback match.", "SERENA IS BACK 👑", hours_old=4),
        Draft("Serena Williams wins her comeback match!", "Serena Williams won a tennis match.", hours_old=5),
        Draft("Haaland scores a hat-trick for City.", "HAALAND x3", hours_old=6),
    ])
    store.decide(ids[0], "approve", reviewer="ed")
    store.decide(ids[1], "edit", final_text="KING JAMES DROPPED 40 👑", reviewer="ed")
    store.decide(ids[2], "reject", reason="too tame", reviewer="ed")
    store.decide(ids[3], "approve", reviewer="ed")
    store.decide(ids[4], "reject", reason="no energy", reviewer="ed")
    store.decide(ids[5], "approve", reviewer="ed")
    store.undo_last_decision("ed")
    return ids


def test_pairs_prefer_edits_approvals_over_the_rest_and_keep_reasons(home):
    with Store(home / config.DB_FILE) as store:
        ids = plant(store)
        pairs = build_pairs(store.review_history())
    assert [(p.draft_id, p.kind, p.chosen, p.rejected, p.reason) for p in pairs] == [
        (ids[0], "unchosen", "ARSENAL COOKED CHELSEA 3-1 🔥", "Arsenal won a football match.", None),
        (ids[1], "edit", "KING JAMES DROPPED 40 👑", "LeBron James scored 40 points.", None),
        (ids[3], "rejected", "SERENA IS BACK 👑", "Serena Williams won a tennis match.", "no energy"),
    ]  # a case-only variant is no pair; a lone rejection and an undone approval give none


def test_export_dpo_writes_trls_conversational_form_on_the_training_prompt(home):
    with Store(home / config.DB_FILE) as store:
        ids = plant(store)
    lines = [json.loads(line) for line in invoke_cli(home, "export", "--format", "dpo").output.splitlines()]
    assert len(lines) == 3
    edit = lines[1]
    assert edit["prompt"] == build_messages("LeBron James scores 40 in a Lakers win.")
    assert edit["chosen"] == [{"role": "assistant", "content": "KING JAMES DROPPED 40 👑"}]
    assert edit["rejected"] == [{"role": "assistant", "content": "LeBron James scored 40 points."}]
    assert (edit["kind"], edit["reason"], edit["draft_id"]) == ("edit", None, ids[1])
    assert lines[2]["reason"] == "no energy"


def test_export_dpo_to_a_file_and_on_an_empty_home(home, tmp_path):
    result = invoke_cli(home, "export", "--format", "dpo")
    assert (result.stdout, result.stderr) == ("", "No preference pairs yet: edit drafts, or approve one of "
                                                  "several candidates, with `versus review`.\n")
    with Store(home / config.DB_FILE) as store:
        plant(store)
    out = tmp_path / "pairs.jsonl"
    assert invoke_cli(home, "export", "--format", "dpo", "-o", str(out)).stderr == (
        f"Exported 3 preference pair(s) to {out}\n"
    )
    assert [json.loads(line)["kind"] for line in out.read_text().splitlines()] == ["unchosen", "edit", "rejected"]


def test_records_are_what_dpo_trainer_takes():
    [pair] = build_pairs([{"draft_id": 1, "snippet": "A 2-0 win.", "candidates": [], "action": "edit",
                           "original_text": "A win.", "final_text": "2-0 WIN", "reason": None}])
    assert as_records([pair]) == [{"prompt": build_messages("A 2-0 win."),
                                   "chosen": [{"role": "assistant", "content": "2-0 WIN"}],
                                   "rejected": [{"role": "assistant", "content": "A win."}]}]
