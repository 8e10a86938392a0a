"""File mode: caption a JSONL file of {"id", "snippet"} lines into another, without the queue."""

from __future__ import annotations

import json
import os
import tempfile
import time
from pathlib import Path
from typing import Iterator

import config
from generate.backends import batch_rows, open_active_backend, sampling_params
from generate.backends.base import Backend, Progress, SamplingParams
from generate.house import house_style
from generate.guards import draft_for
from store import Store


def snippet_records(path: Path) -> Iterator[tuple[int, dict]]:
    """(line number, record) per non-blank line of a JSONL file of {"id", "snippet", ...} objects; a
    line that is not such an object raises ValueError naming it."""
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
            yield number, record


def read_jsonl_snippets(path: Path, max_chars: int) -> Iterator[tuple[int, dict]]:
    """(line number, {"id", "snippet"}) per line of `snippet_records`; a snippet longer than the
    queue's snippets may be (`max_chars`) raises ValueError naming its line."""
    for number, record in snippet_records(path):
        if len(record["snippet"]) > max_chars:
            raise ValueError(f"{path}:{number}: snippet is {len(record['snippet']):,} characters, more than"
                             f" ingest.snippet_max_chars ({max_chars}); shorten it or raise the setting")
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
    max_chars = settings.ingest.snippet_max_chars
    total = sum(1 for _ in read_jsonl_snippets(input_path, max_chars))  # raises on the first bad line
    params = params or sampling_params(settings.generation)
    owned = backend is None
    backend = backend or open_active_backend(store, settings, home)
    batch_size = max(1, batch_rows(backend, settings) // max(1, params.n))
    house = house_style(settings.generation, store.approved_captions())
    output_path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(prefix=f".{output_path.name}.", dir=output_path.parent)
    started, done = time.monotonic(), 0
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as out:
            for chunk in _chunks(read_jsonl_snippets(input_path, max_chars), batch_size):
                snippets = [r["snippet"] for _, r in chunk]
                outputs = house.draft(backend, snippets, params)
                for (_, record), candidates in zip(chunk, outputs):
                    draft = draft_for(record["snippet"], candidates)
                    line = {"id": record["id"], "snippet": record["snippet"], "caption": draft["caption"],
                            "scores": draft["scores"], "flags": draft["flags"], "model": backend.model_version}
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
            "backend": backend.name, "model": backend.model_version, "output": str(output_path)}


def _chunks(items: Iterator, size: int) -> Iterator[list]:
    chunk: list = []
    for item in items:
        chunk.append(item)
        if len(chunk) == size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk
