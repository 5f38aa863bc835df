"""Source health (alerts/health.py, store/health.py): what a failed run is, when a source is failing, and that
only a change of state is reported."""
from __future__ import annotations

import pytest

from alerts.health import FAILING, OK, HealthChange, run_problem, source_alert, update_health
from store import health as health_rows, runs
from store.db import open_archive


@pytest.mark.parametrize("run, problem", [
    ({"status": "ok", "links": 12, "new": 2, "unchanged": 10}, None),
    ({"status": "ok", "links": 12, "unchanged": 12}, None),
    ({"status": "ok", "links": 0, "pages": 1}, "no article links"),
    ({"status": "ok", "links": 0, "pages": 3, "unchanged": 3}, "no article links"),  # revisits only: listing broke
    ({"status": "ok", "links": 0, "errors": 4}, "only errors"),
    ({"status": "ok", "links": 5, "errors": 5}, "only errors"),
    ({"status": "ok", "links": 5, "pages": 6, "empty": 5}, "only empty pages"),
    ({"status": "ok", "links": 5, "pages": 6, "not_articles": 5}, "no article pages"),
    ({"status": "interrupted", "links": 0}, "crawl did not finish"),
    ({"status": "interrupted", "links": 9, "new": 3}, None),
])
def test_run_problem(run, problem):
    assert run_problem(run) == problem


BAD = {"status": "ok", "links": 0}
GOOD = {"status": "ok", "links": 3, "new": 3}


def test_source_alert_needs_every_one_of_the_last_runs_to_fail():
    assert source_alert([BAD, BAD], 3) is None
    assert source_alert([BAD, BAD, BAD], 3) == "no article links in the last 3 runs"
    assert source_alert([BAD, BAD, GOOD, BAD], 3) is None
    assert source_alert([BAD, GOOD], 1) == "no article links in the last run"
    assert source_alert([GOOD, BAD, BAD], 2) is None
    assert source_alert([{"status": "ok", "links": 4, "errors": 4}, BAD], 2) == \
        "only errors or no article links in the last 2 runs"


def _run(db, source: str, **counts) -> None:
    run_id = runs.start_run(db, [source])
    runs.update_source(db, runs.start_source(db, run_id, source), counts, status="ok")
    runs.finish_run(db, run_id, "ok")


def test_only_a_change_of_state_is_reported(archive_path):
    db = open_archive(archive_path)
    _run(db, "a", links=3, new=3)
    assert update_health(db, ["a"], 2) == [], "a source starts as ok: no news"
    _run(db, "a", links=0)
    assert update_health(db, ["a"], 2) == [], "one bad run of two is not yet failing"
    _run(db, "a", links=0)
    [change] = update_health(db, ["a"], 2)
    assert change == HealthChange("a", OK, FAILING, "no article links in the last 2 runs", None)
    failing_since = health_rows.states(db)["a"]["since"]
    _run(db, "a", links=2, errors=2)
    assert update_health(db, ["a"], 2) == [], "still failing, now for another reason: not news"
    state = health_rows.states(db)["a"]
    assert state["state"] == FAILING and state["reason"] == "only errors or no article links in the last 2 runs"
    assert state["since"] == failing_since
    _run(db, "a", links=2, unchanged=2)
    [recovered] = update_health(db, ["a"], 2)
    assert (recovered.old_state, recovered.new_state, recovered.reason) == (FAILING, OK, None)
    assert recovered.previous_reason.startswith("only errors") and not recovered.failing
    assert health_rows.states(db)["a"]["state"] == OK


def test_a_source_failing_from_its_first_runs_is_reported(archive_path):
    db = open_archive(archive_path)
    _run(db, "new-source", links=0, errors=1)
    [change] = update_health(db, ["new-source"], 1)
    assert change.failing and change.reason == "only errors in the last run"


def test_finished_runs_respect_until_and_skip_running(archive_path):
    db = open_archive(archive_path)
    _run(db, "a", links=1, new=1)
    run_id = runs.start_run(db, ["a"])
    runs.start_source(db, run_id, "a")  # still running
    assert len(health_rows.finished_runs(db, "a", 5)) == 1
    assert health_rows.finished_runs(db, "a", 5, until="2000-01-01T00:00:00+00:00") == []
    assert [row["id"] for row in health_rows.running_crawls(db, "cli")] == [run_id]
