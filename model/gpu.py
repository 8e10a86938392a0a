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


def release() -> None:
    """Give the memory of models dropped since back to the card, so the next one fits."""
    import torch

    gc.collect()
    if torch.cuda.is_available():
        torch.cuda.empty_cache()
