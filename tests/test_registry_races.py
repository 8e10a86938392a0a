"""Issue 15.10: the registry under concurrent or killed processes: the shipped version is registered
once however many processes start together, a retrain killed during its promotion check leaves a
version `models promote` refuses without --force, and killed retrains' staging directories are cleared."""

from __future__ import annotations

import multiprocessing
import os
import subprocess
import sys

import pytest

import config
import retrain as retrain_module
from model.registry import RegistryError, ensure_initial_version, promote
from retrain import retrain
from store import Store

RACERS = 6


def register(path, barrier) -> None:
    with Store(path) as store:
        barrier.wait()
        ensure_initial_version(store, "embedded")


def test_processes_starting_together_on_a_fresh_database_register_the_shipped_version_once(tmp_path):
    path = tmp_path / "versus.db"
    Store(path).close()  # the schema exists: only the registration races
    context = multiprocessing.get_context("fork")
    barrier = context.Barrier(RACERS)
    workers = [context.Process(target=register, args=(path, barrier)) for _ in range(RACERS)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(60)
    assert [w.exitcode for w in workers] == [0] * RACERS
    with Store(path) as store:
        assert [(v["version"], v["status"]) for v in store.model_versions()] == [("v1", "active")]


class Killed(BaseException):
    """What a kill looks like from inside: the code after it never runs."""


@pytest.fixture
def trainable(tmp_path, monkeypatch):
    """A store with an active version on a base that resolves without loading anything, and a train
    that writes an adapter file instead of fine-tuning."""
    from model.train import TrainResult

    store = Store(tmp_path / "db.sqlite")
    settings = config.Settings()
    settings.model.base = str(tmp_path)
    (tmp_path / "config.json").write_text("{}")
    store.add_model_version({"base_model": settings.model.base, "adapter_path": None}, activate=True)

    def fake_train(train_config, dataset, show_progress):
        train_config.output_dir.mkdir(parents=True)
        (train_config.output_dir / "adapter_model.safetensors").write_text("trained")
        return TrainResult(train_config.output_dir, 2.0, 1.0, 1.0, 1, 0.1, False)

    monkeypatch.setattr(retrain_module, "train", fake_train)
    yield store, settings
    store.close()


def test_a_retrain_killed_during_its_promotion_check_leaves_a_version_promote_refuses(trainable, tmp_path):
    store, settings = trainable

    def killed_gate(new, active):
        raise Killed

    with pytest.raises(Killed):
        retrain(store, settings, tmp_path, min_approved=0, show_progress=False, gate=killed_gate)
    assert store.active_model_version()["version"] == "v1"
    with pytest.raises(RegistryError, match=r"^v2 failed the promotion gate \(the promotion check did not finish"):
        promote(store, "v2")
    assert promote(store, "v2", force=True)["status"] == "active"


def test_a_later_retrain_clears_what_killed_retrains_left_in_staging(trainable, tmp_path):
    store, settings = trainable
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    staging = tmp_path / "models" / "staging"
    left = staging / f"20261201-120000-{dead.stdout.strip()}-abc123"
    running = staging / f"20261201-120000-{os.getpid()}-def456"  # a retrain still at work
    for directory in (left, running):
        (directory / "adapter").mkdir(parents=True)
    retrain(store, settings, tmp_path, min_approved=0, show_progress=False, gate=lambda new, active: "kept aside")
    assert sorted(p.name for p in staging.iterdir()) == [running.name]
