"""The same story from two feeds is one snippet: story keys and a similarity index over them.

A story key is the set of normalized words of an item's title (accents folded, lowercased, filler words
dropped; scores like 3-1 kept whole), with words of the snippet added when the title is too short to
tell stories apart ("Highlights"). Two feeds rarely title a story alike ("Spain edge Italy 2-1 for
seventh Davis Cup title" / "Spain beat Italy 2-1 in Bologna to win the Davis Cup"), but they name the
same people, places and numbers, which few other stories share. So words are weighted by rarity
(inverse document frequency over the stories indexed; a word in more than COMMON_SHARE of them weighs
nothing), and two keys are the same story when the words they share carry at least `threshold` of the
lighter key's weight and they do not report different numbers ("Lakers beat Celtics 110-102" and
"Lakers beat Celtics 99-98" are two games).
"""

from __future__ import annotations

import math
import re
from collections import defaultdict
from typing import Hashable, Iterable

from text import strip_accents

MIN_TITLE_WORDS = 4
COMMON_SHARE = 0.05
COMMON_FLOOR = 20  # in a small index no word is common: below this many stories, none is

_TOKEN = re.compile(r"[a-z0-9]+(?:[-'.][a-z0-9]+)*")
_STOPWORDS = frozenset(
    "a an the and or but of to in on at for with by from as is are was were be been being has have had "
    "it its this that these those he she they his her their them him after before over into up out "
    "v vs says said will would could can not no new than then there who what when where how why".split()
)


def story_key(title: str, text: str = "") -> str:
    """The key stored with a snippet: its distinctive words, sorted, space-separated."""
    words = _key_words(title)
    if len(words) < MIN_TITLE_WORDS and text:
        words |= _key_words(text)
    return " ".join(sorted(words))


def _key_words(text: str) -> set[str]:
    text = strip_accents(text)
    words = set()
    for word in _TOKEN.findall(text.lower().replace("’", "'")):
        word = word.removesuffix("'s")
        if word not in _STOPWORDS and (len(word) > 1 or word.isdigit()):
            words.add(word)
    return words


class StoryIndex:
    """Story keys by reference (a snippet id, or anything hashable for not-yet-stored snippets), with
    an inverted index so a lookup only scores the keys that could possibly match (a poll probes
    thousands of items against days of stories)."""

    def __init__(self, threshold: float, entries: Iterable[tuple[Hashable, str]] = ()):
        self.threshold = threshold
        self._words: dict[Hashable, frozenset[str]] = {}
        self._postings: dict[str, list[Hashable]] = defaultdict(list)
        self._without_numbers: set[Hashable] = set()
        for ref, key in entries:
            self.add(ref, key)

    def __len__(self) -> int:
        return len(self._words)

    def add(self, ref: Hashable, key: str) -> None:
        words = frozenset(key.split())
        if not words or ref in self._words:
            return
        self._words[ref] = words
        for word in words:
            self._postings[word].append(ref)
        if not _numbers(words):
            self._without_numbers.add(ref)

    def match(self, key: str) -> Hashable | None:
        """The reference of the most similar stored story at or above the threshold, or None."""
        words = frozenset(key.split())
        if not words:
            return None
        postings = self._postings
        common = max(COMMON_FLOOR, COMMON_SHARE * len(self._words))
        total = len(self._words) + 1
        weights: dict[str, float] = {}  # per lookup: candidates share most of their words

        def weight(word: str) -> float:
            if word not in weights:
                seen = len(postings.get(word, ()))
                weights[word] = 0.0 if seen > common else math.log((total + 1) / (seen + 1))
            return weights[word]

        # Only a story sharing a word of some weight can score: those words' postings hold every match.
        candidates = set().union(*(postings.get(w, ()) for w in words if weight(w)))
        numbers = _numbers(words)
        if numbers and candidates:
            # Two stories with numbers match only if they share one (3-1 vs 2-0 are two games).
            candidates &= set().union(*(postings.get(w, ()) for w in numbers)) | self._without_numbers
        mine = sum(map(weight, words))
        best, best_score = None, self.threshold
        for ref in candidates:
            other = self._words[ref]
            lighter = min(mine, sum(map(weight, other)))
            if lighter <= 0:
                continue
            score = sum(map(weight, words & other)) / lighter
            if score >= best_score and (best is None or score > best_score):
                best, best_score = ref, score
        return best


_DIGIT = re.compile(r"\d")


def _numbers(words: frozenset[str]) -> frozenset[str]:
    return frozenset(filter(_DIGIT.search, words))
