"""The daemon's job runs, and the one-read summary `versus status` shows."""

from __future__ import annotations

from typing import Any, Iterable

from store.base import Database, dumps, iso, now


class RunStore(Database):
    def start_job(self, job: str) -> int:
        with self._write():
            return self.db["job_runs"].insert(
                {"job": job, "started": iso(now()), "outcome": "running"}
            ).last_pk

    def finish_job(
        self, run_id: int, outcome: str, counts: dict | None = None, error: str | None = None
    ) -> None:
        """Close a job run: outcome is ok | skipped | failed | timeout | interrupted."""
        with self._write():
            self.db["job_runs"].update(
                run_id,
                {
                    "finished": iso(now()),
                    "outcome": outcome,
                    "counts": dumps(counts) if counts is not None else None,
                    "error": error,
                },
            )

    def interrupt_running_jobs(self) -> int:
        """Close runs left 'running' by a daemon that died without finishing them (only the daemon,
        which holds the home's lock, records job runs)."""
        with self._write():
            cursor = self.db.execute(
                "update job_runs set outcome = 'interrupted', finished = ?,"
                " error = coalesce(error, 'daemon stopped before the job finished')"
                " where outcome = 'running'",
                [iso(now())],
            )
        return cursor.rowcount

    def job_runs(
        self, limit: int = 20, job: str | None = None, outcomes: Iterable[str] = ()
    ) -> list[dict]:
        """Newest job runs first, counts decoded; optionally one job's, or only some outcomes."""
        sql = "select * from job_runs where 1 = 1"
        params: list[Any] = []
        if job:
            sql += " and job = ?"
            params.append(job)
        outcomes = list(outcomes)
        if outcomes:
            sql += f" and outcome in ({','.join('?' * len(outcomes))})"
            params.extend(outcomes)
        return self._rows(sql + " order by id desc limit ?", [*params, limit], json_columns={"counts": None})

    def last_job_runs(self) -> list[dict]:
        """The newest run of each job, by job name."""
        return self._rows(
            "select * from job_runs where id in (select max(id) from job_runs group by job) order by job",
            json_columns={"counts": None},
        )

    def status_summary(self) -> dict:
        """Everything `versus status` shows, in one read."""
        return {
            "feeds": self.feeds(),
            "snippets": self.count_by_status("snippets"),
            "drafts": self.count_by_status("drafts"),
            "model": self.active_model_version(),
            "jobs": self.last_job_runs(),
            "recent_errors": self.job_runs(limit=5, outcomes=("failed", "timeout", "interrupted")),
        }
