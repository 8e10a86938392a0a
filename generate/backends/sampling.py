"""Choosing the next token from a batch of logits: greedy, or temperature and nucleus (top-p) sampling."""

from __future__ import annotations

from generate.backends.base import SamplingParams


def sample_next(logits, params: SamplingParams, generator):
    """(the next token of each row, its log-probability under the model's untempered distribution:
    the fluency the guards rank and flag by)."""
    import torch

    logits = logits.float()
    if params.greedy:
        chosen = logits.argmax(dim=-1)
        return chosen, torch.log_softmax(logits, dim=-1).gather(1, chosen[:, None]).squeeze(1)
    probs = torch.softmax(logits / params.temperature, dim=-1)
    if params.top_p < 1:
        # Nucleus: the most likely tokens until their mass reaches top_p (at least one).
        ranked, order = probs.sort(dim=-1, descending=True)
        ranked[(ranked.cumsum(dim=-1) - ranked) >= params.top_p] = 0
        probs = torch.zeros_like(probs).scatter_(-1, order, ranked)
    chosen = torch.multinomial(probs, 1, generator=generator).squeeze(1)
    return chosen, torch.log_softmax(logits, dim=-1).gather(1, chosen[:, None]).squeeze(1)
