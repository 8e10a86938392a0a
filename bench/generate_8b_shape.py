"""Decode speed of a Llama-3.1-8B-shaped model in bf16: plain generate against static cache + compile.

Random bf16 weights with the published shape (bench/llama31_8b_config.json), 100-token random
prompts, exactly 60 new tokens (greedy, EOS disabled), at batch 1 and 64:

  plain     model.generate(...) with the default dynamic KV cache, eager
  static    model.generate(..., cache_implementation="static"): transformers then compiles the
            decode step (torch.compile, mode "reduce-overhead", i.e. CUDA graphs)

Decoding is memory-bound: every step reads all weights once, so the ceiling is
batch x bandwidth / weight_bytes tokens/s (weight_bytes excludes the input embedding, of which a
step reads only `batch` rows; the KV cache is ignored, which flatters nobody). tokens/s counts new
tokens over the whole generate call, prefill included. Run on a CUDA machine:

    python bench/generate_8b_shape.py --out bench/results
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
CONFIG_PATH = Path(__file__).with_name("llama31_8b_config.json")
# HBM bandwidth by GPU name (bytes/s): H100 SXM 3.35 TB/s, H200 4.8 TB/s.
BANDWIDTH = {"H100": 3.35e12, "H200": 4.8e12}


def build_model(layers: int | None, tiny: bool):
    import torch
    from transformers import AutoConfig, AutoModelForCausalLM

    config = AutoConfig.from_pretrained(CONFIG_PATH)
    if layers:
        config.num_hidden_layers = layers
    if tiny:
        config.update(dict(hidden_size=256, intermediate_size=512, num_hidden_layers=2, num_attention_heads=4,
                           num_key_value_heads=2, head_dim=64, vocab_size=4096))
    device = "cuda" if torch.cuda.is_available() else "cpu"
    torch.manual_seed(0)
    with torch.device(device):
        model = AutoModelForCausalLM.from_config(config, dtype=torch.bfloat16)
    model.eval()
    model.generation_config.eos_token_id = None  # random weights: never stop early, always 60 tokens
    model.generation_config.pad_token_id = 0
    return model


def weight_bytes(model) -> int:
    embedding = model.get_input_embeddings().weight
    return sum(p.numel() * p.element_size() for p in model.parameters() if p is not embedding)


def timed_generate(model, batch: int, prompt_len: int, new_tokens: int, static: bool, repeats: int, warmups: int):
    import torch

    generator = torch.Generator().manual_seed(batch)
    ids = torch.randint(0, model.config.vocab_size, (batch, prompt_len), generator=generator).to(model.device)
    kwargs = dict(
        input_ids=ids,
        attention_mask=torch.ones_like(ids),
        max_new_tokens=new_tokens,
        min_new_tokens=new_tokens,
        do_sample=False,
    )
    if static:
        kwargs["cache_implementation"] = "static"
    on_cuda = ids.device.type == "cuda"
    for _ in range(warmups):  # the first static call compiles and records CUDA graphs
        model.generate(**kwargs)
    times = []
    for _ in range(repeats):
        if on_cuda:
            torch.cuda.synchronize()
        t0 = time.perf_counter()
        out = model.generate(**kwargs)
        if on_cuda:
            torch.cuda.synchronize()
        times.append(time.perf_counter() - t0)
        assert out.shape[1] == prompt_len + new_tokens, out.shape
    seconds = statistics.median(times)
    return {"seconds": seconds, "tokens_per_s": batch * new_tokens / seconds, "runs": times}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--batches", default="1,64")
    parser.add_argument("--prompt-len", type=int, default=100)
    parser.add_argument("--new-tokens", type=int, default=60)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--modes", default="plain,static")
    parser.add_argument("--layers", type=int, default=None, help="fewer decoder layers (smoke runs)")
    parser.add_argument("--tiny", action="store_true", help="tiny config, for a CPU dry run")
    parser.add_argument("--out", default=os.environ.get("OUT", str(ROOT / "bench" / "results")))
    args = parser.parse_args()

    import torch
    import transformers

    gpu = torch.cuda.get_device_name(0) if torch.cuda.is_available() else "cpu"
    bandwidth = next((bw for key, bw in BANDWIDTH.items() if key in gpu), BANDWIDTH["H100"])
    print(f"gpu={gpu} torch={torch.__version__} transformers={transformers.__version__}", flush=True)
    model = build_model(args.layers, args.tiny)
    wbytes = weight_bytes(model)
    print(f"weights read per decode step: {wbytes / 1e9:.2f} GB; assumed HBM bandwidth {bandwidth / 1e12:.2f} TB/s "
          f"-> ceiling {bandwidth / wbytes:.0f} tokens/s per sequence", flush=True)

    results = []
    for mode in args.modes.split(","):
        for batch in (int(b) for b in args.batches.split(",")):
            started = time.perf_counter()
            try:
                r = timed_generate(model, batch, args.prompt_len, args.new_tokens, mode == "static",
                                   args.repeats, warmups=2 if mode == "static" else 1)
            except Exception as exc:  # report and go on: one failing mode must not hide the others
                print(f"[{mode} batch {batch}] FAILED: {type(exc).__name__}: {exc}", flush=True)
                results.append({"mode": mode, "batch": batch, "error": f"{type(exc).__name__}: {exc}"[:2000]})
                continue
            ceiling = batch * bandwidth / wbytes
            r.update(mode=mode, batch=batch, ceiling_tokens_per_s=ceiling, fraction_of_ceiling=r["tokens_per_s"] / ceiling,
                     wall_with_warmup_s=time.perf_counter() - started)
            results.append(r)
            print(f"[{mode} batch {batch}] {r['tokens_per_s']:.0f} tokens/s = {r['fraction_of_ceiling']:.1%} of the "
                  f"{ceiling:.0f} ceiling (median of {args.repeats}: {r['seconds']:.3f}s; "
                  f"{r['wall_with_warmup_s']:.0f}s with warmup)", flush=True)

    rows = ["mode     batch  tokens/s  ceiling  fraction  vs plain"]
    plain = {r["batch"]: r for r in results if r["mode"] == "plain" and "error" not in r}
    for r in results:
        if "error" in r:
            rows.append(f"{r['mode']:<8} {r['batch']:>5}  failed")
            continue
        ratio = r["tokens_per_s"] / plain[r["batch"]]["tokens_per_s"] if r["batch"] in plain else float("nan")
        rows.append(f"{r['mode']:<8} {r['batch']:>5}  {r['tokens_per_s']:>8.0f}  {r['ceiling_tokens_per_s']:>7.0f}"
                    f"  {r['fraction_of_ceiling']:>8.1%}  {ratio:>7.2f}x")
    rows.append("yardstick (issue): plain 23 tokens/s at batch 1, 1,463 at batch 64 (~10% of 223 / 14,284)")
    summary = "\n".join(rows)
    print(summary)
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    payload = {"bench": "generate_8b_shape", "gpu": gpu, "torch": torch.__version__,
               "transformers": transformers.__version__, "bandwidth_bytes_per_s": bandwidth,
               "weight_bytes": wbytes, "settings": vars(args), "results": results, "summary": summary}
    (out / "generate_8b_shape.json").write_text(json.dumps(payload, indent=2))


if __name__ == "__main__":
    main()
