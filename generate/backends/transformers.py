"""The default backend: transformers models driven by our own batched decode loop, tuned for a small
CPU. On a CUDA GPU (or for an architecture generate/backends/fused_llama.py does not know) it runs
generate/backends/static_decode.py instead: a static KV cache and, on a GPU, a decode step replayed
as a CUDA graph.

Prompts are sorted by length and batched; the adapter is merged into the weights at load time so
decoding pays no LoRA overhead. What makes it fast (each step measured with bench/generate.py;
the numbers are in bench/README.md):

- The fused decoder (generate/backends/fused_llama.py): fused projections, the shared prompt prefix computed
  and kept once for all rows, a preallocated per-row KV cache, norms and head on chosen positions
  only. It does in a few large operations what transformers' layers do in many small ones.
- Own decode loop instead of `generate`: rows dropped from the batch as soon as they finish (a
  finished row otherwise costs a full row per step), sampling done directly on the last logits.
- Prefill in chunks of PREFILL_ROWS rows of similar length, each padded to its own longest row.
- The compute type by CPU (`pick_dtype`): bf16 where the CPU has native bf16, else int8 weights and
  activations where it has VNNI, else fp32.
- libgomp's busy-waiting threads, on cores other processes also use, made runs much slower; the
  threads now sleep while they wait (OMP_WAIT_POLICY=PASSIVE, set before torch loads). Waking them
  costs more than a decode step's small elementwise operations, so only matmuls use them.

A row's positions depend on its prompt only and its padding is masked out exactly, so greedy output
matches one-at-a-time output up to float rounding: tests/test_generate.py checks it per compute type.
Tried and not kept: torch.compile of the decode step on CPU (a small gain after a minute of
compiling for every new batch shape), one process per core (within noise)."""

from __future__ import annotations

import os
from pathlib import Path

# Read once, when torch (libgomp) loads: too late if torch is already imported, harmless then.
os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")

from generate.backends import static_decode  # noqa: E402
from generate.backends.base import Candidate, ModelSpec, Progress, SamplingParams  # noqa: E402
from generate.backends.ending import ending, hook_length  # noqa: E402
from generate.backends.sampling import sample_next  # noqa: E402
from model.prompt import end_of_turn_ids, render_prompt  # noqa: E402

PREFILL_ROWS = 16  # rows fed per prefill call: big matmuls, little padding
GPU_ROW_TOKENS = 320  # what a GPU batch is sized for: a padded prompt and the new tokens


def _cpu_flags() -> str:
    try:
        return Path("/proc/cpuinfo").read_text()
    except OSError:
        return ""


def pick_dtype(setting: str):
    """The compute type for a dtype setting: a torch dtype, or "int8" (int8 weights and activations).

    "auto" picks what this hardware runs fastest without losing quality: bf16/fp16 on CUDA; on CPU
    bf16 where it computes bf16 natively (emulated bf16 is slower than fp32), else int8 where it has
    native int8 dot products, else fp32 (bench/generate.py measured each; see bench/README.md)."""
    import torch

    if setting == "int8":
        return "int8"
    if setting != "auto":
        return getattr(torch, setting)
    if torch.cuda.is_available():
        from model.gpu import compute_dtype

        return compute_dtype()
    flags = _cpu_flags()
    if "amx_bf16" in flags or "avx512_bf16" in flags:
        return torch.bfloat16
    if any(flag in flags for flag in ("avx512_vnni", "avx_vnni", "amx_int8")):
        return "int8"
    return torch.float32


def load_model(spec: ModelSpec, dtype_setting: str = "auto", gpu_quantize: str = "auto"):
    """(model, tokenizer) ready for generation: merged weights when the spec has them, else base +
    adapter merged in memory. For int8 the model stays fp32 (the fused decoder quantizes).

    On CUDA the weights load straight onto the card, in 4-bit (or 8-bit) when `gpu_quantize` says so
    or, for "auto", when 16-bit weights would not fit its free memory; an adapter then stays a peft
    wrapper (merging into quantized weights would round it away)."""
    import torch
    from transformers import AutoModelForCausalLM, AutoTokenizer

    dtype = pick_dtype(dtype_setting)
    on_gpu = torch.cuda.is_available()
    if dtype == "int8" and on_gpu:
        raise ValueError("dtype int8 is for CPUs; use auto, bfloat16 or float16 on a GPU")
    tokenizer = AutoTokenizer.from_pretrained(spec.weights, padding_side="left")
    if tokenizer.pad_token is None:
        tokenizer.pad_token = tokenizer.eos_token
    kwargs: dict = {"dtype": torch.float32 if dtype == "int8" else dtype}
    precision = "none"
    if on_gpu:
        from model.gpu import serving_precision

        precision = serving_precision(_weight_bytes(spec.weights), gpu_quantize)
        kwargs["device_map"] = {"": torch.cuda.current_device()}
        if precision != "none":
            from transformers import BitsAndBytesConfig

            from model.kbit import nf4_config

            kwargs["quantization_config"] = (nf4_config(dtype) if precision == "4bit"
                                             else BitsAndBytesConfig(load_in_8bit=True))
    model = AutoModelForCausalLM.from_pretrained(spec.weights, **kwargs)
    if spec.adapter and not spec.merged:
        from model.adapters import load_adapter

        model = load_adapter(model, spec.adapter)
        if precision == "none":
            model = model.merge_and_unload()
    model.eval()
    return model, tokenizer


def _weight_bytes(weights: str) -> int:
    """The model's size in 16-bit, from its safetensors files (0 when not a local directory)."""
    import json

    folder = Path(weights)
    index = folder / "model.safetensors.index.json"
    if index.exists():
        size = json.loads(index.read_text()).get("metadata", {}).get("total_size")
        if size:
            return int(size)
    return sum(f.stat().st_size for f in folder.glob("*.safetensors")) if folder.is_dir() else 0


def _common_length(a: list[int], b: list[int]) -> int:
    n = 0
    for x, y in zip(a, b):
        if x != y:
            break
        n += 1
    return n


class TransformersBackend:
    name = "transformers"

    def __init__(self, spec: ModelSpec, dtype: str = "auto", batch_size: int = 64,
                 gpu_batch_size: int = 256, gpu_quantize: str = "auto"):
        import torch

        from generate.backends import fused_llama, llama_step

        self.spec = spec
        self.model_version = spec.version
        # Rows per model call: a GPU decode step costs about the same for many rows as for one.
        self.batch_rows = max(1, gpu_batch_size if torch.cuda.is_available() else batch_size)
        compute = pick_dtype(dtype)
        self.model, self.tokenizer = load_model(spec, dtype, gpu_quantize)
        if torch.cuda.is_available():  # as many rows as the memory left holds
            from model.gpu import rows_that_fit

            self.batch_rows = rows_that_fit(self.model, self.batch_rows, GPU_ROW_TOKENS)
        self.stop_ids = sorted(end_of_turn_ids(self.tokenizer))
        # The prompt's fixed part: the same for every snippet, so the same for a batch of one (batched
        # and one-at-a-time generation compute it identically).
        first, second = self._token_ids(["0", "x"])
        self.template_prefix = first[: _common_length(first, second)]
        self.decoder = None  # CUDA, or an architecture the fused decoder does not know: generate()
        self.fused_step = None  # the static decode's step in few kernels (CUDA, float weights)
        if self.model.device.type == "cuda" and llama_step.supports(self.model):
            self.fused_step = llama_step.LlamaStep(self.model)
        if self.model.device.type == "cpu" and fused_llama.supports(self.model.config):
            self.decoder = fused_llama.FusedLlama(self.model, compute)
            self.prefix = self.decoder.prefix_states(self.template_prefix)
        elif dtype == "int8":  # asked for; "auto" on a VNNI-only CPU loaded fp32 weights, which generate() runs
            raise ValueError(f"dtype int8 needs a Llama-family model, not {self.model.config.model_type}")

    def _token_ids(self, snippets: list[str]) -> list[list[int]]:
        prompts = [render_prompt(self.tokenizer, s) for s in snippets]
        return self.tokenizer(prompts, add_special_tokens=False)["input_ids"]

    def generate(
        self, snippets: list[str], params: SamplingParams, progress: Progress | None = None
    ) -> list[list[str]]:
        if not snippets:
            return []
        prompts = self._token_ids(snippets)
        # Similar lengths side by side: a prefill chunk is padded to its longest row.
        order = sorted(range(len(prompts)), key=lambda i: len(prompts[i]))
        # Greedy has one answer: make it once and repeat it, instead of n identical rows.
        rows_per_prompt = 1 if params.greedy else params.n
        per_batch = max(1, self.batch_rows // rows_per_prompt)
        results: list[list[str]] = [[] for _ in prompts]
        for start in range(0, len(order), per_batch):
            chunk = order[start : start + per_batch]
            batch = [prompts[i] for i in chunk]
            if self.decoder is None:
                texts = self._generate_static(batch, params, rows_per_prompt, start)
            else:
                texts = self._generate_batch(batch, params, rows_per_prompt, start)
            for k, i in enumerate(chunk):
                candidates = texts[k * rows_per_prompt : (k + 1) * rows_per_prompt]
                results[i] = candidates * params.n if params.greedy else candidates
            if progress:
                progress(start + len(chunk))
        return results

    def _own_tokens(self, prompt: list[int]) -> list[int]:
        """The part of a prompt after the shared prefix."""
        prefix = self.template_prefix
        if prompt[: len(prefix)] != prefix or len(prompt) == len(prefix):
            raise ValueError("a prompt that does not start with the template's shared prefix")
        return prompt[len(prefix) :]

    def _generate_batch(
        self, prompts: list[list[int]], params: SamplingParams, copies: int, seed_offset: int
    ) -> list[str]:
        """Texts for each prompt `copies` times over (rows in prompt order), by the fused decoder.

        A row's own tokens are right-aligned in `width` cache slots, the slots before them blocked;
        its positions follow the shared prefix whatever its padding, so a row computes the same
        batched or alone (up to float rounding, which varies with a matmul's row count)."""
        import torch

        prefix_len = len(self.template_prefix)
        rows = [self._own_tokens(p) for p in prompts for _ in range(copies)]
        count, steps = len(rows), params.max_new_tokens
        width = max(map(len, rows))
        cache = self.decoder.new_cache(count, width + steps)
        blocked = torch.zeros((count, width + steps), dtype=torch.bool)  # own slots no query may see
        for r, own in enumerate(rows):
            blocked[r, : width - len(own)] = True
        hidden = torch.cat([self._prefill(cache, rows, first, width) for first in range(0, count, PREFILL_ROWS)])
        cache.filled = width
        next_position = torch.tensor([prefix_len + len(own) for own in rows])
        generator = torch.Generator().manual_seed(params.seed + seed_offset)
        stops = torch.tensor(self.stop_ids)
        alive = torch.arange(count)  # which original row each cache row holds
        tokens_out: list[list[int]] = [[] for _ in rows]
        logprobs_out: list[list[float]] = [[] for _ in rows]
        for step in range(steps):
            chosen, logprobs = self._choose(hidden, params, generator)
            for r, token, logprob in zip(alive.tolist(), chosen.tolist(), logprobs.tolist()):
                tokens_out[r].append(token)
                logprobs_out[r].append(logprob)
            going = ~torch.isin(chosen, stops)
            if params.until_hook:  # a row whose hook is complete is done
                going &= torch.tensor([hook_length(tokens_out[r], self.tokenizer.decode) is None
                                       for r in alive.tolist()])
            if step == steps - 1 or not bool(going.any()):
                break
            if not bool(going.all()):
                # A finished row would still cost a full row per step; dropping it costs one copy
                # of the (small) cache.
                keep = going.nonzero().squeeze(1)
                alive, chosen, next_position, blocked = alive[keep], chosen[keep], next_position[keep], blocked[keep]
                cache.keep_rows(keep)
            mask = blocked[:, None, : width + step + 1]
            hidden = self.decoder.forward(chosen[:, None], next_position[:, None], mask, cache, self.prefix)
            next_position = next_position + 1
        return self._candidates([ending(ids, logprobs, set(self.stop_ids), self.tokenizer.decode, params.until_hook)
                                 for ids, logprobs in zip(tokens_out, logprobs_out)])

    def _candidates(self, rows: list[tuple[list[int], float]]) -> list[str]:
        texts = self.tokenizer.batch_decode([ids for ids, _ in rows], skip_special_tokens=True)
        return [Candidate.scored(text, round(mean, 4)) for text, (_, mean) in zip(texts, rows)]

    def _prefill(self, cache, rows: list[list[int]], first: int, width: int):
        """Feed the own prompt tokens of PREFILL_ROWS rows from `first` into their cache slots
        (right-aligned in `width`), padded to the longest of these rows only. Returns their last
        hidden states."""
        import torch

        rows = rows[first : first + PREFILL_ROWS]
        prefix_len, longest = len(self.template_prefix), max(map(len, rows))
        input_ids = torch.full((len(rows), longest), self.tokenizer.pad_token_id)
        positions = torch.zeros((len(rows), longest), dtype=torch.long)
        blocked = torch.ones((longest, longest), dtype=torch.bool).triu(1).repeat(len(rows), 1, 1)
        for r, own in enumerate(rows):
            pad = longest - len(own)
            input_ids[r, pad:] = torch.tensor(own)
            positions[r, pad:] = torch.arange(prefix_len, prefix_len + len(own))
            blocked[r, pad:, :pad] = True  # a padding query still sees itself: no empty softmax
        part = cache.part(first, first + len(rows), width - longest)
        return self.decoder.forward(input_ids, positions, blocked, part, self.prefix)

    def _generate_static(
        self, prompts: list[list[int]], params: SamplingParams, copies: int, seed_offset: int
    ) -> list[str]:
        """On a GPU (or for an architecture the fused decoder does not know): the static-cache decode
        of generate/backends/static_decode.py, whose step is a replayed CUDA graph on a GPU."""
        rows = static_decode.decode(self.model, prompts, copies, params, self.tokenizer.pad_token_id,
                                    self.stop_ids, params.seed + seed_offset, self.fused_step)
        return self._candidates([ending(ids, logprobs, set(self.stop_ids), self.tokenizer.decode, params.until_hook)
                                 for ids, logprobs in rows])

    def _choose(self, hidden, params: SamplingParams, generator):
        """(the next token of each row from its final hidden state, its log-probability: see
        sample_next). Greedy asks the decoder, which decides close calls on exact logits."""
        if params.greedy:
            return self.decoder.most_likely(hidden)
        return sample_next(self.decoder.logits(hidden), params, generator)

    def close(self) -> None:
        from model.gpu import release

        self.model = self.decoder = self.prefix = self.fused_step = None
        release()
