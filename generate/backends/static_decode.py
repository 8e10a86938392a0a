"""Batched decoding of a transformers causal LM over a static KV cache: the GPU's path (and the CPU's
for an architecture the fused decoder does not know).

- Each distinct prompt is prefilled once; its cache rows are then copied to its n candidate rows.
- Prompts are left-padded; the attention mask is built here as one 4-D tensor (row's own prompt
  slots plus the slots decoded so far), so transformers takes it as is and does no data-dependent
  mask work per step.
- The step is the model's own forward, or a `fused_step` that computes the same in fewer kernels
  (generate/backends/llama_step.py, for a Llama in float weights); the prefill is always the model's.
- On CUDA the decode step is captured once as a CUDA graph and replayed: an 8B step at batch 64
  otherwise spends most of its time launching kernels from Python. Capture costs one step, where
  torch.compile costs a compile per shape. If capture fails the steps run eagerly (one log line).
- Rows are not dropped when they stop (the graph's shapes are fixed); whether all have stopped is
  checked every STOP_CHECK_EVERY steps, since each check waits for the GPU.
"""

from __future__ import annotations

import inspect
import logging

from generate.backends.base import SamplingParams
from generate.backends.sampling import sample_next

log = logging.getLogger(__name__)

STOP_CHECK_EVERY = 8


def decode(model, prompts: list[list[int]], copies: int, params: SamplingParams, pad_id: int,
           stop_ids: list[int], seed: int, fused_step=None) -> list[tuple[list[int], float]]:
    """(new token ids, their log-probabilities) for each prompt `copies` times over, rows in prompt
    order, each row as far as the longest (generate/backends/ending.py cuts it where it ends).
    `fused_step(token, position, slot, mask, cache)` → logits replaces the model's forward in decoding."""
    import torch
    from transformers import StaticCache

    device, steps = model.device, params.max_new_tokens
    width = max(map(len, prompts))
    total = width + steps
    cache = StaticCache(config=model.config, max_cache_len=total)
    cache_arg = "cache" if "cache" in inspect.signature(model.forward).parameters else "past_key_values"
    blocked = torch.finfo(model.dtype).min

    # Prefill: one row per distinct prompt, right-aligned in `width` slots.
    ids = torch.full((len(prompts), width), pad_id, dtype=torch.long)
    own = torch.zeros((len(prompts), width), dtype=torch.bool)
    for r, prompt in enumerate(prompts):
        ids[r, width - len(prompt):] = torch.tensor(prompt)
        own[r, width - len(prompt):] = True
    positions = (own.long().cumsum(-1) - 1).clamp(min=0)
    causal = torch.ones((width, width), dtype=torch.bool).tril()
    sees = causal[None] & own[:, None, :]
    sees |= torch.eye(width, dtype=torch.bool)[None]  # a padding query sees itself: no empty softmax
    prefill_mask = torch.full((len(prompts), 1, width, total), blocked, dtype=model.dtype)
    prefill_mask[:, 0, :, :width].masked_fill_(sees, 0.0)
    with torch.inference_mode(), _without_cudnn_attention(device):
        out = model(input_ids=ids.to(device), attention_mask=prefill_mask.to(device),
                    position_ids=positions.to(device), use_cache=True, logits_to_keep=1, **{cache_arg: cache})
        logits = out.logits[:, -1].float().repeat_interleave(copies, 0)
        for layer in cache.layers:  # each prompt's cache rows, copied to its candidate rows
            layer.keys = layer.keys.repeat_interleave(copies, 0)
            layer.values = layer.values.repeat_interleave(copies, 0)

        rows = len(prompts) * copies
        # The step's inputs live in fixed buffers, which a captured graph reads on each replay.
        token = torch.zeros((rows, 1), dtype=torch.long, device=device)
        position = (positions[:, -1:] + 1).repeat_interleave(copies, 0).to(device)
        mask = torch.full((rows, 1, 1, total), blocked, dtype=model.dtype)
        mask[:, 0, 0, :width].masked_fill_(own.repeat_interleave(copies, 0), 0.0)
        mask = mask.to(device)
        slot = torch.tensor([width], device=device)  # where the fed token's keys and values go

        def forward():
            if fused_step is not None:
                return fused_step(token, position, slot, mask, cache)
            return model(input_ids=token, attention_mask=mask, position_ids=position, use_cache=True,
                         logits_to_keep=1, **{cache_arg: cache}).logits[:, -1]

        step_fn = _Step(forward, device)
        generator = torch.Generator(device=device).manual_seed(seed)
        stops = torch.tensor(stop_ids, device=device)
        chosen_all = torch.zeros((rows, steps), dtype=torch.long, device=device)
        logprobs_all = torch.zeros((rows, steps), device=device)
        done = torch.zeros(rows, dtype=torch.bool, device=device)
        taken = 0
        for step in range(steps):
            chosen, logprobs = sample_next(logits, params, generator)
            chosen_all[:, step], logprobs_all[:, step] = chosen, logprobs
            done |= torch.isin(chosen, stops)
            taken = step + 1
            if step == steps - 1 or ((step + 1) % STOP_CHECK_EVERY == 0 and bool(done.all())):
                break
            token.copy_(chosen[:, None])
            mask[:, 0, 0, width + step] = 0.0
            logits = step_fn().float()
            position += 1
            slot += 1
    return list(zip(chosen_all[:, :taken].tolist(), logprobs_all[:, :taken].tolist()))


def _without_cudnn_attention(device):
    """On CUDA, attention by any kernel but cuDNN's: profiled on the H200 (torch 2.11), cuDNN's costs CPU
    time on every call and builds a plan for every new shape, so each batch's prefill (a new width)
    paid for one (bench/README.md has the figures)."""
    import contextlib

    if device.type != "cuda":
        return contextlib.nullcontext()
    from torch.nn.attention import SDPBackend, sdpa_kernel

    return sdpa_kernel([SDPBackend.FLASH_ATTENTION, SDPBackend.EFFICIENT_ATTENTION, SDPBackend.MATH])


class _Step:
    """The decode step: eager on the first call (the warm-up a capture needs), then on CUDA captured
    once as a graph and replayed."""

    def __init__(self, forward, device):
        self.forward, self.device = forward, device
        self.calls, self.graph, self.output = 0, None, None

    def __call__(self):
        import torch

        self.calls += 1
        if self.device.type != "cuda" or self.graph is False:
            return self.forward()
        if self.calls == 1:  # the warm-up, on a side stream as a capture wants
            side = torch.cuda.Stream()
            side.wait_stream(torch.cuda.current_stream())
            with torch.cuda.stream(side):
                output = self.forward()
            torch.cuda.current_stream().wait_stream(side)
            return output
        if self.graph is None:
            try:
                graph = torch.cuda.CUDAGraph()
                with torch.cuda.graph(graph):
                    self.output = self.forward()
                self.graph = graph
            except Exception as error:  # an optimization: decoding goes on eagerly
                log.warning("CUDA graph capture failed, decoding eagerly: %s", str(error).splitlines()[0])
                self.graph = False
                torch.cuda.synchronize()
                return self.forward()
        self.graph.replay()
        return self.output
