"""The house's part of a caption: what every job does to a backend's candidates before the guards read
them. The model writes the hook; the fact line can be the snippet's headline (headlines.py) and the
sign-off one an editor wrote (closers.py), as `[generation] fact_lines` and `closers` say. When the house
writes both, the model is asked for the hook only: decoding stops after it (backends/ending.py)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field, replace

import config
from generate.backends.base import Backend, Progress, SamplingParams
from generate.closers import Phrasebook, house_closers, sign_off_all
from generate.headlines import headline, headline_all, hook_part

HOOK_TOKENS = 24  # enough for a hook of headlines.MAX_HOOK_WORDS words and its emoji


@dataclass(frozen=True)
class House:
    book: Phrasebook | None  # house sign-offs; None: the model's own
    headlines: bool  # the snippet's headline for fact line
    hooks: Phrasebook | None = None  # house hooks, for a headline none of the model's hooks can open
    # the job's sign-offs so far, so that its drafts do not all close alike (closers.Phrasebook.sign_off)
    signed: Counter = field(default_factory=Counter, compare=False)

    @property
    def hooks_only(self) -> bool:
        """The house writes the fact line and the sign-off: all the model adds is the hook."""
        return self.headlines and self.book is not None

    def draft(self, backend: Backend, snippets: list[str], params: SamplingParams,
              progress: Progress | None = None) -> list[list[str]]:
        """The backend's candidates for each snippet, finished by the house. Of a story with a headline
        only the hook is asked for, when that is all the house keeps; a story without one gets whole
        captions."""
        if not self.hooks_only:
            return self.finish(snippets, backend.generate(snippets, params, progress))
        hooks = replace(params, until_hook=True, max_new_tokens=min(params.max_new_tokens, HOOK_TOKENS))
        has_line = [headline(snippet) is not None for snippet in snippets]
        outputs: list[list[str]] = [[] for _ in snippets]
        done = 0
        for wanted, asked in ((True, hooks), (False, params)):
            indices = [i for i, line in enumerate(has_line) if line is wanted]
            if not indices:
                continue
            told = None if progress is None else (lambda count, before=done: progress(before + count))
            for i, candidates in zip(indices, backend.generate([snippets[i] for i in indices], asked, told)):
                outputs[i] = candidates
            done += len(indices)
        return self.finish(snippets, outputs)

    def finish(self, snippets: list[str], outputs: list[list[str]]) -> list[list[str]]:
        """A backend's candidates, per snippet, with the house's fact lines and sign-offs."""
        if self.headlines:
            outputs = headline_all(snippets, outputs, self.hooks, self.hooks_only)
        return sign_off_all(self.book, snippets, outputs, self.signed)


def house_style(generation: config.GenerationSettings, approved: Iterable[dict] = ()) -> House:
    """The house a job drafts with; `approved` (snippet, caption as approved) joins the phrasebooks."""
    headlines = generation.fact_lines == "headline"
    hooks = house_closers(generation.closers, approved, hook_part) if headlines else None
    return House(house_closers(generation.closers, approved), headlines, hooks)
