"""Source health: each source's state (ok or failing, and why), the runs it is judged by, and running crawls."""
from __future__ import annotations

from typing import Any

import sqlite_utils

from . import runs
from .db import transaction, utc_now


def states(db: sqlite_utils.Database) -> dict[str, dict[str, Any]]:
    """Every source's stored state: {source: {state, reason, since, checked_at}}."""
    return {row["source"]: row for row in db.query("SELECT * FROM source_health ORDER BY source")}


def save_state(db: sqlite_utils.Database, source: str, state: str, reason: str | None, *, changed: bool) -> None:
    """Store a source's state; `since` moves only when the state changed."""
    now = utc_now()
    with transaction(db):
        db.execute(
            "INSERT INTO source_health (source, state, reason, since, checked_at) VALUES (?, ?, ?, ?, ?) "
            "ON CONFLICT(source) DO UPDATE SET state = excluded.state, reason = excluded.reason, "
            "checked_at = excluded.checked_at, since = CASE WHEN ? THEN excluded.since ELSE since END",
            [source, state, reason, now, now, 1 if changed else 0],
        )


def finished_runs(db: sqlite_utils.Database, source: str, limit: int, until: str | None = None) -> list[dict[str, Any]]:
    """The last `limit` finished runs of a source that started before `until` (default: now), newest first."""
    return list(
        db.query(
            f"SELECT id, status, started_at, finished_at, finish_reason, {', '.join(runs.COUNTERS)} FROM source_runs "
            "WHERE source = ? AND status != 'running' AND (? IS NULL OR started_at < ?) ORDER BY id DESC LIMIT ?",
            [source, until, until, limit],
        )
    )


def running_crawls(db: sqlite_utils.Database, trigger: str) -> list[dict[str, Any]]:
    """Crawl runs still marked running that were started with this trigger, with their process ids."""
    return list(
        db.query(
            "SELECT id, pid, started_at, sources FROM crawl_runs WHERE status = 'running' AND trigger = ? ORDER BY id",
            [trigger],
        )
    )
