"""Fluency guard: is this caption English an editor could post, or a small model's babble?

Two things a strict editor rejects on sight, and the other guards miss:

- ``made_up_words(snippet, caption)``: words that are in neither the snippet, the project's word
  lists (lexicon.COMMON, which holds the slang), nor wordfreq's English list (at Zipf MIN_ZIPF or
  more), as written: "UNLESSLY", "ORTEMIS". Case is folded (shouting is not a
  new word), stretched letters collapsed ("GOOOO"), simple inflections tried ("unretires" of
  "unretire"); hashtags, @handles, numbers and single letters ("W", "L") are never made up, and
  neither are nicknames of the snippet's names ("Wemby" for Wembanyama, as facts.nickname has it).
  Names the snippet does not have are the fact-lock's business (facts.py), not this one's.
- ``repeated_phrase(snippet, caption)``: filler a model loops on, the phrase or None: a run of
  three different words, one of them a content word, said twice ("the Yankees are the best. the
  Yankees are the best"), "the X is the X", or a pad phrase of lexicon.FILLER_PHRASES ("the only
  team left"). A chant ("LET'S GO LET'S GO LET'S GO") is style, and a name said twice ("Los Angeles
  Dodgers") is no filler.
- ``repeated_words(snippet, caption)``: content words (REPEAT_MIN_LETTERS+ letters, no function
  word, not part of the snippet's names) and emoji a caption says twice, not back to back: "the
  head team ... the head team", "💀 ... 💀" ("🔥🔥" is one), and numbers it says more often than the
  snippet does ("a 68 at 4-under 68"; "112 FOR 112" is emphasis). Common in the drafts an editor
  rejected, rare in the seed references, where it is a callback ("history is WATCHING"); so it costs a
  caption its "postable", not its place among the candidates (bench/README.md).
"""

from __future__ import annotations

import functools
import re
from collections import Counter

from generate.guards import lexicon
from generate.guards.facts import extract_facts, nickname
from text import fold, is_emoji, words

# wordfreq's English list starts at 1.0, with misspellings and model babble ("lounds") in its
# tail; 1.5 keeps every word of the seed references. An inflection's stem must be commoner.
MIN_ZIPF, MIN_STEM_ZIPF = 1.5, 2.0
PHRASE_WORDS = 3  # a run of this many different words, said twice, is filler
REPEAT_MIN_LETTERS = 4  # shorter words ("win", "run") are said twice in good captions

_TAGS = re.compile(r"(?<![\w])[#@]\w+")
_INFLECTIONS = ("s", "es", "d", "ed", "ing", "er", "ers", "'")
_FILLER = re.compile("|".join(r"\b" + re.escape(p) + r"\b" for p in lexicon.FILLER_PHRASES), re.IGNORECASE)
_THE_X_IS_THE_X = re.compile(r"\bthe (\w+(?: \w+)?) (?:is|are|was|were|=) the \1\b", re.IGNORECASE)


@functools.lru_cache(maxsize=8192)
def is_english(word: str) -> bool:
    """A folded word in the word lists or wordfreq's, or a simple inflection of a commoner one. Not
    `lexicon.is_common`: its "-ly" of any listed word would let "unlessly" through."""
    from wordfreq import zipf_frequency  # its word lists load on first use

    def listed(form: str, floor: float) -> bool:
        return form in lexicon.COMMON or form in lexicon.ACRONYMS or zipf_frequency(form, "en") >= floor

    stems = [word[: -len(end)] for end in _INFLECTIONS if word.endswith(end) and len(word) - len(end) >= 3]
    return listed(word, MIN_ZIPF) or any(listed(stem, MIN_STEM_ZIPF) for stem in stems)


def _name_words(snippet: str) -> set[str]:
    return {token for name in extract_facts(snippet).names for token in name.tokens}


def _known(word: str, snippet_words: frozenset[str], name_words: set[str]) -> bool:
    return any(
        form in snippet_words or is_english(form) or _built_from_english(form)
        or any(nickname(form, name) for name in name_words)
        for form in lexicon.collapse_elongation(word)
    )


# Sports English coins words the lists lack from words they have: "outpoints", "unguardable",
# "ballhawk", "punchouts". A word is known when such a prefix or suffix leaves an English word,
# or when it splits into two English words of at least COMPOUND_PART letters each.
_PREFIXES = ("out", "over", "under", "un", "re", "super")
_SUFFIXES = ("able", "ably")
COMPOUND_PART = 4
COMPOUND_ZIPF = 3.0


def _built_from_english(word: str) -> bool:
    for prefix in _PREFIXES:
        if word.startswith(prefix) and len(word) - len(prefix) >= 3:
            rest = word[len(prefix):]
            if is_english(rest) or any(rest.endswith(s) and is_english(rest[: -len(s)]) for s in _SUFFIXES):
                return True
    return any(_common(word[:cut]) and _common(word[cut:])
               for cut in range(COMPOUND_PART, len(word) - COMPOUND_PART + 1))


def _common(word: str) -> bool:
    """Common enough to build a compound from: rare list words ("legen", "dery") are not."""
    from wordfreq import zipf_frequency

    return word in lexicon.COMMON or zipf_frequency(word, "en") >= COMPOUND_ZIPF


def made_up_words(snippet: str, caption: str) -> list[str]:
    """Caption words that are no English, no slang and not from the snippet, as written, once each."""
    snippet_words = frozenset(fold(w) for w in words(snippet))
    name_words = _name_words(snippet)
    made_up: list[str] = []
    for word in words(_TAGS.sub(" ", caption or "")):
        folded = fold(word)
        if _misspelt_ordinal(folded) and word not in made_up:  # "ranked 211st"
            made_up.append(word)
        if len(folded) <= 1 or any(ch.isdigit() or ch == "_" for ch in folded):
            continue
        if not _known(folded, snippet_words, name_words) and word not in made_up:
            made_up.append(word)
    return made_up


_ORDINAL = re.compile(r"(\d+)(st|nd|rd|th)")


def _misspelt_ordinal(word: str) -> bool:
    """A number with the wrong ordinal ending: "211st", "3th", "12nd"."""
    match = _ORDINAL.fullmatch(word)
    if not match:
        return False
    n = int(match.group(1))
    right = "th" if n % 100 in (11, 12, 13) else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return match.group(2) != right


def repeated_phrase(snippet: str, caption: str) -> str | None:
    """The filler phrase a caption repeats (see the module docstring), or None."""
    same = _THE_X_IS_THE_X.search(caption or "") or _FILLER.search(caption or "")
    if same:
        return same.group(0)
    if looped := looped_score(snippet, caption):
        return looped
    names = _name_words(snippet)
    folded = [fold(w) for w in words(caption or "")]
    seen: dict[tuple[str, ...], int] = {}
    for start in range(len(folded) - PHRASE_WORDS + 1):
        run = tuple(folded[start : start + PHRASE_WORDS])
        content = [w for w in run if w not in lexicon.FUNCTION and w not in names and not w.isdigit()]
        if not content or len(set(run)) < PHRASE_WORDS:
            continue
        if run in seen and seen[run] + PHRASE_WORDS <= start:  # said again, not overlapping itself
            return " ".join(run)
        seen.setdefault(run, start)
    return None


def _emoji_said(caption: str) -> list[str]:
    """The caption's emoji in order, a run of one ("🔥🔥", "🦅 🦅", "❤️❤️") said once."""
    said, last = [], None
    for ch in caption:
        if is_emoji(ch):
            if ch != last:
                said.append(ch)
            last = ch
        elif not ch.isspace() and ch != "\ufe0f":  # the variation selector that follows many emoji
            last = None
    return said


# A number on its own (not part of a score, a time or an amount), and "N for N" / "N of N" emphasis.
_NUMBER = re.compile(r"(?<![\d.,:\-$£€])\d+(?:\.\d+)?(?![\d\-:])")
_SAID_TWICE_ON_PURPOSE = re.compile(r"\b(\d+)\s*(?:for|of|after|on|out of)\s*\1\b|\b(\d+)-for-\2\b", re.IGNORECASE)


def repeated_words(snippet: str, caption: str) -> list[str]:
    """Content words, emoji and numbers the caption says twice (see the module docstring), folded, in order."""
    names = _name_words(snippet)
    folded = [fold(w) for w in words(caption or "")]
    back_to_back = {a for a, b in zip(folded, folded[1:]) if a == b}  # "wild, wild": emphasis
    # a unit each time after its number ("51 YEARS OLD ... after 14 years", "6 months ... in 12 months"): two
    # counts, no loop (seed references the proxy turned down, reads 55-64)
    counted_units = Counter(b for a, b in zip(folded, folded[1:]) if a.isdigit())
    counted = Counter(w for w in folded if w.isalpha() and len(w) >= REPEAT_MIN_LETTERS
                      and w not in lexicon.FUNCTION and w not in names and w not in back_to_back)
    counted = Counter({w: n for w, n in counted.items() if n > counted_units[w]})
    emoji = Counter(_emoji_said(caption or ""))
    numbers = Counter(_NUMBER.findall(_SAID_TWICE_ON_PURPOSE.sub(" ", caption or "")))
    in_snippet = Counter(_NUMBER.findall(snippet or ""))
    return ([w for w, n in counted.items() if n > 1] + [e for e, n in emoji.items() if n > 1]
            + [number for number, n in numbers.items() if n > max(1, in_snippet[number])])


_SCORE_LIKE = re.compile(r"\d+(?:[-:.,/]\d+)+")


def looped_score(snippet: str, caption: str) -> str | None:
    """A score (or time, or stat) the caption says more often than the snippet does: "3-0 to 3-0",
    "115-113. 115-113". Set scores ("6-0 6-0 6-0") repeat in the snippet too; "22-8 vs 22-8" is two
    records."""
    said = Counter(_SCORE_LIKE.findall(caption or ""))
    there = Counter(_SCORE_LIKE.findall(snippet or ""))
    for score, times in said.items():
        if times > max(1, there[score]) and f"{score} vs {score}" not in caption:
            return score
    return None
