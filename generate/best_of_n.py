"""Best-of-n: score every candidate caption for a snippet and keep the best one.

Each candidate is sanitized, then scored (all numbers in [0, 1] unless said otherwise):

    style      style.style_score: @versus-ness
    fact_keep  facts.check_facts keep_rate: share of the snippet's key facts the caption kept
    invented   count of numbers and names in the caption that the snippet does not have
    persona    count of assistant-speak reason codes (persona.persona_issues)
    length     style.length_factor of the caption before truncation
    total      0.45·style + 0.40·fact_keep + 0.15·length − 0.30·min(invented, 3) − 0.50·min(persona, 2)
               (−1.0 for an empty caption): the ranking key

and flagged: "empty", "too_long", "persona:<code>", "invented_number:<as written>",
"invented_name:<as written>", "missing_fact:<as the snippet wrote it>".

`choose_best` drops candidates that are empty, speak as an assistant or invent facts, and keeps
the highest total among the rest; when none is left it keeps the highest total overall, flags and
all, so the editor sees why. Scores and flags are plain JSON values: `Scored.as_dict()` is what the
draft stores.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from generate.facts import check_facts
from generate.persona import persona_issues
from generate.sanitize import sanitize, truncate_words
from generate.style import length_factor, style_score

MAX_CHARS = 280
BLOCKING_PREFIXES = ("empty", "persona:", "invented_number:", "invented_name:")


@dataclass
class Scored:
    caption: str  # sanitized, at most MAX_CHARS
    scores: dict[str, float | int] = field(default_factory=dict)
    flags: list[str] = field(default_factory=list)

    @property
    def passed(self) -> bool:
        """No blocking flag: not empty, no assistant-speak, no invented number or name."""
        return not any(flag.startswith(BLOCKING_PREFIXES) for flag in self.flags)

    def as_dict(self) -> dict:
        return {"caption": self.caption, "scores": dict(self.scores), "flags": list(self.flags)}


def score_caption(snippet: str, raw: str, max_chars: int = MAX_CHARS) -> Scored:
    """One candidate, sanitized, scored and flagged (see the module docstring)."""
    full = sanitize(raw, max_chars=None)
    caption = truncate_words(full, max_chars)
    if not caption:
        scores = {"style": 0.0, "fact_keep": 0.0, "invented": 0, "persona": 0, "length": 0.0, "total": -1.0}
        return Scored("", scores, ["empty"])

    flags = [f"persona:{code}" for code in persona_issues(caption)]
    check = check_facts(snippet, caption)
    flags += [f"invented_number:{n}" for n in check.invented_numbers]
    flags += [f"invented_name:{n}" for n in check.invented_names]
    flags += [f"missing_fact:{fact}" for fact in check.missing_numbers + check.missing_names]
    if len(full) > max_chars:
        flags.append("too_long")

    style = style_score(caption)
    length = round(length_factor(len(full)), 3)
    invented = len(check.invented_numbers) + len(check.invented_names)
    persona = sum(flag.startswith("persona:") for flag in flags)
    total = 0.45 * style + 0.40 * check.keep_rate + 0.15 * length - 0.30 * min(invented, 3) - 0.50 * min(persona, 2)
    scores = {
        "style": style,
        "fact_keep": check.keep_rate,
        "invented": invented,
        "persona": persona,
        "length": length,
        "total": round(total, 3),
    }
    return Scored(caption, scores, flags)


def score_candidates(snippet: str, candidates: list[str], max_chars: int = MAX_CHARS) -> list[Scored]:
    """Every candidate scored, in the order given."""
    return [score_caption(snippet, raw, max_chars) for raw in candidates]


def choose_best(scored: list[Scored]) -> Scored:
    """The passing candidate with the highest total (first wins ties); if none passes, the highest
    total overall with its flags. Raises ValueError for an empty list."""
    if not scored:
        raise ValueError("choose_best needs at least one candidate")
    passing = [s for s in scored if s.passed]
    pool = passing or [s for s in scored if s.caption] or scored
    return max(pool, key=lambda s: s.scores["total"])
