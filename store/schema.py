"""The schema: migrations as an ordered list of small named functions (sqlite-utils `Migrations`),
applied on open, each in its own transaction; applying them twice is a no-op."""

from __future__ import annotations

import sqlite_utils
from sqlite_utils.migrations import Migrations

migrations = Migrations("versus")


# --- migrations: append only; never edit one that has shipped ---------------------------------------


@migrations()
def m001_feeds_items_snippets(db: sqlite_utils.Database) -> None:
    db["feeds"].create(
        {
            "id": int,
            "url": str,
            "name": str,
            "etag": str,
            "last_modified": str,
            "last_checked": str,
            "next_check": str,
            "error_count": int,
            "last_error": str,
            "last_status": int,
            "disabled": int,
            "created": str,
        },
        pk="id",
        not_null={"url", "created"},
        defaults={"error_count": 0, "disabled": 0},
    )
    db["feeds"].create_index(["url"], unique=True)
    db["snippets"].create(
        {
            "id": int,
            "text": str,
            "title": str,
            "link": str,
            "feed_id": int,
            "published": str,
            "story_key": str,  # normalized title tokens, for cross-feed duplicate detection
            "status": str,  # pending | claimed | drafted | expired
            "claimed_by": str,
            "lease_until": str,
            "attempts": int,
            "created": str,
        },
        pk="id",
        not_null={"text", "status", "created"},
        defaults={"status": "pending", "attempts": 0},
    )
    db["snippets"].create_index(["status", "published"])
    db["items"].create(
        {
            "id": int,
            "feed_id": int,
            "guid": str,  # the entry's id, or its link when it has none
            "link": str,
            "title": str,
            "summary": str,
            "published": str,
            "fetched": str,
            "snippet_id": int,
        },
        pk="id",
        not_null={"feed_id", "guid", "fetched"},
        foreign_keys=[("feed_id", "feeds", "id"), ("snippet_id", "snippets", "id")],
    )
    db["items"].create_index(["feed_id", "guid"], unique=True)


@migrations()
def m002_drafts_reviews(db: sqlite_utils.Database) -> None:
    db["drafts"].create(
        {
            "id": int,
            "snippet_id": int,
            "caption": str,
            "candidates": str,  # JSON list of {"caption", "scores", "flags"}
            "scores": str,  # JSON object
            "flags": str,  # JSON list
            "model_version": str,
            "params": str,  # JSON generation parameters
            "status": str,  # pending | approved | rejected | expired
            "created": str,
            "updated": str,
        },
        pk="id",
        not_null={"snippet_id", "caption", "status", "created"},
        defaults={"status": "pending"},
        foreign_keys=[("snippet_id", "snippets", "id")],
    )
    # One draft per snippet: a crashed-and-retried worker can never add a second one.
    db["drafts"].create_index(["snippet_id"], unique=True)
    db["drafts"].create_index(["status"])
    db["decisions"].create(
        {
            "id": int,
            "draft_id": int,
            "action": str,  # approve | edit | reject
            "original_text": str,
            "final_text": str,
            "reason": str,
            "reviewer": str,
            "decided": str,
        },
        pk="id",
        not_null={"draft_id", "action", "decided"},
        foreign_keys=[("draft_id", "drafts", "id")],
    )


@migrations()
def m003_models_jobs(db: sqlite_utils.Database) -> None:
    db["model_versions"].create(
        {
            "version": str,  # "v1", "v2", ...
            "base_model": str,
            "adapter_path": str,
            "merged_path": str,
            "dataset_hash": str,
            "dataset_size": int,
            "params": str,  # JSON training parameters
            "metrics": str,  # JSON evaluation metrics
            "status": str,  # active | inactive | failed
            "note": str,
            "created": str,
            "promoted": str,
        },
        pk="version",
        not_null={"base_model", "status", "created"},
    )
    db["job_runs"].create(
        {
            "id": int,
            "job": str,
            "started": str,
            "finished": str,
            "outcome": str,  # running | ok | failed | timeout | interrupted
            "counts": str,  # JSON
            "error": str,
        },
        pk="id",
        not_null={"job", "started", "outcome"},
    )


@migrations()
def m004_decision_undo(db: sqlite_utils.Database) -> None:
    # An undone decision is kept (with when it was undone) rather than deleted: the audit trail stays.
    db["decisions"].add_column("undone", str)
    db["decisions"].create_index(["draft_id"])


@migrations()
def m005_snippet_injection(db: sqlite_utils.Database) -> None:
    # The instructions to an AI model that the condenser left out of the snippet: the editor is told.
    db["snippets"].add_column("injection", str)


@migrations()
def m006_decision_flags(db: sqlite_utils.Database) -> None:
    # The guards' verdict on the text as approved (an edit is rescored): training and audit see it.
    db["decisions"].add_column("flags", str)  # JSON list
    db["decisions"].add_column("scores", str)  # JSON object


@migrations()
def m007_feed_interval_and_label(db: sqlite_utils.Database) -> None:
    # Per feed: how often to poll it (None: [ingest] interval_minutes) and a label to group it by.
    db["feeds"].add_column("interval_minutes", float)
    db["feeds"].add_column("label", str)
