"""One decode step of a Llama-family model over transformers' static KV cache, in few kernels: the
step generate/backends/static_decode.py captures as a CUDA graph on a GPU.

transformers' layers run many small kernels per layer and step (q, k, v, gate and up as separate
matmuls, a norm in six kernels, rotary in ten, the grouped keys and values copied out for attention),
and with the launches gone into a CUDA graph those still cost a large share of an 8B step at batch 64
(bench/README.md has the profile and the figures). Per layer here: a norm, one q/k/v
matmul, rotary on q and k together, two cache writes, grouped-query attention that reads each
key/value head once, the output projection with the residual added in the matmul (addmm), a norm,
one gate/up matmul, SiLU times up, and the down projection with its residual.

The stacked q/k/v and gate/up weights are made once, and the model's own Linears become views of
them: one copy, and the model itself still runs the prefill. Float weights only: a model loaded in
4 or 8 bits keeps transformers' step.
"""

from __future__ import annotations

import torch
import torch.nn.functional as F

from generate.backends.fused_llama import share_rows

ARCHITECTURES = {"llama"}


def supports(model) -> bool:
    """Whether `LlamaStep` can run this model: a Llama with SiLU, no biases, every Linear plain float."""
    config = model.config
    if config.model_type not in ARCHITECTURES or config.hidden_act != "silu":
        return False
    if getattr(config, "attention_bias", False) or getattr(config, "mlp_bias", False):
        return False
    # bitsandbytes' 4/8-bit layers subclass nn.Linear: only the plain class qualifies.
    linears = [m for m in model.modules() if isinstance(m, torch.nn.Linear)]
    return all(type(m) is torch.nn.Linear and m.weight.dtype.is_floating_point for m in linears)


def _stacked(linears):
    """The weights of Linears that read the same input, stacked [sum of outputs, inputs], the Linears'
    own weights now views of it (fused_llama.share_rows)."""
    weight = torch.cat([m.weight.detach() for m in linears])
    share_rows(weight, linears)
    return weight


def _norm(x, norm):
    return F.rms_norm(x, (x.shape[-1],), norm.weight, norm.variance_epsilon)


def _half_swap(dim: int, dtype, device):
    """[dim, dim] S with x @ S = rotate_half(x) = [-x2, x1] for a row vector x."""
    half = dim // 2
    swap = torch.zeros((dim, dim), dtype=dtype)
    swap[torch.arange(half, dim), torch.arange(half)] = -1  # output j < half takes -x[j + half]
    swap[torch.arange(half), torch.arange(half, dim)] = 1  # output j >= half takes x[j - half]
    return swap.to(device)


class _Layer:
    def __init__(self, layer, heads: int, kv_heads: int, head_dim: int):
        attention, mlp = layer.self_attn, layer.mlp
        self.qkv = _stacked([attention.q_proj, attention.k_proj, attention.v_proj])
        self.out = attention.o_proj.weight
        self.gate_up = _stacked([mlp.gate_proj, mlp.up_proj])
        self.down = mlp.down_proj.weight
        self.norms = (layer.input_layernorm, layer.post_attention_layernorm)
        self.heads, self.kv_heads, self.head_dim = heads, kv_heads, head_dim
        self.scaling = attention.scaling

    def __call__(self, hidden, rotation, slot, mask, keys, values):
        rows, heads, kv_heads, dim = hidden.shape[0], self.heads, self.kv_heads, self.head_dim
        qkv = F.linear(_norm(hidden, self.norms[0]), self.qkv).view(rows, -1, dim)
        rotated = torch.matmul(qkv[:, : heads + kv_heads], rotation)
        keys.index_copy_(2, slot, rotated[:, heads:, None])
        values.index_copy_(2, slot, qkv[:, heads + kv_heads :, None])
        # The query heads that share a key/value head, side by side: [rows, kv_heads, groups, dim].
        query = rotated[:, :heads].view(rows, kv_heads, heads // kv_heads, dim)
        scores = torch.add(mask, torch.matmul(query, keys.transpose(2, 3)), alpha=self.scaling)
        probs = torch.softmax(scores, dim=-1)  # computed in float32 inside, written in the model's dtype
        attended = torch.matmul(probs, values).view(rows, heads * dim)
        hidden = torch.addmm(hidden, attended, self.out.t())
        gate, up = F.linear(_norm(hidden, self.norms[1]), self.gate_up).chunk(2, dim=-1)
        return torch.addmm(hidden, F.silu(gate).mul_(up), self.down.t())


class LlamaStep:
    """`step(token, position, slot, mask, cache)` → logits [rows, vocab] of the next token, the same
    as the model's own forward on that input (up to rounding)."""

    def __init__(self, model):
        config = model.config
        heads, kv_heads = config.num_attention_heads, config.num_key_value_heads
        head_dim = getattr(config, "head_dim", None) or config.hidden_size // heads
        decoder = model.get_decoder()
        self.embed = model.get_input_embeddings()
        self.rotary = decoder.rotary_emb
        self.swap = _half_swap(head_dim, model.dtype, model.device)
        self.layers = [_Layer(layer, heads, kv_heads, head_dim) for layer in decoder.layers]
        self.norm = decoder.norm
        self.head = model.get_output_embeddings()

    @torch.inference_mode()
    def __call__(self, token, position, slot, mask, cache):
        """token, position: [rows, 1]; slot: [1], the cache slot this token's keys and values go to;
        mask: [rows, 1, 1, slots], 0 where a row may look and the dtype's minimum elsewhere; cache:
        transformers' StaticCache (each layer's keys/values [rows, kv_heads, slots, head_dim])."""
        hidden = self.embed(token[:, 0])
        # Each row's rotary as a matrix R, x @ R = x·cos + rotate_half(x)·sin: the same for every head
        # and layer, so built once a step, with GPU work only (a step may be captured as a CUDA graph).
        cos, sin = self.rotary(hidden, position)  # [rows, 1, head_dim]
        rotation = torch.diag_embed(cos[:, 0]) + self.swap * sin
        for layer, cached in zip(self.layers, cache.layers):
            hidden = layer(hidden, rotation, slot, mask, cached.keys, cached.values)
        return self.head(_norm(hidden, self.norm))
