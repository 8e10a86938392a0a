"""Greedy caption throughput of the vLLM backend against the transformers backend, side by side.

The same 64 snippets, 60 new tokens at most, greedy, n=1, through each backend's `generate` in turn,
on the embedded model (or --base). Start-up (model load, vLLM engine start) is timed apart from
generation; the load average is printed next to each figure because CPU timings on a shared machine
mean little without it. Needs vLLM, so run it from the vLLM env:

    make .venv-vllm/.installed && HF_HUB_OFFLINE=1 .venv-vllm/bin/python bench/vllm_vs_transformers.py
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from generate.backends.base import ModelSpec, SamplingParams  # noqa: E402
from model.base import resolve_base  # noqa: E402

TEAMS = ["Arsenal", "Chelsea", "Lakers", "Celtics", "Yankees", "Red Sox", "Real Madrid", "Bayern"]
PLAYERS = ["Saka", "LeBron James", "Aaron Judge", "Vinicius Jr", "Jayson Tatum", "Harry Kane"]


def snippets(count: int) -> list[str]:
    return [
        f"{TEAMS[i % 8]} beat {TEAMS[(i + 3) % 8]} {2 + i % 5}-{i % 3} on Sunday; "
        f"{PLAYERS[i % 6]} scored {1 + i % 3} times in front of {30_000 + 137 * i:,} fans."
        for i in range(count)
    ]


def load() -> str:
    return "load %.2f %.2f %.2f" % os.getloadavg()


def measure(name: str, make_backend, batch: list[str], params: SamplingParams) -> float:
    started = time.perf_counter()
    backend = make_backend()
    backend.generate(batch[:2], params)  # the first call pays for vLLM's engine start
    ready = time.perf_counter()
    print(f"{name:12s} start-up {ready - started:6.1f} s   ({load()})", flush=True)
    captions = backend.generate(batch, params)
    elapsed = time.perf_counter() - ready
    backend.close()
    assert len(captions) == len(batch)
    rate = len(batch) / elapsed
    print(f"{name:12s} {len(batch)} captions in {elapsed:6.1f} s = {rate:5.2f} captions/s   ({load()})")
    return rate


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--base", default="embedded", help="base model setting (default: embedded)")
    parser.add_argument("--home", default=str(ROOT / ".pytest_cache" / "embedded-home"))
    parser.add_argument("--snippets", type=int, default=64)
    parser.add_argument("--max-new-tokens", type=int, default=60)
    args = parser.parse_args()

    from generate.backends.transformers import TransformersBackend
    from generate.backends.vllm import VLLMBackend, available

    if reason := available():
        sys.exit(f"cannot run: {reason}")
    spec = ModelSpec(version="base", base=resolve_base(args.base, Path(args.home)))
    batch = snippets(args.snippets)
    params = SamplingParams(temperature=0, max_new_tokens=args.max_new_tokens, n=1)
    print(f"{len(os.sched_getaffinity(0))} CPUs, {len(batch)} snippets, <= {params.max_new_tokens} new tokens, greedy")
    vllm_rate = measure("vllm", lambda: VLLMBackend(spec), batch, params)
    hf_rate = measure("transformers", lambda: TransformersBackend(spec, batch_size=32), batch, params)
    print(f"vllm / transformers: {vllm_rate / hf_rate:.2f}x")


if __name__ == "__main__":
    main()
