"""Retraining that accumulates or starts over: several rounds of editor approvals, each retrained
two ways at the same cost, side by side in one run.

    HF_HUB_OFFLINE=1 .venv/bin/python bench/continue_vs_fresh.py            # 3 rounds, 15 steps each
    HF_HUB_OFFLINE=1 .venv/bin/python bench/continue_vs_fresh.py --rounds 4 --steps 30

The seed set's training pairs stand in for the editor: the first --start pairs are what the active
version was trained on, and each round adds --per-round more as "approved" captions. Every round
trains --steps steps through `model.train.train` (what `versus retrain` runs) on all data so far:
"fresh" from the base with a new LoRA, "continue" from the previous round's adapter (round 1: the
shipped adapter, `[train] continue_from_active = true`). Prints each one's validation loss on the
seed set's fixed validation split, the number the promotion gate compares.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from model.base import resolve_base  # noqa: E402
from model.dataset import build_dataset, load_seed  # noqa: E402
from model.train import TrainConfig, train  # noqa: E402

SHIPPED = Path(__file__).resolve().parent.parent / "data" / "adapters" / "smollm2-seed"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--steps", type=int, default=15)
    parser.add_argument("--start", type=int, default=400)
    parser.add_argument("--per-round", type=int, default=200)
    parser.add_argument("--learning-rate", type=float, default=5e-4)
    parser.add_argument("--home", type=Path, default=Path(".home"))
    a = parser.parse_args()
    base = resolve_base("embedded", a.home)
    seed = load_seed()
    validation = [r for r in seed if r["split"] == "validation"]
    pool = [r for r in seed if r["split"] == "train"]
    start, rest = pool[: a.start], pool[a.start :]
    print(f"load average at start: {os.getloadavg()[0]:.2f}")
    print(f"{'round':<7}{'approved':>9}{'fresh val loss':>16}{'continue val loss':>19}")
    previous = SHIPPED
    with tempfile.TemporaryDirectory() as scratch:
        for round_ in range(1, a.rounds + 1):
            approved = [{"snippet": r["snippet"], "caption": r["caption"], "draft_id": r["id"]}
                        for r in rest[: round_ * a.per_round]]
            dataset = build_dataset(approved, seed=start + validation)
            losses = {}
            for arm, init in (("fresh", ""), ("continue", str(previous))):
                config = TrainConfig(base=base, output_dir=Path(scratch) / f"{arm}-{round_}", max_steps=a.steps,
                                     learning_rate=a.learning_rate, quantize="none", init_adapter=init)
                losses[arm] = train(config, dataset, show_progress=False).val_loss
            previous = Path(scratch) / f"continue-{round_}"
            print(f"{round_:<7}{len(approved):>9}{losses['fresh']:>16.4f}{losses['continue']:>19.4f}", flush=True)
    print(f"load average at end: {os.getloadavg()[0]:.2f}")


if __name__ == "__main__":
    main()
