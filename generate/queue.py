"""Drafting the review queue: claim pending snippets → generate → score → write drafts.

Crash-safe by construction: snippets are claimed with a lease in one transaction, and drafts are
written (and the snippets marked drafted) in another. A worker killed in between leaves claims that
expire and are taken again; a draft is written at most once per snippet (the store).
"""

from __future__ import annotations

import contextlib
import os
import socket
import time
import uuid
from pathlib import Path
from typing import Callable

import config
from generate.backends import batch_rows, open_active_backend, sampling_params
from generate.backends.base import Backend, SamplingParams
from generate.house import house_style
from generate.guards import draft_for
from store import Store


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
    # News older than review.stale_hours is left undrafted: its draft would expire before review.
    fresh_after = settings.review.stale_before()
    total = store.count_claimable(fresh_after)  # pending, and claims a crashed worker left to expire
    total = min(total, limit) if limit else total
    counts = {"snippets": 0, "drafts": 0, "backend": None, "model": None}
    if total == 0:
        return counts | {"seconds": 0.0, "captions_per_s": 0.0}
    backend = backend or open_active_backend(store, settings, home)
    counts.update(backend=backend.name, model=backend.model_version)
    batch = max(1, batch_rows(backend, settings) // max(1, params.n))
    house = house_style(settings.generation, store.approved_captions())
    try:
        while not should_stop() and (limit is None or counts["snippets"] < limit):
            want = batch if limit is None else min(batch, limit - counts["snippets"])
            claimed = store.claim_snippets(worker, want, settings.generation.lease_minutes, fresh_after)
            if not claimed:
                break
            snippets = [c["text"] for c in claimed]
            outputs = house.draft(backend, snippets, params)
            drafts = [
                dict(draft_for(c["text"], cands), snippet_id=c["id"], model_version=counts["model"],
                     params=params.as_dict() | {"backend": backend.name})
                for c, cands in zip(claimed, outputs)
            ]
            counts["drafts"] += store.write_drafts(worker, drafts)
            counts["snippets"] += len(claimed)
            if progress:
                progress(counts["snippets"], total)
    except BaseException:
        # Hand the claims back at once if the database still takes writes (a full disk may not: then
        # their leases expire), without hiding the error that stopped the job.
        with contextlib.suppress(Exception):
            store.release_claims(worker)
        raise
    else:
        store.release_claims(worker)  # a clean stop hands unfinished claims back at once
    finally:
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
    backend = backend or open_active_backend(store, settings, home)
    try:
        params = sampling_params(settings.generation, seed=int(time.time()))
        house = house_style(settings.generation, store.approved_captions())
        [candidates] = house.draft(backend, [draft["snippet"]], params)
    finally:
        if owned:
            backend.close()
    new = draft_for(draft["snippet"], candidates)
    store.update_draft(draft_id, model_version=backend.model_version,
                       params=params.as_dict() | {"backend": backend.name}, **new)
    return store.draft(draft_id)
