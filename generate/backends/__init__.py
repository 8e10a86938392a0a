"""Generation backends: turn snippets into raw candidate captions. base.py holds the interface;
`open_backend` picks the configured one (each is imported only when chosen: vLLM and torch are heavy).
"""

from __future__ import annotations

import logging
from dataclasses import replace

import config
from generate.backends.base import Backend, ModelSpec, SamplingParams

log = logging.getLogger("versus.generate")


def sampling_params(settings: config.GenerationSettings, **overrides) -> SamplingParams:
    params = SamplingParams(
        temperature=settings.temperature,
        top_p=settings.top_p,
        max_new_tokens=settings.max_new_tokens,
        n=settings.n,
        seed=settings.seed,
    )
    return replace(params, **{k: v for k, v in overrides.items() if v is not None})


def batch_rows(backend: Backend, settings: config.Settings) -> int:
    """Rows (prompts x candidates) to hand a backend per call: its own choice where it has one
    (the transformers backend sizes GPU batches), else the configured CPU batch."""
    return getattr(backend, "batch_rows", settings.generation.batch_size)


def open_backend(settings: config.Settings, spec: ModelSpec, name: str | None = None) -> Backend:
    """The configured backend; "auto" is vLLM where it installs and supports the device, else
    transformers (with a log line saying why), or the OpenAI-compatible client when URLs are set."""
    g = settings.generation
    choice = name or g.backend
    if choice == "auto":
        if g.openai_base_urls:
            choice = "openai"
        else:
            from generate.backends.vllm import VLLMBackend, VLLMBackendError, available

            why_not = available()
            if why_not is None:
                backend = VLLMBackend(spec, compile_on_cpu=g.vllm_compile)
                try:
                    backend.start()
                    return backend
                except VLLMBackendError as e:
                    backend.close()
                    why_not = str(e)
            choice = "transformers"
            log.info("using transformers backend: %s", why_not)
    if choice == "transformers":
        from generate.backends.transformers import TransformersBackend

        return TransformersBackend(spec, dtype=settings.model.dtype, batch_size=g.batch_size,
                                   gpu_batch_size=g.gpu_batch_size, gpu_quantize=settings.model.gpu_quantize)
    if choice == "vllm":
        from generate.backends.vllm import VLLMBackend

        return VLLMBackend(spec, compile_on_cpu=g.vllm_compile)
    if choice == "openai":
        from generate.backends.openai import OpenAIBackend

        return OpenAIBackend.from_settings(spec, g)
    raise ValueError(f"unknown generation backend {choice!r} (auto, transformers, vllm, openai)")
