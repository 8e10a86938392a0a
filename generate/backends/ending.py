"""Where a candidate ends: at the model's end of turn or, when only its hook is asked for
(`SamplingParams.until_hook`), right after the hook: the caption's first emoji and what belongs to it.

With the house writing the fact line and the sign-off (generate/house.py) the hook is all that is kept
of a candidate, so decoding stops there: far fewer steps, and the candidate's mean log-probability is
its hook's own, the figure that tells a hook an editor posts from one they reject (bench/README.md).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from text import hook_end

Decode = Callable[[Sequence[int]], str]


def hook_length(ids: Sequence[int], decode: Decode) -> int | None:
    """How many of a row's tokens make its hook, once the hook is complete (something follows its
    emoji: a skin tone or joiner may still come until then); None before."""
    text = decode(ids)
    end = hook_end(text)
    if end is None or end == len(text):
        return None
    kept = len(ids)
    while kept > 1 and decode(ids[: kept - 1])[:end] == text[:end]:
        kept -= 1  # the tokens after the hook's last one
    return kept


def ending(ids: Sequence[int], logprobs: Sequence[float], stops: set[int], decode: Decode,
           until_hook: bool) -> tuple[list[int], float]:
    """(a row's tokens up to where it ends, their mean log-probability). An end-of-turn token is
    dropped from the tokens but counted in the mean: stopping is part of what the model said."""
    end = next((i for i, token in enumerate(ids) if token in stops), None)
    kept, scored = (list(ids), list(logprobs)) if end is None else (list(ids[:end]), list(logprobs[: end + 1]))
    if until_hook:
        hook = hook_length(kept, decode)
        if hook is not None:
            kept, scored = kept[:hook], scored[:hook]
    return kept, sum(scored) / max(1, len(scored))
