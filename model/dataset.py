"""Training data: the bundled seed set plus the editors' approved captions.

Approved captions come first and win over a seed pair for the same snippet (an editor's judgement is
newer than ours); edited approvals arrive with their final text. The validation split is the seed
set's fixed one, so versions trained on different approvals are evaluated on the same held-out pairs;
once there are enough approvals, a fixed share of their stories (chosen by a hash of the snippet, so
a story never moves between splits as the data grows) is held out too, for the promotion gate.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass
from pathlib import Path

from model.prompt import training_example
from text import split_sign_off

SEED_PATH = Path(__file__).resolve().parent.parent / "data" / "seed_captions.jsonl"
HELD_OUT_SHARE = 0.2  # of the approved stories, once there are [train] holdout_min_approved approvals


@dataclass(frozen=True)
class Pair:
    snippet: str
    caption: str
    source: str  # "seed:<id>" or "approved:<draft id>"


@dataclass
class Dataset:
    train: list[Pair]
    validation: list[Pair]

    @property
    def digest(self) -> str:
        """A short hash of the exact training and validation text, recorded with the model version."""
        h = hashlib.sha256()
        for split, pairs in (("train", self.train), ("validation", self.validation)):
            for pair in pairs:
                h.update(json.dumps([split, pair.snippet, pair.caption]).encode())
        return h.hexdigest()[:16]

    def write(self, path: Path) -> None:
        """Snapshot the dataset next to the adapter it trained, so a version can be reproduced."""
        with path.open("w", encoding="utf-8") as out:
            for split, pairs in (("train", self.train), ("validation", self.validation)):
                for pair in pairs:
                    record = {"split": split, "source": pair.source, "snippet": pair.snippet,
                              "caption": pair.caption}
                    out.write(json.dumps(record, ensure_ascii=False) + "\n")


def load_seed(path: Path = SEED_PATH) -> list[dict]:
    with path.open(encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def snippet_key(snippet: str) -> str:
    """Snippets that differ only in case, spacing or punctuation are one story."""
    return re.sub(r"\W+", " ", snippet.casefold()).strip()


def held_out_story(snippet: str, share: float = HELD_OUT_SHARE) -> bool:
    """Whether this story is kept out of training, for evaluation (a fixed hash of the snippet)."""
    digest = hashlib.sha256(snippet_key(snippet).encode()).digest()
    return int.from_bytes(digest[:4], "big") / 2**32 < share


def held_out_approvals(approved: list[dict], min_approved: int) -> list[dict]:
    """The approved captions held out of training: none until there are `min_approved` (0: never)."""
    if not min_approved or len(approved) < min_approved:
        return []
    return [a for a in approved if held_out_story(a["snippet"])]


def build_dataset(approved: list[dict], seed: list[dict] | None = None, holdout_min_approved: int = 0,
                  heads_only: bool = False) -> Dataset:
    """`approved`: dicts with snippet, caption (the final, possibly edited text) and draft_id. With at
    least `holdout_min_approved` of them, a share of their stories joins the validation split. With
    `heads_only`, each caption is cut to its hook and fact line (text.split_sign_off): a model that
    writes those, for house sign-offs (generate/closers.py)."""
    seed = load_seed() if seed is None else seed
    if heads_only:
        seed = [row | {"caption": split_sign_off(row["caption"])[0]} for row in seed]
        approved = [row | {"caption": split_sign_off(row["caption"])[0]} for row in approved]
    validation = [
        Pair(r["snippet"], r["caption"], f"seed:{r['id']}") for r in seed if r["split"] == "validation"
    ]
    validation += [Pair(a["snippet"], a["caption"], f"approved:{a['draft_id']}")
                   for a in held_out_approvals(approved, holdout_min_approved)]
    held_out = {snippet_key(p.snippet) for p in validation}
    seen: set[str] = set()
    train: list[Pair] = []
    candidates = [Pair(a["snippet"], a["caption"], f"approved:{a['draft_id']}") for a in approved]
    candidates += [Pair(r["snippet"], r["caption"], f"seed:{r['id']}") for r in seed if r["split"] == "train"]
    for pair in candidates:
        key = snippet_key(pair.snippet)
        if key in seen or key in held_out or not pair.caption.strip():
            continue
        seen.add(key)
        train.append(pair)
    return Dataset(train=train, validation=validation)


def as_records(pairs: list[Pair]) -> list[dict]:
    """Conversational prompt/completion records, rendered by the one prompt function."""
    return [training_example(p.snippet, p.caption) for p in pairs]
