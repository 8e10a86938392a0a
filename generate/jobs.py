"""Generation jobs: the review queue (claim → generate → score → write drafts) and offline files.

Queue mode is crash-safe by construction: snippets are claimed with a lease in one transaction, and
drafts are written (and the snippets marked drafted) in another. A worker killed in between leaves
claims that expire and are taken again; a draft is written at most once per snippet (store.py).
"""

from __future__ import annotations

import json
import logging
import os
import socket
import tempfile
import time
import uuid
from dataclasses import replace
from pathlib import Path
from typing import Callable, Iterator

import config
from generate.backend import Backend, ModelSpec, Progress, SamplingParams
from generate.guards import choose_best, score_candidates
from model.registry import active_spec
from store import Store

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


def open_backend(settings: config.Settings, spec: ModelSpec, name: str | None = None) -> Backend:
    """The configured backend; "auto" is vLLM where it installs and supports the device, else
    transformers (with a log line saying why), or the OpenAI-compatible client when URLs are set."""
    g = settings.generation
    choice = name or g.backend
    if choice == "auto":
        if g.openai_base_urls:
            choice = "openai"
        else:
            from generate.vllm_backend import VLLMBackend, VLLMBackendError, available

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
        from generate.transformers_backend import TransformersBackend

        return TransformersBackend(spec, dtype=settings.model.dtype, batch_size=g.batch_size)
    if choice == "vllm":
        from generate.vllm_backend import VLLMBackend

        return VLLMBackend(spec, compile_on_cpu=g.vllm_compile)
    if choice == "openai":
        from generate.openai_backend import OpenAIBackend

        return OpenAIBackend.from_settings(spec, g)
    raise ValueError(f"unknown generation backend {choice!r} (auto, transformers, vllm, openai)")


def draft_for(snippet: str, candidates: list[str]) -> dict:
    """Score every candidate and keep the best; all of them are stored for the reviewer."""
    scored = score_candidates(snippet, candidates)
    best = choose_best(scored)
    return {
        "caption": best.caption,
        "scores": best.scores,
        "flags": best.flags,
        "candidates": [s.as_dict() for s in scored],
    }


def worker_prefix() -> str:
    """What every worker id of this process starts with: its claims can be released by prefix."""
    return f"{socket.gethostname()}:{os.getpid()}:"


def worker_id() -> str:
    return worker_prefix() + uuid.uuid4().hex[:6]


def generate_pending(
    store: Store,
    settings: config.Settings,
    home: Path,
    *,
    limit: int | None = None,
    params: SamplingParams | None = None,
    backend: Backend | None = None,
    progress: Callable[[int, int], None] | None = None,
    should_stop: Callable[[], bool] = lambda: False,
) -> dict:
    """Draft pending snippets (at most `limit`) in backend-sized batches. Returns counts and rate."""
    params = params or sampling_params(settings.generation)
    worker = worker_id()
    owned = backend is None
    started = time.monotonic()
    if cutoff := settings.review.stale_before():
        store.expire_stale(cutoff)  # stale news would be expired before anyone reviewed its draft
    total = store.count_claimable()  # pending, and claims a crashed worker left to expire
    total = min(total, limit) if limit else total
    counts = {"snippets": 0, "drafts": 0, "backend": None, "model": None}
    if total == 0:
        return counts | {"seconds": 0.0, "captions_per_s": 0.0}
    backend = backend or open_backend(settings, active_spec(store, settings.model.base, home))
    counts.update(backend=backend.name, model=backend.spec.version)
    batch = max(1, settings.generation.batch_size // max(1, params.n))
    try:
        while not should_stop() and (limit is None or counts["snippets"] < limit):
            want = batch if limit is None else min(batch, limit - counts["snippets"])
            claimed = store.claim_snippets(worker, want, settings.generation.lease_minutes)
            if not claimed:
                break
            outputs = backend.generate([c["text"] for c in claimed], params)
            drafts = [
                dict(draft_for(c["text"], cands), snippet_id=c["id"], model_version=backend.spec.version,
                     params=params.as_dict() | {"backend": backend.name})
                for c, cands in zip(claimed, outputs)
            ]
            counts["drafts"] += store.write_drafts(worker, drafts)
            counts["snippets"] += len(claimed)
            if progress:
                progress(counts["snippets"], total)
    finally:
        store.release_claims(worker)  # a clean stop hands unfinished claims back at once
        if owned:
            backend.close()
    seconds = time.monotonic() - started
    return counts | {"seconds": round(seconds, 2), "captions_per_s": round(counts["drafts"] / seconds, 3)}


def regenerate(store: Store, settings: config.Settings, home: Path, draft_id: int,
               backend: Backend | None = None) -> dict:
    """A fresh batch of candidates for one draft's snippet; the draft's caption becomes the new best."""
    draft = store.draft(draft_id)
    if draft is None:
        raise ValueError(f"no such draft: {draft_id}")
    owned = backend is None
    backend = backend or open_backend(settings, active_spec(store, settings.model.base, home))
    try:
        params = sampling_params(settings.generation, seed=int(time.time()))
        [candidates] = backend.generate([draft["snippet"]], params)
    finally:
        if owned:
            backend.close()
    new = draft_for(draft["snippet"], candidates)
    store.update_draft(draft_id, model_version=backend.spec.version,
                       params=params.as_dict() | {"backend": backend.name}, **new)
    return store.draft(draft_id)


# --- file mode ------------------------------------------------------------------------------------------


def read_jsonl_snippets(path: Path) -> Iterator[tuple[int, dict]]:
    """(line number, {"id", "snippet"}) per non-blank line; a bad line raises ValueError naming it."""
    with path.open(encoding="utf-8") as f:
        for number, line in enumerate(f, 1):
            if not line.strip():
                continue
            try:
                record = json.loads(line)
            except json.JSONDecodeError as e:
                raise ValueError(f"{path}:{number}: not valid JSON ({e.msg})") from e
            if not isinstance(record, dict) or not isinstance(record.get("snippet"), str) \
                    or not record["snippet"].strip():
                raise ValueError(f'{path}:{number}: expected an object with a non-empty "snippet" string')
            yield number, {"id": record.get("id", number), "snippet": record["snippet"]}


def generate_file(
    input_path: Path,
    output_path: Path,
    settings: config.Settings,
    home: Path,
    store: Store,
    *,
    params: SamplingParams | None = None,
    backend: Backend | None = None,
    progress: Progress | None = None,
) -> dict:
    """Caption every line of a JSONL file into another, same order, without the queue.

    The input is validated in one cheap streaming pass first, and the output is written to a temp file
    renamed into place at the end, so a bad line or a crash never leaves partial output behind."""
    if not input_path.is_file():  # a pipe could not be read a second time
        raise ValueError(f"{input_path}: --input must be a regular file (it is validated, then read again)")
    total = sum(1 for _ in read_jsonl_snippets(input_path))  # raises on the first bad line
    params = params or sampling_params(settings.generation)
    owned = backend is None
    backend = backend or open_backend(settings, active_spec(store, settings.model.base, home))
    batch_size = max(1, settings.generation.batch_size // max(1, params.n))
    output_path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(prefix=f".{output_path.name}.", dir=output_path.parent)
    started, done = time.monotonic(), 0
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as out:
            for chunk in _chunks(read_jsonl_snippets(input_path), batch_size):
                outputs = backend.generate([r["snippet"] for _, r in chunk], params)
                for (_, record), candidates in zip(chunk, outputs):
                    draft = draft_for(record["snippet"], candidates)
                    line = {"id": record["id"], "snippet": record["snippet"], "caption": draft["caption"],
                            "scores": draft["scores"], "flags": draft["flags"], "model": backend.spec.version}
                    out.write(json.dumps(line, ensure_ascii=False) + "\n")
                done += len(chunk)
                if progress:
                    progress(done)
        os.replace(tmp_name, output_path)
    except BaseException:
        Path(tmp_name).unlink(missing_ok=True)
        raise
    finally:
        if owned:
            backend.close()
    seconds = time.monotonic() - started
    return {"captions": total, "seconds": round(seconds, 2), "captions_per_s": round(total / seconds, 3),
            "backend": backend.name, "model": backend.spec.version, "output": str(output_path)}


def _chunks(items: Iterator, size: int) -> Iterator[list]:
    chunk: list = []
    for item in items:
        chunk.append(item)
        if len(chunk) == size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk
