"""Writes the shipped adapter's mean log-probability into each draft of data/eval/judged.jsonl.

    python bench/judged_logprobs.py          # the drafts that have none
    python bench/judged_logprobs.py --all    # every draft (after the shipped adapter changed)

The guards flag a caption its model was unsure of ("hesitant", generate/guards/best_of_n.py) by the
mean log-probability the backend reports with each candidate: its tokens and its end of turn. With house
sign-offs (generate/closers.py) the shipped adapter writes a caption's hook and fact line and ends there,
so that is what is scored: the prompt the backend serves, then the head's tokens (text.split_sign_off)
and the likeliest end-of-turn token, teacher-forced. Drafts written by earlier adapters are scored by the
shipped one. References get none: the product scores only drafts its model wrote.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import config  # noqa: E402
from generate.backends.base import ModelSpec  # noqa: E402
from generate.backends.transformers import TransformersBackend  # noqa: E402
from generate.eval.editor import JUDGED  # noqa: E402
from model.base import resolve_base  # noqa: E402
from model.prompt import render_prompt  # noqa: E402
from model.registry import SHIPPED_ADAPTER  # noqa: E402
from text import split_sign_off  # noqa: E402


def mean_logprob(backend, snippet: str, caption: str) -> float:
    import torch

    tokenizer, model = backend.tokenizer, backend.model
    prompt = tokenizer(render_prompt(tokenizer, snippet), add_special_tokens=False)["input_ids"]
    caption_ids = tokenizer(split_sign_off(caption)[0], add_special_tokens=False)["input_ids"]
    with torch.inference_mode():
        logits = model(input_ids=torch.tensor([prompt + caption_ids])).logits[0, len(prompt) - 1 :]
    logprobs = torch.log_softmax(logits.float(), dim=-1)
    tokens = logprobs[:-1].gather(1, torch.tensor(caption_ids)[:, None])[:, 0]
    end = logprobs[-1, backend.stop_ids].max()
    return round(float(torch.cat([tokens, end[None]]).mean()), 4)


def main() -> None:
    base = resolve_base("embedded", config.default_home())
    backend = TransformersBackend(ModelSpec("shipped", base, adapter=SHIPPED_ADAPTER))
    rows = [json.loads(line) for line in JUDGED.read_text().splitlines() if line.strip()]
    missing = [row for row in rows if row["source"] == "draft" and ("--all" in sys.argv or "mean_logprob" not in row)]
    for row in missing:
        row["mean_logprob"] = mean_logprob(backend, row["snippet"], row["caption"])
    JUDGED.write_text("".join(json.dumps(row, ensure_ascii=False) + "\n" for row in rows))
    print(f"{len(missing)} drafts scored in {JUDGED}")


if __name__ == "__main__":
    main()
