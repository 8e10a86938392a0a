"""The yardstick beside `versus generate`: plain `model.generate` on the same weights, no product code;
with `--backend`, the product's own decode (generate/backends/static_decode.py) on the same workload.

Loads MODEL_DIR (bf16 on the GPU; `--quant 4bit` for NF4, as a 16 GB card needs), feeds `--batch` random
`--prompt-len`-token prompts and decodes exactly `--new-tokens` greedy tokens (EOS off), `--repeats` timed
runs after one warm-up, and prints one JSON line: tokens/s, the fraction of the memory-bandwidth ceiling
(batch x HBM bandwidth / bytes of weights read per step), peak allocated/reserved GiB.

    python bench/gpu/plain_generate.py MODEL_DIR [--batch 64] [--quant none|4bit] [--static | --backend]
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

    def run():
        if not a.backend:
            return model.generate(**kw)
        from generate.backends import static_decode
        from generate.backends.base import SamplingParams

        greedy = SamplingParams(temperature=0.0, max_new_tokens=a.new_tokens, n=1)
        rows = static_decode.decode(model, ids.tolist(), 1, greedy, 0, [-1], 0)  # no stop token: every row runs
        return torch.cat([ids, torch.tensor([r for r, _ in rows], device=ids.device)], dim=1)

    def sync():
        if cuda:
            torch.cuda.synchronize()

    with torch.inference_mode():
        t0 = time.perf_counter()
        run()
        sync()
        warm_s = time.perf_counter() - t0
        if cuda:
            torch.cuda.reset_peak_memory_stats()
        times = []
        for _ in range(a.repeats):
            sync()
            t0 = time.perf_counter()
            out = run()
            sync()
            times.append(time.perf_counter() - t0)
    assert out.shape[1] == a.prompt_len + a.new_tokens, out.shape
    seconds = statistics.median(times)
    tps = a.batch * a.new_tokens / seconds
    ceiling = a.batch * bandwidth / weight_bytes if bandwidth else None
    print(json.dumps({
        "gpu": gpu, "torch": torch.__version__, "quant": a.quant, "dtype": str(dtype).replace("torch.", ""),
        "static": a.static, "backend": a.backend, "batch": a.batch, "prompt_len": a.prompt_len,
        "new_tokens": a.new_tokens,
        "load_s": round(load_s, 1), "warmup_s": round(warm_s, 1), "seconds": round(seconds, 3),
        "tokens_per_s": round(tps, 1), "weight_gb": round(weight_bytes / 1e9, 2),
        "ceiling_tokens_per_s": round(ceiling) if ceiling else None,
        "fraction_of_ceiling": round(tps / ceiling, 4) if ceiling else None,
        "peak_allocated_gib": round(torch.cuda.max_memory_allocated() / 2**30, 2) if cuda else None,
        "peak_reserved_gib": round(torch.cuda.max_memory_reserved() / 2**30, 2) if cuda else None,
    }))


if __name__ == "__main__":
    main()
