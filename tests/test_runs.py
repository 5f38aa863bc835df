"""Crawl runs, their per-source counts, and closing the runs of processes that are gone (store/runs.py)."""
import os
import subprocess
import sys
import time

from store import runs
from store.db import open_archive


def test_run_lifecycle(archive_path):
    db = open_archive(archive_path)
    run_id = runs.start_run(db, ["a", "b"])
    source_run = runs.start_source(db, run_id, "a")
    runs.update_source(db, source_run, {"pages": 3, "new": 2, "errors": 1})
    runs.finish_run(db, run_id, "ok")
    [row] = runs.run_summary(db, run_id)
    assert (row["source"], row["pages"], row["new"], row["errors"], row["status"]) == ("a", 3, 2, 1, "ok")
    assert runs.last_source_runs(db)["a"]["pages"] == 3


def test_runs_of_a_dead_process_are_closed_as_interrupted(archive_path):
    db = open_archive(archive_path)
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    dead_pid = int(dead.stdout)
    db.execute(
        "INSERT INTO crawl_runs (started_at, status, pid) VALUES ('2026-01-01T00:00:00+00:00', 'running', ?)", [dead_pid]
    )
    db.execute(
        "INSERT INTO source_runs (run_id, source, started_at, status) VALUES (1, 'a', '2026-01-01T00:00:00+00:00', 'running')"
    )
    runs.start_run(db, ["a"])
    statuses = dict(db.execute("SELECT id, status FROM crawl_runs").fetchall())
    assert statuses[1] == "interrupted" and statuses[2] == "running"
    assert db.execute("SELECT status FROM source_runs WHERE run_id = 1").fetchone()[0] == "interrupted"


def test_close_interrupted_leaves_the_runs_of_live_processes(archive_path):
    db = open_archive(archive_path)
    db.execute(
        "INSERT INTO crawl_runs (started_at, status, pid) VALUES ('2026-01-01T00:00:00+00:00', 'running', ?)",
        [os.getpid()],
    )
    assert runs.close_interrupted(db) == 0
    assert db.execute("SELECT status FROM crawl_runs").fetchone()[0] == "running"


def test_process_alive():
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    assert runs.process_alive(os.getpid()) and runs.process_alive(1)
    assert not runs.process_alive(int(dead.stdout)) and not runs.process_alive(None) and not runs.process_alive(0)


def test_a_killed_child_not_yet_reaped_is_not_alive():
    child = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    try:
        assert runs.process_alive(child.pid)
        child.kill()
        deadline = time.monotonic() + 10
        while runs.process_alive(child.pid) and time.monotonic() < deadline:
            time.sleep(0.05)
        assert not runs.process_alive(child.pid), "a zombie writes nothing: its run is interrupted"
    finally:
        child.kill()
        child.wait()
