"""DPO on pairs the guards mine from the model's own drafts: the seed reference caption chosen over a
sampled candidate that the guards call not postable (a wrong fact, a copy, a made-up word, a loop).
The editor's verdicts agree with that proxy on most captions (bench/editor_agreement.py), so this
teaches the model what the editor rejects without an editor in the loop.

    python bench/guard_dpo.py --snippets 300 --out /tmp/guard-dpo   # then read its adapter's drafts
    python bench/guard_dpo.py --pairs /tmp/guard-dpo.pairs.jsonl --beta 0.5 ...   # the same pairs again

Steps: sample n candidates from ADAPTER for `--snippets` training-split seed snippets (never the
validation split), keep per snippet the first candidate the guards refuse, and run the product's DPO
stage (model.train.train_dpo) on a copy of ADAPTER, a tenth of the pairs held out for the margin. The
mined pairs are kept beside OUT (OUT.pairs.jsonl). Prints the pair counts and flag kinds, the DPO record
(loss, held-out margin before/after) and the adapter's path.
"""

from __future__ import annotations

import argparse
import collections
import json
import random
import shutil
import sys
from dataclasses import asdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import config  # noqa: E402
from generate.backends import sampling_params  # noqa: E402
from generate.backends.base import ModelSpec  # noqa: E402
from generate.backends.transformers import TransformersBackend  # noqa: E402
from generate.guards import postable, score_caption  # noqa: E402
from model.base import resolve_base  # noqa: E402
from model.dataset import held_out_story, load_seed  # noqa: E402
from model.preferences import PreferencePair  # noqa: E402
from model.registry import SHIPPED_ADAPTER  # noqa: E402
from model.train import DPOStageConfig, TrainConfig, train_dpo  # noqa: E402


def mine_pairs(backend, rows: list[dict], params) -> tuple[list[PreferencePair], collections.Counter]:
    outputs = backend.generate([r["snippet"] for r in rows], params)
    pairs, kinds = [], collections.Counter()
    for row, candidates in zip(rows, outputs):
        for candidate in candidates:
            scored = score_caption(row["snippet"], candidate)
            if scored.caption and not postable(scored):
                pairs.append(PreferencePair(row["snippet"], row["caption"], scored.caption, "guards", 0,
                                            ", ".join(scored.flags)))
                kinds.update(flag.split(":")[0] for flag in scored.flags)
                break
    return pairs, kinds


def main() -> None:
    p = argparse.ArgumentParser()
    p.add_argument("--adapter", default=str(SHIPPED_ADAPTER))
    p.add_argument("--snippets", type=int, default=300)
    p.add_argument("--out", default="/tmp/guard-dpo")
    p.add_argument("--beta", type=float, default=0.1)
    p.add_argument("--learning-rate", type=float, default=5e-5)
    p.add_argument("--epochs", type=float, default=1)
    p.add_argument("--batch-size", type=int, default=4)
    p.add_argument("--max-steps", type=int, default=-1)
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--pairs", help="pairs mined by an earlier run (its OUT.pairs.jsonl), instead of mining")
    a = p.parse_args()

    home = config.default_home()
    base = resolve_base("embedded", home)
    out = Path(a.out)
    if a.pairs:
        train_pairs = [PreferencePair(**json.loads(line)) for line in open(a.pairs, encoding="utf-8")]
    else:
        seed = [r for r in load_seed() if not held_out_story(r["snippet"])]
        rows = random.Random(a.seed).sample(seed, min(a.snippets, len(seed)))
        params = sampling_params(config.load_settings(home).generation)  # what the product samples
        backend = TransformersBackend(ModelSpec("guard-dpo", base, adapter=Path(a.adapter)))
        train_pairs, kinds = mine_pairs(backend, rows, params)
        backend.close()
        print(f"{len(train_pairs)} pairs from {len(rows)} snippets; flags of the rejected: "
              f"{dict(kinds.most_common())}", flush=True)
        with open(f"{out}.pairs.jsonl", "w", encoding="utf-8") as f:
            f.writelines(json.dumps(asdict(pair), ensure_ascii=False) + "\n" for pair in train_pairs)
    shutil.rmtree(out, ignore_errors=True)
    shutil.copytree(a.adapter, out)
    held_count = max(8, len(train_pairs) // 10)  # the margin is read on pairs DPO never saw
    train, held = train_pairs[:-held_count], train_pairs[-held_count:]
    result = train_dpo(TrainConfig(base=base, output_dir=out, base_name="embedded", quantize="none"),
                       DPOStageConfig(beta=a.beta, learning_rate=a.learning_rate, epochs=a.epochs,
                                      max_steps=a.max_steps, batch_size=a.batch_size), train, held, show_progress=False)
    print(json.dumps(result.as_dict()))
    print(f"adapter: {out}")


if __name__ == "__main__":
    main()
