"""The yardstick beside `versus generate`: plain `model.generate` on the same weights, no product code;
with `--backend`, the product's own decode (generate/backends/static_decode.py) on the same workload,
its step generate/backends/llama_step.py's where the model allows (`--model-step`: the model's forward).

Loads MODEL_DIR (bf16 on the GPU; `--quant 4bit` for NF4, as a 16 GB card needs), feeds `--batch` random
`--prompt-len`-token prompts and decodes exactly `--new-tokens` greedy tokens (EOS off), `--repeats` timed
runs after one warm-up, and prints one JSON line: tokens/s, the fraction of the memory-bandwidth ceiling
(batch x HBM bandwidth / bytes of weights read per step), peak allocated/reserved GiB. The same runs with
one new token time the prefill; the rest is the decode steps', reported apart (`decode_step_ms`,
`decode_fraction_of_ceiling`): the ceiling is a decode step's, and 100-token prompts' prefill is a
quarter of a 60-token run. `--profile` adds the top GPU kernels of a few eager steps.

    python bench/gpu/plain_generate.py MODEL_DIR [--batch 64] [--quant none|4bit]
        [--static | --backend [--model-step]] [--profile]
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))  # the project, for --backend

BANDWIDTH = {"H100": 3.35e12, "H200": 4.8e12, "T4": 3.2e11, "A100": 2.0e12, "L4": 3.0e11}


def main() -> None:
    p = argparse.ArgumentParser()
    p.add_argument("model")
    p.add_argument("--batch", type=int, default=64)
    p.add_argument("--prompt-len", type=int, default=100)
    p.add_argument("--new-tokens", type=int, default=60)
    p.add_argument("--repeats", type=int, default=2)
    p.add_argument("--quant", choices=["none", "4bit"], default="none")
    p.add_argument("--static", action="store_true", help="cache_implementation='static' (compiled decode)")
    p.add_argument("--backend", action="store_true", help="the product's static_decode.decode instead")
    p.add_argument("--model-step", action="store_true",
                   help="with --backend: the model's own forward as the decode step, not llama_step's")
    p.add_argument("--profile", action="store_true",
                   help="also: the top GPU kernels of a few eager steps (torch.profiler), to stderr")
    a = p.parse_args()

    import torch
    from transformers import AutoModelForCausalLM, BitsAndBytesConfig

    cuda = torch.cuda.is_available()
    dtype = torch.bfloat16 if not cuda or torch.cuda.get_device_capability() >= (8, 0) else torch.float16
    kwargs: dict = {"dtype": dtype}
    if a.quant == "4bit":
        kwargs["quantization_config"] = BitsAndBytesConfig(
            load_in_4bit=True, bnb_4bit_quant_type="nf4", bnb_4bit_use_double_quant=True,
            bnb_4bit_compute_dtype=dtype)
    if cuda:
        kwargs["device_map"] = {"": 0}
    t0 = time.perf_counter()
    model = AutoModelForCausalLM.from_pretrained(a.model, **kwargs).eval()
    load_s = time.perf_counter() - t0
    model.generation_config.eos_token_id = None
    model.generation_config.pad_token_id = 0
    embedding = model.get_input_embeddings().weight
    weight_bytes = sum(q.numel() * q.element_size() for q in model.parameters() if q is not embedding)
    gpu = torch.cuda.get_device_name(0) if cuda else "cpu"
    bandwidth = next((bw for k, bw in BANDWIDTH.items() if k in gpu), None)

    g = torch.Generator().manual_seed(0)
    ids = torch.randint(3, model.config.vocab_size, (a.batch, a.prompt_len), generator=g).to(model.device)
    kw = dict(input_ids=ids, attention_mask=torch.ones_like(ids), max_new_tokens=a.new_tokens,
              min_new_tokens=a.new_tokens, do_sample=False)
    if a.static:
        kw["cache_implementation"] = "static"

    from generate.backends import llama_step, static_decode
    from generate.backends.base import SamplingParams

    # As the product's backend does: the fused step wherever the model allows it.
    fused = llama_step.LlamaStep(model) if a.backend and not a.model_step and llama_step.supports(model) else None

    def run(new_tokens=a.new_tokens):
        if not a.backend:
            return model.generate(**{**kw, "max_new_tokens": new_tokens, "min_new_tokens": new_tokens})
        greedy = SamplingParams(temperature=0.0, max_new_tokens=new_tokens, n=1)
        rows = static_decode.decode(model, ids.tolist(), 1, greedy, 0, [-1], 0, fused)  # no stop: every row runs
        return torch.cat([ids, torch.tensor([r for r, _ in rows], device=ids.device)], dim=1)

    def sync():
        if cuda:
            torch.cuda.synchronize()

    def timed(new_tokens):
        sync()
        t0 = time.perf_counter()
        out = run(new_tokens)
        sync()
        return time.perf_counter() - t0, out

    with torch.inference_mode():
        warm_s, _ = timed(a.new_tokens)
        if cuda:
            torch.cuda.reset_peak_memory_stats()
        times, outs = zip(*(timed(a.new_tokens) for _ in range(a.repeats)))
        # Prefill and the first token alone: what is left of a run is the decode steps'. (Not for
        # --static: another cache length is another 30 s compile.)
        first = None if a.static else statistics.median(timed(1)[0] for _ in range(a.repeats))
    out = outs[-1]
    assert out.shape[1] == a.prompt_len + a.new_tokens, out.shape
    seconds = statistics.median(times)
    tps = a.batch * a.new_tokens / seconds
    step_s = None if first is None else (seconds - first) / (a.new_tokens - 1)
    ceiling = a.batch * bandwidth / weight_bytes if bandwidth else None
    print(json.dumps({
        "gpu": gpu, "torch": torch.__version__, "quant": a.quant, "dtype": str(dtype).replace("torch.", ""),
        "static": a.static, "backend": a.backend, "step": "fused" if fused else "model", "batch": a.batch,
        "prompt_len": a.prompt_len, "new_tokens": a.new_tokens,
        "load_s": round(load_s, 1), "warmup_s": round(warm_s, 1), "seconds": round(seconds, 3),
        "tokens_per_s": round(tps, 1), "weight_gb": round(weight_bytes / 1e9, 2),
        "ceiling_tokens_per_s": round(ceiling) if ceiling else None,
        "fraction_of_ceiling": round(tps / ceiling, 4) if ceiling else None,
        "prefill_and_first_s": first and round(first, 3), "decode_step_ms": step_s and round(step_s * 1e3, 2),
        "decode_fraction_of_ceiling": round(a.batch / step_s / ceiling, 4) if ceiling and step_s else None,
        "peak_allocated_gib": round(torch.cuda.max_memory_allocated() / 2**30, 2) if cuda else None,
        "peak_reserved_gib": round(torch.cuda.max_memory_reserved() / 2**30, 2) if cuda else None,
    }))
    if a.profile:
        _profile(lambda: run(8), a.backend)


def _profile(run, backend: bool) -> None:
    """The top kernels of a short run, eager (a replayed CUDA graph hides its kernels), to stderr."""
    import torch
    from torch.profiler import ProfilerActivity, profile

    if backend:
        from generate.backends import static_decode

        static_decode._Step.__call__ = lambda step: step.forward()  # eager steps: each kernel shows
    with torch.inference_mode(), profile(activities=[ProfilerActivity.CPU, ProfilerActivity.CUDA]) as prof:
        run()
        torch.cuda.synchronize()
    print(prof.key_averages().table(sort_by="cuda_time_total", row_limit=30, max_name_column_width=60),
          file=sys.stderr)


if __name__ == "__main__":
    main()
