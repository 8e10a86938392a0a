"""Injection guard: a caption that obeys or repeats instructions aimed at an AI model.

The condenser keeps such sentences out of new snippets (ingest.injection), but a snippet from a file,
or one stored before that, can still carry one, and a model can echo it ("a poem about cats").
Flagged "injection", which blocks a candidate like an invented fact does.
"""

from __future__ import annotations

from ingest.injection import InjectionScreen, is_instruction
from text import split_sentences, words

ECHO_WORDS = 3  # a run this long of an injected sentence's words is repeating it


def injection_flags(snippet: str, caption: str) -> list[str]:
    """["injection"] when `caption` reads as an instruction to a model or repeats ECHO_WORDS words in
    a row of an injected sentence in `snippet`; [] otherwise."""
    if is_instruction(caption):
        return ["injection"]
    screen = InjectionScreen()
    injected = [sentence for sentence in split_sentences(snippet or "") if screen.catches(sentence)]
    echoed = _runs(caption) & set().union(*map(_runs, injected)) if injected else set()
    return ["injection"] if echoed else []


def _runs(text: str) -> set[tuple[str, ...]]:
    folded = [w.casefold() for w in words(text)]
    return set(zip(*(folded[i:] for i in range(ECHO_WORDS))))
