"""Drafts in a real SQLite review queue, made the way the generation job makes them: snippets are
ingested with `Store.add_items`, claimed with `claim_snippets` and drafted with `write_drafts`.

    ids = add_drafts(store, [Draft("Arsenal beat Chelsea 3-1 ...", "ARSENAL COOKED CHELSEA 3-1")])
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from store import Store, iso, now

WORKER = "test-generator"


@dataclass
class Draft:
    snippet: str
    caption: str
    # The other candidates besides the caption, each (caption, flags).
    others: list[tuple[str, list]] = field(default_factory=list)
    flags: list = field(default_factory=list)
    hours_old: float = 1.0  # how long ago the news was published
    title: str | None = None
    injection: str | None = None  # what the condenser left out of the snippet


def add_drafts(store: Store, drafts: list[Draft], feed_name: str = "Test Sports") -> list[int]:
    """Ingest one snippet per Draft and draft each; returns the draft ids in the given order."""
    feed = store.feed("https://feeds.example/sports") or store.add_feed(
        "https://feeds.example/sports", feed_name
    )
    start = len(store.snippets())
    items = []
    for n, d in enumerate(drafts, start):
        published = iso(now() - dt.timedelta(hours=d.hours_old))
        link = f"https://news.example/story/{n}"
        title = d.title or d.snippet.split(".")[0]
        items.append(
            {
                "guid": link,
                "link": link,
                "title": title,
                "summary": d.snippet,
                "published": published,
                "snippet": {"text": d.snippet, "title": title, "link": link, "published": published,
                            "story_key": f"story-{n}", "injection": d.injection},
            }
        )
    store.add_items(feed["id"], items)
    by_text = {s["text"]: s["id"] for s in store.claim_snippets(WORKER, 1000, 15)}
    rows = []
    for d in drafts:
        candidates = [{"caption": d.caption, "scores": {"style": 0.9, "fact_keep": 1.0}, "flags": d.flags}]
        candidates += [{"caption": c, "scores": {"style": 0.5, "fact_keep": 0.5}, "flags": f} for c, f in d.others]
        rows.append(
            {
                "snippet_id": by_text[d.snippet],
                "caption": d.caption,
                "candidates": candidates,
                "scores": candidates[0]["scores"],
                "flags": d.flags,
                "model_version": "v1",
                "params": {"n": len(candidates)},
            }
        )
    assert store.write_drafts(WORKER, rows) == len(rows)
    ids = {r["snippet_id"]: r["id"] for r in store.drafts()}
    return [ids[by_text[d.snippet]] for d in drafts]
