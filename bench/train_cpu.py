"""CPU training throughput of our SFT path on the embedded model: LoRA (fp32) vs QLoRA (4-bit NF4 via
bitsandbytes on CPU), side by side on the same seed examples, same steps, in one run.

    HF_HUB_OFFLINE=1 .venv/bin/python bench/train_cpu.py            # 6 steps each, batch 8
    HF_HUB_OFFLINE=1 .venv/bin/python bench/train_cpu.py --steps 20

Prints supervised-and-context tokens/s per variant (warm-up step excluded) and the ratio. The machine
load is printed too: on a shared 2-core box the absolute numbers move, the ratio much less.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from model.base import resolve_base  # noqa: E402
from model.dataset import Dataset, build_dataset  # noqa: E402
from model.train import TrainConfig, build_trainer  # noqa: E402


def measure(base: str, dataset: Dataset, quantize: str, steps: int, batch: int) -> dict:
    from transformers import TrainerCallback

    marks: list[tuple[float, int]] = []

    class Clock(TrainerCallback):
        def on_step_end(self, args, state, control, **kwargs):
            marks.append((time.perf_counter(), state.num_input_tokens_seen or 0))

    with tempfile.TemporaryDirectory() as out:
        config = TrainConfig(base=base, output_dir=Path(out) / "adapter", max_steps=steps + 1, batch_size=batch,
                             quantize=quantize)
        trainer = build_trainer(config, dataset)
        trainer.args.include_num_input_tokens_seen = True
        trainer.add_callback(Clock())
        trainer.train()
    (t0, n0), (t1, n1) = marks[0], marks[-1]  # the first step (warm-up) is excluded
    return {"variant": quantize, "steps": steps, "seconds": t1 - t0, "tokens": n1 - n0,
            "tokens_per_s": (n1 - n0) / (t1 - t0), "s_per_step": (t1 - t0) / steps}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--steps", type=int, default=6)
    parser.add_argument("--batch", type=int, default=8)
    parser.add_argument("--home", type=Path, default=Path(".home"))
    a = parser.parse_args()
    base = resolve_base("embedded", a.home)
    seed = build_dataset([])
    dataset = Dataset(train=seed.train[: a.batch * (a.steps + 1)], validation=[])
    print(f"load average at start: {os.getloadavg()[0]:.2f} (2-core machine; shared load skews absolute rates)")
    results = [measure(base, dataset, q, a.steps, a.batch) for q in ("none", "4bit")]
    for r in results:
        label = "LoRA fp32" if r["variant"] == "none" else "QLoRA 4-bit"
        print(f"{label:12s} {r['tokens_per_s']:8.1f} tokens/s  {r['s_per_step']:6.2f} s/step  ({r['tokens']} tokens)")
    print(f"QLoRA / LoRA tokens/s: {results[1]['tokens_per_s'] / results[0]['tokens_per_s']:.2f}x")
    print(f"load average at end: {os.getloadavg()[0]:.2f}")


if __name__ == "__main__":
    main()
