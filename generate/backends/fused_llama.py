"""A Llama-family decoder (Llama 3, SmolLM2) run as few, large tensor operations, for batched
generation on a CPU, where eager PyTorch pays a fixed cost per operation: at 64 rows transformers'
decoder layers spent more time between matmuls than in them.

- Fused projections: q/k/v are one matmul, gate/up another. In bf16 the fused weights are kept in
  oneDNN's blocked layout (a second copy: the model keeps its own for `versus eval`'s loss); in
  other types the model's own weights become views of the fused ones.
- Shared prompt prefix: every prompt starts with the same system turn and instruction (~125 of its
  ~160 tokens). Its keys/values are computed once and kept once; every row's queries meet them in
  one matmul per key/value head (all rows stacked), then the row's own keys/values, in one softmax.
- A preallocated cache of each row's own keys/values, written in place; finished rows leave it.
- Norms and the output head only where a token is chosen (the last position of each row).
- bf16: the output head computes in bf16 (faster than fp32), then the REFINED most likely
  tokens' logits are recomputed in fp32, so a greedy choice never hinges on bf16 rounding.
- int8 (CPUs with VNNI but no bf16): weights per output channel, activations per token, products
  summed in int32 by torch._int_mm.
- Matmuls on all of torch's threads, everything else on one (`_matmuls_parallel`): a decode step's
  elementwise operations are tiny, and waking sleeping OpenMP threads for each of them (about
  1,500 a step) cost more than the work itself.

bench/README.md holds what each of these measured.
"""

from __future__ import annotations

import functools

import torch
import torch.nn.functional as F

ARCHITECTURES = {"llama"}
REFINED = 16  # top tokens whose bf16 logits are recomputed in fp32
PACKED_FOR_ROWS = 64  # the row count oneDNN lays bf16 weights out for (the default batch)
_matmul_threads = None  # inside a decoder method: torch's thread count outside it, for matmuls


def _matmuls_parallel(method):
    """Run a decoder method in inference mode on one thread, except where `_on_all_threads` says.

    Why: each parallel operation wakes torch's OpenMP threads, which sleep while they wait
    (OMP_WAIT_POLICY=PASSIVE; spinning instead is many times slower as soon as another process
    shares the cores). A wake-up costs ~50 us on a VM, five times a [64, 576] multiply's own work."""

    @functools.wraps(method)
    def run(*args, **kwargs):
        global _matmul_threads
        _matmul_threads = torch.get_num_threads()
        torch.set_num_threads(1)
        try:
            with torch.inference_mode():
                return method(*args, **kwargs)
        finally:
            torch.set_num_threads(_matmul_threads)
            _matmul_threads = None

    return run


def _on_all_threads(function, *args, **kwargs):
    """function(*args, **kwargs) on all torch threads (a no-op outside a `_matmuls_parallel` method)."""
    if _matmul_threads is None:
        return function(*args, **kwargs)
    torch.set_num_threads(_matmul_threads)
    try:
        return function(*args, **kwargs)
    finally:
        torch.set_num_threads(1)


def supports(config) -> bool:
    return config.model_type in ARCHITECTURES and config.hidden_act == "silu"


def _quantize_rows(x):
    """(int8 rows, fp32 scale per row) of a [rows, features] float tensor: symmetric, per token."""
    scale = x.abs().amax(dim=1, keepdim=True).clamp_(min=1e-8).mul_(1 / 127)
    return torch.div(x, scale).round_().to(torch.int8), scale


def _onednn_layout(weight):
    """A bf16 weight [out, in] in oneDNN's blocked layout for this CPU, or None where torch has no
    oneDNN. Packed once rather than at every call: bf16 matmuls 15-25% faster, same results."""
    if not torch.backends.mkldnn.is_available():
        return None
    try:
        return torch.ops.mkldnn._reorder_linear_weight(weight, PACKED_FOR_ROWS)
    except (AttributeError, RuntimeError, NotImplementedError):  # a torch build without the op
        return None


def share_rows(stacked, linears) -> None:
    """Make each Linear's weight a view of its rows of `stacked` (their weights stacked in order), so the
    memory holds one copy and the Linears keep working."""
    start = 0
    for layer in linears:
        rows = layer.weight.shape[0]
        layer.weight.data = stacked[start : start + rows]
        start += rows


class Linear:
    """x @ W.T + b for the weights of one or more Linears stacked (their outputs side by side)."""

    def __init__(self, linears, compute):
        weight = torch.cat([layer.weight.detach() for layer in linears])
        biases = [layer.bias for layer in linears]
        self.bias = torch.cat([b.detach() for b in biases]) if all(b is not None for b in biases) else None
        self.int8, self.packed = compute == "int8", None
        if self.int8:
            weight = weight.float()
            self.scale = weight.abs().amax(dim=1).clamp(min=1e-8) / 127
            # [in, out] as a transposed view of a [out, in] tensor: the layout _int_mm runs fastest.
            self.weight = (weight / self.scale[:, None]).round().to(torch.int8).t()
            return
        self.weight = weight.to(compute)
        if compute == torch.bfloat16:
            self.packed = _onednn_layout(self.weight)
        if self.packed is not None:
            self.weight = None  # the model's Linears keep their own weights (versus eval's loss)
            return
        if len(linears) > 1 and all(layer.weight.dtype == compute for layer in linears):
            share_rows(self.weight, linears)  # the model's Linears keep working (versus eval's loss)

    def __call__(self, x):
        if self.packed is not None:
            return _on_all_threads(torch.ops.mkldnn._linear_pointwise, x, self.packed, self.bias, "none", [], "")
        if not self.int8:
            return _on_all_threads(F.linear, x, self.weight, self.bias)
        quantized, scale = _quantize_rows(x.reshape(-1, x.shape[-1]).float())
        # int32 * fp32 scale promotes to fp32: no separate conversion pass.
        out = torch.mul(_on_all_threads(torch._int_mm, quantized, self.weight), scale).mul_(self.scale)
        if self.bias is not None:
            out += self.bias
        return out.view(*x.shape[:-1], -1)


def _rms_norm(x, weight, eps):
    """Llama's RMSNorm, as transformers computes it (fp32 statistics, result in x's type)."""
    x32 = x.float()
    x32 = x32 * torch.rsqrt(x32.pow(2).mean(-1, keepdim=True) + eps)
    return weight * x32.to(x.dtype)


def _rotate(x, cos, sin):
    half = x.shape[-1] // 2
    return x * cos + torch.cat((-x[..., half:], x[..., :half]), dim=-1) * sin


class RowCache:
    """The keys/values of each row's own tokens (its part of the prompt, then what it generates),
    preallocated and written in place; the shared prefix is kept apart, once."""

    def __init__(self, layers: int, rows: int, kv_heads: int, length: int, head_dim: int, dtype):
        shape = (rows, kv_heads, length, head_dim)
        # Zeros: a slot no token wrote is masked, and 0 * (masked probability) must stay 0, not NaN.
        self.keys = [torch.zeros(shape, dtype=dtype) for _ in range(layers)]
        self.values = [torch.zeros(shape, dtype=dtype) for _ in range(layers)]
        self.filled = 0

    def update(self, keys, values, layer: int):
        end = self.filled + keys.shape[2]
        self.keys[layer][:, :, self.filled : end] = keys
        self.values[layer][:, :, self.filled : end] = values
        return self.keys[layer][:, :, :end], self.values[layer][:, :, :end]

    def part(self, start: int, stop: int, first_slot: int) -> RowCache:
        """An empty cache whose slots are those of rows start:stop of this one from `first_slot` on
        (views: what it is fed lands here)."""
        view = RowCache.__new__(RowCache)
        view.keys = [k[start:stop, :, first_slot:] for k in self.keys]
        view.values = [v[start:stop, :, first_slot:] for v in self.values]
        view.filled = 0
        return view

    def keep_rows(self, rows) -> None:
        self.keys = [k.index_select(0, rows) for k in self.keys]
        self.values = [v.index_select(0, rows) for v in self.values]


def _attention(query, keys, values, blocked, prefix):
    """query [rows, heads, q, dim] (already scaled); keys/values [rows, kv_heads, own, dim] of each
    row's own tokens; blocked [rows, q, own] True where a query may not look; prefix (keys, values)
    [kv_heads, shared, dim] that every row sees whole, or None. Returns [rows, q, heads * dim]."""
    rows, heads, q_len, dim = query.shape
    kv_heads = keys.shape[1]
    # The queries of the heads sharing a key/value head, stacked: [rows, kv_heads, groups * q, dim].
    grouped = query.reshape(rows, kv_heads, -1, dim)
    scores = torch.matmul(grouped, keys.transpose(2, 3))
    scores.view(rows, kv_heads, -1, q_len, scores.shape[-1]).masked_fill_(blocked[:, None, None], float("-inf"))
    if prefix is not None:
        # All rows' queries against the one shared copy: one matmul per key/value head.
        prefix_keys, prefix_values = prefix
        shared = prefix_keys.shape[1]
        stacked = grouped.transpose(0, 1).reshape(kv_heads, -1, dim)
        prefix_scores = torch.bmm(stacked, prefix_keys.transpose(1, 2)).view(kv_heads, rows, -1, shared)
        scores = torch.cat([prefix_scores.transpose(0, 1), scores], dim=-1)
    probs = torch.softmax(scores, dim=-1, dtype=torch.float32).to(query.dtype)
    if prefix is None:
        out = torch.matmul(probs, values)
    else:
        out = torch.matmul(probs[..., shared:], values)
        stacked = probs[..., :shared].transpose(0, 1).reshape(kv_heads, -1, shared)
        out += torch.bmm(stacked, prefix_values).view(kv_heads, rows, -1, dim).transpose(0, 1)
    return out.view(rows, heads, q_len, dim).transpose(1, 2).reshape(rows, q_len, heads * dim)


class _Layer:
    def __init__(self, layer, compute, heads: int, kv_heads: int, head_dim: int):
        attention, mlp = layer.self_attn, layer.mlp
        self.qkv = Linear([attention.q_proj, attention.k_proj, attention.v_proj], compute)
        self.out = Linear([attention.o_proj], compute)
        self.gate_up = Linear([mlp.gate_proj, mlp.up_proj], compute)
        self.down = Linear([mlp.down_proj], compute)
        dtype = torch.float32 if compute == "int8" else compute
        self.norms = [(norm.weight.detach().to(dtype), norm.variance_epsilon)
                      for norm in (layer.input_layernorm, layer.post_attention_layernorm)]
        self.split = [heads, kv_heads, kv_heads]
        self.head_dim = head_dim
        self.scaling = attention.scaling

    def __call__(self, hidden, cos, sin, blocked, cache, index, prefix):
        rows, q_len, _ = hidden.shape
        qkv = self.qkv(_rms_norm(hidden, *self.norms[0]))
        qkv = qkv.view(rows, q_len, -1, self.head_dim).transpose(1, 2)
        query, key, value = qkv.split(self.split, dim=1)
        query = _rotate(query, cos, sin).mul_(self.scaling)
        keys, values = cache.update(_rotate(key, cos, sin), value, index)
        hidden = hidden + self.out(_attention(query, keys, values, blocked, prefix))
        gate, up = self.gate_up(_rms_norm(hidden, *self.norms[1])).chunk(2, dim=-1)
        return hidden + self.down(F.silu(gate).mul_(up))


class FusedLlama:
    """The decoder of a transformers Llama model, for generation: `forward` feeds tokens into a
    RowCache and returns each row's last hidden state; `logits` turns those into fp32 logits."""

    def __init__(self, model, compute):
        config = model.config
        self.dtype = torch.float32 if compute == "int8" else compute
        self.heads, self.kv_heads = config.num_attention_heads, config.num_key_value_heads
        self.head_dim = getattr(config, "head_dim", None) or config.hidden_size // self.heads
        decoder = model.get_decoder()
        self.embed = model.get_input_embeddings().weight.detach().to(self.dtype)
        self.rotary = decoder.rotary_emb
        self.layers = [_Layer(layer, compute, self.heads, self.kv_heads, self.head_dim) for layer in decoder.layers]
        self.norm = (decoder.norm.weight.detach().to(self.dtype), decoder.norm.variance_epsilon)
        head = model.get_output_embeddings()
        self.head = Linear([head], compute)
        self.refine = self.dtype in (torch.bfloat16, torch.float16)
        self.head_weight = head.weight.detach()  # its rows for the refined tokens, upcast per step

    def new_cache(self, rows: int, length: int) -> RowCache:
        return RowCache(len(self.layers), rows, self.kv_heads, length, self.head_dim, self.dtype)

    @_matmuls_parallel
    def forward(self, input_ids, positions, blocked, cache: RowCache, prefix):
        """The final-norm hidden state of each row's last token after feeding `input_ids` [rows, q]
        at `positions` [rows, q]. `blocked` [rows, q, cached + q] is True where a query may not look
        among the row's own tokens; `prefix` is per layer (keys, values) shared by all rows, or None."""
        hidden = F.embedding(input_ids, self.embed)
        cos, sin = self.rotary(hidden, positions)
        cos, sin = cos[:, None], sin[:, None]  # the same for every head
        for index, layer in enumerate(self.layers):
            hidden = layer(hidden, cos, sin, blocked, cache, index, prefix and prefix[index])
        cache.filled += input_ids.shape[1]
        return _rms_norm(hidden[:, -1], *self.norm)

    def prefix_states(self, token_ids: list[int]) -> list | None:
        """Per layer (keys, values) [kv_heads, len, head_dim] of a prompt prefix shared by all rows."""
        if not token_ids:
            return None
        length = len(token_ids)
        cache = self.new_cache(1, length)
        future = torch.ones((1, length, length), dtype=torch.bool).triu(1)
        self.forward(torch.tensor([token_ids]), torch.arange(length)[None], future, cache, None)
        return [(keys[0], values[0]) for keys, values in zip(cache.keys, cache.values)]

    @_matmuls_parallel
    def logits(self, hidden):
        """fp32 logits [rows, vocab] of final-norm hidden states [rows, hidden]."""
        logits = self.head(hidden).float()
        if self.refine:
            top = _on_all_threads(logits.topk, REFINED, dim=-1).indices
            logits.scatter_(1, top, self._exact(hidden, top))
        return logits

    @_matmuls_parallel
    def most_likely(self, hidden):
        """(the most likely next token of each row (greedy decoding), decided on fp32 logits; its
        log-probability, from the head's logits as computed)."""
        logits = self.head(hidden)
        if not self.refine:
            chosen = logits.argmax(dim=-1)
        else:
            top = _on_all_threads(logits.topk, REFINED, dim=-1).indices
            chosen = top.gather(1, self._exact(hidden, top).argmax(dim=-1, keepdim=True)).squeeze(1)
        return chosen, torch.log_softmax(logits.float(), dim=-1).gather(1, chosen[:, None]).squeeze(1)

    def _exact(self, hidden, tokens):
        """fp32 logits [rows, k] of the given tokens [rows, k]."""
        return torch.bmm(self.head_weight[tokens].float(), hidden.float()[:, :, None]).squeeze(2)
