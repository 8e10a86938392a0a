"""Export approved captions (JSONL or CSV): the snippet, the caption as finally approved, its source,
the model version that drafted it and when it was approved. Or (dpo) the preference pairs the review
history gives (model/preferences.py), one JSON line each in trl's conversational prompt/chosen/rejected
form, with the pair's kind, the editor's reason and the approved draft's id beside it.

A file is written beside its destination and renamed into place, so a failed export never leaves a
half-written file where the last good one was.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
import os
import tempfile
from pathlib import Path
from typing import Callable, TextIO

from store import Store

FORMATS = ("jsonl", "csv", "dpo")
FIELDS = (
    "draft_id",
    "snippet",
    "caption",  # the final text: the editor's edit when there was one
    "model_caption",  # what the model wrote
    "action",  # approve | edit
    "reviewer",
    "approved",
    "model_version",
    "title",
    "link",
    "published",
    "feed_name",
)
SOURCE = {"approved": "decided"}  # export field → Store.approved_captions() key
# A spreadsheet runs a cell starting with one of these as a formula (OWASP "CSV injection").
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def write(rows: list[dict], fmt: str, out: TextIO, clean: Callable[[str], str] | None = None) -> None:
    """Write rows in `fmt`. `clean` is applied to every text value (used when `out` is a terminal)."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown export format {fmt!r}: use one of {', '.join(FORMATS)}")
    if fmt == "dpo":
        _write_pairs(rows, out, clean)
        return
    records = []
    for row in rows:
        record = {key: row.get(SOURCE.get(key, key)) for key in FIELDS}
        if clean:
            record = {k: clean(v) if isinstance(v, str) else v for k, v in record.items()}
        records.append(record)
    if fmt == "jsonl":
        for record in records:
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
    else:
        # CRLF rows (RFC 4180): the writer then quotes any cell holding a CR or LF, so none splits a row.
        writer = csv.DictWriter(out, fieldnames=FIELDS, lineterminator="\r\n")
        writer.writeheader()
        writer.writerows({k: spreadsheet_safe(v) for k, v in record.items()} for record in records)


def spreadsheet_safe(value):
    """A CSV cell a spreadsheet shows as text: one starting like a formula gets a leading quote, as
    OWASP recommends. (JSONL keeps the exact text.)"""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def _write_pairs(pairs: list, out: TextIO, clean: Callable[[str], str] | None) -> None:
    from model.preferences import as_records

    for pair, record in zip(pairs, as_records(pairs)):
        record |= {"kind": pair.kind, "reason": pair.reason, "draft_id": pair.draft_id}
        line = json.dumps(record, ensure_ascii=False)
        out.write((clean(line) if clean else line) + "\n")


def rows_for(store: Store, fmt: str, since: dt.datetime | None = None) -> list:
    """What a format exports: preference pairs for dpo, approved captions otherwise."""
    if fmt == "dpo":
        from model.preferences import build_pairs

        return build_pairs(store.review_history(utc(since)))
    return store.approved_captions(utc(since))


def utc(when: dt.datetime | None) -> dt.datetime | None:
    """A date given without a zone (as on the command line) is UTC, like every stored time."""
    if when is not None and when.tzinfo is None:
        return when.replace(tzinfo=dt.timezone.utc)
    return when


def export_to_file(store: Store, fmt: str, path: Path, since: dt.datetime | None = None) -> int:
    """Write the approved captions (or pairs) to `path` atomically. Returns how many were written."""
    rows = rows_for(store, fmt, since)
    path = Path(path)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent or ".")
    try:
        os.chmod(tmp, 0o644)  # mkstemp makes it owner-only; an export is meant to be shared
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as out:
            write(rows, fmt, out)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return len(rows)


def export_to_stream(
    store: Store, fmt: str, out: TextIO, since: dt.datetime | None = None, for_terminal: bool = False
) -> int:
    clean = None
    if for_terminal:
        from text import safe_terminal

        clean = safe_terminal
    rows = rows_for(store, fmt, since)
    write(rows, fmt, out, clean)
    return len(rows)
