"""The generation queue's lease protocol with real processes on a real SQLite file (design.md
reliability 13 and 14): a worker killed with SIGKILL mid-generation loses no snippet and causes no
duplicate draft, and two workers running at once never draft the same snippet."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from test_generate import SNIPPETS, add_snippets, write_config

import config
from store import Store

ROOT = Path(__file__).resolve().parent.parent
# One thread per worker: the CI machine has two cores and the test runs two processes at once.
WORKER_ENV = dict(os.environ, HF_HUB_OFFLINE="1", TRANSFORMERS_OFFLINE="1", OMP_NUM_THREADS="1")


def snippet_states(store: Store) -> dict[str, int]:
    return store.count_by_status("snippets")


def test_worker_killed_mid_generation_loses_nothing_and_duplicates_nothing(home, embedded_base):
    """The real CLI with the real model, SIGKILLed while it holds claims; a second run redoes the work."""
    # A lease of under a second, so the killed worker's claims expire while the test waits.
    write_config(home, embedded_base, max_new_tokens=16, lease_minutes=0.01)
    with Store(home / config.DB_FILE) as store:
        ids = add_snippets(store, SNIPPETS)
        worker = subprocess.Popen([sys.executable, "cli.py", "--home", str(home), "generate"], cwd=ROOT,
                                  env=WORKER_ENV, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        try:
            deadline = time.monotonic() + 300
            while not snippet_states(store).get("claimed"):  # the model is loaded before anything is claimed
                assert worker.poll() is None, f"worker exited before claiming: {worker.stderr.read()}"
                assert time.monotonic() < deadline, "worker never claimed a snippet"
                time.sleep(0.02)
            worker.send_signal(signal.SIGKILL)
        finally:
            worker.kill()
            worker.wait()
        assert worker.returncode == -signal.SIGKILL
        killed_with = snippet_states(store)
        assert killed_with.get("claimed"), killed_with  # it died holding claims: work for the restart
        assert killed_with.get("drafted", 0) < len(ids)
        deadline = time.monotonic() + 30
        while store.count_claimable() < len(ids) - killed_with.get("drafted", 0):  # until the lease runs out
            assert time.monotonic() < deadline, "the killed worker's lease never expired"
            time.sleep(0.1)

        rerun = subprocess.run([sys.executable, "cli.py", "--home", str(home), "generate", "--json"], cwd=ROOT,
                               env=WORKER_ENV, capture_output=True, text=True, timeout=300, check=False)
        assert rerun.returncode == 0, rerun.stderr
        counts = json.loads(rerun.stdout)
        assert counts["drafts"] == len(ids) - killed_with.get("drafted", 0), counts

        assert snippet_states(store) == {"drafted": len(ids)}
        drafts = store.drafts()
        assert sorted(d["snippet_id"] for d in drafts) == sorted(ids)  # every snippet once, none twice
        assert any(store.snippet(i)["attempts"] == 2 for i in ids)  # claimed by the killed run, then redone


# Two generate workers whose backend is a stand-in: the unit under test is the claim/lease protocol
# between real processes sharing a real SQLite file, not the model. Each worker's first batch waits
# until the other worker holds a claim too, so the two always run with claims outstanding at once.
WORKER = """
import json, sys, time
from pathlib import Path
import config
from generate.backends.base import ModelSpec, SamplingParams
from generate.queue import generate_pending
from store import Store

home, me, other = Path(sys.argv[1]), sys.argv[2], sys.argv[3]

class StandInBackend:
    name = "stand-in"
    spec = ModelSpec(version="stand-in", base="none")
    model_version = "stand-in"
    first = True

    def generate(self, snippets, params, progress=None):
        if self.first:
            self.first = False
            (home / f"{me}.claimed").touch()
            deadline = time.monotonic() + 120
            while not (home / f"{other}.claimed").exists() and time.monotonic() < deadline:
                time.sleep(0.01)
        time.sleep(0.05)
        return [[f"{me.upper()} DRAFTED IT!"] for _ in snippets]

    def close(self):
        pass

settings = config.load_settings(home)
with Store(home / config.DB_FILE) as store:
    result = generate_pending(store, settings, home, backend=StandInBackend(), params=SamplingParams(n=1))
print(json.dumps(result))
"""


def test_two_concurrent_workers_draft_each_snippet_exactly_once(home):
    """Two worker processes on one database file (stand-in backend, see WORKER): every snippet is
    drafted once, both workers did part of the work, and neither saw "database is locked"."""
    write_config(home, "/no/model/needed", batch_size=2, closers="model")  # each worker's own caption, as is
    with Store(home / config.DB_FILE) as store:
        ids = add_snippets(store, [f"Team {n} beat Team {n + 1} {n}-0 at home." for n in range(8)])

    workers = {
        name: subprocess.Popen([sys.executable, "-c", WORKER, str(home), name, other], cwd=ROOT, env=WORKER_ENV,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        for name, other in [("alpha", "beta"), ("beta", "alpha")]
    }
    results = {}
    for name, proc in workers.items():
        out, err = proc.communicate(timeout=300)
        assert proc.returncode == 0, err
        assert "locked" not in err.lower() and "Traceback" not in err, err
        results[name] = json.loads(out)

    assert all(r["drafts"] >= 1 for r in results.values()), results  # both did part of the work...
    assert sum(r["drafts"] for r in results.values()) == len(ids)  # ...and together all of it, once
    with Store(home / config.DB_FILE) as store:
        drafts = store.drafts()
        assert snippet_states(store) == {"drafted": len(ids)}
    assert sorted(d["snippet_id"] for d in drafts) == sorted(ids)
    by_worker = {name: sum(d["caption"] == f"{name.upper()} DRAFTED IT!" for d in drafts) for name in results}
    assert by_worker == {name: r["drafts"] for name, r in results.items()}
