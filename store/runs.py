"""Crawl runs and their per-source counts, for the summary, `zswatch status` and the digest's source health."""
from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any, Iterable

import sqlite_utils

from .db import transaction, utc_now

COUNTERS = ("pages", "links", "new", "changed", "unchanged", "not_articles", "empty", "errors")


def start_run(db: sqlite_utils.Database, sources: Iterable[str], trigger: str = "cli") -> int:
    """Open a crawl run; runs left open by a killed process are closed as interrupted first."""
    close_interrupted(db)
    with transaction(db):
        cursor = db.execute(
            "INSERT INTO crawl_runs (started_at, status, trigger, pid, sources) VALUES (?, 'running', ?, ?, ?)",
            [utc_now(), trigger, os.getpid(), json.dumps(list(sources), ensure_ascii=False)],
        )
    return cursor.lastrowid


def close_interrupted(db: sqlite_utils.Database) -> int:
    """Mark runs whose process is gone (killed, or timed out) as interrupted; returns how many."""
    with transaction(db):
        stale = [
            row[0]
            for row in db.execute("SELECT id, pid FROM crawl_runs WHERE status = 'running'").fetchall()
            if not process_alive(row[1])
        ]
        for run_id in stale:
            db.execute(
                "UPDATE crawl_runs SET status = 'interrupted', finished_at = COALESCE(finished_at, ?) WHERE id = ?",
                [utc_now(), run_id],
            )
            db.execute(
                "UPDATE source_runs SET status = 'interrupted', finished_at = COALESCE(finished_at, ?) "
                "WHERE run_id = ? AND status = 'running'",
                [utc_now(), run_id],
            )
    return len(stale)


def process_alive(pid: int | None) -> bool:
    """Whether a process with this id exists (this process always does; no id is no process)."""
    if not pid:
        return False
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # it exists, under another user
    return not _zombie(pid)


def _zombie(pid: int) -> bool:
    """A killed child its parent has not reaped yet: it still has an id, but it writes nothing any more."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return False  # no /proc (not Linux), or the process has just gone
    return stat.rsplit(")", 1)[-1].split()[:1] == ["Z"]


def finish_run(db: sqlite_utils.Database, run_id: int, status: str, error: str | None = None) -> None:
    """Close a crawl run with its final status (ok, failed, killed)."""
    with transaction(db):
        db.execute(
            "UPDATE crawl_runs SET finished_at = ?, status = ?, error = ? WHERE id = ?",
            [utc_now(), status, error, run_id],
        )
        db.execute(
            "UPDATE source_runs SET status = ?, finished_at = COALESCE(finished_at, ?) "
            "WHERE run_id = ? AND status = 'running'",
            ["interrupted" if status != "ok" else "ok", utc_now(), run_id],
        )


def start_source(db: sqlite_utils.Database, run_id: int, source: str) -> int:
    """Open the per-source row of a run."""
    with transaction(db):
        cursor = db.execute(
            "INSERT INTO source_runs (run_id, source, started_at, status) VALUES (?, ?, ?, 'running')",
            [run_id, source, utc_now()],
        )
    return cursor.lastrowid


def update_source(db: sqlite_utils.Database, source_run_id: int, counts: dict[str, int], **fields: Any) -> None:
    """Save the counters of a source run (and status/finish fields when given)."""
    values = {c: int(counts.get(c, 0)) for c in COUNTERS}
    values.update(fields)
    assignments = ", ".join(f"{column} = ?" for column in values)
    with transaction(db):
        db.execute(f"UPDATE source_runs SET {assignments} WHERE id = ?", [*values.values(), source_run_id])


def run_summary(db: sqlite_utils.Database, run_id: int) -> list[dict[str, Any]]:
    """The per-source rows of one run."""
    return list(
        db.query(
            f"SELECT source, status, {', '.join(COUNTERS)}, finish_reason, started_at, finished_at "
            "FROM source_runs WHERE run_id = ? ORDER BY id",
            [run_id],
        )
    )


def last_source_runs(db: sqlite_utils.Database) -> dict[str, dict[str, Any]]:
    """The latest finished or running row of every source that has run."""
    rows = db.query(
        f"SELECT s.source, s.status, s.started_at, s.finished_at, {', '.join('s.' + c for c in COUNTERS)} "
        "FROM source_runs s JOIN (SELECT source, MAX(id) AS id FROM source_runs GROUP BY source) latest "
        "ON latest.id = s.id"
    )
    return {row["source"]: row for row in rows}
