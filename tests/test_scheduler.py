"""`zswatch schedule` (pipeline/scheduler.py): real APScheduler with seconds-level crons, real crawls of the
local portal in child processes, the SQLite job store across restarts, and SIGTERM."""
from __future__ import annotations

import json
import signal
import time
from datetime import datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest
from crawling import archive, write_config, zswatch
from daily import crawl_runs, listing_sources, pid_alive, set_config, start_zswatch, wait_for

from pipeline.config import load_config
from pipeline.scheduler import (
    DIGEST_JOB,
    create_scheduler,
    jobstore_path,
    next_run_times,
    sync_jobs,
    wanted_jobs,
)
from store.db import integrity_ok


def _sync(config_path):
    config = load_config(config_path)
    scheduler = create_scheduler(config)
    scheduler.start(paused=True)
    try:
        outcome = sync_jobs(scheduler, wanted_jobs(config, config_path))
        jobs = {job.id: job for job in scheduler.get_jobs()}
        return outcome, {job_id: (job.next_run_time, job.trigger) for job_id, job in jobs.items()}
    finally:
        scheduler.shutdown(wait=False)


def test_sync_keeps_unchanged_jobs_reschedules_changed_ones_and_removes_gone_ones(tmp_path):
    base = "http://127.0.0.1:9"
    config = write_config(tmp_path, base,
                          sources=listing_sources(base, {"changsha-zs": "0 8 * * *", "county-gov": "0 9 * * *"}))
    set_config(config, extra='timezone: Asia/Shanghai\ndigest_schedule: "30 8 * * 1-5"\n')
    outcome, jobs = _sync(config)
    assert outcome["added"] == ["crawl:changsha-zs", "crawl:county-gov", DIGEST_JOB]
    shanghai = ZoneInfo("Asia/Shanghai")
    for job_id, (next_run, trigger) in jobs.items():
        assert str(trigger.timezone) == "Asia/Shanghai" and next_run.utcoffset() == timedelta(hours=8)
    assert jobs["crawl:changsha-zs"][0].astimezone(shanghai).hour == 8
    assert jobs[DIGEST_JOB][0].astimezone(shanghai).weekday() < 5

    # A run missed while the daemon was down: the stored next run time lies in the past.
    missed = datetime.now(timezone.utc) - timedelta(hours=3)
    scheduler = create_scheduler(load_config(config))
    scheduler.start(paused=True)
    scheduler.modify_job("crawl:changsha-zs", next_run_time=missed)
    scheduler.shutdown(wait=False)

    config.write_text(config.read_text(encoding="utf-8").replace(
        listing_sources(base, {"changsha-zs": "0 8 * * *", "county-gov": "0 9 * * *"}),
        listing_sources(base, {"changsha-zs": "0 8 * * *", "other": "15 10 * * *"})), encoding="utf-8")
    config.write_text(config.read_text(encoding="utf-8").replace("30 8 * * 1-5", "45 7 * * *"), encoding="utf-8")
    outcome, jobs = _sync(config)
    assert outcome == {"kept": ["crawl:changsha-zs"], "added": ["crawl:other"], "rescheduled": [DIGEST_JOB],
                       "removed": ["crawl:county-gov"]}
    assert jobs["crawl:changsha-zs"][0] == missed, "an unchanged job keeps its next run time"
    assert jobs[DIGEST_JOB][0] > datetime.now(timezone.utc)
    assert jobs[DIGEST_JOB][0].astimezone(shanghai).strftime("%H:%M") == "07:45"
    assert set(next_run_times(load_config(config))) == {"crawl:changsha-zs", "crawl:other", DIGEST_JOB}
    assert jobstore_path(tmp_path / "archive.db") == tmp_path / "archive.jobs.sqlite"


def test_crawls_never_overlap_and_sigterm_stops_the_daemon_cleanly(portal, tmp_path):
    portal.state.slow["/zsyz/index.html"] = 2.0
    portal.state.slow["/gov/list.jsp"] = 1.0
    every_2s = "*/2 * * * * *"
    config = write_config(tmp_path, portal.base_url,
                          sources=listing_sources(portal.base_url, {"changsha-zs": every_2s, "county-gov": every_2s}))
    daemon = start_zswatch(config, "schedule")
    try:
        def three_done_one_running():
            if not (tmp_path / "archive.db").exists():
                return False
            rows = crawl_runs(config)
            done = [r for r in rows if r["status"] != "running"]
            return len(done) >= 3 and any(r["status"] == "running" for r in rows) and rows
        wait_for(three_done_one_running, 90, "three finished scheduled crawls and a running one")
        second = zswatch(config, "schedule")
        assert second.returncode == 1 and "already runs on" in second.stderr and str(daemon.pid) in second.stderr
        assert json.loads(zswatch(config, "status", "--json").stdout)["daemon_pid"] == daemon.pid
        running = [r for r in crawl_runs(config) if r["status"] == "running"]
        daemon.send_signal(signal.SIGTERM)
        out, err = daemon.communicate(timeout=60)
    finally:
        if daemon.poll() is None:
            daemon.kill()
            daemon.communicate()
    assert daemon.returncode == 0, err[-3000:]
    assert "stopped" in err
    rows = crawl_runs(config)
    assert all(row["trigger"] == "schedule" for row in rows)
    assert {source for row in rows for source in json.loads(row["sources"])} == {"changsha-zs", "county-gov"}
    for earlier, later in zip(rows, rows[1:]):
        assert earlier["finished_at"] <= later["started_at"], f"runs {earlier['id']} and {later['id']} overlap"
    assert all(row["status"] != "running" for row in rows)
    assert not any(pid_alive(row["pid"]) for row in rows), "a crawl process outlived the daemon"
    assert running and running[0]["id"] in {row["id"] for row in rows if row["status"] == "interrupted"}
    db = archive(config)
    assert integrity_ok(db)
    db.close()


def _second_in(seconds: float) -> datetime:
    return (datetime.now(timezone.utc) + timedelta(seconds=seconds)).replace(microsecond=0)


def test_a_restart_keeps_the_schedule_and_catches_up_a_missed_run_once(portal, tmp_path):
    first = _second_in(9)
    fires = [first + timedelta(seconds=i) for i in range(3)]  # three runs missed while stopped: one catch-up
    cron = f"{','.join(str(f.second) for f in fires)} * * * * *"
    config = write_config(tmp_path, portal.base_url, sources=listing_sources(portal.base_url, {"changsha-zs": cron}))
    set_config(config, extra="timezone: UTC\n")

    daemon = start_zswatch(config, "schedule")
    wait_for(lambda: next_run_times(load_config(config)), 30, "the job in the job store", interval=0.1)
    daemon.send_signal(signal.SIGTERM)
    _, err = daemon.communicate(timeout=30)
    assert daemon.returncode == 0, err[-3000:]
    if datetime.now(timezone.utc) >= first:
        pytest.fail("the first daemon took too long to start and stop on this machine; nothing was tested")
    stored = next_run_times(load_config(config))["crawl:changsha-zs"]
    assert stored == first, "next_run_time survives in the job store"
    assert crawl_runs(config) == []

    time.sleep(max(0.0, (fires[-1] - datetime.now(timezone.utc)).total_seconds()) + 1.5)
    daemon = start_zswatch(config, "schedule")
    try:
        wait_for(lambda: [r for r in crawl_runs(config) if r["status"] != "running"], 60, "the catch-up crawl")
        time.sleep(1.5)
        daemon.send_signal(signal.SIGINT)  # Ctrl-C stops it as cleanly as SIGTERM
        _, err = daemon.communicate(timeout=60)
    finally:
        if daemon.poll() is None:
            daemon.kill()
            daemon.communicate()
    assert daemon.returncode == 0, err[-3000:]
    assert len(crawl_runs(config)) == 1, "three missed runs are caught up once"
    assert next_run_times(load_config(config))["crawl:changsha-zs"] == fires[0] + timedelta(minutes=1)
