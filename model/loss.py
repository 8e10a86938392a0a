"""Causal-LM cross-entropy computed in chunks of tokens, never holding the full logits.

With Llama-3.1's 128k vocabulary the standard loss materializes [batch, seq, 128256] logits, then an
fp32 copy, its log-softmax and its gradient: about 2 GiB at batch 2 x seq 512, more than the LoRA
adapters, their gradients and optimizer state together. Here each chunk of tokens is projected
through the LM head, reduced to its loss, and its gradient with respect to the hidden states is
computed right away (the chunk's logits are freed before the next chunk starts). The backward pass
then only scales the stored gradients, so the LM-head matmul runs twice per chunk, as in the
standard loss, instead of three times as with checkpoint-and-recompute.
"""

from __future__ import annotations

import torch
from torch import nn

IGNORE_INDEX = -100
DEFAULT_CHUNK_SIZE = 256


class _ChunkedLinearCrossEntropy(torch.autograd.Function):
    """Sum over rows of cross_entropy(hidden @ weight.T, labels) / denominator; every label is valid."""

    @staticmethod
    def forward(ctx, hidden, weight, labels, chunk_size, denominator):
        need_hidden_grad, need_weight_grad = ctx.needs_input_grad[0], ctx.needs_input_grad[1]
        ctx.dtypes = hidden.dtype, weight.dtype
        # The matmul runs in the weight's dtype (bf16 for a bf16 head: fast, and what autocast
        # would pick); the softmax runs in fp32 like transformers' loss, which upcasts the logits.
        hidden = hidden.to(weight.dtype)
        grad_hidden = torch.empty_like(hidden) if need_hidden_grad else None
        grad_weight = torch.zeros_like(weight, dtype=torch.float32) if need_weight_grad else None
        total = torch.zeros((), dtype=torch.float32, device=hidden.device)
        with torch.autocast(hidden.device.type, enabled=False):
            for start in range(0, hidden.shape[0], chunk_size):
                rows = hidden[start : start + chunk_size]
                targets = labels[start : start + chunk_size]
                logits = (rows @ weight.T).float()
                log_norm = torch.logsumexp(logits, dim=-1)
                target_logits = logits.gather(1, targets[:, None]).squeeze(1)
                total += (log_norm - target_logits).sum()
                if grad_hidden is None and grad_weight is None:
                    continue
                # d(loss)/d(logits) = softmax - one_hot(target), computed in place over the logits
                probs = logits.sub_(log_norm[:, None]).exp_()
                probs[torch.arange(len(targets), device=probs.device), targets] -= 1.0
                grad_logits = probs.div_(denominator).to(weight.dtype)
                if grad_hidden is not None:
                    grad_hidden[start : start + chunk_size] = grad_logits @ weight
                if grad_weight is not None:
                    grad_weight += (grad_logits.T @ rows).float()
        ctx.save_for_backward(grad_hidden, grad_weight)
        return total / denominator

    @staticmethod
    def backward(ctx, grad_output):
        grad_hidden, grad_weight = ctx.saved_tensors
        hidden_dtype, weight_dtype = ctx.dtypes
        if grad_hidden is not None:
            grad_hidden = (grad_hidden * grad_output.to(grad_hidden.dtype)).to(hidden_dtype)
        if grad_weight is not None:
            grad_weight = (grad_weight * grad_output).to(weight_dtype)
        return grad_hidden, grad_weight, None, None, None


def chunked_cross_entropy(
    hidden: torch.Tensor,
    weight: torch.Tensor,
    labels: torch.Tensor,
    chunk_size: int = DEFAULT_CHUNK_SIZE,
    num_items_in_batch: int | torch.Tensor | None = None,
    ignore_index: int = IGNORE_INDEX,
) -> torch.Tensor:
    """Cross-entropy of `hidden @ weight.T` against `labels` (already aligned, no shift here).

    Equal to `F.cross_entropy(logits.float(), labels, ignore_index=ignore_index)`: the mean over the
    labelled tokens, or their sum divided by `num_items_in_batch` when given (the Trainer passes the
    labelled-token count of the whole accumulated batch so that accumulation averages correctly).
    """
    if chunk_size < 1:
        raise ValueError(f"chunk_size must be positive, got {chunk_size}")
    hidden = hidden.reshape(-1, hidden.shape[-1])
    labels = labels.reshape(-1).to(hidden.device)
    keep = labels != ignore_index
    # Only labelled positions are projected: in SFT with a completion-only loss most tokens are
    # prompt, so this skips most of the LM-head work (one host sync for the count is the price).
    hidden, labels = hidden[keep], labels[keep]
    count = labels.numel()
    denominator = float(num_items_in_batch) if num_items_in_batch is not None else float(max(count, 1))
    if count == 0:
        # Keep the graph connected, so backward() on an all-prompt micro-batch gives zero grads.
        return hidden.sum().float() * 0.0
    return _ChunkedLinearCrossEntropy.apply(hidden, weight, labels, chunk_size, denominator)


def causal_lm_parts(model: nn.Module) -> tuple[nn.Module, nn.Linear, object]:
    """(decoder body, LM head, config) of a causal LM, also through a peft wrapper."""
    base = model.get_base_model() if hasattr(model, "get_base_model") else model
    decoder = base.get_decoder() if hasattr(base, "get_decoder") else base.model
    head = base.get_output_embeddings()
    if type(head) is not nn.Linear or head.bias is not None:
        # An adapted or biased head would need its extra terms here; none of our models has one.
        raise ValueError(f"chunked loss needs a plain bias-free nn.Linear LM head, got {type(head).__name__}")
    config = base.config.get_text_config() if hasattr(base.config, "get_text_config") else base.config
    for scaled in ("final_logit_softcapping", "logit_scale", "logits_scaling"):
        if getattr(config, scaled, None) not in (None, 1, 1.0):
            raise ValueError(f"chunked loss does not apply {scaled}; use the model's own loss for this model")
    return decoder, head, config


def causal_lm_loss(
    model: nn.Module,
    batch: dict,
    chunk_size: int = DEFAULT_CHUNK_SIZE,
    num_items_in_batch: int | torch.Tensor | None = None,
) -> torch.Tensor:
    """The next-token loss of `model` on `batch`, the same value as `model(**batch).loss`.

    `batch` holds input_ids (or inputs_embeds), labels, and optionally attention_mask and
    position_ids. Labels are shifted the way transformers' ForCausalLMLoss does it: the hidden
    state at position t predicts the label at t + 1; a pre-shifted `shift_labels` is used as is.
    """
    decoder, head, _ = causal_lm_parts(model)
    inputs = {k: v for k, v in batch.items() if k not in ("labels", "shift_labels", "num_items_in_batch")}
    inputs["use_cache"] = False
    hidden = decoder(**inputs).last_hidden_state
    if batch.get("shift_labels") is not None:
        labels = batch["shift_labels"]
    else:
        hidden, labels = hidden[:, :-1], batch["labels"][:, 1:]
    return chunked_cross_entropy(
        hidden, head.weight, labels, chunk_size=chunk_size, num_items_in_batch=num_items_in_batch
    )
