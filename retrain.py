"""`versus retrain` and the daemon's retrain job: approved captions + seed set → SFT → (when the
review history gives [train] dpo_min_pairs preference pairs) DPO → a new adapter version, promoted
only if the promotion gate (generate/eval/gate.py) finds it no worse than the active one.

The new version is trained into a staging directory and only registered once training finished, and
only activated (one transaction) once it passed the gate; any failure midway leaves the active version
exactly as it was.
"""

from __future__ import annotations

import os
import shutil
import tempfile
import time
from dataclasses import replace
from pathlib import Path
from typing import Callable

import config
from generate.eval.gate import eval_gate
from model.adapters import merge_adapter
from model.base import models_dir, resolve_base
from model.dataset import build_dataset
from model.gpu import release
from model.preferences import build_pairs, split_pairs
from model.registry import GATE_PREFIX, ensure_initial_version
from model.train import DPOStageConfig, TrainConfig, train, train_dpo
from store import Store

# The gate: (new version's registry row, active version's row or None) → None to promote, or why not.
Gate = Callable[[dict, dict | None], str | None]
# A new version is registered as turned down until its gate passes: a retrain killed during the check
# must not leave a version that `models promote` takes without --force.
UNCHECKED = "the promotion check did not finish (the retrain stopped during it)"


class RetrainRefused(RuntimeError):
    """Retraining was not started (or not worth it); the message is one line for the user."""


def check_enough_approvals(store: Store, settings: config.Settings, min_approved: int | None = None) -> int:
    """The number of new approvals, or RetrainRefused when there are too few to retrain on.

    Counted since the newest version, promoted or not: one the gate turned down was trained on the
    same approvals, and retraining on them again would only repeat it. Cheap (one query, no model
    import), so the daemon asks first."""
    newest = store.newest_model_version()
    new = store.count_approved(newest["created"] if newest else None)
    needed = settings.train.min_approved if min_approved is None else min_approved
    if new < needed:
        raise RetrainRefused(
            f"only {new} new approved caption(s) since "
            f"{newest['version'] + ', the newest model version' if newest else 'the start'}; "
            f"retraining needs {needed} (approve more drafts with `versus review`, or pass --min-approved)"
        )
    return new


def clear_dead_staging(staging_root: Path) -> None:
    """Remove the staging directories of retrains that were killed (their process is gone)."""
    for directory in staging_root.iterdir():
        parts = directory.name.split("-")
        if len(parts) >= 4 and parts[2].isdigit() and not _alive(int(parts[2])):
            shutil.rmtree(directory, ignore_errors=True)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # someone else's process
        return True
    return True


def retrain(
    store: Store,
    settings: config.Settings,
    home: Path,
    *,
    epochs: float | None = None,
    rank: int | None = None,
    max_steps: int | None = None,
    min_approved: int | None = None,
    gate: Gate | None = None,
    dpo: bool | None = None,
    continue_from_active: bool | None = None,
    show_progress: bool = True,
) -> dict:
    """Train, register, judge and (if it passes) promote a new version; the default gate is the
    held-out evaluation of generate/eval/gate.py. `dpo` (default: [train] dpo) adds the DPO stage
    when the review history gives enough preference pairs; `continue_from_active` (default: [train]
    continue_from_active) starts from the active version's adapter instead of a fresh LoRA."""
    ensure_initial_version(store, settings.model.base)
    active = store.active_model_version()
    new_approvals = check_enough_approvals(store, settings, min_approved)
    gate = gate or eval_gate(store, settings, home)
    t = settings.train
    # With house sign-offs the model writes the hook and the fact line: it learns those (generate/closers.py).
    heads_only = settings.generation.closers == "house"
    dataset = build_dataset(store.approved_captions(), holdout_min_approved=t.holdout_min_approved,
                            heads_only=heads_only)
    # A rank asked for is a fresh LoRA's, unless continuing was asked for too (an error below).
    from_active = (t.continue_from_active and not rank) if continue_from_active is None else continue_from_active
    start = active if (from_active and active and active["adapter_path"]
                       and active["base_model"] == settings.model.base) else None
    if start and rank:
        raise ValueError(f"--rank sets a fresh LoRA's rank; continuing keeps {start['version']}'s "
                         "(use --from-base to train a new rank)")
    use_dpo = t.dpo if dpo is None else dpo
    pairs = build_pairs(store.review_history(), heads_only=heads_only) if use_dpo else []
    run_dpo = use_dpo and len(pairs) >= max(1, t.dpo_min_pairs)
    base = resolve_base(settings.model.base, home)
    staging_root = models_dir(home) / "staging"
    staging_root.mkdir(parents=True, exist_ok=True)
    clear_dead_staging(staging_root)
    # Unique per run: two retrains started in the same second must not share (and delete) one directory;
    # the pid in the name lets a later run clear what a killed one left.
    staging = Path(tempfile.mkdtemp(prefix=time.strftime(f"%Y%m%d-%H%M%S-{os.getpid()}-"), dir=staging_root))
    train_config = TrainConfig(
        base=base,
        base_name=settings.model.base,
        output_dir=staging / "adapter",
        rank=rank or t.rank,
        alpha=2 * rank if rank else t.alpha,
        dropout=t.dropout,
        epochs=epochs or t.epochs,
        learning_rate=t.learning_rate,
        max_steps=max_steps if max_steps is not None else t.max_steps,
        batch_size=t.batch_size,
        max_seq_length=t.max_seq_length,
        quantize=t.quantize,
        compile=t.compile,
        seed=t.seed,
        init_adapter=start["adapter_path"] if start else "",
    )
    try:
        dataset.write(staging / "dataset.jsonl")
        result = train(train_config, dataset, show_progress=show_progress)
        release()  # the trained model's GPU memory, before DPO, the merge and the gate load others
        if run_dpo:
            stage = DPOStageConfig(beta=t.dpo_beta, learning_rate=t.dpo_learning_rate, epochs=t.dpo_epochs)
            dpo_result = train_dpo(train_config, stage, *split_pairs(pairs), show_progress=show_progress)
            release()
        final = models_dir(home) / "versions" / f"{staging.name}-{dataset.digest}"
        final.parent.mkdir(parents=True, exist_ok=True)
        staging.rename(final)
    finally:
        shutil.rmtree(staging, ignore_errors=True)

    metrics = {"val_loss": result.val_loss, "train_loss_first": result.train_loss_first,
               "train_loss_last": result.train_loss_last, "steps": result.steps,
               "train_seconds": round(result.seconds, 1)}
    if run_dpo:
        metrics["dpo"] = dpo_result.as_dict()
    params = {k: (str(v) if isinstance(v, Path) else v)
              for k, v in vars(replace(train_config, output_dir=final / "adapter")).items()}
    version = store.add_model_version(
        {
            "base_model": settings.model.base,
            "adapter_path": str(final / "adapter"),
            "dataset_hash": dataset.digest,
            "dataset_size": len(dataset.train),
            "params": params,
            "metrics": metrics,
            "note": GATE_PREFIX + UNCHECKED,
        }
    )
    reason = gate(store.model_version(version), active)
    if reason is None:
        # Serving backends load one full-weight model faster than base + LoRA on the fly.
        merged = merge_adapter(train_config.base, final / "adapter", final / "merged")
        store.update_model_version(version, merged_path=str(merged), note=None)
        store.activate_model_version(version)
    else:
        store.update_model_version(version, note=f"{GATE_PREFIX}{reason}")
    return {
        "version": version,
        "dataset_size": len(dataset.train),
        "new_approvals": new_approvals,
        "train_loss": result.train_loss_last,
        "val_loss": result.val_loss,
        "promoted": reason is None,
        "reason": reason,
        "previous": active["version"] if active else None,
        "started_from": start["version"] if start else "base",
        "dpo": metrics["dpo"] if run_dpo else (
            f"skipped: {len(pairs)} preference pair(s), needs {t.dpo_min_pairs}" if use_dpo else "off"),
    }
