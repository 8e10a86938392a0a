"""The same story from two feeds is one snippet: story keys and a similarity index over them.

A story key is the set of normalized words of an item's title (accents folded, lowercased, filler words
dropped; scores like 3-1 kept whole), with words of the snippet added when the title is too short to
tell stories apart ("Highlights"). Two keys are the same story when their Jaccard similarity reaches the
threshold and they do not report different numbers: "Lakers beat Celtics 110-102" and "Lakers beat
Celtics 99-98" share most words but are two games.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections import defaultdict
from typing import Hashable, Iterable

MIN_TITLE_WORDS = 4

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
    if not text.isascii():
        text = "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))
    words = set()
    for word in _TOKEN.findall(text.lower().replace("’", "'")):
        word = word.removesuffix("'s")
        if word not in _STOPWORDS and (len(word) > 1 or word.isdigit()):
            words.add(word)
    return words


class StoryIndex:
    """Story keys by reference (a snippet id, or anything hashable for not-yet-stored snippets), with
    an inverted index so a lookup only scores the few keys that could possibly match (set algebra in C,
    not a Python loop over every stored story: a poll probes thousands of items against days of them)."""

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
        # Jaccard >= t needs at least ceil(t * |words|) shared words, so a match shares one of the
        # probe's (|words| - that + 1) rarest words: the union of those postings holds every match.
        need = max(1, math.ceil(self.threshold * len(words) - 1e-9))
        rarest = sorted(words, key=lambda w: len(postings.get(w, ())))[: len(words) - need + 1]
        candidates = set().union(*(postings.get(w, ()) for w in rarest))
        numbers = _numbers(words)
        if numbers and candidates:
            # Two stories with numbers match only if they share one (3-1 vs 2-0 are two games).
            candidates &= set().union(*(postings.get(w, ()) for w in numbers)) | self._without_numbers
        best, best_score = None, self.threshold
        for ref in candidates:
            other = self._words[ref]
            shared = len(words & other)
            score = shared / (len(words) + len(other) - shared)
            if score >= best_score and (best is None or score > best_score):
                best, best_score = ref, score
        return best


_DIGIT = re.compile(r"\d")


def _numbers(words: frozenset[str]) -> frozenset[str]:
    return frozenset(filter(_DIGIT.search, words))
