"""Source health: a source is failing when its last runs, every one of them, yielded nothing usable.

A run yields nothing usable when its listings gave no article links, when its article pages were all empty,
when all it got were errors, or when it did not finish. One bad run is noise; `health_runs` in a row is news.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Mapping, Sequence

import sqlite_utils

from store import health as health_rows

OK = "ok"
FAILING = "failing"


@dataclass(frozen=True)
class HealthChange:
    """A source whose state changed: ok → failing (with the reason) or failing → ok."""

    source: str
    old_state: str
    new_state: str
    reason: str | None
    previous_reason: str | None = None

    @property
    def failing(self) -> bool:
        """Whether the source went from ok to failing (rather than recovering)."""
        return self.new_state == FAILING


def _count(run: Mapping[str, Any], key: str) -> int:
    """A run's counter, 0 when it is missing or NULL."""
    return int(run.get(key) or 0)


def run_problem(run: Mapping[str, Any]) -> str | None:
    """Why one finished run of a source yielded nothing usable, or None when it yielded articles."""
    articles = _count(run, "new") + _count(run, "changed") + _count(run, "unchanged")
    errors = _count(run, "errors")
    if run.get("status") not in (None, "ok") and not articles:
        return "crawl did not finish"
    if _count(run, "links") == 0:
        # Revisits may still fetch known articles while the listing itself has broken.
        return "only errors" if errors and not articles else "no article links"
    if articles:
        return None
    if _count(run, "empty"):
        return "only empty pages"
    if errors:
        return "only errors"
    return "no article pages"


def source_alert(runs: Sequence[Mapping[str, Any]], health_runs: int) -> str | None:
    """The alert for a source whose last `health_runs` runs (newest first) all failed, else None."""
    window = list(runs[:health_runs])
    if health_runs < 1 or len(window) < health_runs:
        return None
    problems = [run_problem(run) for run in window]
    if not all(problems):
        return None
    distinct = list(dict.fromkeys(problems))
    span = "in the last run" if health_runs == 1 else f"in the last {health_runs} runs"
    return f"{' or '.join(distinct)} {span}"


def current_alerts(
    db: sqlite_utils.Database, sources: Sequence[str], health_runs: int, until: str | None = None
) -> dict[str, str | None]:
    """Each source's alert, judged by its runs that started before `until` (default: now)."""
    return {
        name: source_alert(health_rows.finished_runs(db, name, health_runs, until), health_runs) for name in sources
    }


def update_health(db: sqlite_utils.Database, sources: Sequence[str], health_runs: int) -> list[HealthChange]:
    """Judge the sources now, store their state, and return the ones whose state changed.

    A source seen for the first time starts as ok, so a first verdict of "failing" is a change.
    """
    stored = health_rows.states(db)
    changes = []
    for name, alert in current_alerts(db, sources, health_runs).items():
        state = FAILING if alert else OK
        before = stored.get(name)
        old_state = before["state"] if before else OK
        changed = state != old_state
        health_rows.save_state(db, name, state, alert, changed=changed or before is None)
        if changed:
            changes.append(HealthChange(name, old_state, state, alert, before["reason"] if before else None))
    return changes
