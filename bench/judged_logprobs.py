"""Writes the shipped adapter's mean log-probability into each draft of data/eval/judged.jsonl.

    python bench/judged_logprobs.py               # the drafts that have none
    python bench/judged_logprobs.py --all         # every draft (after the shipped adapter changed)
    python bench/judged_logprobs.py --from 17     # the drafts of reads 17 on (after the scoring changed)

The guards flag a caption its model was unsure of ("hesitant", generate/guards/best_of_n.py) by the
mean log-probability the backend reports with each candidate, scored here as the product scores it now,
teacher-forced after the prompt the backend serves: a hook before the snippet's headline
(generate/headlines.py, as said now or pasted before) by its own tokens, as decoding that stops after the
hook reports it; a caption without a hook of the model's (the headline alone, or after a house hook: a mood,
a situation's or an angle) gets none; any other by its head's
tokens (text.split_sign_off: with house sign-offs the adapter writes hook and fact line and ends there)
and the likeliest end-of-turn token. Drafts written by earlier adapters are scored by the shipped one.
References get none: the product scores only drafts its model wrote.
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
from generate.closers import house_phrasebook  # noqa: E402
from generate.angles import angle_hooks  # noqa: E402
from generate.headlines import headline, hook_part  # noqa: E402
from generate.situations import SITUATIONS  # noqa: E402
from text import split_sentences, split_sign_off  # noqa: E402


def mean_logprob(backend, snippet: str, caption: str, book) -> float | None:
    for line in _headlines(snippet):
        if line in caption:
            hook = caption[: caption.index(line)].strip()
            if not hook or hook_part(caption) in _house_hooks(snippet, line, book):
                return None  # the house's words, or none before the headline
            return _teacher_forced(backend, snippet, hook, end=False)
    return _teacher_forced(backend, snippet, split_sign_off(caption)[0], end=True)


def _headlines(snippet: str) -> list[str]:
    """The headline as the house says it now (voice.py) and as earlier products pasted it."""
    line = headline(snippet)
    if line is None:
        return []
    first = split_sentences(snippet)[0].strip()
    return [line, first if first.endswith((".", "!", "?")) else first + "."]


def _house_hooks(snippet: str, line: str, book) -> set[str]:
    """Every hook the house writes: the phrasebook's mood hooks, the situations' and the story's angles."""
    return ({entry.phrase for entry in book.entries} | {hook for situation in SITUATIONS for hook in situation.hooks}
            | set(angle_hooks(snippet, line)))


def _teacher_forced(backend, snippet: str, text: str, end: bool) -> float:
    import torch

    tokenizer, model = backend.tokenizer, backend.model
    prompt = tokenizer(render_prompt(tokenizer, snippet), add_special_tokens=False)["input_ids"]
    ids = tokenizer(text, add_special_tokens=False)["input_ids"]
    with torch.inference_mode():
        logits = model(input_ids=torch.tensor([prompt + ids])).logits[0, len(prompt) - 1 :]
    logprobs = torch.log_softmax(logits.float(), dim=-1)
    scored = logprobs[:-1].gather(1, torch.tensor(ids)[:, None])[:, 0]
    if end:
        scored = torch.cat([scored, logprobs[-1, backend.stop_ids].max()[None]])
    return round(float(scored.mean()), 4)


def main() -> None:
    base = resolve_base("embedded", config.default_home())
    backend = TransformersBackend(ModelSpec("shipped", base, adapter=SHIPPED_ADAPTER))
    rows = [json.loads(line) for line in JUDGED.read_text().splitlines() if line.strip()]
    first = int(sys.argv[sys.argv.index("--from") + 1]) if "--from" in sys.argv else None
    again = "--all" in sys.argv or first is not None
    missing = [row for row in rows if row["source"] == "draft" and (again or "mean_logprob" not in row)
               and row["read"] >= (first or 0)]
    book = house_phrasebook(hook_part)
    for row in missing:
        row["mean_logprob"] = mean_logprob(backend, row["snippet"], row["caption"], book)
    JUDGED.write_text("".join(json.dumps(row, ensure_ascii=False) + "\n" for row in rows))
    print(f"{len(missing)} drafts scored in {JUDGED}")


if __name__ == "__main__":
    main()
