"""Preference pairs from the review history (real SQLite, drafts made the way generation makes them),
`versus export --format dpo`, and the DPO stage of retrain on the real embedded model."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

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


def test_with_house_sign_offs_pairs_are_of_hooks_and_fact_lines(home):
    with Store(home / config.DB_FILE) as store:
        [tame, new_sign_off] = add_drafts(store, [
            Draft("LeBron James scores 40 in a Lakers win.", "LeBron scores 40. nice"),
            Draft("Serena Williams wins her comeback match.", "SERENA IS BACK 👑 she wins her comeback. queen"),
        ])
        store.decide(tame, "edit", final_text="40 😤 LeBron drops 40 in a Lakers W. KING 👑", reviewer="ed")
        store.decide(new_sign_off, "edit", final_text="SERENA IS BACK 👑 she wins her comeback. she's HER",
                     reviewer="ed")
        pairs = build_pairs(store.review_history(), heads_only=True)
    assert [(p.draft_id, p.chosen, p.rejected) for p in pairs] == [
        (tame, "40 😤 LeBron drops 40 in a Lakers W.", "LeBron scores 40."),
    ]  # an edit of the sign-off alone teaches the head nothing


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


# --- the DPO stage, on the real embedded model ----------------------------------------------------------


def bland_or_wrong(i: int, row: dict) -> str:
    """What the model wrote before the editor fixed it: assistant-speak, a copy of the news, or a number
    the news does not have."""
    if i % 3 == 0:
        return f"Sure! Here is a caption for the news: {row['snippet']}"
    if i % 3 == 1:
        return row["snippet"]
    return re.sub(r"\d+", lambda m: str(int(m.group()) + 7), row["caption"]) if re.search(r"\d", row["caption"]) \
        else row["caption"] + " 7-0 final 💯"


def planted_history(store: Store, rows: list[dict]) -> list:
    """Each row drafted as the model's bad caption, then edited by the editor into the seed caption."""
    ids = add_drafts(store, [Draft(r["snippet"], bland_or_wrong(i, r), hours_old=1 + i) for i, r in enumerate(rows)])
    for draft_id, row in zip(ids, rows):
        store.decide(draft_id, "edit", final_text=row["caption"], reviewer="ed")
    return build_pairs(store.review_history())


def guard_slips(spec, snippets: list[str]) -> int:
    """Invented facts and persona slips in the greedy captions `spec` writes for `snippets`."""
    from generate.backends.base import SamplingParams
    from generate.backends.transformers import TransformersBackend
    from generate.guards import draft_for

    backend = TransformersBackend(spec, dtype="float32")
    try:
        outputs = backend.generate(snippets, SamplingParams(temperature=0.0, max_new_tokens=48, n=1))
    finally:
        backend.close()
    flags = [f for snippet, out in zip(snippets, outputs) for f in draft_for(snippet, out)["flags"]]
    return sum(f.startswith(("invented_", "persona:")) for f in flags)


@pytest.mark.slow
def test_dpo_moves_the_sft_model_toward_the_editors_choices_on_held_out_pairs(embedded_base, tmp_path):
    from model.adapters import read_metadata
    from model.dataset import load_seed
    from model.registry import SHIPPED_ADAPTER, ModelSpec
    from model.train import DPOStageConfig, TrainConfig, train_dpo

    seed = load_seed()
    rows = [r for r in seed if r["split"] == "train"][:9] + [r for r in seed if r["split"] == "validation"][:6]
    with Store(tmp_path / "versus.db") as store:
        pairs = planted_history(store, rows)
    assert len(pairs) == 15 and {p.kind for p in pairs} == {"edit"}
    held_out_snippets = {r["snippet"] for r in rows[9:]}
    train_pairs = [p for p in pairs if p.snippet not in held_out_snippets]
    held_out = [p for p in pairs if p.snippet in held_out_snippets]

    adapter = tmp_path / "adapter"
    shutil.copytree(SHIPPED_ADAPTER, adapter)  # the SFT stage's output: the shipped SFT adapter
    spec = ModelSpec(version="sft", base=embedded_base, adapter=adapter)
    slips_before = guard_slips(spec, sorted(held_out_snippets))
    result = train_dpo(TrainConfig(base=embedded_base, output_dir=adapter, quantize="none"),
                       DPOStageConfig(learning_rate=2e-4, epochs=1, batch_size=3), train_pairs, held_out,
                       show_progress=False)
    slips_after = guard_slips(spec, sorted(held_out_snippets))
    print("DPO held-out margin:", result.margin_before, "->", result.margin_after, "guard slips:", slips_before,
          "->", slips_after, result.as_dict())
    assert result.steps == 3 and result.loss_last < result.loss_first
    assert result.margin_after > result.margin_before + 1.0  # log-prob margin, summed over caption tokens
    assert slips_after <= slips_before  # no more invented facts or persona slips in greedy captions

    assert not (adapter / "ref").exists()  # trl's frozen reference copy is not saved with the adapter
    meta = read_metadata(adapter)
    assert meta["dpo"]["margin_after"] == result.margin_after and meta["lora"]["r"] == 16


def sft_stand_in(calls: list):
    """retrain's SFT stage replaced by the shipped SFT adapter (SFT itself: tests/test_model.py)."""
    from model.registry import SHIPPED_ADAPTER
    from model.train import TrainResult

    def fake_train(train_config, dataset, show_progress):
        calls.append(train_config)
        shutil.copytree(SHIPPED_ADAPTER, train_config.output_dir)
        return TrainResult(train_config.output_dir, 2.0, 1.0, 1.0, 1, 0.1, False)

    return fake_train


def retrain_settings(base: str, **train) -> config.Settings:
    settings = config.Settings()
    settings.model.base = base
    for key, value in train.items():
        setattr(settings.train, key, value)
    return settings


@pytest.mark.slow
def test_retrain_runs_dpo_after_sft_when_enough_pairs_exist(embedded_base, tmp_path, monkeypatch):
    import retrain as retrain_module
    from model.adapters import read_metadata
    from model.dataset import load_seed

    calls: list = []
    monkeypatch.setattr(retrain_module, "train", sft_stand_in(calls))
    with Store(tmp_path / "versus.db") as store:
        planted_history(store, [r for r in load_seed() if r["split"] == "train"][:4])
        # Three pairs: the third draft's error is in its sign-off alone, which house sign-offs replace.
        settings = retrain_settings(embedded_base, dpo_min_pairs=3, dpo_learning_rate=2e-4)
        result = retrain_module.retrain(store, settings, tmp_path, min_approved=0, show_progress=False,
                                        gate=lambda new, active: "not merged in this test")
        row = store.model_version(result["version"])
    assert 1 <= result["dpo"]["pairs"] <= 4 and result["dpo"]["steps"] >= 1
    assert row["metrics"]["dpo"] == result["dpo"]
    assert read_metadata(Path(row["adapter_path"]))["dpo"]["steps"] == result["dpo"]["steps"]


@pytest.mark.parametrize("args, said", [
    ((), "DPO skipped: 2 preference pair(s), needs 20"),
    (("--no-dpo",), None),
])
def test_retrain_says_when_dpo_is_skipped_or_off(embedded_base, home, monkeypatch, args, said):
    import retrain as retrain_module
    from model.dataset import load_seed

    monkeypatch.setattr(retrain_module, "train", sft_stand_in([]))
    monkeypatch.setattr(retrain_module, "eval_gate", lambda *a: lambda new, active: "not merged in this test")
    monkeypatch.setattr(retrain_module, "train_dpo", lambda *a, **k: pytest.fail("DPO ran"))
    with Store(home / config.DB_FILE) as store:
        planted_history(store, [r for r in load_seed() if r["split"] == "train"][:2])
    (home / "config.toml").write_text(f'[model]\nbase = "{embedded_base}"\n')
    output = invoke_cli(home, "retrain", "--min-approved", "0", *args).output
    assert "Trained v1 on" in output
    assert (said in output) if said else ("DPO" not in output)
