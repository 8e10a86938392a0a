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
    """Story keys by reference (a snippet id, or anything hashable for not-yet-stored snippets),
    with an inverted index so a lookup touches only keys sharing a rare word with the probe."""

    def __init__(self, threshold: float, entries: Iterable[tuple[Hashable, str]] = ()):
        self.threshold = threshold
        self._keys: dict[Hashable, tuple[frozenset[str], frozenset[str]]] = {}  # ref -> (words, numbers)
        self._postings: dict[str, list[Hashable]] = defaultdict(list)
        for ref, key in entries:
            self.add(ref, key)

    def __len__(self) -> int:
        return len(self._keys)

    def add(self, ref: Hashable, key: str) -> None:
        words = frozenset(key.split())
        if not words or ref in self._keys:
            return
        self._keys[ref] = (words, _numbers(words))
        for word in words:
            self._postings[word].append(ref)

    def match(self, key: str) -> Hashable | None:
        """The reference of the most similar stored story at or above the threshold, or None."""
        words = frozenset(key.split())
        if not words:
            return None
        # Any key with Jaccard >= t shares at least ceil(t * |words|) of the probe's words, so it shares
        # one of the probe's (|words| - that + 1) rarest words: only those postings need scanning.
        need = max(1, math.ceil(self.threshold * len(words) - 1e-9))
        rarest = sorted(words, key=lambda w: len(self._postings.get(w, ())))[: len(words) - need + 1]
        probe = (words, _numbers(words))
        best, best_score = None, 0.0
        seen: set[Hashable] = set()
        for word in rarest:
            for ref in self._postings.get(word, ()):
                if ref in seen:
                    continue
                seen.add(ref)
                score = _similarity(probe, self._keys[ref])
                if score >= self.threshold and score > best_score:
                    best, best_score = ref, score
        return best



def _numbers(words: frozenset[str]) -> frozenset[str]:
    return frozenset(w for w in words if any(c.isdigit() for c in w))


def _similarity(a: tuple[frozenset[str], frozenset[str]], b: tuple[frozenset[str], frozenset[str]]) -> float:
    """Jaccard similarity of two keys' words; 0 when both carry numbers and share none."""
    (words_a, numbers_a), (words_b, numbers_b) = a, b
    if numbers_a and numbers_b and numbers_a.isdisjoint(numbers_b):
        return 0.0  # different scores, fees or dates: a different story
    shared = len(words_a & words_b)
    return shared / (len(words_a) + len(words_b) - shared) if shared else 0.0
