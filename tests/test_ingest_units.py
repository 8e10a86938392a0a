"""Ingest's small pure parts: feed URLs, tracking links, Retry-After, backoff, story matching, parsing."""

from __future__ import annotations

import collections
import datetime as dt
import itertools
import math
import random
from pathlib import Path

import pytest

import config
from ingest import health
from ingest.dedupe import COMMON_FLOOR, COMMON_SHARE, StoryIndex, story_key
from ingest.fetch import parse_retry_after
from ingest.parse import FeedError, parse_feed, repair_utf8
from ingest.urls import clean_link, normalize_feed_url
from store import parse_iso

NOW = dt.datetime(2026, 11, 25, 12, 0, 0, tzinfo=dt.timezone.utc)


# --- feed URLs -----------------------------------------------------------------------------------------


def test_http_urls_are_kept_and_paths_become_absolute_file_urls(tmp_path: Path, monkeypatch):
    assert normalize_feed_url(" https://sport.example/feed.xml ") == "https://sport.example/feed.xml"
    assert normalize_feed_url("HTTP://sport.example/rss") == "HTTP://sport.example/rss"
    monkeypatch.chdir(tmp_path)
    assert normalize_feed_url("feeds/a.xml") == (tmp_path / "feeds" / "a.xml").as_uri()
    assert normalize_feed_url("a.xml", base=tmp_path / "lists") == (tmp_path / "lists" / "a.xml").as_uri()
    assert normalize_feed_url(str(tmp_path / "b.xml")) == (tmp_path / "b.xml").as_uri()
    assert normalize_feed_url((tmp_path / "c d.xml").as_uri()) == (tmp_path / "c d.xml").as_uri()


@pytest.mark.parametrize(
    "text, message",
    [
        ("ftp://files.example/feed.xml", "unsupported feed URL scheme 'ftp' (use http, https, file or a path): ftp://files.example/feed.xml"),
        ("javascript:alert(1)", "unsupported feed URL scheme 'javascript' (use http, https, file or a path): javascript:alert(1)"),
        ("https:///nohost", "not a usable feed URL (no host): https:///nohost"),
        ("   ", "feed URL is empty"),
    ],
)
def test_other_urls_are_rejected_with_one_line(text, message):
    with pytest.raises(ValueError) as raised:
        normalize_feed_url(text)
    assert str(raised.value) == message


@pytest.mark.parametrize(
    "link, cleaned",
    [
        ("https://a.example/x?utm_source=rss&utm_medium=feed", "https://a.example/x"),
        ("https://a.example/x?id=5&utm_campaign=c#top", "https://a.example/x?id=5#top"),
        ("https://a.example/x?fbclid=1&id=5&gclid=2", "https://a.example/x?id=5"),
        ("https://a.example/x?itok=keep&ito=drop", "https://a.example/x?itok=keep"),
        ("https://a.example/x?q=utm_source", "https://a.example/x?q=utm_source"),
        ("https://a.example/plain", "https://a.example/plain"),
    ],
)
def test_tracking_parameters_are_removed_from_links(link, cleaned):
    assert clean_link(link) == cleaned


# --- Retry-After and backoff ---------------------------------------------------------------------------


def test_retry_after_forms():
    assert parse_retry_after("120") == 120.0
    assert parse_retry_after("Wed, 25 Nov 2026 13:00:00 GMT", now=NOW) == 3600.0
    assert parse_retry_after("Wed, 25 Nov 2026 11:00:00 GMT", now=NOW) == 0.0  # already past
    assert parse_retry_after("soon") is None
    assert parse_retry_after("") is None and parse_retry_after(None) is None


def settings(**overrides) -> config.IngestSettings:
    return config.IngestSettings(**overrides)


def minutes_until(changes: dict) -> float:
    return (parse_iso(changes["next_check"]) - NOW).total_seconds() / 60


def test_backoff_doubles_per_failure_up_to_the_maximum():
    s = settings(backoff_base_minutes=5, backoff_max_minutes=60, max_failures=100)
    delays = [minutes_until(health.failed({"id": 1, "error_count": n}, s, NOW, "x")) for n in range(6)]
    assert delays == [5, 10, 20, 40, 60, 60]


def test_retry_after_pushes_the_next_check_out_but_is_capped():
    s = settings(backoff_base_minutes=5, retry_after_cap_minutes=120)
    feed = {"id": 1, "error_count": 0}
    assert minutes_until(health.failed(feed, s, NOW, "x", status=429, retry_after=1800)) == 30
    assert minutes_until(health.failed(feed, s, NOW, "x", status=429, retry_after=60)) == 5  # backoff is longer
    assert minutes_until(health.failed(feed, s, NOW, "x", status=503, retry_after=10**7)) == 120


def test_next_check_is_never_earlier_than_asked():
    when = NOW + dt.timedelta(microseconds=300_000)
    changes = health.failed({"id": 1, "error_count": 0}, settings(backoff_base_minutes=1), when, "x")
    assert parse_iso(changes["next_check"]) >= when + dt.timedelta(minutes=1)


def test_gone_and_too_many_failures_disable():
    s = settings(max_failures=3)
    assert "disabled" not in health.failed({"id": 7, "error_count": 1}, s, NOW, "HTTP 500")
    third = health.failed({"id": 7, "error_count": 2}, s, NOW, "HTTP 500")
    assert third["disabled"] == 1 and third["error_count"] == 3
    gone = health.failed({"id": 7, "error_count": 0}, s, NOW, "HTTP 410 Gone", status=410, gone=True)
    assert gone["disabled"] == 1 and "versus feeds enable 7" in gone["last_error"]


def test_success_clears_the_failures_and_names_an_unnamed_feed():
    s = settings(interval_minutes=15)
    changes = health.succeeded({"name": None}, s, NOW, status=200, etag='"e"', last_modified=None, title="Wire")
    assert changes["error_count"] == 0 and changes["last_error"] is None and changes["name"] == "Wire"
    assert minutes_until(changes) == 15
    assert "name" not in health.succeeded({"name": "Mine"}, s, NOW, status=200, etag=None, last_modified=None, title="Wire")


# --- story matching ------------------------------------------------------------------------------------


def test_story_keys_fold_case_accents_possessives_and_filler():
    assert story_key("Mbappé’s double: PSG beat Lyon 3-1 at the Parc") == "3-1 beat double lyon mbappe parc psg"
    # A too-short title borrows words from the text, so "Highlights" and "Highlights" are not one story.
    assert story_key("Highlights", "Highlights. Celtic beat Rangers 2-0.") == "2-0 beat celtic highlights rangers"


def test_index_matches_similar_titles_but_not_different_numbers():
    index = StoryIndex(0.6, [(1, story_key("Arsenal beat Chelsea 3-1 at the Emirates")), (2, story_key("Lakers sign Jones"))])
    assert index.match(story_key("Arsenal beat Chelsea 3-1 at Emirates Stadium")) == 1
    assert index.match(story_key("Arsenal beat Chelsea 2-0 at the Emirates")) is None
    assert index.match(story_key("Tottenham sack their manager")) is None
    assert index.match("") is None


def test_index_finds_exactly_what_a_full_scan_finds():
    # The inverted index scores only stories sharing a word of some weight with the probe; it must
    # never miss one a brute-force scan with the same weights would match.
    rng = random.Random(3)
    vocabulary = ["".join(letters) for letters in itertools.product("abcdefg", repeat=2)]
    vocabulary += ["1-0", "2-1", "3-3", "45m"]
    keys: list[str] = []
    for _ in range(400):
        if keys and rng.random() < 0.5:  # the same story retold: a word or two swapped
            words = set(rng.choice(keys).split())
            words -= set(rng.sample(sorted(words), min(len(words) - 1, rng.randint(0, 2))))
            words |= set(rng.sample(vocabulary, rng.randint(0, 2)))
        else:
            words = set(rng.sample(vocabulary, rng.randint(2, 8)))
        keys.append(" ".join(sorted(words)))

    def similarity(a: set, b: set, stories: int, seen: collections.Counter) -> float:
        numbers_a, numbers_b = {w for w in a if w[0].isdigit()}, {w for w in b if w[0].isdigit()}
        if numbers_a and numbers_b and not numbers_a & numbers_b:
            return 0.0
        common = max(COMMON_FLOOR, COMMON_SHARE * stories)

        def weight(word: str) -> float:
            return 0.0 if seen[word] > common else math.log((stories + 2) / (seen[word] + 1))

        lighter = min(sum(map(weight, a)), sum(map(weight, b)))
        return sum(map(weight, a & b)) / lighter if lighter > 0 else 0.0

    matched = 0
    for threshold in (0.5, 0.6, 0.8):
        index = StoryIndex(threshold)
        stored: list[tuple[int, set]] = []
        seen: collections.Counter = collections.Counter()  # stories each word is in
        for ref, key in enumerate(keys):
            words = set(key.split())
            scores = [similarity(words, other, len(stored), seen) for _, other in stored]
            best = max(scores, default=0.0)
            expected = {r for (r, _), score in zip(stored, scores) if abs(score - best) < 1e-9 and best >= threshold}
            found = index.match(key)
            assert (found in expected) if expected else found is None
            matched += found is not None
            index.add(ref, key)
            stored.append((ref, words))
            seen.update(words)
    assert matched > 100  # the test saw matches, not only misses


# --- parsing -------------------------------------------------------------------------------------------


def test_repair_utf8_only_touches_utf8_with_stray_bytes():
    assert repair_utf8("Mbappé \xff".encode().replace(b"\xc3\xbf", b"\xff")) == "Mbappé \ufffd".encode()
    latin = "Müller".encode("latin-1")
    assert repair_utf8(latin) == latin  # no UTF-8 at all: a legacy encoding, for feedparser to decode
    declared = b'<?xml version="1.0" encoding="iso-8859-1"?><x>' + "é".encode() + b"\xff</x>"
    assert repair_utf8(declared) == declared
    assert repair_utf8("é".encode() + b"\xff", "text/xml; charset=windows-1252") == "é".encode() + b"\xff"


def test_entries_without_guid_or_link_get_a_stable_content_id():
    doc = b"<rss version='2.0'><channel><title>T</title><item><title>Only a title</title></item></channel></rss>"
    first, again = parse_feed(doc).entries[0], parse_feed(doc).entries[0]
    assert first.guid.startswith("sha1:") and first.guid == again.guid and first.link is None


def test_future_dates_are_clamped_to_now():
    doc = (b"<rss version='2.0'><channel><title>T</title><item><title>x</title><guid>1</guid>"
           b"<pubDate>Fri, 01 Jan 2100 00:00:00 GMT</pubDate></item></channel></rss>")
    assert parse_feed(doc, now=NOW).entries[0].published == "2026-11-25T12:00:00Z"


def test_relative_links_resolve_against_the_http_url_only():
    doc = b"<rss version='2.0'><channel><title>T</title><item><title>x</title><link>/a/1</link></item></channel></rss>"
    assert parse_feed(doc, base_url="https://s.example/feed.xml").entries[0].link == "https://s.example/a/1"
    assert parse_feed(doc, base_url="file:///tmp/feed.xml").entries[0].link == "/a/1"


def test_truncated_document_raises_feed_error():
    with pytest.raises(FeedError, match=r"^malformed XML \(.*line 1.*\); nothing stored$"):
        parse_feed(b"<rss version='2.0'><channel><title>T</title><item><title>cut")


def test_html_named_entities_parse_instead_of_failing_the_whole_feed():
    # Real feeds put HTML entities in titles; XML defines only five of them.
    doc = (b"<rss version='2.0'><channel><title>Sports&nbsp;Desk</title>"
           b"<item><guid>1</guid><title>Mbapp&eacute; scores &mdash; 3&ndash;1 &amp; more</title></item>"
           b"<item><guid>2</guid><title>Two</title><description><![CDATA[<p>Caf&eacute; &nbsp;crowd</p>]]>"
           b"</description></item></channel></rss>")
    feed = parse_feed(doc)
    assert feed.title == "Sports Desk"
    assert [e.title for e in feed.entries] == ["Mbappé scores — 3–1 & more", "Two"]
    assert feed.entries[1].summary == "Café crowd"  # inside CDATA the entity is HTML, decoded as such


def test_an_entity_no_one_defines_is_still_malformed_xml():
    with pytest.raises(FeedError, match=r"^malformed XML \(undefined entity.*\); nothing stored$"):
        parse_feed(b"<rss version='2.0'><channel><title>T</title><item><title>&bogus;</title></item></channel></rss>")


def test_bundled_feeds_join_the_same_stories_whichever_feed_answers_first():
    # Feeds are recorded as their fetches finish, so the index fills in any order: the rarity weights
    # move with it, and the verdicts must not.
    feeds = [parse_feed(path.read_bytes(), "application/xml").entries
             for path in sorted((Path(__file__).parent.parent / "examples" / "feeds").iterdir())]
    verdicts = set()
    for order in itertools.permutations(feeds):
        index, titles, joined = StoryIndex(config.IngestSettings().duplicate_similarity), {}, set()
        for entries in order:
            for entry in entries:
                match = index.match(entry.story_key)
                if match is None:
                    index.add(entry.guid, entry.story_key)
                    titles[entry.guid] = entry.title
                else:
                    joined.add(tuple(sorted((titles[match][:20], entry.title[:20]))))
        verdicts.add(frozenset(joined))
    [joined] = verdicts
    assert len(joined) == 7  # six reworded pairs and one guid repeated within a feed
    assert not any("Marchetti takes" in a or "Marchetti takes" in b for a, b in joined)
