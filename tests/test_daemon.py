"""The daemon: the single-instance lock, job runs under deadlines, and a real daemon process on a tmp
home polling a loopback feed, drafting with the real embedded model, stopped by SIGTERM."""

from __future__ import annotations

import email.utils
import os
import queue
import re
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

import config
import scheduler
from feedserver import FeedServer, Reply
from store import Store, now

ROOT = Path(__file__).resolve().parent.parent
GRACE = 10  # daemon.shutdown_grace_seconds in the process tests
LOG_LINE = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ (DEBUG|INFO|WARNING|ERROR|CRITICAL) [\w.]+: .+$")


# --- the lock ------------------------------------------------------------------------------------------


def test_one_lock_per_home(tmp_path):
    fd = scheduler.acquire_lock(tmp_path)
    try:
        assert (tmp_path / "daemon.lock").read_text() == f"{os.getpid()}\n"
        with pytest.raises(scheduler.DaemonAlreadyRunning) as refused:
            scheduler.acquire_lock(tmp_path)
        assert str(refused.value) == f"another daemon is already running on {tmp_path} (pid {os.getpid()})"
        assert scheduler.running_daemon_pid(tmp_path) == os.getpid()
    finally:
        scheduler.release_lock(fd)
    assert scheduler.running_daemon_pid(tmp_path) is None
    scheduler.release_lock(scheduler.acquire_lock(tmp_path))  # free again


# --- job runs: outcomes, deadlines, stops (isolated: the work is a stand-in function) ----------------


@pytest.fixture
def daemon(tmp_path):
    settings = config.Settings()
    settings.daemon.job_timeout_minutes = 0.5 / 60  # half a second
    return scheduler.Daemon(tmp_path, settings)


def runs(daemon) -> list[tuple]:
    with Store(daemon.db_path) as store:
        return [(r["job"], r["outcome"], r["counts"], r["error"]) for r in reversed(store.job_runs())]


def test_job_outcomes_are_recorded(daemon):
    assert daemon.run_job("ingest", lambda store, cp: {"new_snippets": 2}) == ("ok", {"new_snippets": 2})

    def broken(store, cp):
        raise RuntimeError("feed parser exploded\nsecond line")

    assert daemon.run_job("generate", broken)[0] == "failed"

    def nothing_to_do(store, cp):
        raise scheduler.Skipped("3 new approved captions since the newest model version; 20 needed")

    assert daemon.run_job("retrain", nothing_to_do)[0] == "skipped"
    assert runs(daemon) == [
        ("ingest", "ok", {"new_snippets": 2}, None),
        ("generate", "failed", None, "RuntimeError: feed parser exploded"),
        ("retrain", "skipped", {"reason": "3 new approved captions since the newest model version; 20 needed"}, None),
    ]


def test_work_past_its_deadline_stops_at_a_checkpoint(daemon):
    def batches(store, checkpoint):
        done = 0
        while True:  # would run forever without the checkpoint
            time.sleep(0.05)
            done += 1
            checkpoint(done)

    outcome, counts = daemon.run_job("generate", batches)
    assert outcome == "timeout" and counts["done"] >= 1
    assert runs(daemon)[0][:2] == ("generate", "timeout")


def test_hung_work_is_abandoned_and_its_claims_released(daemon, monkeypatch):
    from generate.queue import worker_id

    monkeypatch.setattr(scheduler, "ABANDON_SLACK_SECONDS", 0.5)
    with Store(daemon.db_path) as store:
        feed = store.add_feed("https://feeds.example/x")
        store.add_items(feed["id"], [{"guid": f"g{n}", "snippet": {"text": f"Story {n}."}} for n in range(3)])
    hang = threading.Event()

    def hung(store, checkpoint):  # claims like a generation worker, then never returns
        store.claim_snippets(worker_id(), 2, lease_minutes=60)
        hang.wait(30)

    outcome, counts = daemon.run_job("generate", hung)
    assert (outcome, counts["released_claims"]) == ("timeout", 2)
    assert runs(daemon)[0][1] == "timeout"
    assert "abandoned" in runs(daemon)[0][3]
    with Store(daemon.db_path) as store:
        assert store.count_by_status("snippets") == {"pending": 3}
    # While the hung worker lives no other job starts: they would fight over the same model.
    assert daemon.run_job("ingest", lambda store, cp: {})[0] == "skipped"
    hang.set()
    daemon.worker.join(5)
    assert daemon.run_job("ingest", lambda store, cp: {})[0] == "ok"


def test_a_stop_interrupts_work_at_its_next_checkpoint(daemon):
    daemon.settings.daemon.job_timeout_minutes = 5

    def batches(store, checkpoint):
        for done in range(1, 1000):
            time.sleep(0.05)
            if done == 3:
                daemon.request_stop("SIGTERM")
            checkpoint(done)

    assert daemon.run_job("generate", batches) == ("interrupted", {"done": 3})
    assert daemon.run_job("ingest", lambda store, cp: {}) == ("interrupted", None)  # nothing new starts
    assert [r[:2] for r in runs(daemon)] == [("generate", "interrupted")]


def test_retrain_waits_for_enough_new_approvals(daemon):
    daemon.settings.daemon.job_timeout_minutes = 5
    assert daemon.retrain_if_due() == "skipped"
    assert runs(daemon)[0][2]["reason"].startswith("only 0 new approved caption(s) since the start; retraining needs 20")


def test_approvals_a_turned_down_version_was_trained_on_do_not_retrain_again(daemon):
    from draftqueue import Draft, add_drafts

    daemon.settings.daemon.job_timeout_minutes = 5
    daemon.settings.train.min_approved = 2
    with Store(daemon.db_path) as store:
        store.add_model_version({"base_model": "embedded"}, activate=True)
        for draft in add_drafts(store, [Draft("Arsenal beat Chelsea 3-1.", "GUNNERS 3-1"),
                                        Draft("Lakers beat Celtics 120-110.", "LAKERS 120-110")]):
            store.decide(draft, "approve")
        turned_down = store.add_model_version({"base_model": "embedded"})  # trained on those two, not promoted
    assert daemon.retrain_if_due() == "skipped"
    assert runs(daemon)[0][2]["reason"].startswith(
        f"only 0 new approved caption(s) since {turned_down}, the newest model version; retraining needs 2")


# --- a real daemon process --------------------------------------------------------------------------


def rss(items: list[tuple[str, str]]) -> bytes:
    published = email.utils.format_datetime(now())
    entries = "".join(
        f"<item><title>{title}</title><link>https://news.example/{n}</link><guid>story-{n}</guid>"
        f"<pubDate>{published}</pubDate><description>{text}</description></item>"
        for n, (title, text) in enumerate(items)
    )
    return (f'<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>Loopback Sports</title>'
            f"<link>https://news.example</link><description>test</description>{entries}</channel></rss>").encode()


STORIES = [
    ("Arsenal beat Chelsea 3-1", "Arsenal beat Chelsea 3-1 at the Emirates on Sunday with two goals from Saka."),
    ("LeBron James scores 40", "LeBron James scored 40 points as the Lakers beat the Celtics 120-110 in Boston."),
    ("Serena Williams returns", "Serena Williams announced a return to tennis at the age of 44 in Miami."),
]


@pytest.fixture
def home(tmp_path, embedded_base):
    server = FeedServer().start()
    home = tmp_path / "home"
    home.mkdir()
    lines = [
        "[ingest]", "interval_minutes = 60",  # one cycle per test
        "[generation]", "n = 1", "max_new_tokens = 12", "batch_size = 1", 'backend = "transformers"',
        "[daemon]", f"shutdown_grace_seconds = {GRACE}", "job_timeout_minutes = 5",
        "[model]", f'base = "{embedded_base}"',  # materialized once for the whole test run
    ]
    (home / config.CONFIG_FILE).write_text("\n".join(lines) + "\n")
    with Store(home / config.DB_FILE) as store:
        store.add_feed(server.route("/sports.xml", Reply(body=rss(STORIES))), "Loopback Sports")
    yield home
    server.stop()


class DaemonProcess:
    """`python cli.py --home HOME daemon ...` with its stderr read line by line as it comes."""

    def __init__(self, home: Path, *args: str):
        env = dict(os.environ, HF_HUB_OFFLINE="1", TRANSFORMERS_OFFLINE="1")
        self.proc = subprocess.Popen(
            [sys.executable, "cli.py", "--home", str(home), "daemon", *args],
            cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        )
        self.lines: list[str] = []
        self._queue: queue.Queue = queue.Queue()
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        for line in self.proc.stderr:
            self._queue.put(line.rstrip("\n"))
        self._queue.put(None)

    def wait_for(self, pattern: str, timeout: float = 300) -> str:
        """The first (new) log line matching `pattern`; fails on timeout or exit."""
        end = time.monotonic() + timeout
        while time.monotonic() < end:
            try:
                line = self._queue.get(timeout=1)
            except queue.Empty:
                continue
            if line is None:
                pytest.fail(f"daemon exited before logging {pattern!r}:\n" + "\n".join(self.lines))
            self.lines.append(line)
            if re.search(pattern, line):
                return line
        pytest.fail(f"no log line matching {pattern!r} in {timeout}s:\n" + "\n".join(self.lines))

    def finish(self, timeout: float) -> int:
        code = self.proc.wait(timeout=timeout)
        while (line := self._queue.get(timeout=5)) is not None:
            self.lines.append(line)
        return code


def check_queue_consistent(home: Path) -> dict:
    """No half-written state: nothing left claimed or running, one draft per drafted snippet."""
    with Store(home / config.DB_FILE) as store:
        snippets = store.snippets()
        drafts = store.drafts()
        assert not [s for s in snippets if s["status"] == "claimed"]
        drafted = {s["id"] for s in snippets if s["status"] == "drafted"}
        assert sorted(d["snippet_id"] for d in drafts) == sorted(drafted)
        assert all(d["caption"].strip() and d["status"] == "pending" for d in drafts)
        assert not store.job_runs(outcomes=["running"])
        return {"snippets": len(snippets), "drafted": len(drafted),
                "runs": [(r["job"], r["outcome"]) for r in reversed(store.job_runs())]}


def test_daemon_process_end_to_end(home):
    """A daemon on a loopback feed: a second one is refused; SIGTERM mid-generation stops it within the
    grace time with nothing half-written; `--once` then finishes the work and exits."""
    daemon = DaemonProcess(home, "--verbose")
    pid_line = daemon.wait_for(r"daemon: started \(pid \d+")
    assert f"(pid {daemon.proc.pid}," in pid_line

    second = subprocess.run(
        [sys.executable, "cli.py", "--home", str(home), "daemon"], cwd=ROOT, capture_output=True, text=True,
        timeout=120,
    )
    assert (second.returncode, second.stderr) == (
        1, f"Error: another daemon is already running on {home} (pid {daemon.proc.pid})\n"
    )

    daemon.wait_for(r" INFO ingest: ok in [\d.]+s .*new_snippets=3")
    daemon.wait_for(r"generate: progress 1 3")  # stop it after its first one-snippet batch
    signalled = time.monotonic()
    daemon.proc.send_signal(signal.SIGTERM)
    assert daemon.finish(timeout=GRACE + 30) == 0, "\n".join(daemon.lines)
    assert time.monotonic() - signalled < GRACE, "\n".join(daemon.lines)
    assert any(re.search(r" INFO daemon: SIGTERM: finishing the current step", line) for line in daemon.lines)
    assert any(line.endswith(" INFO daemon: stopped") for line in daemon.lines)
    state = check_queue_consistent(home)
    assert state["snippets"] == 3
    assert scheduler.running_daemon_pid(home) is None
    assert 1 <= state["drafted"] < 3  # the batch in flight finished; no new one started
    assert state["runs"] == [("ingest", "ok"), ("generate", "interrupted")]

    # One more cycle picks up exactly what the stop left: nothing lost, nothing drafted twice.
    once = DaemonProcess(home, "--once")
    assert once.finish(timeout=600) == 0, "\n".join(once.lines)
    assert once.proc.stdout.read() == ""
    assert once.lines and all(LOG_LINE.match(line) for line in once.lines), "\n".join(once.lines)
    assert any(re.search(r" INFO ingest: ok in [\d.]+s .*new_snippets=0", line) for line in once.lines)
    state = check_queue_consistent(home)
    assert state["drafted"] == 3
    assert state["runs"][2:] == [("ingest", "ok"), ("generate", "ok")]


# --- the command, in-process ---------------------------------------------------------------------------


@pytest.fixture
def daemon_cli(tmp_path):
    """Run `versus daemon` in-process; afterwards drop the log handler it attached to CliRunner's stderr."""
    import logging

    from click.testing import CliRunner

    from cli import cli

    def invoke(home, *args):
        return CliRunner().invoke(cli, ["--home", str(home), "daemon", *args])

    yield invoke
    root = logging.getLogger()
    for handler in [h for h in root.handlers if h.get_name() == "versus-daemon"]:
        root.removeHandler(handler)


def test_once_with_nothing_to_fetch_expires_stale_drafts(tmp_path, daemon_cli):
    from draftqueue import Draft, add_drafts

    home = tmp_path / "home"
    with Store(home / config.DB_FILE) as store:
        stale, fresh = add_drafts(store, [Draft("Old story.", "OLD", hours_old=100), Draft("New story.", "NEW")])
        store.set_feed_disabled("https://feeds.example/sports", True)  # nothing to poll
    result = daemon_cli(home, "--once")
    assert result.exit_code == 0, result.output
    assert re.search(r"Z INFO ingest: ok in [\d.]+s feeds=0 ", result.stderr)
    assert "Z INFO review: expired 1 pending drafts about stale news\n" in result.stderr
    assert "Z INFO generate: nothing to do: no snippet is waiting\n" in result.stderr
    with Store(home / config.DB_FILE) as store:
        assert {d["id"]: d["status"] for d in store.drafts()} == {stale: "expired", fresh: "pending"}
        assert [(r["job"], r["outcome"]) for r in store.job_runs()] == [("ingest", "ok")]
    assert (home / "daemon.lock").read_text() == ""  # released, and its pid cleared


def test_bad_retrain_cron_is_refused_before_starting(tmp_path, daemon_cli):
    home = tmp_path / "home"
    home.mkdir()
    (home / config.CONFIG_FILE).write_text('[daemon]\nretrain_cron = "every day"\n')
    result = daemon_cli(home)
    assert (result.exit_code, result.output) == (
        1, f"Error: {home / config.CONFIG_FILE}: daemon.retrain_cron must be a crontab line such as \"0 4 * * *\","
           " or empty, got 'every day'\n"
    )
    assert not (home / "daemon.lock").exists()
