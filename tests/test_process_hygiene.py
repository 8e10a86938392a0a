"""Issue 15.9: processes end cleanly. A killed `versus ingest` takes its parse workers with it, the
daemon stops gracefully on SIGHUP as on SIGTERM, and `versus generate` ended by SIGTERM hands its
claims back as Ctrl-C does."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

import config
from feedserver import Reply, feed_server  # noqa: F401  (pytest fixture)
from conftest import invoke_cli

ROOT = Path(__file__).resolve().parent.parent
ENV = dict(os.environ, HF_HUB_OFFLINE="1", TRANSFORMERS_OFFLINE="1", OMP_NUM_THREADS="1")

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")


def children(pid: int) -> list[int]:
    try:
        text = Path(f"/proc/{pid}/task/{pid}/children").read_text()
    except OSError:
        return []
    return [int(child) for child in text.split()]


def alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


def wait_for(condition, seconds: float, what: str) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, what
        time.sleep(0.05)


@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGKILL])
def test_a_killed_ingest_takes_its_parse_workers_with_it(home, feed_server, sig):
    (home / config.CONFIG_FILE).write_text("[ingest]\nparse_workers = 2\nread_timeout = 30.0\n")
    invoke_cli(home, "feeds", "add", feed_server.route("/hang.xml", Reply(hang=True)))
    invoke_cli(home, "feeds", "add", feed_server.route("/hang2.xml", Reply(hang=True)))
    ingest = subprocess.Popen([sys.executable, "cli.py", "--home", str(home), "ingest"], cwd=ROOT, env=ENV,
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        wait_for(lambda: len(children(ingest.pid)) >= 2, 60, "the parse workers never started")
        workers = children(ingest.pid)
        ingest.send_signal(sig)
        ingest.wait(10)
    finally:
        ingest.kill()
        ingest.wait()
    wait_for(lambda: not any(alive(pid) for pid in workers), 10, f"parse workers {workers} outlived ingest")


def test_the_daemon_stops_gracefully_on_sighup(home):
    daemon = subprocess.Popen([sys.executable, "cli.py", "--home", str(home), "daemon"], cwd=ROOT, env=ENV,
                              stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    try:
        lines = []
        while not any("INFO daemon: started" in line for line in lines):
            line = daemon.stderr.readline()
            assert line, f"the daemon ended before it started: {''.join(lines)}"
            lines.append(line)
        daemon.send_signal(signal.SIGHUP)
        _, rest = daemon.communicate(timeout=60)
    finally:
        daemon.kill()
        daemon.wait()
    assert daemon.returncode == 0, "".join(lines) + rest
    assert "INFO daemon: SIGHUP: finishing the current step" in rest and "INFO daemon: stopped" in rest
    assert not (home / "daemon.lock").read_text()  # released


def test_generate_ended_by_sigterm_hands_its_claims_back(home, embedded_base):
    from store import Store
    from test_generate import SNIPPETS, add_snippets, write_config

    write_config(home, embedded_base, max_new_tokens=24, batch_size=1)  # one snippet per claim
    with Store(home / config.DB_FILE) as store:
        add_snippets(store, SNIPPETS)
        worker = subprocess.Popen([sys.executable, "cli.py", "--home", str(home), "generate"], cwd=ROOT, env=ENV,
                                  stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        try:
            wait_for(lambda: store.count_by_status("snippets").get("claimed") or worker.poll() is not None, 300,
                     "the worker never claimed a snippet")
            worker.send_signal(signal.SIGTERM)
            _, stderr = worker.communicate(timeout=120)
        finally:
            worker.kill()
            worker.wait()
        assert worker.returncode == 1 and stderr.strip().endswith("Aborted!"), stderr
        states = store.count_by_status("snippets")
        assert "claimed" not in states and states.get("pending"), states
