"""Fetch one feed's bytes: http(s) with httpx, file:// from disk. Never a URL handed to feedparser.

Every way a server can misbehave ends as a `FetchError` with a one-line message: connect/read timeouts,
a hard total deadline (a server that trickles bytes, or headers, forever), a body-size cap (streamed and
abandoned at `max_bytes`, so an endless chunked body cannot eat memory), a redirect limit (loops),
HTTP errors (with Retry-After for 429/503, and 410 Gone flagged). Conditional GET: the stored ETag and
Last-Modified are sent, and a 304 comes back as `Fetched(status=304)` with no body.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import email.utils
import ipaddress
import os
import stat
from dataclasses import dataclass

import httpx

from config import IngestSettings
from ingest.urls import file_path
from text import error_line

ACCEPT = (
    "application/rss+xml, application/atom+xml, application/rdf+xml;q=0.9, application/xml;q=0.9, "
    "text/xml;q=0.9, */*;q=0.5"
)


@dataclass
class Fetched:
    status: int  # 200 (a file read counts as 200) or 304
    body: bytes = b""
    content_type: str = ""  # the server's Content-Type (its charset matters to decoding)
    url: str = ""  # where the body finally came from, after redirects: the base for relative links
    etag: str | None = None
    last_modified: str | None = None


class FetchError(Exception):
    """A failed fetch. `status` is the HTTP status when there was one; `retry_after` the seconds a
    429/503 asked us to wait; `gone` is a 410 (the feed is never coming back)."""

    def __init__(self, message: str, status: int | None = None, retry_after: float | None = None):
        super().__init__(message)
        self.status = status
        self.retry_after = retry_after
        self.gone = status == 410


# Set on a fetch's first request and copied by httpx onto each redirect it follows: may this chain of
# requests reach loopback, private or link-local addresses?
PRIVATE_OK = "versus.private_ok"


def make_client(settings: IngestSettings) -> httpx.AsyncClient:
    return httpx.AsyncClient(
        timeout=httpx.Timeout(settings.read_timeout, connect=settings.connect_timeout),
        follow_redirects=True,
        max_redirects=settings.max_redirects,
        headers={"User-Agent": settings.user_agent, "Accept": ACCEPT},
        limits=httpx.Limits(max_connections=settings.concurrency, max_keepalive_connections=settings.concurrency),
        event_hooks={"request": [_refuse_private_redirect]},
    )


async def _refuse_private_redirect(request: httpx.Request) -> None:
    """Called by httpx before each request, redirects included."""
    if request.extensions.get(PRIVATE_OK, True):
        return
    address = await private_address(request.url.host)
    if address:
        raise FetchError(f"refused a redirect from a public address to {address} ({request.url.host}), a private"
                         " one; set ingest.allow_private_redirects = true to allow it")


async def private_address(host: str) -> str | None:
    """The first address `host` resolves to that is not globally routable (loopback, private,
    link-local, reserved), or None. A host that does not resolve is left to the fetch to fail on."""
    try:
        infos = await asyncio.get_running_loop().getaddrinfo(host, None)
    except OSError:
        return None
    for info in infos:
        address = info[4][0]
        if not is_global(address):
            return address
    return None


def is_global(address: str) -> bool:
    return ipaddress.ip_address(address.split("%", 1)[0]).is_global


async def fetch(
    client: httpx.AsyncClient,
    url: str,
    settings: IngestSettings,
    etag: str | None = None,
    last_modified: str | None = None,
) -> Fetched:
    if url.startswith("file:"):
        return read_file(url, settings.max_bytes, last_modified)
    deadline = settings.connect_timeout + settings.read_timeout
    try:
        # httpx's timeouts are per operation; this bounds the whole exchange (redirects included).
        async with asyncio.timeout(deadline):
            return await _get(client, url, settings, etag, last_modified)
    except TimeoutError:
        raise FetchError(f"no complete response within {deadline:g}s (connect + read timeout); gave up") from None
    except httpx.TooManyRedirects:
        raise FetchError(f"too many redirects (more than {settings.max_redirects}): a redirect loop?") from None
    except httpx.ConnectTimeout:
        raise FetchError(f"connect timed out after {settings.connect_timeout:g}s") from None
    except httpx.TimeoutException:
        raise FetchError(f"server stopped answering for {settings.read_timeout:g}s (read timeout)") from None
    except httpx.ConnectError as e:
        raise FetchError(f"cannot connect: {error_line(e)}") from None
    except httpx.HTTPError as e:
        raise FetchError(f"{type(e).__name__}: {error_line(e)}") from None


async def _get(client, url, settings, etag, last_modified) -> Fetched:
    headers = {}
    if etag:
        headers["If-None-Match"] = etag
    if last_modified:
        headers["If-Modified-Since"] = last_modified
    # A feed on a private address may redirect within it; one on a public address may not leave it.
    private_ok = settings.allow_private_redirects or await private_address(httpx.URL(url).host) is not None
    async with client.stream("GET", url, headers=headers, extensions={PRIVATE_OK: private_ok}) as response:
        status = response.status_code
        if status == 304:
            return Fetched(304, etag=etag, last_modified=last_modified)
        if not 200 <= status < 300:
            retry_after = None
            if status in (429, 503):
                retry_after = parse_retry_after(response.headers.get("retry-after"))
            reason = response.reason_phrase or ""
            raise FetchError(f"HTTP {status} {reason}".strip(), status=status, retry_after=retry_after)
        declared = response.headers.get("content-length", "")
        if declared.isdigit() and int(declared) > settings.max_bytes:
            raise FetchError(_too_big(settings.max_bytes), status=status)
        chunks: list[bytes] = []
        size = 0
        async for chunk in response.aiter_bytes():
            size += len(chunk)
            if size > settings.max_bytes:
                raise FetchError(_too_big(settings.max_bytes), status=status)
            chunks.append(chunk)
        return Fetched(
            status,
            b"".join(chunks),
            content_type=response.headers.get("content-type", ""),
            url=str(response.url),
            etag=response.headers.get("etag"),
            last_modified=response.headers.get("last-modified"),
        )


def read_file(url: str, max_bytes: int, last_modified: str | None = None) -> Fetched:
    """A file:// feed, with the same size cap; its mtime plays Last-Modified (unchanged → 304).
    Regular files only: a FIFO or device could block the poll (and every feed in it) for ever."""
    path = file_path(url)
    try:
        # O_NONBLOCK: opening a FIFO with no writer returns at once instead of waiting for one.
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
        try:
            info = os.fstat(fd)
            if not stat.S_ISREG(info.st_mode):
                raise FetchError(f"{path} is not a regular file (a directory, FIFO or device); a feed file must be one")
            stamp = email.utils.formatdate(info.st_mtime, usegmt=True)
            if last_modified and stamp == last_modified:
                return Fetched(304, last_modified=last_modified)
            with os.fdopen(fd, "rb", closefd=False) as f:
                body = f.read(max_bytes + 1)
        finally:
            os.close(fd)
    except OSError as e:
        raise FetchError(f"cannot read {path}: {e.strerror or e}") from None
    if len(body) > max_bytes:
        raise FetchError(_too_big(max_bytes))
    return Fetched(200, body, url=url, last_modified=stamp)


def parse_retry_after(value: str | None, now: dt.datetime | None = None) -> float | None:
    """Seconds to wait from a Retry-After header: delta-seconds or an HTTP-date. None if unusable."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=dt.timezone.utc)
    now = now or dt.datetime.now(dt.timezone.utc)
    return max(0.0, (when - now).total_seconds())


def _too_big(max_bytes: int) -> str:
    return f"response larger than max_bytes ({max_bytes:,} bytes); stopped reading"


