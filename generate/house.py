"""The house's part of a caption: what every job does to a backend's candidates before the guards read
them. The model writes the hook; the fact line can be the snippet's headline (headlines.py) and the
sign-off one an editor wrote (closers.py), as `[generation] fact_lines` and `closers` say."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import config
from generate.backends.base import Backend, Progress, SamplingParams
from generate.closers import Phrasebook, house_closers, sign_off_all
from generate.headlines import headline_all


@dataclass(frozen=True)
class House:
    book: Phrasebook | None  # house sign-offs; None: the model's own
    headlines: bool  # the snippet's headline for fact line

    def draft(self, backend: Backend, snippets: list[str], params: SamplingParams,
              progress: Progress | None = None) -> list[list[str]]:
        """The backend's candidates for each snippet, finished by the house."""
        return self.finish(snippets, backend.generate(snippets, params, progress))

    def finish(self, snippets: list[str], outputs: list[list[str]]) -> list[list[str]]:
        """A backend's candidates, per snippet, with the house's fact lines and sign-offs."""
        if self.headlines:
            outputs = headline_all(snippets, outputs)
        return sign_off_all(self.book, snippets, outputs)


def house_style(generation: config.GenerationSettings, approved: Iterable[dict] = ()) -> House:
    """The house a job drafts with; `approved` (snippet, caption as approved) joins the phrasebook."""
    return House(house_closers(generation.closers, approved), generation.fact_lines == "headline")
