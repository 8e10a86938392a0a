"""Feed bytes → entries with their snippets: feedparser for RSS 2.0, RSS 1.0 and Atom, then condense.

feedparser runs with its HTML sanitizer and relative-URI rewriting off, and without a base URI: we
reduce all markup to plain text ourselves (condense.strip_html) and resolve the one URI we keep (the
item's link) ourselves. Those passes are most of feedparser's time: with a base URI it re-resolves
it at every element.

A document that is not well-formed XML (truncated, mismatched tags) is rejected whole with a clear
error: feedparser's lenient fallback would hand back a cut-off last entry. The harmless complaints
(an encoding declaration overridden, a text/html content type) do not stop a feed. HTML named
entities (&nbsp; &eacute; &mdash;), which XML does not define but real feeds are full of, are turned
into character references first, so one of them does not cost the whole feed.
"""

from __future__ import annotations

import calendar
import datetime as dt
import hashlib
import html.entities
import io
import re
import urllib.parse
import xml.sax
from dataclasses import dataclass

import feedparser

from ingest import condense
from ingest.dedupe import story_key
from ingest.urls import clean_link
from text import clean_text, one_line, strip_html

MAX_SUMMARY_CHARS = 2_000  # the item's stored plain-text summary; the snippet is much shorter
MAX_FIELD_CHARS = 2_000  # guid, link and title from a hostile feed


class FeedError(Exception):
    """The document cannot be used as a feed; the message is one line."""


@dataclass
class Entry:
    guid: str
    link: str | None
    title: str
    summary: str
    published: str | None
    text: str  # the snippet; empty when the item has no words
    story_key: str
    injection: str = ""  # instructions to an AI model the snippet left out (prompt injection)


@dataclass
class ParsedFeed:
    title: str
    entries: list[Entry]


def parse_feed(
    body: bytes,
    content_type: str = "",
    base_url: str = "",
    snippet_max_chars: int = 320,
    now: dt.datetime | None = None,
) -> ParsedFeed:
    """The feed's title and entries. `content_type` is the server's header (its charset counts);
    `base_url` is where the document came from, for relative item links."""
    if not body.strip():
        raise FeedError("empty response: no feed document")
    body = repair_utf8(body, content_type)
    body = html_entities_to_references(body)
    headers = {"content-type": content_type} if content_type else {}
    result = feedparser.parse(
        io.BytesIO(body), response_headers=headers, sanitize_html=False, resolve_relative_uris=False
    )
    error = result.get("bozo_exception")
    if isinstance(error, xml.sax.SAXParseException):
        line = error.getLineNumber()
        if not body.lstrip(b"\xef\xbb\xbf").startswith(b"<?xml"):
            line -= 1  # feedparser put an XML declaration line in front of the document
        raise FeedError(
            f"malformed XML ({error.getMessage()} at line {line}, column {error.getColumnNumber()});"
            " nothing stored"
        )
    if isinstance(error, xml.sax.SAXException):
        raise FeedError(f"malformed XML ({error.getMessage()}); nothing stored")
    if not result.get("version") and not result.entries:
        raise FeedError("not an RSS or Atom feed (no channel or feed element found)")
    now = now or dt.datetime.now(dt.timezone.utc)
    base_url = base_url if base_url.startswith(("http://", "https://")) else ""
    entries = [_entry(e, snippet_max_chars, now, base_url) for e in result.entries]
    title = one_line(clean_text(strip_html(result.feed.get("title", ""))))
    return ParsedFeed(title=title[:200], entries=entries)


def _entry(raw: dict, snippet_max_chars: int, now: dt.datetime, base_url: str = "") -> Entry:
    # Plain dict lookups: FeedParserDict.get's key aliasing costs more than the rest of this function.
    get = dict.get
    title, summary = condense.prepare(get(raw, "title"), get(raw, "summary") or _content(raw))
    injected: list[str] = []
    text = condense.compose(title, summary, snippet_max_chars, injected)
    link = get(raw, "link") or ""
    if link and base_url and not link.startswith(("http://", "https://")):
        link = urllib.parse.urljoin(base_url, link)
    link = _safe(clean_link(link))[:MAX_FIELD_CHARS] or None
    guid = _safe((get(raw, "id") or "").strip())[:MAX_FIELD_CHARS] or link
    if not guid:  # neither guid nor link: the text itself identifies the item
        guid = "sha1:" + hashlib.sha1(f"{title}\n{summary}".encode()).hexdigest()
    return Entry(
        guid=guid,
        link=link,
        title=title[:MAX_FIELD_CHARS],
        summary=summary[:MAX_SUMMARY_CHARS],
        published=_published(raw, now),
        text=text,
        story_key=story_key(title, text),
        injection=" ".join(injected)[:MAX_FIELD_CHARS],
    )


def _content(raw: dict) -> str:
    content = dict.get(raw, "content")
    return dict.get(content[0], "value", "") if content else ""


def _published(raw: dict, now: dt.datetime) -> str | None:
    parsed = dict.get(raw, "published_parsed") or dict.get(raw, "updated_parsed")
    if not parsed:
        return None
    try:
        when = dt.datetime.fromtimestamp(calendar.timegm(parsed), dt.timezone.utc)
    except (OverflowError, ValueError, OSError):
        return None
    # A clock far in the future would pin the item to the top of every list forever.
    when = min(when, now)
    return when.strftime("%Y-%m-%dT%H:%M:%SZ")


def _safe(text: str) -> str:
    """Text SQLite can store: lone surrogates (from bad numeric entities) replaced."""
    return text.encode("utf-8", "replace").decode("utf-8") if not text.isascii() else text


# --- entities ----------------------------------------------------------------------------------------

_XML_ENTITIES = {b"amp", b"lt", b"gt", b"quot", b"apos"}
# HTML5 name → its numeric character reference(s) (a few names stand for two code points).
_HTML_ENTITY_REFERENCES = {
    name[:-1].encode("ascii"): "".join(f"&#{ord(char)};" for char in text).encode("ascii")
    for name, text in html.entities.html5.items()
    if name.endswith(";") and name[:-1].encode("ascii") not in _XML_ENTITIES
}
# A CDATA section or comment is matched whole so that entity-like text inside it stays as it is.
_ENTITY_OR_LITERAL = re.compile(
    rb"<!\[CDATA\[.*?(?:\]\]>|\Z)|<!--.*?(?:-->|\Z)|&([A-Za-z][A-Za-z0-9]{1,31});", re.S
)
_DECLARED_ENTITY = re.compile(rb"<!ENTITY\s+([A-Za-z][A-Za-z0-9]*)")


def html_entities_to_references(body: bytes) -> bytes:
    """`body` with HTML named entities that XML does not define (&nbsp;) as numeric character
    references (&#160;). The five XML entities, names the document declares itself and names HTML
    does not know are left as they are: an unknown one is still an error."""
    if b"&" not in body:
        return body
    declared = set(_DECLARED_ENTITY.findall(body)) if b"<!ENTITY" in body else set()

    def reference(match: re.Match[bytes]) -> bytes:
        name = match.group(1)
        if name is None or name in declared:
            return match.group(0)
        return _HTML_ENTITY_REFERENCES.get(name, match.group(0))

    return _ENTITY_OR_LITERAL.sub(reference, body)


# --- encodings ---------------------------------------------------------------------------------------

_UTF8_SEQUENCE = re.compile(rb"[\xc2-\xf4][\x80-\xbf]")
_XML_ENCODING = re.compile(rb"^\s*<\?xml[^>]*?encoding\s*=\s*[\"']([A-Za-z0-9._:-]+)")
_CHARSET = re.compile(r"charset\s*=\s*[\"']?([A-Za-z0-9._:-]+)", re.I)


def repair_utf8(body: bytes, content_type: str = "") -> bytes:
    """A UTF-8 document with a few invalid bytes, made valid (bad bytes → U+FFFD), so one stray byte
    does not make feedparser re-read the whole document as windows-1252 and garble every accent.
    A document that is really in a legacy encoding (declared, or with no UTF-8 sequences at all) is
    left for feedparser to decode."""
    if body.startswith((b"\xff\xfe", b"\xfe\xff")) or b"\x00" in body[:4]:
        return body  # UTF-16/32
    try:
        body.decode("utf-8")
        return body
    except UnicodeDecodeError:
        pass
    declared = _CHARSET.search(content_type or "")
    declared_name = declared.group(1) if declared else None
    if not declared_name:
        match = _XML_ENCODING.match(body[:200])
        declared_name = match.group(1).decode("ascii") if match else None
    if declared_name and declared_name.lower().replace("_", "-") not in ("utf-8", "utf8"):
        return body
    if not _UTF8_SEQUENCE.search(body):
        return body
    return body.decode("utf-8", "replace").encode("utf-8")
