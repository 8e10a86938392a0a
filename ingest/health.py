"""A feed's schedule and health after a poll: the columns to update for success, 304 and failure.

Failures back off exponentially (backoff_base_minutes, doubled per consecutive failure, up to
backoff_max_minutes); a server's Retry-After (429/503) pushes the next check further out, obeyed up to
retry_after_cap_minutes. After max_failures consecutive failures, or at once on 410 Gone, the feed is
disabled until someone runs `versus feeds enable`.
"""

from __future__ import annotations

import datetime as dt

from config import IngestSettings
from store import iso


def succeeded(
    feed: dict,
    settings: IngestSettings,
    now: dt.datetime,
    *,
    status: int,
    etag: str | None,
    last_modified: str | None,
    title: str = "",
) -> dict:
    changes = _healthy(feed, settings, now, status)
    # Validators are stored only once the items they cover are stored: a 304 must never hide an
    # update we failed to ingest.
    changes.update(etag=etag, last_modified=last_modified)
    if title and not feed.get("name"):
        changes["name"] = title  # the user gave no name: the feed's own title
    return changes


def not_modified(feed: dict, settings: IngestSettings, now: dt.datetime) -> dict:
    return _healthy(feed, settings, now, 304)


def failed(
    feed: dict,
    settings: IngestSettings,
    now: dt.datetime,
    error: str,
    *,
    status: int | None = None,
    retry_after: float | None = None,
    gone: bool = False,
) -> dict:
    failures = (feed.get("error_count") or 0) + 1
    delay = min(settings.backoff_base_minutes * 2 ** (failures - 1), settings.backoff_max_minutes)
    if retry_after is not None:
        delay = max(delay, min(retry_after / 60, settings.retry_after_cap_minutes))
    changes = {
        "last_checked": iso(now),
        "next_check": _after(now, delay),
        "error_count": failures,
        "last_error": error,
        "last_status": status,
    }
    if gone:
        changes.update(
            disabled=1,
            last_error=f"{error}: the server says this feed is gone for good; disabled"
            f" (re-enable with `versus feeds enable {feed['id']}`)",
        )
    elif failures >= settings.max_failures:
        changes.update(
            disabled=1,
            last_error=f"disabled after {failures} consecutive failures (re-enable with"
            f" `versus feeds enable {feed['id']}`); last: {error}",
        )
    return changes


def _healthy(feed: dict, settings: IngestSettings, now: dt.datetime, status: int) -> dict:
    return {
        "last_checked": iso(now),
        "next_check": _after(now, feed.get("interval_minutes") or settings.interval_minutes),
        "error_count": 0,
        "last_error": None,
        "last_status": status,
    }


def _after(now: dt.datetime, minutes: float) -> str:
    """`now + minutes` as a stored timestamp, rounded up to the second (never earlier than asked)."""
    when = now + dt.timedelta(minutes=minutes)
    if when.microsecond:
        when += dt.timedelta(microseconds=1_000_000 - when.microsecond)
    return iso(when)
