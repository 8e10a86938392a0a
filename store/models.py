"""The model registry's rows: versions, exactly one active."""

from __future__ import annotations

from typing import Any

from store.base import Database, dumps, iso, now


class ModelStore(Database):
    def model_versions(self) -> list[dict]:
        return self._rows("select * from model_versions order by cast(substr(version, 2) as integer)",
                          json_columns={"params": {}, "metrics": {}})

    def model_version(self, version: str) -> dict | None:
        return next((v for v in self.model_versions() if v["version"] == version), None)

    def active_model_version(self) -> dict | None:
        return next((v for v in self.model_versions() if v["status"] == "active"), None)

    def newest_model_version(self) -> dict | None:
        """The last version registered, promoted or not."""
        # Created to the second: a tie goes to the later-numbered version.
        return max(self.model_versions(), key=lambda v: (v["created"], int(v["version"][1:])), default=None)

    def add_model_version(self, record: dict, activate: bool = False, only_if_none: bool = False) -> str | None:
        """Register a version under the next free name (v1, v2, ...); activate it in the same
        transaction when asked, so there is never a moment with zero or two active versions.
        `only_if_none`: register it only if no version exists yet (checked under the same write lock,
        so processes racing to register the first version register one); None when one did."""
        with self._write():
            if only_if_none and self.db.execute("select 1 from model_versions limit 1").fetchone():
                return None
            last = self.db.execute(
                "select max(cast(substr(version, 2) as integer)) from model_versions"
            ).fetchone()[0]
            version = f"v{(last or 0) + 1}"
            row = dict(record, version=version, status="inactive", created=iso(now()))
            for key in ("params", "metrics"):
                row[key] = dumps(row.get(key) or {})
            self.db["model_versions"].insert(row)
            if activate:
                self._activate(version)
        return version

    def update_model_version(self, version: str, **fields: Any) -> None:
        for key in ("params", "metrics"):
            if key in fields:
                fields[key] = dumps(fields[key])
        with self._write():
            self.db["model_versions"].update(version, fields)

    def activate_model_version(self, version: str) -> None:
        with self._write():
            self._activate(version)

    def _activate(self, version: str) -> None:
        self.db.execute("update model_versions set status = 'inactive' where status = 'active'")
        self.db.execute(
            "update model_versions set status = 'active', promoted = ? where version = ?",
            [iso(now()), version],
        )
