"""The one small interface every generation backend implements.

A backend turns snippets into candidate captions: `generate(snippets, params)` returns, for each
snippet in order, a list of `params.n` raw caption strings. Backends render the prompt with
`model.prompt` (the same function training uses) and never score or clean captions: that is the
guards' job (generate/guards/).
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Callable, Protocol

from model.registry import ModelSpec  # noqa: F401  (re-exported: backends take a ModelSpec)


@dataclass(frozen=True)
class SamplingParams:
    temperature: float = 0.8
    top_p: float = 0.95
    max_new_tokens: int = 60
    n: int = 4
    seed: int = 1234
    until_hook: bool = False  # stop each candidate after its hook (generate/backends/ending.py)

    @property
    def greedy(self) -> bool:
        return self.temperature <= 0

    def as_dict(self) -> dict:
        return asdict(self)


class Candidate(str):
    """A generated caption, as text; `mean_logprob` is the model's own mean log-probability of its
    tokens (its fluency), where the backend reports one."""

    mean_logprob: float | None = None

    @classmethod
    def scored(cls, text: str, mean_logprob: float | None) -> "Candidate":
        candidate = cls(text)
        candidate.mean_logprob = mean_logprob
        return candidate


class BackendError(RuntimeError):
    """A backend cannot serve (won't start, server unreachable); the message is one line for the user."""


# Called after each finished batch with the number of snippets done so far.
Progress = Callable[[int], None]


class Backend(Protocol):
    name: str
    spec: ModelSpec | None  # the local weights it serves; None for a remote server
    model_version: str  # what drafts record as their model: a registry version, or the remote model

    def generate(
        self, snippets: list[str], params: SamplingParams, progress: Progress | None = None
    ) -> list[list[str]]: ...

    def close(self) -> None: ...
