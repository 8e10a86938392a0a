"""The default backend: plain transformers, truly batched.

One `generate` call per batch of prompts (left-padded, sorted by length so a batch pads little), with
the adapter merged into the weights once at load time so decoding pays no LoRA overhead.
"""

from __future__ import annotations

from pathlib import Path

from generate.backend import ModelSpec, Progress, SamplingParams
from model.prompt import render_prompt


def pick_dtype(setting: str):
    """bf16 only where the hardware computes it natively; emulated bf16 on CPU is slower than fp32."""
    import torch

    if setting != "auto":
        return getattr(torch, setting)
    if torch.cuda.is_available():
        return torch.bfloat16 if torch.cuda.is_bf16_supported() else torch.float16
    try:
        flags = Path("/proc/cpuinfo").read_text()
    except OSError:
        flags = ""
    return torch.bfloat16 if ("amx_bf16" in flags or "avx512_bf16" in flags) else torch.float32


def load_model(spec: ModelSpec, dtype_setting: str = "auto"):
    """(model, tokenizer) ready for generation: merged weights when the spec has them, else base +
    adapter merged in memory."""
    import torch
    from transformers import AutoModelForCausalLM, AutoTokenizer

    dtype = pick_dtype(dtype_setting)
    device = "cuda" if torch.cuda.is_available() else "cpu"
    tokenizer = AutoTokenizer.from_pretrained(spec.weights, padding_side="left")
    if tokenizer.pad_token is None:
        tokenizer.pad_token = tokenizer.eos_token
    model = AutoModelForCausalLM.from_pretrained(spec.weights, dtype=dtype).to(device)
    if spec.adapter and not spec.merged:
        from model.adapters import load_adapter

        model = load_adapter(model, spec.adapter).merge_and_unload()
    model.eval()
    return model, tokenizer


class TransformersBackend:
    name = "transformers"

    def __init__(self, spec: ModelSpec, dtype: str = "auto", batch_size: int = 32):
        self.spec = spec
        self.batch_size = max(1, batch_size)
        self.model, self.tokenizer = load_model(spec, dtype)
        # Stop at the chat template's end-of-turn as well as the model's EOS.
        stops = {self.tokenizer.eos_token_id}
        end_of_turn = self.tokenizer.convert_tokens_to_ids("<|im_end|>")
        if isinstance(end_of_turn, int) and end_of_turn != self.tokenizer.unk_token_id:
            stops.add(end_of_turn)
        self.stop_ids = sorted(i for i in stops if i is not None)

    def generate(
        self, snippets: list[str], params: SamplingParams, progress: Progress | None = None
    ) -> list[list[str]]:
        import torch

        prompts = [render_prompt(self.tokenizer, s) for s in snippets]
        lengths = [len(ids) for ids in self.tokenizer(prompts, add_special_tokens=False)["input_ids"]]
        order = sorted(range(len(prompts)), key=lambda i: lengths[i])
        # Greedy decoding gives one text however often it is asked (and transformers refuses to
        # repeat it), so it is decoded once and copied n times.
        sequences = 1 if params.greedy else max(1, params.n)
        # Each prompt expands to its sequences, so batch by sequences, not prompts.
        per_batch = max(1, self.batch_size // sequences)
        results: list[list[str]] = [[] for _ in prompts]
        done = 0
        for start in range(0, len(order), per_batch):
            chunk = order[start : start + per_batch]
            encoded = self.tokenizer(
                [prompts[i] for i in chunk], return_tensors="pt", padding=True, add_special_tokens=False
            ).to(self.model.device)
            torch.manual_seed(params.seed + start)
            with torch.inference_mode():
                output = self.model.generate(
                    **encoded,
                    do_sample=not params.greedy,
                    temperature=params.temperature if not params.greedy else None,
                    top_p=params.top_p if not params.greedy else None,
                    top_k=None,
                    max_new_tokens=params.max_new_tokens,
                    num_return_sequences=sequences,
                    pad_token_id=self.tokenizer.pad_token_id,
                    eos_token_id=self.stop_ids,
                )
            new_tokens = output[:, encoded["input_ids"].shape[1] :]
            texts = self.tokenizer.batch_decode(new_tokens, skip_special_tokens=True)
            for k, i in enumerate(chunk):
                results[i] = texts[k * sequences : (k + 1) * sequences] * (params.n // sequences)
            done += len(chunk)
            if progress:
                progress(done)
        return results

    def close(self) -> None:
        self.model = None
