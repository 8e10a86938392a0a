"""`versus retrain`: approved captions + seed set → a new adapter version, promoted only if it is no
worse than the active one.

The new version is trained into a staging directory and only registered once training finished, and
only activated (one transaction) once it passed the gate; any failure midway leaves the active version
exactly as it was.
"""

from __future__ import annotations

import shutil
import tempfile
import time
from dataclasses import replace
from pathlib import Path
from typing import Callable

import config
from model.adapters import merge_adapter
from model.base import models_dir, resolve_base
from model.dataset import build_dataset
from model.registry import ensure_initial_version
from model.train import TrainConfig, train
from store import Store

# A new version may be this much worse on validation loss and still count as "no regression":
# reruns of the same data differ by about this much.
VAL_LOSS_TOLERANCE = 0.02

# The gate: (new version's registry row, active version's row or None) → None to promote, or why not.
Gate = Callable[[dict, dict | None], str | None]


class RetrainRefused(RuntimeError):
    """Retraining was not started (or not worth it); the message is one line for the user."""


def validation_loss_gate(new: dict, active: dict | None) -> str | None:
    old, now = (active or {}).get("metrics", {}).get("val_loss"), new["metrics"].get("val_loss")
    if old is None or now is None:
        return None
    if now > old * (1 + VAL_LOSS_TOLERANCE):
        return f"validation loss regressed: {now:.4f} vs {old:.4f} for the active version"
    return None


def retrain(
    store: Store,
    settings: config.Settings,
    home: Path,
    *,
    epochs: float | None = None,
    rank: int | None = None,
    max_steps: int | None = None,
    min_approved: int | None = None,
    gate: Gate = validation_loss_gate,
    show_progress: bool = True,
) -> dict:
    ensure_initial_version(store, settings.model.base)
    active = store.active_model_version()
    approved = store.approved_captions()
    # Counted since the newest version, promoted or not: one the gate turned down was trained on the
    # same approvals, and retraining on them again would only repeat it (as the daemon counts).
    newest = store.newest_model_version()
    new_approvals = [a for a in approved if newest is None or a["decided"] > newest["created"]]
    needed = settings.train.min_approved if min_approved is None else min_approved
    if len(new_approvals) < needed:
        raise RetrainRefused(
            f"only {len(new_approvals)} new approved caption(s) since "
            f"{newest['version'] + ', the newest model version' if newest else 'the start'}; "
            f"retraining needs {needed} (approve more drafts with `versus review`, or pass --min-approved)"
        )

    dataset = build_dataset(approved)
    t = settings.train
    base = resolve_base(settings.model.base, home)
    staging_root = models_dir(home) / "staging"
    staging_root.mkdir(parents=True, exist_ok=True)
    # Unique per run: two retrains started in the same second must not share (and delete) one directory.
    staging = Path(tempfile.mkdtemp(prefix=time.strftime("%Y%m%d-%H%M%S-"), dir=staging_root))
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
        seed=t.seed,
    )
    try:
        dataset.write(staging / "dataset.jsonl")
        result = train(train_config, dataset, show_progress=show_progress)
        final = models_dir(home) / "versions" / f"{staging.name}-{dataset.digest}"
        final.parent.mkdir(parents=True, exist_ok=True)
        staging.rename(final)
    finally:
        shutil.rmtree(staging, ignore_errors=True)

    metrics = {"val_loss": result.val_loss, "train_loss_first": result.train_loss_first,
               "train_loss_last": result.train_loss_last, "steps": result.steps,
               "train_seconds": round(result.seconds, 1)}
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
        }
    )
    reason = gate(store.model_version(version), active)
    if reason is None:
        # Serving backends load one full-weight model faster than base + LoRA on the fly.
        merged = merge_adapter(train_config.base, final / "adapter", final / "merged")
        store.update_model_version(version, merged_path=str(merged))
        store.activate_model_version(version)
    else:
        store.update_model_version(version, note=f"not promoted: {reason}")
    return {
        "version": version,
        "dataset_size": len(dataset.train),
        "new_approvals": len(new_approvals),
        "train_loss": result.train_loss_last,
        "val_loss": result.val_loss,
        "promoted": reason is None,
        "reason": reason,
        "previous": active["version"] if active else None,
    }
