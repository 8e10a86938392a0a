"""Generation backends: turn snippets into raw candidate captions. base.py holds the interface;
`open_backend` picks the configured one (each is imported only when chosen: vLLM and torch are heavy).
"""

from __future__ import annotations

import logging
from dataclasses import replace

import config
from generate.backends.base import Backend, ModelSpec, SamplingParams
from model.registry import active_spec

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


def is_remote(settings: config.Settings, name: str | None = None) -> bool:
    """Whether the backend chosen serves from an OpenAI-compatible server (no local model needed)."""
    choice = name or settings.generation.backend
    return choice == "openai" or (choice == "auto" and bool(settings.generation.openai_base_urls))


def open_active_backend(store, settings: config.Settings, home) -> Backend:
    """The configured backend serving the active model version; a remote one needs no local model,
    so none is resolved (the embedded base is not materialized)."""
    if is_remote(settings):
        return open_backend(settings, None)
    return open_backend(settings, active_spec(store, settings.model.base, home))


def open_backend(settings: config.Settings, spec: ModelSpec | None, name: str | None = None) -> Backend:
    """The configured backend; "auto" is vLLM where it installs and supports the device, else
    transformers (with a log line saying why), or the OpenAI-compatible client when URLs are set.
    `spec` may be None only for the OpenAI-compatible client."""
    g = settings.generation
    choice = name or g.backend
    if is_remote(settings, name):
        from generate.backends.openai import OpenAIBackend

        return OpenAIBackend.from_settings(spec, g)
    if spec is None:
        raise ValueError(f"the {choice} backend needs a local model")
    if choice == "auto":
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
    raise ValueError(f"unknown generation backend {choice!r} (auto, transformers, vllm, openai)")
