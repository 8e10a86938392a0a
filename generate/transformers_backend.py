"""The default backend: plain transformers modules driven by our own batched decode loop, tuned for
a small CPU. On a CUDA GPU it runs transformers' `generate` with a static KV cache instead, whose
decode step transformers compiles into CUDA graphs (see `_generate_with_static_cache`).

Prompts are grouped by layout (below) into batches; the adapter is merged into the weights at load
time so decoding pays no LoRA overhead. What makes it fast, each step measured with bench/generate.py
(SmolLM2-135M, 64 snippets x 60 tokens, greedy):

- Shared prompt prefix: every prompt starts with the same system turn and instruction, ~125 of its
  ~160 tokens. Their keys/values are computed once per backend and kept once, not per row: the
  attention function broadcasts that one copy to every row, then adds the row's own keys/values,
  in one softmax.
- Own decode loop instead of `generate`: a preallocated per-row KV cache written in place (the
  default cache concatenates at every step), rows dropped from the batch as soon as they finish
  (a finished row otherwise costs a full row per step), sampling done directly on the last logits.
- Grouped decode attention: torch's CPU attention kernel is slow for one query token against
  grouped key/value heads; batched matmuls are not.
- The compute type by CPU (`pick_dtype`): bf16 where the CPU has native bf16, else int8 weights and
  activations (torch._int_mm, per-channel/per-token scales, q/k/v and gate/up sharing one
  activation quantization) where it has VNNI, else fp32.
- libgomp's busy-waiting threads, on cores other processes also use, made a run 7x slower; the
  threads now sleep while they wait (OMP_WAIT_POLICY=PASSIVE, set before torch loads).

A row's padding and positions depend on its prompt only, not on its batch, so greedy output matches
one-at-a-time output up to float rounding: tests/test_generate.py checks it for every compute type.
Tried and not kept: torch.compile of the decode step (10% faster after a minute of compiling for
every new batch shape), eager attention (slower), one process per core (within noise)."""

from __future__ import annotations

import os
from pathlib import Path

# Read once, when torch (libgomp) loads: too late if torch is already imported, harmless then.
os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")

from generate.backend import ModelSpec, Progress, SamplingParams  # noqa: E402
from model.prompt import render_prompt  # noqa: E402

ATTENTION = "versus_shared_prefix"
LAYOUT_STEP = 64  # tokens: a prompt's own part is padded to a multiple of this (few layouts, big batches)


def _cpu_flags() -> str:
    try:
        return Path("/proc/cpuinfo").read_text()
    except OSError:
        return ""


def pick_dtype(setting: str):
    """The compute type for a dtype setting: a torch dtype, or "int8" (int8 weights and activations).

    "auto" picks what this hardware runs fastest without losing quality: bf16/fp16 on CUDA; on CPU
    bf16 where it computes bf16 natively (emulated bf16 is slower than fp32), else int8 where it has
    native int8 dot products, else fp32. Measured by bench/generate.py: with native bf16 (AMD EPYC,
    avx512_bf16) bf16 beat int8 by 15%; with VNNI but no bf16 (Intel Xeon) int8 beat fp32 by 1.5x."""
    import torch

    if setting == "int8":
        return "int8"
    if setting != "auto":
        return getattr(torch, setting)
    if torch.cuda.is_available():
        return torch.bfloat16 if torch.cuda.is_bf16_supported() else torch.float16
    flags = _cpu_flags()
    if "amx_bf16" in flags or "avx512_bf16" in flags:
        return torch.bfloat16
    if any(flag in flags for flag in ("avx512_vnni", "avx_vnni", "amx_int8")):
        return "int8"
    return torch.float32


def load_model(spec: ModelSpec, dtype_setting: str = "auto"):
    """(model, tokenizer) ready for generation, as this backend serves it: merged weights when the
    spec has them, else base + adapter merged in memory; int8 linear layers when the dtype says so."""
    import torch
    from transformers import AutoModelForCausalLM, AutoTokenizer

    _register_attention()
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
        attn_implementation=ATTENTION,
    ).to(device)
    if spec.adapter and not spec.merged:
        from model.adapters import load_adapter

        model = load_adapter(model, spec.adapter).merge_and_unload()
    if dtype == "int8":
        quantize_linear_layers(model)
    model.eval()
    return model, tokenizer


# --- int8 linear layers ---------------------------------------------------------------------------------


def _quantize_rows(x):
    """(int8 rows, fp32 scale per row) of a [rows, features] float tensor: symmetric, per token."""
    import torch

    scale = x.abs().amax(dim=1, keepdim=True).clamp_(min=1e-8).mul_(1 / 127)
    return torch.div(x, scale).round_().to(torch.int8), scale


class _SharedInput:
    """Linears that read the same input (q/k/v projections; gate/up) quantize it once per call round.

    The first sibling to see a tensor quantizes it; the others get that result while they are handed
    the very same tensor object (held here, so its identity cannot be reused), and the round ends
    when each sibling has had it."""

    def __init__(self, siblings: int):
        self.siblings = siblings
        self.source = None
        self.served = 0
        self.value = None

    def __call__(self, x):
        if x is not self.source or self.served == self.siblings:
            self.source, self.served = x, 0
            self.value = _quantize_rows(x.reshape(-1, x.shape[-1]).float())
        self.served += 1
        return self.value


def _int8_linear_class():
    import torch

    class Int8Linear(torch.nn.Module):
        """A Linear computing in int8: weights quantized once per output channel, activations per token
        at every call, products summed in int32 by torch._int_mm, rescaled to fp32."""

        def __init__(self, linear: torch.nn.Linear, shared_input: _SharedInput | None = None):
            super().__init__()
            weight = linear.weight.detach().float()
            scale = weight.abs().amax(dim=1).clamp(min=1e-8) / 127
            # [in, out] as a transposed view of a [out, in] tensor: the layout _int_mm runs fastest.
            self.register_buffer("weight_int8", (weight / scale[:, None]).round().to(torch.int8).t())
            self.register_buffer("weight_scale", scale)
            self.bias = linear.bias
            self.in_features, self.out_features = linear.in_features, linear.out_features
            self.shared_input = shared_input or _SharedInput(1)

        def forward(self, x):
            quantized, scale = self.shared_input(x)
            # int32 * fp32 scale promotes to fp32: no separate conversion pass.
            out = torch.mul(torch._int_mm(quantized, self.weight_int8), scale).mul_(self.weight_scale)
            if self.bias is not None:
                out += self.bias
            return out.view(*x.shape[:-1], self.out_features)

    return Int8Linear


# Projections that always read the same input, by the names transformers' decoder models give them.
SIBLINGS = ({"q_proj", "k_proj", "v_proj"}, {"gate_proj", "up_proj"})


def quantize_linear_layers(model) -> None:
    """Every Linear of the decoder in int8. The output head stays a float Linear: it shares its weights
    with the embeddings, and `versus eval` computes its loss through it (model.loss needs a Linear)."""
    import torch

    int8_linear = _int8_linear_class()
    for module in list(model.get_decoder().modules()):
        linears = {n: c for n, c in module.named_children() if type(c) is torch.nn.Linear}
        for group in SIBLINGS:
            if group <= linears.keys():
                shared = _SharedInput(len(group))
                for name in group:
                    setattr(module, name, int8_linear(linears.pop(name), shared))
        for name, child in linears.items():
            setattr(module, name, int8_linear(child))


# --- attention with a shared prefix ----------------------------------------------------------------------


def _attention(module, query, key, value, attention_mask, scaling=None, dropout=0.0, shared_prefix=None,
               **kwargs):
    """transformers' attention interface. Ordinary calls (training, `versus eval`'s loss) get SDPA.
    Generation passes `shared_prefix`, one (keys, values) pair [kv_heads, prefix, head_dim] per layer:
    every row attends to that one copy of the prompt's shared part plus its own cached keys/values
    (`key`, `value`), in one softmax. The shared part is kept and computed once, not per row.
    `attention_mask` is then a boolean [batch, 1, q_len, prefix + own] that is True where a query
    may NOT look."""
    import torch
    from transformers.integrations.sdpa_attention import sdpa_attention_forward

    if shared_prefix is None:
        return sdpa_attention_forward(
            module, query, key, value, attention_mask, dropout=dropout, scaling=scaling, **kwargs
        )
    prefix_keys, prefix_values = shared_prefix[module.layer_idx]
    batch, heads, q_len, head_dim = query.shape
    kv_heads, prefix = key.shape[1], prefix_keys.shape[1]
    groups = heads // kv_heads
    # Queries of the heads sharing a key/value head, stacked: [batch, kv_heads, groups * q_len, dim].
    rows = query.reshape(batch, kv_heads, groups * q_len, head_dim)
    scores = torch.matmul(rows, key.transpose(2, 3))
    if prefix:
        # Broadcast, not folded into one matmul over the whole batch: a row's result must not depend
        # on how many rows share the call (float sums do, with the matmul's shape).
        scores = torch.cat([torch.matmul(rows, prefix_keys.transpose(1, 2)), scores], dim=-1)
    scores.mul_(scaling)
    scores.view(batch, kv_heads, groups, q_len, -1).masked_fill_(attention_mask[:, :, None], float("-inf"))
    probs = torch.softmax(scores, dim=-1)
    out = torch.matmul(probs[..., prefix:], value)
    if prefix:
        out += torch.matmul(probs[..., :prefix], prefix_values)
    return out.view(batch, heads, q_len, head_dim).transpose(1, 2), None


def _register_attention() -> None:
    from transformers import AttentionInterface
    from transformers.masking_utils import AttentionMaskInterface, sdpa_mask

    AttentionInterface.register(ATTENTION, _attention)
    AttentionMaskInterface.register(ATTENTION, sdpa_mask)


class _RowCache:
    """The keys/values of each row's own tokens (its part of the prompt, then what it generates),
    preallocated and written in place; the shared prefix is kept apart, once. Duck-types the one
    method of transformers' Cache that the attention layers call."""

    def __init__(self, layers: int, rows: int, kv_heads: int, length: int, head_dim: int, dtype, device):
        import torch

        shape = (rows, kv_heads, length, head_dim)
        self.keys = [torch.empty(shape, dtype=dtype, device=device) for _ in range(layers)]
        self.values = [torch.empty(shape, dtype=dtype, device=device) for _ in range(layers)]
        self.filled = 0

    def update(self, key_states, value_states, layer_idx: int, *args, **kwargs):
        end = self.filled + key_states.shape[2]
        self.keys[layer_idx][:, :, self.filled : end] = key_states
        self.values[layer_idx][:, :, self.filled : end] = value_states
        return self.keys[layer_idx][:, :, :end], self.values[layer_idx][:, :, :end]

    def advance(self, tokens: int) -> None:
        self.filled += tokens

    def keep_rows(self, rows) -> None:
        self.keys = [k.index_select(0, rows) for k in self.keys]
        self.values = [v.index_select(0, rows) for v in self.values]


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
        import torch

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
        self._prefix: tuple[int, list] | None = None  # (length, per-layer keys/values)
        self.on_gpu = self.model.device.type == "cuda"  # generate() with a static cache there
        # The CPU loop's output head (a copy: the model keeps its own for `versus eval`'s loss).
        head = self.model.get_output_embeddings()
        quantized = any(type(m).__name__ == "Int8Linear" for m in self.model.get_decoder().modules())
        if self.on_gpu:
            self.head = None
        elif quantized:
            self.head = _int8_linear_class()(head)  # a fifth of a decode step: int8 like the decoder
        elif head.weight.dtype in (torch.bfloat16, torch.float16):
            # Logits rounded to 8 significant bits tie often, and a tie makes greedy output depend on
            # rounding noise (i.e. on the batch): the output head computes in fp32.
            weight = head.weight.detach().float()
            self.head = lambda hidden: torch.nn.functional.linear(hidden.float(), weight)
        else:
            self.head = head

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
            batch = [prompts[i] for i in chunk]
            if self.on_gpu:
                texts = self._generate_with_static_cache(batch, params, rows_per_prompt, start)
            else:
                texts = self._generate_batch(batch, layouts[chunk[0]], params, rows_per_prompt, start)
            for k, i in enumerate(chunk):
                candidates = texts[k * rows_per_prompt : (k + 1) * rows_per_prompt]
                results[i] = candidates * params.n if params.greedy else candidates
            start = end
            if progress:
                progress(end)
        return results

    def _layout(self, prompt: list[int]) -> tuple[int, int]:
        """(shared prefix length, padded length of the rest) of a prompt's row.

        It depends on the prompt alone, never on the rest of its batch, so a row sees the same
        padding and positions batched or alone. What still depends on the batch is float rounding
        (a matmul's kernel varies with its row count: ~1e-5 on the logits in fp32), too small to
        change greedy captions in practice (tested per compute type). Rounding up to a multiple of
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
        """Texts for each prompt `copies` times over (rows in prompt order)."""
        import torch

        prefix_len, width = layout
        rows = [p[prefix_len:] for p in prompts for _ in range(copies)]
        device, config = self.model.device, self.model.config
        count, steps = len(rows), params.max_new_tokens
        # Row r: its own tokens right-aligned in `width` slots, then its new tokens. `blocked` is True
        # where no query may look: the padding (the shared prefix, in front, is open to all).
        input_ids = torch.full((count, width), self.tokenizer.pad_token_id)
        positions = torch.zeros((count, width), dtype=torch.long)
        blocked = torch.zeros((count, prefix_len + width + steps), dtype=torch.bool)
        for r, own in enumerate(rows):
            pad = width - len(own)
            input_ids[r, pad:] = torch.tensor(own)
            positions[r, pad:] = torch.arange(prefix_len, prefix_len + len(own))
            blocked[r, prefix_len : prefix_len + pad] = True
        next_position = torch.tensor([prefix_len + len(own) for own in rows])
        future = torch.ones((width, width), dtype=torch.bool).triu(1)  # own part: causal
        prompt_mask = blocked[:, None, None, : prefix_len + width].repeat(1, 1, width, 1)
        prompt_mask[:, 0, :, prefix_len:] |= future
        cache = _RowCache(config.num_hidden_layers, count, config.num_key_value_heads, width + steps,
                          self._head_dim, self.model.get_input_embeddings().weight.dtype, device)
        shared = self._shared_prefix(prompts[0][:prefix_len])
        generator = torch.Generator(device=device).manual_seed(params.seed + seed_offset)
        stops = torch.tensor(self.stop_ids, device=device)
        alive = torch.arange(count)  # which original row each cache row holds
        tokens_out: list[list[int]] = [[] for _ in rows]
        with torch.inference_mode():
            hidden = self._forward(input_ids, positions, prompt_mask, cache, shared)
            for step in range(steps):
                chosen = self._choose(self.head(hidden), params, generator)
                for r, token in zip(alive.tolist(), chosen.tolist()):
                    tokens_out[r].append(token)
                going = ~torch.isin(chosen, stops)
                if step == steps - 1 or not bool(going.any()):
                    break
                if not bool(going.all()):
                    # A finished row would still cost a full row per step; dropping it costs one copy
                    # of the (small) cache.
                    keep = going.nonzero().squeeze(1)
                    alive, chosen, next_position = alive[keep], chosen[keep], next_position[keep]
                    blocked = blocked[keep]
                    cache.keep_rows(keep)
                mask = blocked[:, None, None, : prefix_len + width + step + 1]
                hidden = self._forward(chosen[:, None], next_position[:, None], mask, cache, shared)
                next_position = next_position + 1
        texts = [ids[:-1] if ids and ids[-1] in self.stop_ids else ids for ids in tokens_out]
        return self.tokenizer.batch_decode(texts, skip_special_tokens=True)

    def _generate_with_static_cache(
        self, prompts: list[list[int]], params: SamplingParams, copies: int, seed_offset: int
    ) -> list[str]:
        """On a GPU: transformers' own `generate` with a static KV cache, whose decode step it
        compiles into CUDA graphs (bench/generate_8b_shape.py: 4x plain `generate` at batch 1 on the
        8B shape). The loop above is built for a small CPU; a GPU step is bound by kernel launches,
        which the graphs remove. Rows are left-padded."""
        import torch

        rows = [p for p in prompts for _ in range(copies)]
        width = max(map(len, rows))
        input_ids = torch.full((len(rows), width), self.tokenizer.pad_token_id)
        mask = torch.zeros_like(input_ids)
        for r, ids in enumerate(rows):
            input_ids[r, width - len(ids) :] = torch.tensor(ids)
            mask[r, width - len(ids) :] = 1
        torch.manual_seed(params.seed + seed_offset)
        sampled = {"temperature": params.temperature, "top_p": params.top_p}
        if params.greedy:  # not the model's generation_config sampling defaults either
            sampled = {"temperature": None, "top_p": None}
        with torch.inference_mode():
            output = self.model.generate(
                input_ids=input_ids.to(self.model.device),
                attention_mask=mask.to(self.model.device),
                do_sample=not params.greedy,
                top_k=None,
                max_new_tokens=params.max_new_tokens,
                pad_token_id=self.tokenizer.pad_token_id,
                eos_token_id=self.stop_ids,
                cache_implementation="static",
                **sampled,
            )
        return self.tokenizer.batch_decode(output[:, width:], skip_special_tokens=True)

    def _forward(self, input_ids, positions, mask, cache, shared):
        """The last hidden state of each row after feeding `input_ids` at `positions`."""
        device = self.model.device
        out = self.model.get_decoder()(
            input_ids=input_ids.to(device),
            position_ids=positions.to(device),
            attention_mask=mask.to(device),
            cache=cache,
            use_cache=True,
            shared_prefix=shared,
        )
        cache.advance(input_ids.shape[1])
        return out.last_hidden_state[:, -1]

    @staticmethod
    def _choose(logits, params: SamplingParams, generator):
        import torch

        if params.greedy:
            return logits.argmax(dim=-1)
        probs = torch.softmax(logits.float() / params.temperature, dim=-1)
        if params.top_p < 1:
            # Nucleus: the most likely tokens until their mass reaches top_p (at least one).
            ranked, order = probs.sort(dim=-1, descending=True)
            ranked[(ranked.cumsum(dim=-1) - ranked) >= params.top_p] = 0
            probs = torch.zeros_like(probs).scatter_(-1, order, ranked)
        return torch.multinomial(probs, 1, generator=generator).squeeze(1)

    @property
    def _head_dim(self) -> int:
        config = self.model.config
        return getattr(config, "head_dim", None) or config.hidden_size // config.num_attention_heads

    def _shared_prefix(self, prefix: list[int]) -> list:
        """Per layer (keys, values) [kv_heads, len, head_dim] of the shared prefix, computed once."""
        import torch
        from transformers import DynamicCache

        if self._prefix is None or self._prefix[0] != len(prefix):
            if prefix:
                computed = DynamicCache(config=self.model.config)
                with torch.inference_mode():
                    self.model.get_decoder()(
                        input_ids=torch.tensor([prefix], device=self.model.device), cache=computed, use_cache=True
                    )
                states = [(layer.keys[0], layer.values[0]) for layer in computed.layers]
            else:
                config = self.model.config
                empty = torch.empty((config.num_key_value_heads, 0, self._head_dim), device=self.model.device)
                states = [(empty, empty)] * config.num_hidden_layers
            self._prefix = (len(prefix), states)
        return self._prefix[1]

    def close(self) -> None:
        self.model = None
