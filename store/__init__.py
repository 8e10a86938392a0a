"""The SQLite store: schema, migrations and every query, split by domain. The only package that
writes SQL; it imports nothing else of ours.

    with Store(home / "versus.db") as store: ...
"""

from store.base import BUSY_TIMEOUT_MS, Database, dumps, iso, now, parse_iso, schema_state
from store.feeds import FeedStore
from store.models import ModelStore
from store.queue import QueueStore
from store.review import ReviewStore
from store.runs import RunStore
from store.schema import migrations


class Store(FeedStore, QueueStore, ReviewStore, ModelStore, RunStore, Database):
    """One open database with every domain's queries."""


__all__ = ["BUSY_TIMEOUT_MS", "Store", "dumps", "iso", "migrations", "now", "parse_iso", "schema_state"]
