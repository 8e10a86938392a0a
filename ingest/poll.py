"""One poll of the due feeds: fetch concurrently → parse and condense → dedupe → store.

Fetches run on an asyncio loop (bounded by settings.concurrency) so a hard per-fetch deadline is just
`asyncio.timeout`. Parsing (feedparser + condense, the CPU-heavy part) runs in worker processes, one
per core (settings.parse_workers), so it uses every core and never stalls the other fetches' timers;
with one worker it runs on a thread instead. Every SQLite write happens here, on the calling thread,
one transaction per feed. One feed's failure, whatever it is, is stored on that feed's row and never
stops the others.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import multiprocessing
import os
import signal
import sys
import threading
from concurrent.futures import Executor, ProcessPoolExecutor, ThreadPoolExecutor
from dataclasses import dataclass
from typing import Callable

from config import Settings
from ingest import health
from ingest.dedupe import StoryIndex
from ingest.fetch import FetchError, Fetched, fetch, make_client
from ingest.parse import Entry, FeedError, ParsedFeed, parse_feed
from store import Store, now as utc_now

# A story seen on one feed this recently absorbs the same story from another feed.
STORY_WINDOW = dt.timedelta(days=2)

COUNT_KEYS = ("feeds", "fetched", "not_modified", "failed", "new_items", "duplicates", "new_snippets")

Progress = Callable[[int, int, str], None]  # (feeds done, feeds to poll, what just finished)


@dataclass
class _Outcome:
    feed: dict
    fetched: Fetched | None = None
    parsed: ParsedFeed | None = None
    error: FetchError | FeedError | None = None


def poll(store: Store, settings: Settings, force: bool = False, progress: Progress | None = None) -> dict:
    """Poll every due feed once (`force`: every enabled feed, ignoring schedule and backoff).
    Returns the counts in COUNT_KEYS plus `errors`: [{"feed_id", "url", "error"}] for failed feeds."""
    started = utc_now()
    feeds = store.due_feeds(started, force=force)
    counts = dict.fromkeys(COUNT_KEYS, 0)
    counts["feeds"] = len(feeds)
    errors: list[dict] = []
    if progress:
        progress(0, len(feeds), "")
    if not feeds:
        return {**counts, "errors": errors}
    stories = StoryIndex(settings.ingest.duplicate_similarity, store.recent_story_keys(started - STORY_WINDOW))
    outcomes = _run(_fetch_all(feeds, settings))
    try:
        for done, outcome in enumerate(outcomes, 1):
            _record(store, settings, outcome, stories, counts)
            if outcome.error:
                errors.append({"feed_id": outcome.feed["id"], "url": outcome.feed["url"], "error": str(outcome.error)})
            if progress:  # may raise to stop the poll (the daemon's shutdown): fetches still running are cancelled
                progress(done, len(feeds), outcome.feed.get("name") or outcome.feed["url"])
    finally:
        outcomes.close()
    return {**counts, "errors": errors}


def _run(agen):
    """Drive an async generator from synchronous code, so the store is used only on this thread."""
    loop = asyncio.new_event_loop()
    try:
        while True:
            try:
                yield loop.run_until_complete(agen.__anext__())
            except StopAsyncIteration:
                break
    finally:
        loop.run_until_complete(agen.aclose())
        loop.run_until_complete(loop.shutdown_asyncgens())
        loop.run_until_complete(loop.shutdown_default_executor())  # the DNS resolver's threads
        loop.close()


async def _fetch_all(feeds: list[dict], settings: Settings):
    ingest = settings.ingest
    gate = asyncio.Semaphore(max(1, ingest.concurrency))
    loop = asyncio.get_running_loop()
    with _parsers(ingest.parse_workers, len(feeds)) as parsers:

        async def one(feed: dict, client) -> _Outcome:
            async with gate:
                try:
                    fetched = await fetch(client, feed["url"], ingest, feed["etag"], feed["last_modified"])
                    if fetched.status == 304:
                        return _Outcome(feed, fetched)
                    parsed = await loop.run_in_executor(
                        parsers, parse_feed, fetched.body, fetched.content_type, fetched.url, ingest.snippet_max_chars
                    )
                    return _Outcome(feed, fetched, parsed)
                except (FetchError, FeedError) as e:
                    return _Outcome(feed, error=e)
                except Exception as e:  # a parser bug on one odd document must not stop the others
                    return _Outcome(feed, error=FeedError(f"unexpected {type(e).__name__}: {e}"))

        async with make_client(ingest) as client:
            tasks = [asyncio.ensure_future(one(feed, client)) for feed in feeds]
            try:
                for next_done in asyncio.as_completed(tasks):
                    yield await next_done
            finally:
                for task in tasks:
                    task.cancel()
                await asyncio.gather(*tasks, return_exceptions=True)


def _parsers(setting: int, feeds: int) -> Executor:
    workers = min(setting or _cpus(), feeds)
    if workers <= 1:
        return ThreadPoolExecutor(max_workers=1, thread_name_prefix="feed-parse")
    pool = ProcessPoolExecutor(max_workers=workers, mp_context=multiprocessing.get_context(_start_method()),
                               initializer=_die_with_parent)
    pool.submit(int)  # start the workers now, before the first fetch starts resolver threads
    return pool


def _die_with_parent() -> None:
    """In a parse worker: end when the process that started it dies. A killed `versus ingest` (SIGTERM,
    SIGKILL) runs no cleanup, and its workers would otherwise wait for work for ever, holding the
    database file it had open when it forked them. Linux only (prctl PR_SET_PDEATHSIG)."""
    if not sys.platform.startswith("linux"):
        return
    import ctypes

    PR_SET_PDEATHSIG = 1
    ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
    if os.getppid() == 1:  # the parent died before the line above took effect
        os._exit(0)


def _start_method() -> str:
    """fork when this process has a single thread (the CLI): workers start in milliseconds with
    everything already imported. Otherwise (the daemon) forkserver or spawn, since a child forked from
    a multi-threaded process can inherit a lock that another thread held."""
    methods = multiprocessing.get_all_start_methods()
    if "fork" in methods and threading.active_count() == 1:
        return "fork"
    if "forkserver" in methods:
        multiprocessing.set_forkserver_preload(["ingest.parse"])  # workers fork with feedparser loaded
        return "forkserver"
    return "spawn"


def _cpus() -> int:
    """CPUs this process may run on (taskset/cgroup affinity), not the machine's total."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # macOS, Windows
        return os.cpu_count() or 1


def _record(store: Store, settings: Settings, outcome: _Outcome, stories: StoryIndex, counts: dict) -> None:
    feed, ingest, when = outcome.feed, settings.ingest, utc_now()
    if outcome.error is not None:
        error = outcome.error
        changes = health.failed(
            feed,
            ingest,
            when,
            str(error),
            status=getattr(error, "status", None),
            retry_after=getattr(error, "retry_after", None),
            gone=getattr(error, "gone", False),
        )
        store.update_feed(feed["id"], **changes)
        counts["failed"] += 1
        return
    fetched, parsed = outcome.fetched, outcome.parsed
    if fetched.status == 304 or parsed is None:
        store.update_feed(feed["id"], **health.not_modified(feed, ingest, when))
        counts["not_modified"] += 1
        return
    counts["fetched"] += 1
    items, skipped, new_stories = _new_items(store, feed["id"], parsed, stories, ingest.max_new_items)
    written = store.add_items(
        feed["id"],
        items,
        feed_changes=health.succeeded(
            feed,
            ingest,
            when,
            status=fetched.status,
            etag=fetched.etag,
            last_modified=fetched.last_modified,
            title=parsed.title,
        ),
    )
    for item in items:  # the new stories' row ids, for later feeds in this poll that tell them too
        story = new_stories.get(id(item.get("snippet")))
        if story is not None and story.snippet_id is None:
            story.snippet_id = item.get("snippet_id")
    counts["new_items"] += written["new_items"]
    counts["new_snippets"] += written["new_snippets"]
    counts["duplicates"] += written["duplicates"] + skipped


class _NewStory:
    """A story first seen in this poll: its snippet's fields, and its row id once stored."""

    __slots__ = ("snippet", "snippet_id")

    def __init__(self, snippet: dict):
        self.snippet = snippet
        self.snippet_id: int | None = None


def _new_items(
    store: Store, feed_id: int, parsed: ParsedFeed, stories: StoryIndex, limit: int
) -> tuple[list[dict], int, dict[int, _NewStory]]:
    """The newest `limit` entries not yet stored for this feed (undated ones after every dated one),
    as `Store.add_items` items, each joined to a stored
    story, to a story new in this poll (from an earlier feed, or earlier in this document), or to a
    new snippet. Also returns how many entries repeated a stored or earlier guid, and the new stories
    (by id() of their snippet dict) so their row ids can be filled in once written."""
    first: dict[str, Entry] = {}
    for entry in parsed.entries:
        first.setdefault(entry.guid, entry)  # the first occurrence of a guid wins
    known = store.known_guids(feed_id, list(first))
    fresh = [entry for guid, entry in first.items() if guid not in known]
    skipped = len(parsed.entries) - len(fresh)
    if len(fresh) > limit:  # stable sort: ties keep the document's order
        fresh = sorted(fresh, key=lambda entry: entry.published or "", reverse=True)[:limit]

    items: list[dict] = []
    new_stories: dict[int, _NewStory] = {}
    for entry in fresh:
        item = {
            "guid": entry.guid,
            "link": entry.link,
            "title": entry.title,
            "summary": entry.summary,
            "published": entry.published,
        }
        if entry.text:
            match = stories.match(entry.story_key)
            if isinstance(match, _NewStory) and match.snippet_id is None:
                item["snippet"] = match.snippet  # told earlier in this document: one shared snippet
            elif isinstance(match, _NewStory):
                item["snippet_id"] = match.snippet_id
            elif match is not None:
                item["snippet_id"] = match
            else:
                story = _NewStory(
                    {
                        "text": entry.text,
                        "title": entry.title,
                        "link": entry.link,
                        "published": entry.published,
                        "story_key": entry.story_key,
                        "injection": entry.injection or None,
                    }
                )
                stories.add(story, entry.story_key)
                new_stories[id(story.snippet)] = story
                item["snippet"] = story.snippet
        items.append(item)
    return items, skipped, new_stories
