"""The default backend: plain transformers, truly batched, tuned for a small CPU.

One `generate` call per batch of prompts, sorted by length so a batch pads little, with the adapter
merged into the weights once at load time so decoding pays no LoRA overhead. What makes it fast,
each step measured with bench/generate.py on the 2-core dev CPU (SmolLM2-135M, 64 snippets x 60
tokens, single-thread CPU seconds, the same greedy captions before and after unless noted):

- Shared prompt prefix (31 -> 20 s): every prompt starts with the same system turn and instruction,
  ~125 of its ~160 tokens. Their keys/values are computed once and copied into every row's cache
  instead of being recomputed per row. Rows are padded between that prefix and their own part.
- Preallocated (static) KV cache (part of the above): the default cache concatenates the whole
  cache at every step, which was a fifth of the time.
- Decode attention as grouped matmuls (20 -> 18 s): torch's CPU attention kernel is slow for one
  query token against grouped key/value heads; two batched matmuls per layer are not.
- int8 weights and activations on CPUs with native int8 dot products (VNNI/AMX) (18 -> 12 s):
  torch._int_mm is 3-4x fp32 matmul there. Per-channel weight and per-token activation scales keep
  the reference-caption loss within 1% (bench/generate.py --quality) and keep every row's result
  independent of the rest of the batch (int32 sums are exact), so batched output still equals
  one-at-a-time output.
- libgomp's busy-waiting threads, on cores other processes also use, made a run 7x slower; the
  threads now sleep while they wait (OMP_WAIT_POLICY=PASSIVE, set before torch loads).

Tried and not kept: bf16 (no native bf16 on that CPU: 2x slower), torch.compile of the decode step
(10% faster after a minute of compiling for every new batch shape), eager attention (slower).
"""

from __future__ import annotations

import os
from pathlib import Path

# Read once, when torch (libgomp) loads: too late if torch is already imported, harmless then.
os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")

from generate.backend import ModelSpec, Progress, SamplingParams  # noqa: E402
from model.prompt import render_prompt  # noqa: E402

DECODE_ATTENTION = "versus_decode"
LAYOUT_STEP = 16  # tokens: a prompt's own part is padded to a multiple of this


def _cpu_flags() -> str:
    try:
        return Path("/proc/cpuinfo").read_text()
    except OSError:
        return ""


def pick_dtype(setting: str):
    """The compute type for a dtype setting: a torch dtype, or "int8" (int8 weights and activations).

    "auto" picks what this hardware runs fastest without losing quality: bf16/fp16 on CUDA; on CPU
    int8 where it has native int8 dot products, else bf16 where it computes bf16 natively (emulated
    bf16 is slower than fp32), else fp32."""
    import torch

    if setting == "int8":
        return "int8"
    if setting != "auto":
        return getattr(torch, setting)
    if torch.cuda.is_available():
        return torch.bfloat16 if torch.cuda.is_bf16_supported() else torch.float16
    flags = _cpu_flags()
    if any(flag in flags for flag in ("avx512_vnni", "avx_vnni", "amx_int8")):
        return "int8"
    return torch.bfloat16 if ("amx_bf16" in flags or "avx512_bf16" in flags) else torch.float32


def load_model(spec: ModelSpec, dtype_setting: str = "auto"):
    """(model, tokenizer) ready for generation, as this backend serves it: merged weights when the
    spec has them, else base + adapter merged in memory; int8 linear layers when the dtype says so."""
    import torch
    from transformers import AutoModelForCausalLM, AutoTokenizer

    _register_decode_attention()
    dtype = pick_dtype(dtype_setting)
    device = "cuda" if torch.cuda.is_available() else "cpu"
    if dtype == "int8" and device != "cpu":
        raise ValueError("dtype int8 is for CPUs; use auto, bfloat16 or float16 on a GPU")
    tokenizer = AutoTokenizer.from_pretrained(spec.weights, padding_side="left")
    if tokenizer.pad_token is None:
        tokenizer.pad_token = tokenizer.eos_token
    model = AutoModelForCausalLM.from_pretrained(
        spec.weights,
        dtype=torch.float32 if dtype == "int8" else dtype,
        attn_implementation=DECODE_ATTENTION,
    ).to(device)
    if spec.adapter and not spec.merged:
        from model.adapters import load_adapter

        model = load_adapter(model, spec.adapter).merge_and_unload()
    if dtype == "int8":
        quantize_linear_layers(model)
    model.eval()
    return model, tokenizer


# --- int8 linear layers ---------------------------------------------------------------------------------


def _int8_linear_class():
    import torch

    class Int8Linear(torch.nn.Module):
        """A Linear computing in int8: weights quantized once per output channel, activations per token
        at every call, products summed in int32 by torch._int_mm, rescaled to fp32."""

        def __init__(self, linear: torch.nn.Linear):
            super().__init__()
            weight = linear.weight.detach().float()
            scale = weight.abs().amax(dim=1).clamp(min=1e-8) / 127
            # [in, out] as a transposed view of a [out, in] tensor: the layout _int_mm runs fastest.
            self.register_buffer("weight_int8", (weight / scale[:, None]).round().to(torch.int8).t())
            self.register_buffer("weight_scale", scale)
            self.bias = linear.bias
            self.in_features, self.out_features = linear.in_features, linear.out_features

        def forward(self, x):
            rows = x.reshape(-1, self.in_features).float()
            scale = rows.abs().amax(dim=1, keepdim=True).clamp(min=1e-8) / 127
            quantized = (rows / scale).round_().to(torch.int8)
            out = torch._int_mm(quantized, self.weight_int8).float().mul_(scale).mul_(self.weight_scale)
            if self.bias is not None:
                out += self.bias
            return out.view(*x.shape[:-1], self.out_features)

    return Int8Linear


def quantize_linear_layers(model) -> None:
    """Every Linear of the decoder in int8. The output head stays a float Linear: it shares its weights
    with the embeddings, and `versus eval` computes its loss through it (model.loss needs a Linear)."""
    import torch

    int8_linear = _int8_linear_class()
    for module in list(model.get_decoder().modules()):
        for name, child in list(module.named_children()):
            if type(child) is torch.nn.Linear:
                setattr(module, name, int8_linear(child))


# --- decode attention -----------------------------------------------------------------------------------


def _decode_attention(module, query, key, value, attention_mask, scaling=None, dropout=0.0, **kwargs):
    """Attention for transformers' attention interface: SDPA for prompts, grouped matmuls for the one
    new token per row of a decode step (all query heads sharing a key/value head in one matmul)."""
    import torch
    from transformers.integrations.sdpa_attention import sdpa_attention_forward

    batch, heads, q_len, head_dim = query.shape
    if q_len > 1 or module.training:
        return sdpa_attention_forward(
            module, query, key, value, attention_mask, dropout=dropout, scaling=scaling, **kwargs
        )
    kv_heads = key.shape[1]
    scores = torch.matmul(query.view(batch, kv_heads, heads // kv_heads, head_dim), key.transpose(2, 3))
    scores.mul_(scaling if scaling is not None else head_dim**-0.5)
    if attention_mask is not None:  # boolean, True where a row may look: [batch, 1, 1, kv_len]
        scores.masked_fill_(~attention_mask, float("-inf"))
    out = torch.matmul(torch.softmax(scores, dim=-1), value)
    return out.view(batch, heads, 1, head_dim).transpose(1, 2), None


def _register_decode_attention() -> None:
    from transformers import AttentionInterface
    from transformers.masking_utils import AttentionMaskInterface, sdpa_mask

    AttentionInterface.register(DECODE_ATTENTION, _decode_attention)
    AttentionMaskInterface.register(DECODE_ATTENTION, sdpa_mask)


# --- the backend ----------------------------------------------------------------------------------------


def _common_length(a: list[int], b: list[int]) -> int:
    n = 0
    for x, y in zip(a, b):
        if x != y:
            break
        n += 1
    return n


class TransformersBackend:
    name = "transformers"

    def __init__(self, spec: ModelSpec, dtype: str = "auto", batch_size: int = 64):
        self.spec = spec
        self.batch_size = max(1, batch_size)
        self.model, self.tokenizer = load_model(spec, dtype)
        # Stop at the chat template's end-of-turn as well as the model's EOS.
        stops = {self.tokenizer.eos_token_id}
        end_of_turn = self.tokenizer.convert_tokens_to_ids("<|im_end|>")
        if isinstance(end_of_turn, int) and end_of_turn != self.tokenizer.unk_token_id:
            stops.add(end_of_turn)
        self.stop_ids = sorted(i for i in stops if i is not None)
        # The prompt's fixed part: the same for every snippet, so the same for a batch of one (batched
        # and one-at-a-time generation compute it identically).
        first, second = self._token_ids(["0", "x"])
        self.template_prefix = first[: _common_length(first, second)]
        self._prefix_cache: tuple[tuple[int, ...], list] | None = None

    def _token_ids(self, snippets: list[str]) -> list[list[int]]:
        prompts = [render_prompt(self.tokenizer, s) for s in snippets]
        return self.tokenizer(prompts, add_special_tokens=False)["input_ids"]

    def generate(
        self, snippets: list[str], params: SamplingParams, progress: Progress | None = None
    ) -> list[list[str]]:
        if not snippets:
            return []
        prompts = self._token_ids(snippets)
        layouts = [self._layout(p) for p in prompts]
        order = sorted(range(len(prompts)), key=lambda i: (layouts[i], len(prompts[i])))
        # Greedy has one answer: make it once and repeat it, instead of n identical rows.
        rows_per_prompt = 1 if params.greedy else params.n
        per_batch = max(1, self.batch_size // rows_per_prompt)
        results: list[list[str]] = [[] for _ in prompts]
        start = 0
        while start < len(order):
            # A batch holds prompts of one layout only.
            end = start + 1
            while end < len(order) and end - start < per_batch and layouts[order[end]] == layouts[order[start]]:
                end += 1
            chunk = order[start:end]
            texts = self._generate_batch(
                [prompts[i] for i in chunk], layouts[chunk[0]], params, rows_per_prompt, start
            )
            for k, i in enumerate(chunk):
                candidates = texts[k * rows_per_prompt : (k + 1) * rows_per_prompt]
                results[i] = candidates * params.n if params.greedy else candidates
            start = end
            if progress:
                progress(end)
        return results

    def _layout(self, prompt: list[int]) -> tuple[int, int]:
        """(shared prefix length, padded length of the rest) of a prompt's row.

        It depends on the prompt alone, never on the rest of its batch, so a row is computed exactly
        the same way batched or alone: int8 products are exact, and float sums give the same result
        when they run over the same layout in the same order. Rounding up to a multiple of
        LAYOUT_STEP keeps the number of distinct layouts, hence of batches, small."""
        prefix = len(self.template_prefix)
        if len(prompt) <= prefix or prompt[:prefix] != self.template_prefix:
            prefix = 0  # not our template (never the case with render_prompt): nothing to share
        own = len(prompt) - prefix
        return prefix, -(-own // LAYOUT_STEP) * LAYOUT_STEP

    def _generate_batch(
        self,
        prompts: list[list[int]],
        layout: tuple[int, int],
        params: SamplingParams,
        copies: int,
        seed_offset: int,
    ) -> list[str]:
        """Texts for each prompt `copies` times over (rows in prompt order), in one generate call."""
        import torch

        prefix_len, width = layout
        rows = [p for p in prompts for _ in range(copies)]
        # [prefix | padding | own tokens]: the prefix sits at the same place in every row, so its
        # cached keys/values are shared; position ids follow the mask, so padding shifts nothing.
        input_ids = torch.full((len(rows), prefix_len + width), self.tokenizer.pad_token_id)
        mask = torch.zeros_like(input_ids)
        for r, ids in enumerate(rows):
            own = ids[prefix_len:]
            input_ids[r, :prefix_len] = torch.tensor(ids[:prefix_len])
            input_ids[r, input_ids.shape[1] - len(own) :] = torch.tensor(own)
            mask[r, :prefix_len] = 1
            mask[r, input_ids.shape[1] - len(own) :] = 1
        device = self.model.device
        cache = self._cache(rows[0][:prefix_len], len(rows), input_ids.shape[1] + params.max_new_tokens)
        torch.manual_seed(params.seed + seed_offset)
        with torch.inference_mode():
            output = self.model.generate(
                input_ids=input_ids.to(device),
                attention_mask=mask.to(device),
                cache=cache,
                do_sample=not params.greedy,
                temperature=params.temperature if not params.greedy else None,
                top_p=params.top_p if not params.greedy else None,
                top_k=None,
                max_new_tokens=params.max_new_tokens,
                pad_token_id=self.tokenizer.pad_token_id,
                eos_token_id=self.stop_ids,
            )
        return self.tokenizer.batch_decode(output[:, input_ids.shape[1] :], skip_special_tokens=True)

    def _cache(self, prefix: list[int], rows: int, length: int):
        """A preallocated cache for `rows` rows of up to `length` tokens, the prefix already in it."""
        import torch
        from transformers import DynamicCache, StaticCache

        key = tuple(prefix)
        if self._prefix_cache is None or self._prefix_cache[0] != key:
            states = []
            if prefix:
                computed = DynamicCache(config=self.model.config)
                with torch.inference_mode():
                    self.model(input_ids=torch.tensor([prefix], device=self.model.device), cache=computed)
                states = [(layer.keys, layer.values) for layer in computed.layers]
            self._prefix_cache = (key, states)
        config = self.model.config
        cache = StaticCache(config=config, max_cache_len=length)
        head_dim = getattr(config, "head_dim", None) or config.hidden_size // config.num_attention_heads
        dtype = self.model.model.embed_tokens.weight.dtype
        cache.early_initialization(rows, config.num_key_value_heads, head_dim, dtype, self.model.device)
        for layer, (keys, values) in zip(cache.layers, self._prefix_cache[1]):
            layer.keys[:, :, : len(prefix)] = keys
            layer.values[:, :, : len(prefix)] = values
            layer.cumulative_length.fill_(len(prefix))
        return cache

    def close(self) -> None:
        self.model = None
