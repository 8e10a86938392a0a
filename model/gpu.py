"""What the CUDA card in use can do: its compute type and the memory this process may still take.

A T4 (compute capability 7.5) runs bf16 only by emulation, and torch.cuda.is_bf16_supported()
says yes to emulation: only Ampere (8.0) and newer get bf16, older cards fp16. The memory budget
respects a per-process cap (torch.cuda.set_per_process_memory_fraction), which mem_get_info ignores.
"""

from __future__ import annotations

import gc

GIB = 1024**3
# Left free beside the weights for activations, the KV cache and the allocator's slack.
HEADROOM_BYTES = 3 * GIB


def compute_dtype():
    import torch

    return torch.bfloat16 if torch.cuda.get_device_capability() >= (8, 0) else torch.float16


def free_bytes() -> int:
    """What this process may still allocate on the current card: the card's free memory, or what
    is left under the process's memory fraction, whichever is smaller."""
    import torch

    free, total = torch.cuda.mem_get_info()
    fraction = torch.cuda.get_per_process_memory_fraction() if hasattr(
        torch.cuda, "get_per_process_memory_fraction") else 1.0
    return int(min(free, fraction * total - torch.cuda.memory_reserved()))


def serving_precision(weight_bytes: int, setting: str = "auto") -> str:
    """"none" (the weights in bf16/fp16), "8bit" or "4bit" for a model of `weight_bytes` in 16-bit:
    "auto" keeps 16-bit where it fits with headroom, else 4-bit NF4 (8-bit is slower: only when set)."""
    if setting != "auto":
        return setting
    return "none" if weight_bytes + HEADROOM_BYTES <= free_bytes() else "4bit"


def rows_that_fit(model, rows: int, width: int) -> int:
    """At most `rows` generation rows of `width` tokens (prompt + new) whose KV cache and prefill
    activations take no more than half the memory left after loading `model`: a power of two, at
    least 1. 256 rows of an 8B model's cache alone take 8 GiB, more than a T4 has beside 4-bit weights."""
    import torch

    c = model.config
    kv_heads = getattr(c, "num_key_value_heads", None) or c.num_attention_heads
    head_dim = getattr(c, "head_dim", None) or c.hidden_size // c.num_attention_heads
    element = torch.finfo(model.dtype).bits // 8 if model.dtype.is_floating_point else 2
    cache = 2 * c.num_hidden_layers * kv_heads * head_dim * element * width
    activations = 3 * getattr(c, "intermediate_size", 4 * c.hidden_size) * element * width
    fit = max(1, free_bytes() // 2 // (cache + activations))
    return min(rows, 1 << (int(fit).bit_length() - 1))


def release() -> None:
    """Give the memory of models dropped since back to the card, so the next one fits."""
    import torch

    gc.collect()
    if torch.cuda.is_available():
        torch.cuda.empty_cache()
