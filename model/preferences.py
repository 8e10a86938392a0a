"""Preference pairs from the review history: what the editor preferred over what the model offered.

For each snippet with an approved caption (the chosen text), the rejected texts are
    edit       the model's caption the editor rewrote (the edit is chosen over it)
    unchosen   the draft's other candidates, which the editor passed over
    rejected   the caption of another draft of the same story that the editor rejected (reason kept)
A rejected draft whose story has no approved caption gives no pair: there is nothing to prefer.
Rejected texts equal to the chosen one (after folding case and spacing) or empty are left out.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from model.dataset import held_out_story, snippet_key
from model.prompt import preference_example
from text import split_sign_off

KINDS = ("edit", "unchosen", "rejected")


@dataclass(frozen=True)
class PreferencePair:
    snippet: str
    chosen: str
    rejected: str
    kind: str  # edit | unchosen | rejected
    draft_id: int  # the approved draft the chosen text belongs to
    reason: str | None = None  # the editor's reason, for a rejected draft


def build_pairs(history: list[dict], heads_only: bool = False) -> list[PreferencePair]:
    """`history`: Store.review_history() rows. Pairs in history order, each (chosen, rejected) once;
    with `heads_only`, of the captions' hooks and fact lines (text.split_sign_off), as
    model.dataset.build_dataset trains them."""
    cut = (lambda text: split_sign_off(text or "")[0]) if heads_only else (lambda text: text)
    by_story: dict[str, list[dict]] = defaultdict(list)
    for row in history:
        by_story[snippet_key(row["snippet"])].append(row)
    pairs: list[PreferencePair] = []
    for rows in by_story.values():
        rejections = [r for r in rows if r["action"] == "reject"]
        for approved in (r for r in rows if r["action"] in ("approve", "edit")):
            chosen = cut(approved["final_text"] or "")
            losers = [(approved["original_text"], "edit", None)] if approved["action"] == "edit" else []
            losers += [(c.get("caption"), "unchosen", None) for c in approved["candidates"] or []]
            losers += [(r["original_text"], "rejected", r["reason"]) for r in rejections]
            seen = {_fold(chosen)}
            for text, kind, reason in losers:
                text = cut(text)
                if not text or not text.strip() or _fold(text) in seen:
                    continue
                seen.add(_fold(text))
                pairs.append(PreferencePair(approved["snippet"], chosen, text, kind, approved["draft_id"], reason))
    return pairs


def split_pairs(pairs: list[PreferencePair]) -> tuple[list, list]:
    """(train, held out): the stories `model.dataset.held_out_story` holds out, so a story's pairs stay
    on one side, the split does not change as the history grows, and it agrees with the SFT split.
    Nothing is held out when that would leave nothing to train on."""
    train = [p for p in pairs if not held_out_story(p.snippet)]
    return (train, [p for p in pairs if held_out_story(p.snippet)]) if train else (pairs, [])


def as_records(pairs: list[PreferencePair]) -> list[dict]:
    """trl's conversational prompt/chosen/rejected records, on the prompt training and serving use."""
    return [preference_example(p.snippet, p.chosen, p.rejected) for p in pairs]


def _fold(text: str) -> str:
    return " ".join(text.casefold().split())
