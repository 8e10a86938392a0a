"""Training speed through the product: model.train.build_trainer (trl's SFTTrainer, QLoRA on CUDA,
our preparation) on the workload of bench/train_8b_shape.py's plain recipe (batch 2, every row cut
to 512 tokens), so the two can be read side by side (bench/gpu_check.sh `trainspeed` runs both).

    python bench/gpu/train_product_speed.py MODEL_DIR [--steps 10] [--warmup 3]

Prints one JSON line: s/step and tokens/s over the steps after the warm-up, peak allocated and
reserved GiB over those steps (on CUDA; a CPU run is a dry run of the harness).
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))


def main() -> None:
    p = argparse.ArgumentParser()
    p.add_argument("model")
    p.add_argument("--steps", type=int, default=10)
    p.add_argument("--warmup", type=int, default=3)
    p.add_argument("--batch", type=int, default=2)
    p.add_argument("--seq", type=int, default=512)
    a = p.parse_args()

    import torch
    from transformers import TrainerCallback

    from model.dataset import Dataset, Pair
    from model.train import TrainConfig, build_trainer

    cuda = torch.cuda.is_available()
    words = "goal match league title season coach striker derby final points win record".split()
    rnd = random.Random(0)
    long_caption = lambda: " ".join(rnd.choice(words) for _ in range(2 * a.seq))  # noqa: E731 (cut to seq)
    pairs = [Pair(f"Story {i}.", long_caption(), f"seed:{i}") for i in range(a.batch * (a.steps + a.warmup))]

    class Timer(TrainerCallback):
        marks: list[float] = []

        def on_step_end(self, args, state, control, **kwargs):
            if cuda:
                torch.cuda.synchronize()
            self.marks.append(time.perf_counter())
            if cuda and state.global_step == a.warmup:
                torch.cuda.reset_peak_memory_stats()

    with tempfile.TemporaryDirectory() as tmp:
        config = TrainConfig(base=a.model, output_dir=Path(tmp) / "adapter", batch_size=a.batch,
                             max_seq_length=a.seq, max_steps=a.steps + a.warmup, learning_rate=2e-4)
        trainer = build_trainer(config, Dataset(train=pairs, validation=[]))
        trainer.add_callback(Timer())
        lengths = [len(r["input_ids"]) for r in trainer.train_dataset.select(range(4))]
        trainer.train()
    marks = Timer.marks[a.warmup - 1:]
    per_step = (marks[-1] - marks[0]) / (len(marks) - 1)
    print(json.dumps({
        "variant": "product (SFTTrainer)", "gpu": torch.cuda.get_device_name(0) if cuda else "cpu", "batch": a.batch,
        "seq": a.seq, "row_tokens": lengths, "steps": len(marks) - 1, "s_per_step": round(per_step, 3),
        "tokens_per_s": round(a.batch * a.seq / per_step),
        "peak_allocated_gib": round(torch.cuda.max_memory_allocated() / 2**30, 2) if cuda else None,
        "peak_reserved_gib": round(torch.cuda.max_memory_reserved() / 2**30, 2) if cuda else None,
    }))


if __name__ == "__main__":
    main()
