"""One open SQLite database: WAL, busy timeout, migrations on open, write transactions, row helpers.

Opened with WAL and a busy timeout so a daemon, a reviewer and a generate worker can share one file.
Timestamps are UTC ISO-8601 strings ("2026-11-25T16:00:00Z") so they sort and compare as text.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import sqlite3
import time
from pathlib import Path
from typing import Any, Iterable, Iterator

import sqlite_utils

from store.schema import migrations

BUSY_TIMEOUT_MS = 30_000


def now() -> dt.datetime:
    return dt.datetime.now(dt.timezone.utc)


def iso(when: dt.datetime) -> str:
    return when.astimezone(dt.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def parse_iso(text: str) -> dt.datetime:
    return dt.datetime.strptime(text, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=dt.timezone.utc)


def dumps(value: Any) -> str:
    """JSON for a TEXT column."""
    return json.dumps(value, ensure_ascii=False, sort_keys=True)


def as_int(ref: str | int) -> int | None:
    try:
        return int(ref)
    except (TypeError, ValueError):
        return None


class Database:
    """One open database. Cheap to create; not shared between threads or processes."""

    def __init__(self, path: Path | str):
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        conn = sqlite3.connect(str(self.path), timeout=BUSY_TIMEOUT_MS / 1000)
        self.db = sqlite_utils.Database(conn)
        self.db.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        self._enable_wal()
        # In WAL mode NORMAL is still crash-safe (no corruption; a power cut may drop the last commits)
        # and skips an fsync per commit, which otherwise dominates one-transaction-per-feed ingest.
        self.db.execute("PRAGMA synchronous = NORMAL")
        self.db.execute("PRAGMA foreign_keys = ON")
        self._migrate()

    def _enable_wal(self) -> None:
        """Switch to WAL. On a brand-new file another process may be switching it at the same moment,
        and SQLite answers "database is locked" at once, without waiting on busy_timeout: retry."""
        deadline = time.monotonic() + BUSY_TIMEOUT_MS / 1000
        while True:
            try:
                self.db.execute("PRAGMA journal_mode = WAL")
                return
            except sqlite3.OperationalError as e:
                if "locked" not in str(e) or time.monotonic() > deadline:
                    raise
                time.sleep(0.05)

    def _migrate(self) -> None:
        """Apply the pending migrations, each in its own write transaction: one that fails rolls back
        only itself, and the ones before it stay applied and recorded."""
        while True:
            with self._write():
                # Checked under the write lock: another process opening the same database may have
                # applied it a moment ago, and must not run it twice.
                pending = migrations.pending(self.db)
                if not pending:
                    return
                migrations.apply(self.db, stop_before=[m.name for m in pending[1:]])  # the first only

    @classmethod
    def read_only(cls, path: Path | str) -> "Database":
        """An existing database as it is, for inspection: no migrations applied, nothing created, and
        any write fails. Queries on a schema it lacks raise sqlite3 errors."""
        store = cls.__new__(cls)
        store.path = Path(path)
        store.db = sqlite_utils.Database(connect_read_only(store.path))
        return store

    def close(self) -> None:
        self.db.close()

    def __enter__(self) -> "Database":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    @contextlib.contextmanager
    def _write(self) -> Iterator[sqlite_utils.Database]:
        """A write transaction that takes the write lock up front (BEGIN IMMEDIATE), so two writers
        queue on busy_timeout instead of deadlocking on a read-to-write upgrade."""
        if self.db.conn.in_transaction:
            with self.db.atomic():
                yield self.db
            return
        self.db.execute("BEGIN IMMEDIATE")
        try:
            yield self.db
        except BaseException:
            self.db.conn.rollback()
            raise
        else:
            self.db.execute("COMMIT")

    def _rows(self, sql: str, params: Iterable[Any] = (), json_columns: dict[str, Any] | None = None) -> list[dict]:
        """Rows as dicts; each column named in `json_columns` decoded from JSON, or its default when empty."""
        cursor = self.db.execute(sql, list(params))
        names = [c[0] for c in cursor.description]
        rows = [dict(zip(names, row)) for row in cursor.fetchall()]
        for row in rows:
            for column, default in (json_columns or {}).items():
                row[column] = json.loads(row[column]) if row[column] else default
        return rows

    def applied_migrations(self) -> list[str]:
        return [m.name for m in migrations.applied(self.db)]

    def pending_migrations(self) -> list[str]:
        return [m.name for m in migrations.pending(self.db)]


def schema_state(path: Path) -> dict[str, list[str]]:
    """A database file's migrations, read without applying any (opening a Store applies them):
    {"pending": ours not yet applied, "unknown": applied ones this code does not know (a newer
    versus-captions migrated it)}."""
    conn = connect_read_only(Path(path))
    try:
        db = sqlite_utils.Database(conn)
        ours = [m.name for m in migrations.pending(sqlite_utils.Database(memory=True))]
        applied = [m.name for m in migrations.applied(db)]
        return {"pending": [name for name in ours if name not in applied],
                "unknown": [name for name in applied if name not in ours]}
    finally:
        conn.close()


def connect_read_only(path: Path) -> sqlite3.Connection:
    return sqlite3.connect(f"file:{path.resolve()}?mode=ro", uri=True, timeout=BUSY_TIMEOUT_MS / 1000)
