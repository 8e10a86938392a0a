"""Style score: how much a caption sounds like @versus (hype) rather than a news wire (plain).

`style_features(caption)` measures six signals, each squashed to [0, 1] so one loud signal cannot
carry a caption alone, plus a length factor:

    feature   1.0 when ...                                                  weight
    emoji     2+ emoji                                                      0.35
    caps      1 word in 12 shouted in caps (HIM, CINEMA; acronyms such as   0.35
              NBA or an unknown 2-3 letter code like WBC don't count)
    exclaim   2+ exclamation marks                                          0.25
    slang     2+ slang words or phrases (lexicon.SLANG, SLANG_PHRASES)      0.25
    punchy    sentences of 9 words or fewer on average (0.0 at 14+,         0.15
              the length of a wire sentence)
    social    a hashtag, @mention or "vs"                                   0.15

`style_score` = length factor × min(1, weighted sum). The weights add up to 1.5 on purpose: each
is the share of a full score that signal earns alone, and a post needs about three strong devices,
not all six (seed captions lean on emoji, caps and short sentences; few use hashtags). The length
factor is 1.0 from 25 to 220 characters and falls linearly to 0 at 0 and at 400: a two-word
caption or a paragraph is not a good post however loud it is. Calibrated on data/seed_captions.jsonl (see
tests/test_guards.py): seed captions average above 0.6, their plain news snippets below 0.25.
"""

from __future__ import annotations

import re

from generate.guards import lexicon
from text import is_emoji, sentence_pieces

WEIGHTS = {"emoji": 0.35, "caps": 0.35, "exclaim": 0.25, "slang": 0.25, "punchy": 0.15, "social": 0.15}
SHOUTED_SHARE = 1 / 12  # caps feature is full when this share of words is shouted
PUNCHY_WORDS = (9, 14)  # mean words per sentence: full feature at or below, zero at or above
SWEET_SPOT = (25, 220)  # characters for a full length factor
MAX_CHARS = 400  # length factor reaches 0 here

_WORD = re.compile(r"[^\W\d_][\w'’\-]*")
_SOCIAL = re.compile(r"(?<![\w])[#@]\w+|\bvs\.?(?!\w)|\bversus\b", re.IGNORECASE)
_PHRASES = re.compile("|".join(r"\b" + re.escape(p) + r"\b" for p in lexicon.SLANG_PHRASES), re.IGNORECASE)


def _is_shouted(word: str) -> bool:
    """All caps and not an organization code: HIM and CINEMA are shouted, NBA and WBC are not."""
    if len(word) < 2 or not word.isupper():
        return False
    lower = word.lower().replace("’", "'")
    if lower in lexicon.ACRONYMS:
        return False
    return len(lower) >= 4 or lexicon.is_common(lower)


def _ramp(value: float, full_at: float) -> float:
    return max(0.0, min(1.0, value / full_at))


def length_factor(n_chars: int) -> float:
    low, high = SWEET_SPOT
    if n_chars <= 0:
        return 0.0
    if n_chars < low:
        return n_chars / low
    if n_chars <= high:
        return 1.0
    return max(0.0, (MAX_CHARS - n_chars) / (MAX_CHARS - high))


def style_features(caption: str | None) -> dict[str, float]:
    """The six style signals and the length factor, each in [0, 1], rounded for storage."""
    text = (caption or "").replace("’", "'").strip()
    words = _WORD.findall(text)
    shouted = [w for w in words if _is_shouted(w)]
    slang_words = sum(
        1 for w in words if any(form in lexicon.SLANG for form in lexicon.collapse_elongation(w.lower()))
    )
    sentences = [s for s in sentence_pieces(text) if _WORD.search(s)]
    mean_sentence = sum(len(_WORD.findall(s)) for s in sentences) / len(sentences) if sentences else 0.0
    shortest, longest = PUNCHY_WORDS
    features = {
        "exclaim": _ramp(text.count("!") + text.count("‼") * 2, 2),
        "caps": _ramp(len(shouted) / len(words), SHOUTED_SHARE) if words else 0.0,
        "emoji": _ramp(sum(1 for ch in text if is_emoji(ch)), 2),
        "slang": _ramp(slang_words + len(_PHRASES.findall(text)), 2),
        "punchy": _ramp(longest - mean_sentence, longest - shortest) if sentences else 0.0,
        "social": _ramp(len(_SOCIAL.findall(text)), 1),
        "length": length_factor(len(text)),
    }
    return {name: round(value, 3) for name, value in features.items()}


def style_score(caption: str | None) -> float:
    """@versus-ness in [0, 1]: the length factor times the capped weighted sum of the features."""
    features = style_features(caption)
    energy = min(1.0, sum(weight * features[name] for name, weight in WEIGHTS.items()))
    return round(features["length"] * energy, 3)
