"""The daemon: poll feeds on an interval, draft captions after each poll that left work, and retrain
on a cron schedule once enough new approvals exist.

    versus daemon            # run until SIGTERM / Ctrl-C
    versus daemon --once     # one ingest → generate cycle, then exit (for cron or a quick check)

What keeps it safe to leave running:
- One daemon per home: an OS lock (flock) on HOME/daemon.lock, which holds the daemon's pid. The OS
  drops the lock when the process dies, however it dies, so a stale file never blocks a restart.
- Jobs run one at a time (a one-thread executor): generation and training share the CPU/GPU.
- Every job has its own deadline (daemon.job_timeout_minutes). APScheduler cannot kill a thread, so
  the work runs in a worker thread and is handed a checkpoint as its progress callback: at each
  checkpoint (between batches, between feeds) it stops once the deadline has passed or a stop was
  asked for. Work that hangs past its deadline anyway is abandoned, its claims released, and the run
  recorded as 'timeout'.
- SIGTERM/SIGINT: no new job starts; the running one stops at its next checkpoint, or is abandoned
  shortly before daemon.shutdown_grace_seconds run out (claims released; leases would return them to
  the queue anyway), and the process exits within the grace time. A second signal stops at once.
- Every job run is a row in job_runs: start, end, outcome, counts, error.

The retrain cron is a standard 5-field crontab line in UTC, except that APScheduler 3 numbers
weekdays from Monday = 0: write weekday names (mon-fri) rather than numbers.
"""

from __future__ import annotations

import datetime as dt
import fcntl
import logging
import os
import signal
import sys
import threading
import time
from pathlib import Path
from typing import Callable

import config
from store import Store

LOCK_FILE = "daemon.lock"
# How long past its deadline work may go on before it is abandoned: time for it to reach a checkpoint.
ABANDON_SLACK_SECONDS = 5.0
log = logging.getLogger("daemon")


class DaemonAlreadyRunning(RuntimeError):
    """Another daemon holds this home's lock; the message is one line for the user."""


class Stopped(BaseException):
    """Raised at a checkpoint to stop a job's work. A BaseException, so that the work's own
    `except Exception` (a per-feed error handler, say) cannot swallow it; `finally` blocks still run."""


class Skipped(Exception):
    """A job that found nothing worth doing (a retrain without enough new approvals)."""


# --- the single-instance lock ------------------------------------------------------------------------


def acquire_lock(home: Path) -> int:
    """Take HOME/daemon.lock for this process and write our pid into it. Returns the open fd, which
    must stay open for as long as the daemon runs."""
    home.mkdir(parents=True, exist_ok=True)
    fd = os.open(home / LOCK_FILE, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        pid = os.pread(fd, 32, 0).decode(errors="replace").strip()
        os.close(fd)
        raise DaemonAlreadyRunning(
            f"another daemon is already running on {home} (pid {pid or 'unknown'})"
        ) from None
    os.ftruncate(fd, 0)
    os.pwrite(fd, f"{os.getpid()}\n".encode(), 0)
    return fd


def release_lock(fd: int) -> None:
    os.ftruncate(fd, 0)  # an empty pid says "stopped cleanly"
    os.close(fd)  # closing drops the flock


def running_daemon_pid(home: Path) -> int | None:
    """The pid of the daemon running on this home, or None. Probes the lock with a shared lock, so
    the answer is the OS's, not a possibly stale pid file's."""
    path = home / LOCK_FILE
    if not path.exists():
        return None
    fd = os.open(path, os.O_RDONLY)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_SH | fcntl.LOCK_NB)
        except BlockingIOError:
            text = os.pread(fd, 32, 0).decode(errors="replace").strip()
            return int(text) if text.isdigit() else -1
        fcntl.flock(fd, fcntl.LOCK_UN)
        return None
    finally:
        os.close(fd)


# --- logging: plain lines on stderr, one event each ----------------------------------------------------


def setup_logging(verbose: bool = False) -> None:
    """`2026-11-25T16:00:00Z INFO ingest: ...` on stderr; --verbose adds debug and library logs."""
    formatter = logging.Formatter(
        "%(asctime)s %(levelname)s %(name)s: %(message)s", "%Y-%m-%dT%H:%M:%SZ"
    )
    formatter.converter = time.gmtime
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(formatter)
    handler.set_name("versus-daemon")
    root = logging.getLogger()
    for old in [h for h in root.handlers if h.get_name() == "versus-daemon"]:  # set up twice in-process
        root.removeHandler(old)
    root.addHandler(handler)
    logging.captureWarnings(True)  # library warnings become log lines too, not raw stderr text
    root.setLevel(logging.DEBUG if verbose else logging.INFO)
    # Progress bars (model loading) redraw one line with \r: noise in a log. Read at transformers'
    # import, which comes later, in the first generation job.
    os.environ.setdefault("HF_HUB_DISABLE_PROGRESS_BARS", "1")
    if not verbose:  # per-request and per-job chatter from libraries
        for noisy in ("apscheduler", "httpx", "httpcore", "transformers", "urllib3", "filelock"):
            logging.getLogger(noisy).setLevel(logging.WARNING)


def _counts_text(counts: dict | None) -> str:
    """`key=value ...`; a list or dict shows as its length."""
    return " ".join(
        f"{k}={len(v) if isinstance(v, (list, dict)) else v}" for k, v in (counts or {}).items()
    )


# --- the daemon ----------------------------------------------------------------------------------------


class Checkpoint:
    """How a job's work learns it must stop: once the job's deadline has passed or the daemon is
    stopping. As a progress callback it raises Stopped; `should_stop()` just answers, for work that
    checks between batches itself. Remembers the last progress value reported (work done so far)."""

    def __init__(self, daemon: "Daemon", deadline: float, job: str):
        self.daemon = daemon
        self.deadline = deadline
        self.log = logging.getLogger(job)
        self.reason: str | None = None
        self.done = None

    def __call__(self, *progress, **_ignored) -> None:
        self.record(*progress)
        self.check()

    def record(self, *progress, **_ignored) -> None:
        if progress:
            self.done = progress[0]
            self.log.debug("progress %s", " ".join(str(p) for p in progress))

    def should_stop(self) -> bool:
        if self.daemon.stopping.is_set():
            self.reason = "interrupted"
        elif time.monotonic() > self.deadline:
            self.reason = "timeout"
        return self.reason is not None

    def check(self) -> None:
        if self.should_stop():
            raise Stopped(self.reason)


class Daemon:
    def __init__(self, home: Path, settings: config.Settings):
        self.home = home
        self.settings = settings
        self.db_path = home / config.DB_FILE
        self.stopping = threading.Event()
        self.hard_deadline: float | None = None  # monotonic time by which all work must be over
        self.job_lock = threading.Lock()  # held while a cycle or retrain runs
        self.worker: threading.Thread | None = None  # the current (or a hung) job's work
        self.scheduler = None
        self.scheduler_finished = threading.Event()

    # --- stopping --------------------------------------------------------------------------------------

    def request_stop(self, reason: str = "stop requested") -> None:
        grace = self.settings.daemon.shutdown_grace_seconds
        if self.stopping.is_set():
            log.warning("%s again: stopping now", reason)
            self.hard_deadline = time.monotonic()
        else:
            log.info("%s: finishing the current step (at most %gs)", reason, grace)
            # Keep a little of the grace for releasing claims and recording the run.
            self.hard_deadline = time.monotonic() + grace - min(2.0, grace * 0.25)
            self.stopping.set()
        threading.Thread(target=self._stop_scheduler, name="stop-scheduler", daemon=True).start()

    def _stop_scheduler(self) -> None:
        """Shut the scheduler down from a thread of its own (never inside a signal handler, which may
        have interrupted the scheduler while it held its locks)."""
        from apscheduler.schedulers import SchedulerNotRunningError

        while self.scheduler is not None and not self.scheduler_finished.is_set():
            try:
                self.scheduler.shutdown(wait=False)
                return
            except SchedulerNotRunningError:  # a signal just before start(): try again shortly
                time.sleep(0.05)

    def wind_down(self) -> bool:
        """Wait (until the hard deadline) for the running job to end. True when no work is left
        running; False when a hung worker thread remains and the process must be ended hard."""
        if self.hard_deadline is None:
            self.hard_deadline = time.monotonic() + self.settings.daemon.shutdown_grace_seconds
        if self.job_lock.acquire(timeout=max(0.0, self.hard_deadline - time.monotonic()) + 1.0):
            self.job_lock.release()
        return self.worker is None or not self.worker.is_alive()

    # --- running one job -------------------------------------------------------------------------------

    def run_job(self, job: str, work: Callable[[Store, Checkpoint], dict]) -> tuple[str, dict | None]:
        """Run `work(store, checkpoint)` in a worker thread under the job timeout and record the run in
        job_runs. Returns (outcome, counts)."""
        jlog = logging.getLogger(job)
        if self.stopping.is_set():
            return "interrupted", None
        if self.worker is not None and self.worker.is_alive():
            jlog.warning("skipped: an earlier job is still running past its timeout")
            return "skipped", None
        timeout = self.settings.daemon.job_timeout_minutes * 60
        deadline = time.monotonic() + timeout
        abandon_at = deadline + max(ABANDON_SLACK_SECONDS, 0.05 * timeout)
        checkpoint = Checkpoint(self, deadline, job)
        result: dict = {}

        def target() -> None:
            store = Store(self.db_path)  # sqlite connections belong to one thread
            try:
                result["counts"] = work(store, checkpoint)
            except BaseException as e:  # noqa: BLE001 — reported by the waiting thread
                result["error"] = e
            finally:
                store.close()

        with Store(self.db_path) as store:
            run_id = store.start_job(job)
            jlog.info("started")
            started = time.monotonic()
            self.worker = threading.Thread(target=target, name=f"job-{job}", daemon=True)
            self.worker.start()
            abandoned = None
            while self.worker.is_alive():
                self.worker.join(0.2)
                current = time.monotonic()
                if self.hard_deadline is not None and current >= self.hard_deadline:
                    abandoned = "interrupted"
                elif current >= abandon_at:
                    abandoned = "timeout"
                if abandoned and self.worker.is_alive():
                    break
                abandoned = None

            seconds = time.monotonic() - started
            error = result.get("error")
            counts = result.get("counts")
            if abandoned:
                released = self.release_claims(store)
                outcome, counts = abandoned, {"done": checkpoint.done, "released_claims": released}
                if abandoned == "interrupted":
                    message = "abandoned: still running when the shutdown grace ran out"
                else:
                    message = f"abandoned: still running past its {timeout:g}s timeout"
            elif isinstance(error, Stopped):
                outcome, message = checkpoint.reason or "interrupted", None
                counts = {"done": checkpoint.done}
            elif isinstance(error, Skipped):
                outcome, counts, message = "skipped", {"reason": str(error)}, None
            elif error is not None:
                outcome, counts = "failed", None
                message = f"{type(error).__name__}: {error}".splitlines()[0]
            else:  # finished, or stopped early of its own accord when should_stop() said so
                outcome, message = checkpoint.reason or "ok", None
            if not isinstance(counts, dict):
                counts = None
            store.finish_job(run_id, outcome, counts, message)
        level = logging.ERROR if outcome in ("failed", "timeout") else logging.INFO
        error = f" error: {message}" if message else ""
        jlog.log(level, "%s in %.1fs %s%s", outcome, seconds, _counts_text(counts), error)
        return outcome, counts

    def release_claims(self, store: Store) -> int:
        """Give back the snippets this process's generation holds (abandoned work). Generation names
        its workers "host:pid:random" (generate.queue.worker_id), so this process's claims share
        a prefix; only one generation runs at a time, so they are all the abandoned job's."""
        from generate.queue import worker_prefix

        return store.release_claims_by_prefix(worker_prefix())

    # --- the jobs -------------------------------------------------------------------------------------

    def cycle(self) -> list[str]:
        """Ingest, then generate if any snippet is waiting. Returns the outcomes."""
        with self.job_lock:
            outcomes = []
            outcome, _ = self.run_job("ingest", self._ingest)
            outcomes.append(outcome)
            self._expire_stale()
            with Store(self.db_path) as store:
                waiting = store.count_claimable()
            if waiting and not self.stopping.is_set():
                outcome, _ = self.run_job("generate", self._generate)
                outcomes.append(outcome)
            elif not waiting:
                logging.getLogger("generate").info("nothing to do: no snippet is waiting")
            return outcomes

    def retrain_if_due(self) -> str:
        with self.job_lock:
            outcome, _ = self.run_job("retrain", self._retrain)
            return outcome

    def _ingest(self, store: Store, checkpoint: Checkpoint) -> dict:
        from ingest.poll import poll

        checkpoint.check()
        counts = poll(store, self.settings, progress=checkpoint)
        if not store.feeds():
            logging.getLogger("ingest").info("no feeds yet: add one with `versus feeds add URL`")
        for failure in counts.pop("errors", []):  # one line per failing feed; counts keep the number
            logging.getLogger("ingest").warning(
                "feed %s (%s) failed: %s", failure["feed_id"], failure["url"], failure["error"]
            )
        return counts

    def _generate(self, store: Store, checkpoint: Checkpoint) -> dict:
        from generate.queue import generate_pending

        checkpoint.check()
        # Stops between batches: the batch in flight is written (or its claims handed back) first.
        return generate_pending(
            store,
            self.settings,
            self.home,
            progress=checkpoint.record,
            should_stop=checkpoint.should_stop,
        )

    def _retrain(self, store: Store, checkpoint: Checkpoint) -> dict:
        from retrain import RetrainRefused, check_enough_approvals, retrain

        try:
            check_enough_approvals(store, self.settings)
            checkpoint.check()
            # Training has no checkpoint hook: a stop or a timeout abandons it (the active version
            # stays as it was: a new one is only promoted once fully written and it passed the
            # held-out evaluation against the active one).
            return retrain(store, self.settings, self.home, show_progress=False)
        except RetrainRefused as e:
            raise Skipped(str(e)) from e

    def _expire_stale(self) -> None:
        from review import expire_stale

        with Store(self.db_path) as store:
            expired = expire_stale(store, self.settings)
        if expired:
            logging.getLogger("review").info("expired %d pending drafts about stale news", expired)

    # --- the schedule ---------------------------------------------------------------------------------

    def run_scheduler(self) -> None:
        """Block running the schedule until a stop is requested."""
        from apscheduler.executors.pool import ThreadPoolExecutor
        from apscheduler.schedulers.blocking import BlockingScheduler
        from apscheduler.triggers.interval import IntervalTrigger

        interval = self.settings.ingest.interval_minutes
        scheduler = BlockingScheduler(
            executors={"default": ThreadPoolExecutor(max_workers=1)},
            # A run that came due while another job held the one thread runs late rather than
            # never (misfire grace), and a backlog of missed runs collapses into one (coalesce).
            job_defaults={
                "coalesce": True,
                "max_instances": 1,
                "misfire_grace_time": int(max(60, interval * 60)),
            },
            timezone=dt.timezone.utc,
        )
        scheduler.add_job(
            self.cycle,
            IntervalTrigger(minutes=interval, timezone=dt.timezone.utc),
            id="cycle",
            name="ingest+generate",
            next_run_time=dt.datetime.now(dt.timezone.utc),
        )
        trigger = retrain_trigger(self.settings)
        if trigger is not None:
            # A retrain that came due while a long cycle held the one thread still runs, however late.
            scheduler.add_job(self.retrain_if_due, trigger, id="retrain", name="retrain",
                              misfire_grace_time=None)
            log.info("retrain on cron %r (UTC) once %d new approvals exist",
                     self.settings.daemon.retrain_cron, self.settings.train.min_approved)
        self.scheduler = scheduler
        try:
            if not self.stopping.is_set():
                scheduler.start()
        finally:
            self.scheduler_finished.set()


def retrain_trigger(settings: config.Settings):
    """The retrain schedule, or None when daemon.retrain_cron is empty. ValueError if it is not a
    crontab line."""
    from apscheduler.triggers.cron import CronTrigger

    cron = settings.daemon.retrain_cron.strip()
    if not cron:
        return None
    try:
        return CronTrigger.from_crontab(cron, timezone=dt.timezone.utc)
    except ValueError as e:
        raise ValueError(f"daemon.retrain_cron {cron!r} is not a crontab line: {e}") from e


def serve(home: Path, settings: config.Settings, once: bool = False) -> int:
    """Run the daemon (or one cycle) on `home`. Returns the exit code. Raises DaemonAlreadyRunning,
    or ValueError for a bad retrain_cron (checked before anything starts)."""
    retrain_trigger(settings)
    lock = acquire_lock(home)
    daemon = Daemon(home, settings)
    with Store(daemon.db_path) as store:
        stale = store.interrupt_running_jobs()
    if stale:
        log.warning("marked %d job runs left 'running' by an earlier daemon as interrupted", stale)

    def on_signal(signum, _frame):
        daemon.request_stop(signal.Signals(signum).name)

    # SIGHUP too: a closed terminal or a `kill -HUP` must not end the daemon holding claims, with its
    # job left "running".
    previous = {sig: signal.signal(sig, on_signal) for sig in (signal.SIGTERM, signal.SIGINT, signal.SIGHUP)}
    log.info("started (pid %d, home %s%s)", os.getpid(), home, ", one cycle" if once else "")
    outcomes: list[str] = []
    try:
        if once:
            outcomes = daemon.cycle()
        else:
            daemon.run_scheduler()
    except BaseException:
        release_lock(lock)  # failed outside any job (a corrupt database): the home is free again
        raise
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)
    clean = daemon.wind_down()
    log.info("stopped")
    release_lock(lock)
    if not clean:
        # A worker thread is stuck inside the model or a socket: its claims are already released and
        # nothing it could still write is half-done (every write is one transaction), so end here
        # rather than wait for it.
        logging.shutdown()
        os._exit(0)
    failed = [o for o in outcomes if o in ("failed", "timeout")]
    return 1 if failed else 0
