"""Ingest throughput, end to end, against bare feedparser on the same bytes, measured in one run.

N synthetic sports feeds × M items (RSS 2.0, Atom and RSS 1.0 in turn; HTML summaries with bylines,
share links, tracking pixels and "Read more") are served on loopback. One `poll` on a fresh home does
everything a real poll does: fetch → parse → dedupe → condense → SQLite. The yardstick is
`feedparser.parse` with its default settings on the same documents from memory (no network, no
storage). Rounds alternate between the two so machine load hits both alike; the median round counts.
Then a second poll of the unchanged feeds shows how many were answered 304.

    .venv/bin/python bench/ingest.py                  # 20 feeds x 100 items, 3 rounds
    .venv/bin/python bench/ingest.py --feeds 50 --items 200 --rounds 5
"""

from __future__ import annotations

import argparse
import io
import multiprocessing
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

import feedparser  # noqa: E402

import config  # noqa: E402
from feedserver import FeedServer, Reply  # noqa: E402
from ingest.poll import poll  # noqa: E402
from store import Store  # noqa: E402

FIRST = "Marcus Bukayo Kylian Erling Jude Vinicius Lamine Mohamed Harry Cole Declan Phil Luka Trent Son Rasmus " \
    "LeBron Stephen Nikola Jayson Giannis Luka Shai Victor Anthony Patrick Josh Lamar Shohei Aaron Juan Carlos".split()
LAST = "Rashford Saka Mbappe Haaland Bellingham Junior Yamal Salah Kane Palmer Rice Foden Modric Alexander-Arnold " \
    "Heung-min Hojlund James Curry Jokic Tatum Antetokounmpo Doncic Gilgeous-Alexander Wembanyama Edwards Mahomes " \
    "Allen Jackson Ohtani Judge Soto Alcaraz Sinner Djokovic Swiatek Gauff Verstappen Norris Hamilton Leclerc".split()
TEAMS = "Arsenal Chelsea Liverpool Everton Tottenham Newcastle Brighton Fulham Villa Wolves Barcelona Girona Sevilla " \
    "Juventus Napoli Inter Milan Roma Lazio Bayern Dortmund Leipzig PSG Lyon Marseille Ajax Benfica Porto Celtic " \
    "Lakers Celtics Knicks Warriors Nuggets Bucks Heat Suns Mavericks Thunder Chiefs Bills Eagles Ravens Yankees " \
    "Dodgers Mets Astros Braves Ferrari McLaren Mercedes".split()
VERBS = "stun edge thrash sink outlast rout down beat overpower dismantle hold frustrate shock topple".split()
EVENTS = "league opener|cup tie|derby|semi-final|final|playoff game|road trip|title decider|relegation battle|" \
    "Champions League night|Game 7|season finale|rivalry week".split("|")
DETAILS = [
    "{p} scored twice in the final {n} minutes to settle it.",
    "{p} finished with {n} points and {m} assists.",
    "The club confirmed a fee of £{n}m, rising to £{m}m with add-ons.",
    "{p} signed a {k}-year deal worth ${n}m on {day}.",
    "It was their {ord} straight win, the longest run since {year}.",
    "A crowd of {n},{m:03d} watched on {day} night.",
    "{p} was sent off after {n} minutes for a second yellow card.",
    "Manager {p} said the squad had been \"outstanding for {n} games\".",
]
DAYS = "Monday Tuesday Wednesday Thursday Friday Saturday Sunday".split()


def story(rng: random.Random, serial: int) -> tuple[str, str]:
    def person() -> str:
        return f"{rng.choice(FIRST)} {rng.choice(LAST)}"

    home, away = rng.sample(TEAMS, 2)
    score = f"{rng.randint(1, 6)}-{rng.randint(0, 5)}" if rng.random() < 0.6 else f"{rng.randint(88, 130)}-{rng.randint(80, 127)}"
    title = f"{person()} stars as {home} {rng.choice(VERBS)} {away} {score} in {rng.choice(EVENTS)} (match {serial})"
    facts = " ".join(
        line.format(
            p=person(), n=rng.randint(2, 90), m=rng.randint(1, 99), k=rng.randint(2, 6), day=rng.choice(DAYS),
            ord=rng.choice(["third", "fifth", "ninth", "12th"]), year=rng.randint(1990, 2023),
        )
        for line in rng.sample(DETAILS, 3)
    )
    summary = (
        f"<p>By {person()} | Staff Writer</p><p><strong>{home}</strong> {rng.choice(VERBS)} "
        f"<a href=\"/teams/{away.lower()}\">{away}</a> {score} on {rng.choice(DAYS)}. {facts}</p>"
        f"<p><a href=\"https://twitter.com/intent/tweet?url=x\">Share on Twitter</a></p><p>Read more &raquo;</p>"
        f"<img src=\"https://pixel.example.com/t.gif?utm_source=rss\" width=\"1\" height=\"1\"/>"
    )
    return title, summary


def _esc(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def feed_document(index: int, items: int, rng: random.Random) -> bytes:
    kind = ("rss20", "atom", "rss10")[index % 3]
    entries = []
    for i in range(items):
        title, summary = story(rng, index * items + i)
        link = f"https://sport.example.com/{index}/{i}?utm_source=rss&amp;utm_medium=feed"
        stamp = 1_764_000_000 - (index * items + i) * 60
        if kind == "rss20":
            date = time.strftime("%a, %d %b %Y %H:%M:%S GMT", time.gmtime(stamp))
            entries.append(
                f"<item><title>{_esc(title)}</title><link>{link}</link><guid isPermaLink=\"false\">f{index}-{i}</guid>"
                f"<pubDate>{date}</pubDate><description><![CDATA[{summary}]]></description></item>"
            )
        else:
            date = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(stamp))
            if kind == "atom":
                entries.append(
                    f"<entry><title>{_esc(title)}</title><link href=\"{link}\"/><id>urn:f{index}:{i}</id>"
                    f"<updated>{date}</updated><summary type=\"html\">{_esc(summary)}</summary></entry>"
                )
            else:
                entries.append(
                    f"<item rdf:about=\"{link}\"><title>{_esc(title)}</title><link>{link}</link>"
                    f"<dc:date>{date}</dc:date><description>{_esc(summary)}</description></item>"
                )
    body = "".join(entries)
    if kind == "rss20":
        doc = f"<rss version=\"2.0\"><channel><title>Bench {index}</title><link>https://sport.example.com/</link>" \
              f"<description>Sport</description>{body}</channel></rss>"
    elif kind == "atom":
        doc = f"<feed xmlns=\"http://www.w3.org/2005/Atom\"><title>Bench {index}</title><id>urn:bench:{index}</id>" \
              f"<updated>2025-11-25T00:00:00Z</updated>{body}</feed>"
    else:
        doc = (
            "<rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\" xmlns=\"http://purl.org/rss/1.0/\""
            " xmlns:dc=\"http://purl.org/dc/elements/1.1/\"><channel rdf:about=\"https://sport.example.com/\">"
            f"<title>Bench {index}</title><link>https://sport.example.com/</link><description>Sport</description>"
            f"</channel>{body}</rdf:RDF>"
        )
    return ("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n" + doc).encode()


def bare_feedparser(documents: list[bytes]) -> tuple[int, float]:
    started = time.perf_counter()
    entries = sum(len(feedparser.parse(io.BytesIO(doc)).entries) for doc in documents)
    return entries, time.perf_counter() - started


def serve(documents: list[bytes], conn) -> None:
    """The feed server, in its own process: like a real one, it does not share our interpreter."""
    server = FeedServer().start()
    for i, doc in enumerate(documents):
        server.route(f"/feed/{i}.xml", Reply(body=doc, etag=f'"v{i}"', last_modified="Tue, 25 Nov 2025 10:00:00 GMT"))
    conn.send([server.url(f"/feed/{i}.xml") for i in range(len(documents))])
    conn.recv()  # until told to stop
    server.stop()


def end_to_end(urls: list[str], settings: config.Settings) -> tuple[dict, float, dict]:
    with tempfile.TemporaryDirectory() as home, Store(Path(home) / config.DB_FILE) as store:
        for url in urls:
            store.add_feed(url)
        started = time.perf_counter()
        first = poll(store, settings)
        elapsed = time.perf_counter() - started
        again = poll(store, settings, force=True)
    return first, elapsed, again


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--feeds", type=int, default=20)
    parser.add_argument("--items", type=int, default=100)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()

    rng = random.Random(7)
    documents = [feed_document(i, args.items, rng) for i in range(args.feeds)]
    settings = config.Settings()
    ours_end, theirs_end = multiprocessing.Pipe()
    server = multiprocessing.get_context("spawn").Process(target=serve, args=(documents, theirs_end), daemon=True)
    server.start()
    try:
        urls = ours_end.recv()
        single = config.Settings()
        single.ingest.parse_workers = 1
        ours, ours_single, theirs = [], [], []
        for _ in range(args.rounds):
            entries, seconds = bare_feedparser(documents)
            theirs.append(entries / seconds)
            first, seconds, again = end_to_end(urls, settings)
            ours.append(first["new_items"] / seconds)
            result, seconds, _ = end_to_end(urls, single)
            ours_single.append(result["new_items"] / seconds)
    finally:
        ours_end.send("stop")
        server.join(timeout=10)

    total = args.feeds * args.items
    e2e, e2e_single, yardstick = map(statistics.median, (ours, ours_single, theirs))
    workers = settings.ingest.parse_workers or len(os.sched_getaffinity(0))
    print(f"{args.feeds} feeds x {args.items} items = {total} entries, {sum(map(len, documents)) / 1e6:.1f} MB,"
          f" {len(os.sched_getaffinity(0))} CPUs, median of {args.rounds} rounds")
    print(f"end-to-end ingest (fetch, parse, dedupe, condense, SQLite), {workers} parse processes:"
          f" {e2e:6.0f} entries/s  ({e2e / yardstick:.2f}x feedparser)")
    print(f"end-to-end ingest, parsing in-process (parse_workers = 1):"
          f" {e2e_single:14.0f} entries/s  ({e2e_single / yardstick:.2f}x feedparser)")
    print(f"bare feedparser.parse (default settings), same bytes from memory: {yardstick:6.0f} entries/s")
    print(f"first poll: {first['fetched']} fetched, {first['failed']} failed, {first['new_items']} items,"
          f" {first['new_snippets']} snippets, {first['duplicates']} duplicates")
    print(f"second poll of unchanged feeds: {again['not_modified']}/{again['feeds']} answered 304"
          f" ({100 * again['not_modified'] / max(again['feeds'], 1):.0f}%), {again['new_items']} new items")


if __name__ == "__main__":
    main()
