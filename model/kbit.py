"""Loading a base model for (Q)LoRA training, and a lean preparation step for 4-bit training.

peft's `prepare_model_for_kbit_training` upcasts every non-4-bit parameter to fp32. On Llama-3.1-8B
that is the 128k-row embedding and LM head (2 x 1 GiB in bf16, 2 x 2 GiB in fp32) plus the norms,
and it turns the whole residual stream fp32. Both stay frozen under LoRA, so fp32 buys nothing but
memory and casts: `prepare_for_qlora` keeps them in the compute dtype (RMSNorm already normalizes
in fp32 internally) and only does what training needs: freeze, checkpoint, let gradients reach
the first layer.
"""

from __future__ import annotations

import logging

import torch
from torch import nn

log = logging.getLogger("versus.train")


def nf4_config(compute_dtype: torch.dtype = torch.bfloat16):
    """The QLoRA recipe: NF4 weights, double-quantized scales, matmuls in `compute_dtype`."""
    from transformers import BitsAndBytesConfig

    return BitsAndBytesConfig(
        load_in_4bit=True,
        bnb_4bit_quant_type="nf4",
        bnb_4bit_use_double_quant=True,
        bnb_4bit_compute_dtype=compute_dtype,
    )


def load_for_training(
    path_or_id: str,
    quantize: bool,
    dtype: torch.dtype = torch.bfloat16,
    device_map: str | dict | None = None,
) -> nn.Module:
    """A causal LM ready for `prepare_for_qlora` / `get_peft_model`.

    quantize=True: linear layers in 4-bit NF4 with `dtype` compute (bitsandbytes; on CUDA, or on CPU
    with bitsandbytes >= 0.49); embeddings, norms and LM head stay in `dtype`.
    quantize=False: plain weights in `dtype` (LoRA without quantization, e.g. fp32 on CPU).
    """
    from transformers import AutoModelForCausalLM

    kwargs: dict = {"dtype": dtype}
    if quantize:
        kwargs["quantization_config"] = nf4_config(dtype)
    if device_map is not None:
        kwargs["device_map"] = device_map
    model = AutoModelForCausalLM.from_pretrained(path_or_id, **kwargs)
    model.config.use_cache = False  # the KV cache is useless in training and clashes with checkpointing
    return model


def prepare_for_qlora(
    model: nn.Module,
    gradient_checkpointing: bool = True,
    checkpoint_every_n_layers: int = 1,
    compile_layers: bool = False,
) -> nn.Module:
    """Freeze the base weights and set up checkpointing, keeping every dtype as loaded.

    checkpoint_every_n_layers > 1 keeps the activations of the other layers instead of recomputing
    them: faster, for when memory is left over.

    compile_layers=True (for CUDA) torch.compiles each decoder layer. A 4-bit LoRA step is
    launch-bound: thousands of small kernels (LoRA casts, rotary, norms, SiLU-and-multiply,
    bitsandbytes dequantization) with the GPU mostly idle, and compiling fuses them (1.6x faster on
    the 8B shape, bench/train_8b_shape.py). The checkpoint then sits inside the compiled region,
    where the partitioner would keep some activations anyway (+2.3 GiB on the 8B shape): a
    selective-checkpoint policy forces it to recompute everything, as eager checkpointing does.
    A trainer must not re-enable checkpointing afterwards (SFTConfig(gradient_checkpointing=False)),
    or that policy is replaced.
    """
    for param in model.parameters():
        param.requires_grad_(False)
    model.config.use_cache = False
    if gradient_checkpointing:
        # use_reentrant=False: the reentrant variant needs every checkpointed input to require grad
        # and drops gradients of inputs passed as keywords.
        checkpoint_kwargs: dict = {"use_reentrant": False}
        if compile_layers:
            checkpoint_kwargs["context_fn"] = _recompute_everything
        if hasattr(model, "activation_checkpointing_enable"):  # transformers >= 5.2x name
            model.activation_checkpointing_enable(
                activation_checkpointing_kwargs=checkpoint_kwargs, every_n_layers=checkpoint_every_n_layers
            )
        else:
            if checkpoint_every_n_layers != 1:
                raise ValueError("checkpoint_every_n_layers needs a newer transformers")
            model.gradient_checkpointing_enable(gradient_checkpointing_kwargs=checkpoint_kwargs)
    # The embedding is frozen, so its output would not require grad. Non-reentrant checkpointing does
    # not need it to, but a trainer that re-enables checkpointing with use_reentrant=True does (the
    # adapters would silently get no gradient). transformers >= 5.2x already did this above.
    if not getattr(model, "_require_grads_hooks", None):
        model.enable_input_require_grads()
    if compile_layers:
        _compile_decoder_layers(model)
    return model


def _recompute_everything():
    from torch.utils.checkpoint import CheckpointPolicy, create_selective_checkpoint_contexts

    return create_selective_checkpoint_contexts(lambda ctx, op, *args, **kwargs: CheckpointPolicy.MUST_RECOMPUTE)


def _compile_decoder_layers(model: nn.Module) -> None:
    """Compile each decoder layer in place. Compilation is lazy (first forward), so LoRA layers
    injected later by peft are part of the compiled graph; all layers share one compiled graph."""
    decoder = model.get_decoder() if hasattr(model, "get_decoder") else model.model
    # Each layer is guarded separately before it reuses the graph: the default limit of 8 would
    # send layers 9+ back to eager.
    torch._dynamo.config.cache_size_limit = max(2 * len(decoder.layers), torch._dynamo.config.cache_size_limit)
    fallen_back: list[bool] = []
    for layer in decoder.layers:
        layer.compile()
        layer._compiled_call_impl = _eager_on_failure(layer, layer._compiled_call_impl, fallen_back)


def _eager_on_failure(layer: nn.Module, compiled, fallen_back: list[bool]):
    """The compiled forward, or the eager one for good (all layers, one log line) once compiling
    fails: compilation is an optimization and must never end a training run. The backward graph
    is lowered at the first forward, so its failures surface here too, where a retry is safe."""
    import torch._functorch.config as functorch_config

    if hasattr(functorch_config, "force_non_lazy_backward_lowering"):
        functorch_config.force_non_lazy_backward_lowering = True

    def forward(*args, **kwargs):
        if not fallen_back:
            try:
                return compiled(*args, **kwargs)
            except torch.OutOfMemoryError:
                raise
            except Exception as e:  # inductor/dynamo failures have many types
                fallen_back.append(True)
                log.warning("torch.compile failed (%s); training goes on without it",
                            str(e).strip().splitlines()[0][:200] if str(e).strip() else type(e).__name__)
        return layer._call_impl(*args, **kwargs)

    return forward
