"""`versus eval` and the promotion gate: metrics on planted captions, the validation loss against
the trainer's, the gate's verdicts on planted metrics and wired into a real retrain, the CLI with a
report, and the shipped adapter measured against the bare base model."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
import torch
from click.testing import CliRunner

import config
from cli import cli
from generate.eval import run as evaluate
from generate.backends.base import ModelSpec
from generate.eval.gate import eval_gate, gate_verdict
from generate.eval.run import Item, distinct_n, held_out, summarize
from model.registry import failed_gate
import retrain as retrain_module
from model.adapters import save_adapter
from model.registry import SHIPPED_ADAPTER
from retrain import retrain
from model.train import TrainResult
from store import Store

SNIPPET = "Arsenal beat Chelsea 3-1 at the Emirates on Sunday; Bukayo Saka scored twice."


def lora_adapter(base: str, directory: Path, seed: int = 0) -> Path:
    """A LoRA adapter with random (not zero-initialized) B matrices: it changes the outputs."""
    from peft import LoraConfig, get_peft_model
    from transformers import AutoModelForCausalLM, AutoTokenizer

    torch.manual_seed(seed)
    model = AutoModelForCausalLM.from_pretrained(base, dtype=torch.float32)
    lora = LoraConfig(r=4, lora_alpha=8, target_modules=["q_proj", "v_proj"], init_lora_weights=False,
                      task_type="CAUSAL_LM")
    save_adapter(get_peft_model(model, lora), AutoTokenizer.from_pretrained(base), directory, {})
    return directory


@pytest.fixture(scope="module")
def adapter(embedded_base, tmp_path_factory) -> Path:
    return lora_adapter(embedded_base, tmp_path_factory.mktemp("eval") / "lora")


# --- metrics ---------------------------------------------------------------------------------------------


def test_summarize_counts_leaks_inventions_and_diversity():
    items = [Item(str(i), SNIPPET) for i in range(4)]
    captions = [
        "SAKA IS HIM 🔥🔥 Arsenal 3-1 Chelsea, the Emirates is LOUD!!",  # clean and loud
        "As an AI language model, I cannot verify that Arsenal won 3-1.",  # persona leak
        "Saka scored 4 goals as Arsenal won 3-1!",  # invents the number 4
        "",  # empty
    ]
    metrics, rows = summarize(items, captions)
    assert metrics["snippets"] == 4
    assert metrics["postable_rate"] == 0.25 and [r["postable"] for r in rows] == [True, False, False, False]
    assert metrics["persona_rate"] == 0.25
    assert metrics["invented_rate"] == 0.25
    assert [r["invented"] for r in rows] == [0, 0, 1, 0]
    assert sum(metrics["style"]["histogram"]) == 4
    assert metrics["style"]["max"] == rows[0]["style"] > 0.6
    assert metrics["style"]["min"] == 0.0  # the empty caption
    assert metrics["style"]["mean"] == pytest.approx(sum(r["style"] for r in rows) / 4, abs=1e-4)


def test_summarize_counts_contradictions_and_made_up_words():
    items = [Item(str(i), SNIPPET) for i in range(3)]
    captions = [
        "CHELSEA BEAT ARSENAL 3-1 🔥🔥 SAKA IS HIM!!",  # the loser named the winner
        "UNLESSLY LOUD 🔥🔥 Arsenal 3-1 Chelsea, SAKA IS HIM!!",  # a made-up word
        "SAKA IS HIM 🔥🔥 Arsenal 3-1 Chelsea, the Emirates is LOUD!!",
    ]
    metrics, rows = summarize(items, captions)
    assert [r["meaning"] for r in rows] == [1, 0, 0] and [r["made_up"] for r in rows] == [0, 1, 0]
    assert metrics["meaning_rate"] == metrics["made_up_rate"] == metrics["postable_rate"] == 0.3333


def test_distinct_2():
    assert distinct_n(["a b c", "a b d"]) == 0.75  # (a b) repeats once
    assert distinct_n(["go go go go"]) == 0.3333  # rounded to 4 places
    assert distinct_n(["one", ""]) == 0.0  # no pairs at all


def test_held_out_set_defaults_to_the_seed_validation_split_and_reads_jsonl(tmp_path):
    name, items = held_out()
    assert name == "seed validation split" and len(items) == 213
    assert all(i.reference for i in items)
    path = tmp_path / "set.jsonl"
    path.write_text(json.dumps({"id": "a", "snippet": SNIPPET}) + "\n\n"
                    + json.dumps({"snippet": "Lakers win.", "caption": "LA W 🔥"}) + "\n")
    assert held_out(path)[1] == [Item("a", SNIPPET, None), Item("3", "Lakers win.", "LA W 🔥")]
    assert len(held_out(path, limit=1)[1]) == 1
    path.write_text('{"id": 1}\n')
    with pytest.raises(ValueError, match=r"set.jsonl:1: expected an object"):
        held_out(path)


def test_reference_loss_equals_the_trainers_validation_loss(embedded_base, tmp_path):
    """The eval's teacher-forced loss is computed on exactly the tokens trl's SFTTrainer evaluates."""
    from model.dataset import Dataset, Pair
    from model.train import TrainConfig, build_trainer

    _, items = held_out(limit=3)
    pairs = [Pair(i.snippet, i.reference, i.id) for i in items]
    trainer = build_trainer(TrainConfig(base=embedded_base, output_dir=tmp_path / "a", batch_size=8),
                            Dataset(train=pairs[:1], validation=pairs))
    expected = trainer.evaluate()["eval_loss"]  # LoRA B starts at zero: the base model's loss
    model = trainer.model.get_base_model()
    ours = evaluate.reference_loss(model, trainer.processing_class, [(p.snippet, p.caption) for p in pairs])
    assert ours == pytest.approx(expected, abs=2e-3)


@pytest.mark.parametrize("closers, cut", [("house", True), ("model", False)])
def test_with_house_sign_offs_the_validation_loss_is_the_references_hooks_and_fact_lines(embedded_base, closers, cut):
    """What the model is trained on (model.dataset.build_dataset, heads_only with house sign-offs) is what
    the eval scores it by."""
    from text import split_sign_off

    _, items = held_out(limit=3)
    settings = config.Settings()
    settings.generation.backend, settings.generation.closers = "transformers", closers
    params = evaluate.eval_params(settings.generation, max_new_tokens=2)
    spec = ModelSpec("base", embedded_base)
    result = evaluate.evaluate(spec, items, settings, params)
    from generate.backends.transformers import load_model

    model, tokenizer = load_model(spec)
    expected = evaluate.reference_loss(model, tokenizer, [
        (i.snippet, split_sign_off(i.reference)[0] if cut else i.reference) for i in items])
    assert result["val_loss"] == pytest.approx(expected, abs=1e-4)


# --- the gate --------------------------------------------------------------------------------------------


def planted(version: str, style: float, persona: float = 0.0, invented: float = 0.0, postable: float = 0.5) -> dict:
    return {"version": version, "snippets": 33, "style": {"mean": style}, "persona_rate": persona,
            "invented_rate": invented, "postable_rate": postable}


def test_gate_verdict_on_planted_metrics():
    active = planted("v1", 0.50, persona=0.06, invented=0.12)
    assert gate_verdict(planted("v2", 0.55, 0.03, 0.09), active) is None  # better everywhere
    assert gate_verdict(planted("v2", 0.50, 0.06, 0.12), active) is None  # a tie
    assert gate_verdict(planted("v2", 0.495, 0.06, 0.12), active) is None  # within STYLE_TOLERANCE
    reason = gate_verdict(planted("v2", 0.48, 0.06, 0.12), active)
    assert reason == "style score fell to 0.480 from 0.500 (vs v1 on 33 held-out snippets)"
    assert "persona-leak rate rose to 9% from 6%" in gate_verdict(planted("v2", 0.70, 0.09, 0.0), active)
    both = gate_verdict(planted("v2", 0.70, 0.09, 0.15), active)
    assert "persona-leak rate rose" in both and "invented-fact rate rose to 15% from 12%" in both


def test_gate_refuses_a_version_whose_postable_rate_falls():
    active = planted("v1", 0.50, postable=0.5)
    assert gate_verdict(planted("v2", 0.50, postable=0.5 - 1 / 33), active) is None  # one caption in 33: noise
    assert gate_verdict(planted("v2", 0.40, postable=0.7), planted("v1", 0.40, postable=0.5)) is None
    reason = gate_verdict(planted("v2", 0.60, postable=0.5 - 2 / 33), active)
    assert reason == "postable rate fell to 44% from 50% (vs v1 on 33 held-out snippets)"


def fake_train(adapter: Path):
    """model.train.train standing in for a real fine-tune: the "trained" adapter is a copy."""

    def train(train_config, dataset, show_progress=True):
        shutil.copytree(adapter, train_config.output_dir)
        return TrainResult(train_config.output_dir, 2.0, 1.0, 1.5, 1, 0.1, False)

    return train


@pytest.fixture
def gated_home(tmp_path, embedded_base, adapter, monkeypatch):
    """A home on the embedded base (as a local dir) with v1 active; retrain "trains" a copy of it."""
    home = tmp_path / "home"
    home.mkdir()
    (home / config.CONFIG_FILE).write_text(f'[model]\nbase = "{embedded_base}"\n')
    settings = config.load_settings(home)
    with Store(home / config.DB_FILE) as store:
        store.add_model_version({"base_model": embedded_base, "adapter_path": str(adapter)}, activate=True)
    monkeypatch.setattr(retrain_module, "train", fake_train(adapter))
    return home, settings


def test_gate_keeps_a_regressing_version_inactive_and_promote_needs_force(gated_home):
    home, settings = gated_home
    calls = []

    def evaluator(spec, items, params):
        calls.append((spec.version, [i.id for i in items], params))
        return planted(spec.version, 0.40 if spec.version == "v2" else 0.50, persona=0.0)

    with Store(home / config.DB_FILE) as store:
        result = retrain(store, settings, home, min_approved=0, show_progress=False,
                         gate=eval_gate(store, settings, home, evaluator=evaluator))
        assert (result["version"], result["promoted"]) == ("v2", False)
        assert result["reason"].startswith("style score fell to 0.400 from 0.500 (vs v1")
        v1, v2 = store.model_versions()
        assert (v1["status"], v2["status"]) == ("active", "inactive")
        assert v2["metrics"]["gate"]["passed"] is False and v2["metrics"]["eval"]["style"]["mean"] == 0.40
        assert v1["metrics"]["eval"]["style"]["mean"] == 0.50
        assert failed_gate(v2) == result["reason"] and failed_gate(v1) is None
    # Both versions judged on the same snippets with the same greedy parameters and seed.
    (new, new_ids, new_params), (old, old_ids, old_params) = calls
    assert (new, old) == ("v2", "v1") and new_ids == old_ids and len(new_ids) == 213
    assert new_params == old_params and new_params.greedy and new_params.seed == settings.generation.seed

    runner = CliRunner()
    refused = runner.invoke(cli, ["--home", str(home), "models", "promote", "v2"])
    assert refused.exit_code == 1
    assert refused.output == (f"Error: v2 failed the promotion gate ({result['reason']}); "
                              "use --force to promote it anyway\n")
    forced = runner.invoke(cli, ["--home", str(home), "models", "promote", "--force", "v2"])
    assert (forced.exit_code, forced.output) == (0, "Active model: v2\n")
    back = runner.invoke(cli, ["--home", str(home), "models", "promote", "v1"])  # never failed a gate
    assert (back.exit_code, back.output) == (0, "Active model: v1\n")


def test_gate_promotes_a_version_that_holds_up(gated_home):
    home, settings = gated_home

    def evaluator(spec, items, params):
        return planted(spec.version, 0.51 if spec.version == "v2" else 0.50, persona=0.03, invented=0.06)

    with Store(home / config.DB_FILE) as store:
        result = retrain(store, settings, home, min_approved=0, show_progress=False,
                         gate=eval_gate(store, settings, home, evaluator=evaluator))
        assert (result["promoted"], result["reason"]) == (True, None)
        assert store.active_model_version()["version"] == "v2"
        gate = store.model_version("v2")["metrics"]["gate"]
        assert gate["summary"] == ("postable 50% vs 50%, style 0.510 vs 0.500, persona leaks 3% vs 3%, "
                                   "invented facts 6% vs 6% (v2 vs v1, 33 held-out snippets)")


def test_gate_with_real_evaluation_records_both_versions(gated_home):
    """The real evaluator end to end (two snippets, a few tokens), through `versus retrain`'s gate."""
    home, settings = gated_home
    with Store(home / config.DB_FILE) as store:
        result = retrain(store, settings, home, min_approved=0, show_progress=False,
                         gate=eval_gate(store, settings, home, limit=2, max_new_tokens=6))
        v1, v2 = store.model_versions()
    assert not (result["reason"] or "").startswith("evaluation failed"), result["reason"]
    for version, row in (("v1", v1), ("v2", v2)):
        ev = row["metrics"]["eval"]
        assert (ev["version"], ev["snippets"], ev["references"]) == (version, 2, 2)
        assert ev["params"]["seed"] == settings.generation.seed and ev["params"]["temperature"] == 0
        assert ev["val_loss"] > 0 and "captions" not in ev
    # v2's adapter is a copy of v1's: same weights, same greedy captions, same scores: a tie passes.
    assert v2["metrics"]["eval"]["style"] == v1["metrics"]["eval"]["style"]
    assert v2["metrics"]["eval"]["val_loss"] == pytest.approx(v1["metrics"]["eval"]["val_loss"])
    assert result["promoted"] is True


def test_gate_that_cannot_evaluate_keeps_the_version_inactive(gated_home):
    home, settings = gated_home

    def broken(spec, items, params):
        raise RuntimeError("CUDA out of memory\nmore detail")

    with Store(home / config.DB_FILE) as store:
        result = retrain(store, settings, home, min_approved=0, show_progress=False,
                         gate=eval_gate(store, settings, home, evaluator=broken))
        assert result["reason"] == "evaluation failed: RuntimeError: CUDA out of memory"
        assert store.active_model_version()["version"] == "v1"


# --- the command ------------------------------------------------------------------------------------------


def test_cli_eval_compares_two_versions_and_writes_a_report(gated_home, tmp_path):
    home, _ = gated_home
    report_dir = tmp_path / "report"
    result = CliRunner().invoke(cli, ["--home", str(home), "eval", "--limit", "2", "--max-new-tokens", "8",
                                      "--compare", "base", "--json", "--report", str(report_dir)])
    assert result.exit_code == 0, result.output
    out = json.loads(result.stdout)
    v1, base = out["versions"]
    assert (v1["version"], base["version"]) == ("v1", "base")
    assert [c["id"] for c in v1["captions"]] == [c["id"] for c in base["captions"]] == ["seed-0010", "seed-0020"]
    assert out["params"]["temperature"] == 0 and out["params"]["max_new_tokens"] == 8
    assert v1["val_loss"] != pytest.approx(base["val_loss"])  # the adapter really is applied
    report = (report_dir / "report.md").read_text()
    assert "| metric | v1 | base |" in report and "![style score distribution per version](style_scores.png)" in report
    assert report.count("\n| Lucas Ferreira-Baptiste joined Real Madrid") == 1  # the sample, side by side
    assert (report_dir / "style_scores.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert out["report"] == str(report_dir / "report.md")

    table = CliRunner().invoke(cli, ["--home", str(home), "eval", "--base", "--limit", "1", "--max-new-tokens",
                                     "4"], env={"COLUMNS": "200"})
    assert table.exit_code == 0, table.output
    assert "seed validation split: 1 snippets, greedy" in table.output and "persona-leak rate" in table.output
    assert "postable rate" in table.output and "postable rate" in report
    assert 0 <= v1["postable_rate"] <= 1 and isinstance(v1["captions"][0]["postable"], bool)


def test_cli_eval_errors_are_one_line(gated_home, tmp_path):
    home, _ = gated_home
    runner = CliRunner()
    missing = runner.invoke(cli, ["--home", str(home), "eval", "--model", "v9"])
    assert (missing.exit_code, missing.output) == (1, "Error: no such model version: v9 (see `versus models list`)\n")
    both = runner.invoke(cli, ["--home", str(home), "eval", "--model", "v1", "--base"])
    assert both.output == "Error: use --model VERSION or --base, not both\n"
    bad = tmp_path / "bad.jsonl"
    bad.write_text("not json\n")
    broken = runner.invoke(cli, ["--home", str(home), "eval", "--input", str(bad)])
    assert broken.exit_code == 1 and broken.output.startswith(f"Error: {bad}:1: not valid JSON")


# --- the shipped adapter ----------------------------------------------------------------------------------

# Half of what the shipped adapter measured on the 33 held-out snippets, greedy, 40 tokens: 19 of 33 (the
# adapter before it: 6 of 33, which this floor would fail); the base model's: none. With hooks only and a
# caption that states the headline owing none of the lead's facts: 15 of 33, the base model's 2.
SHIPPED_POSTABLE_FLOOR = 0.27  # 9 of 33, as summarize rounds it (0.2727)


@pytest.mark.skipif(not (SHIPPED_ADAPTER / "adapter_model.safetensors").exists(),
                    reason="data/adapters/smollm2-seed has not been trained yet (see model/train.py's docstring)")
def test_shipped_adapter_beats_the_base_model(embedded_base):
    """The shipped adapter's greedy captions of held-out snippets are more @versus than the base
    model's, leak no more assistant-speak, and more of them are postable: at least SHIPPED_POSTABLE_FLOOR
    (the base model's: none)."""
    _, items = held_out(limit=33)
    settings = config.Settings()
    settings.generation.backend = "transformers"
    params = evaluate.eval_params(settings.generation, max_new_tokens=40)
    tuned = evaluate.evaluate(ModelSpec("v1", embedded_base, adapter=SHIPPED_ADAPTER), items, settings, params)
    base = evaluate.evaluate(ModelSpec("base", embedded_base), items, settings, params)
    assert tuned["style"]["mean"] > base["style"]["mean"], (tuned["style"], base["style"])
    assert tuned["persona_rate"] <= base["persona_rate"]
    assert tuned["val_loss"] < base["val_loss"]
    assert tuned["postable_rate"] >= SHIPPED_POSTABLE_FLOOR > base["postable_rate"], tuned["captions"]


def test_gate_also_scores_approved_captions_held_out_of_training(gated_home, adapter, monkeypatch):
    from draftqueue import Draft, add_drafts

    home, settings = gated_home
    settings.train.holdout_min_approved = 20
    trained_on, judged_on = [], []

    def capture_train(train_config, dataset, show_progress=True):
        trained_on.extend(p.source for p in dataset.train)
        judged_on.extend(p.source for p in dataset.validation)
        return fake_train(adapter)(train_config, dataset)

    def evaluator(spec, items, params):
        judged_on.extend(i.id for i in items)
        return planted(spec.version, 0.50)

    monkeypatch.setattr(retrain_module, "train", capture_train)
    with Store(home / config.DB_FILE) as store:
        ids = add_drafts(store, [Draft(f"Team {i} beat Rovers {i}-0 on Saturday.", f"TEAM {i} 🔥", hours_old=i + 1)
                                 for i in range(20)])
        for draft_id in ids:
            store.decide(draft_id, "approve", reviewer="ed")
        retrain(store, settings, home, min_approved=0, show_progress=False,
                gate=eval_gate(store, settings, home, evaluator=evaluator))
    held = {f"approved:{i}" for i in ids} & set(judged_on)
    assert 1 <= len(held) < 20  # a share of the approvals: scored by the gate (both versions), not trained on
    assert not held & set(trained_on)
    assert judged_on.count(sorted(held)[0]) == 3  # the SFT validation split, then the gate's two evaluations
    assert len({f"approved:{i}" for i in ids} & set(trained_on)) == 20 - len(held)


@pytest.mark.parametrize("closers, caption", [("house", "TEAM 1 🔥 Team 1 beat Rovers."),
                                              ("model", "TEAM 1 🔥 Team 1 beat Rovers. scenes 😤")])
def test_retrain_teaches_the_hook_and_fact_line_with_house_sign_offs(gated_home, adapter, monkeypatch, closers,
                                                                     caption):
    from draftqueue import Draft, add_drafts

    home, settings = gated_home
    settings.generation.closers = closers
    trained = {}

    def capture_train(train_config, dataset, show_progress=True):
        trained.update((p.source, p.caption) for p in dataset.train)
        return fake_train(adapter)(train_config, dataset)

    monkeypatch.setattr(retrain_module, "train", capture_train)
    with Store(home / config.DB_FILE) as store:
        [draft] = add_drafts(store, [Draft("Team 1 beat Rovers 1-0 on Saturday.", "TEAM 1 🔥")])
        store.decide(draft, "edit", final_text="TEAM 1 🔥 Team 1 beat Rovers. scenes 😤", reviewer="ed")
        retrain(store, settings, home, min_approved=0, show_progress=False,
                gate=eval_gate(store, settings, home, evaluator=lambda spec, items, params: planted(spec.version, 0.5)))
    assert trained[f"approved:{draft}"] == caption
