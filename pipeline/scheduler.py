"""`zswatch schedule`: APScheduler runs each source's crawl and the digest on their crons, until SIGTERM or SIGINT.

Jobs live in a SQLite job store beside the archive (`archive.db` → `archive.jobs.sqlite`), so a restart keeps
each job's next run time and catches up a missed run once. Crawls run one at a time, each in a child process
that is killed after `crawl.timeout`; after each crawl the sources' health is judged, and a change of state is
alerted once. The digest covers the time since the previous digest.
"""
from __future__ import annotations

import logging
import os
import signal
import time
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any, Callable, Sequence
from zoneinfo import ZoneInfo

from apscheduler.executors.pool import ThreadPoolExecutor
from apscheduler.jobstores.sqlalchemy import SQLAlchemyJobStore
from apscheduler.schedulers.background import BackgroundScheduler
from apscheduler.schedulers.base import STATE_STOPPED
from apscheduler.triggers.cron import CronTrigger

from store import health as health_rows, runs
from store.db import open_archive

from .config import Config, load_config
from .cron import cron_trigger
from .jobs import ACTIVITY, CRAWL_TRIGGER

DIGEST_JOB = "digest"
# Coalesce missed runs into one and run it however late: a daemon that was down catches up once.
JOB_OPTIONS = {"coalesce": True, "max_instances": 1, "misfire_grace_time": None}
STOP_GRACE_SECONDS = 30.0
log = logging.getLogger("zswatch.schedule")


def crawl_job_id(source: str) -> str:
    """The job store id of a source's crawl job."""
    return f"crawl:{source}"


def jobstore_path(db: Path) -> Path:
    """The APScheduler job store of an archive: `archive.db` → `archive.jobs.sqlite`."""
    return db.with_name(f"{db.stem}.jobs.sqlite")


def lock_path(db: Path) -> Path:
    """The file a running `zswatch schedule` holds locked, with its process id in it."""
    return db.with_name(f"{db.stem}.schedule.pid")


@dataclass(frozen=True)
class JobSpec:
    """A job the config asks for."""

    id: str
    func: str
    args: tuple[str, ...]
    trigger: CronTrigger
    executor: str


def wanted_jobs(config: Config, config_path: Path) -> list[JobSpec]:
    """One crawl job per enabled source with a schedule, and the digest job when there is a digest_schedule."""
    zone = ZoneInfo(config.timezone)
    path = str(Path(config_path).resolve())
    jobs = [
        JobSpec(crawl_job_id(s.name), "pipeline.jobs:crawl_job", (path, s.name), cron_trigger(s.schedule, zone),
                "crawl")
        for s in config.sources
        if s.enabled and s.schedule
    ]
    if config.digest_schedule:
        jobs.append(JobSpec(DIGEST_JOB, "pipeline.jobs:digest_job", (path,), cron_trigger(config.digest_schedule, zone),
                            "default"))
    return jobs


class _Scheduler(BackgroundScheduler):
    """APScheduler 3.x's loop looks for due jobs once more after shutdown() has begun: a job due then would be
    marked done (its next run time moved on) without running. Here a stopping scheduler leaves them for later."""

    def _process_jobs(self) -> float | None:
        if self.state == STATE_STOPPED:
            return None
        return super()._process_jobs()


def create_scheduler(config: Config) -> BackgroundScheduler:
    """A scheduler in the config's time zone with the archive's job store; crawls get a single worker."""
    store = SQLAlchemyJobStore(url=f"sqlite:///{jobstore_path(Path(config.db).resolve())}")
    return _Scheduler(
        jobstores={"default": store},
        executors={"crawl": ThreadPoolExecutor(1), "default": ThreadPoolExecutor(2)},
        job_defaults=JOB_OPTIONS,
        timezone=ZoneInfo(config.timezone),
    )


def sync_jobs(scheduler: BackgroundScheduler, wanted: Sequence[JobSpec]) -> dict[str, list[str]]:
    """Make the stored jobs match the config: unchanged ones are kept with their next run time.

    A job whose cron changed is rescheduled from now; jobs of removed sources are deleted.
    """
    outcome: dict[str, list[str]] = {"kept": [], "added": [], "rescheduled": [], "removed": []}
    existing = {job.id: job for job in scheduler.get_jobs()}
    wanted_ids = {spec.id for spec in wanted}
    for job_id in existing.keys() - wanted_ids:
        scheduler.remove_job(job_id)
        outcome["removed"].append(job_id)
    for spec in wanted:
        job = existing.get(spec.id)
        options = dict(JOB_OPTIONS, func=spec.func, args=spec.args, executor=spec.executor, name=spec.id)
        if job is None:
            scheduler.add_job(trigger=spec.trigger, id=spec.id, **options)
            outcome["added"].append(spec.id)
            continue
        if repr(job.trigger) != repr(spec.trigger):
            scheduler.reschedule_job(spec.id, trigger=spec.trigger)
            outcome["rescheduled"].append(spec.id)
        else:
            outcome["kept"].append(spec.id)
        if _options_of(job) != options:
            scheduler.modify_job(spec.id, **options)
    return outcome


def _options_of(job: Any) -> dict[str, Any]:
    """A stored job's options, in the form sync_jobs compares with the wanted ones."""
    return {
        "coalesce": job.coalesce, "max_instances": job.max_instances, "misfire_grace_time": job.misfire_grace_time,
        "func": job.func_ref, "args": tuple(job.args), "executor": job.executor, "name": job.name,
    }


def next_run_times(config: Config) -> dict[str, datetime | None]:
    """Each stored job's next run time, read from the job store (empty when the daemon never ran)."""
    path = jobstore_path(Path(config.db).resolve())
    if not path.exists():
        return {}
    store = SQLAlchemyJobStore(url=f"sqlite:///{path}")
    store.start(BackgroundScheduler(timezone=ZoneInfo(config.timezone)), "default")
    try:
        return {job.id: job.next_run_time for job in store.get_all_jobs()}
    finally:
        store.shutdown()


# ---------------------------------------------------------------- the daemon

class AlreadyRunning(RuntimeError):
    """Another `zswatch schedule` runs on this archive."""


def daemon_pid(config: Config) -> int | None:
    """The process id of the `zswatch schedule` running on this archive, or None."""
    path = lock_path(Path(config.db).resolve())
    try:
        import fcntl

        with open(path, "r", encoding="ascii") as handle:
            try:
                fcntl.flock(handle, fcntl.LOCK_SH | fcntl.LOCK_NB)
            except OSError:
                text = handle.read().strip()
                return int(text) if text.isdigit() else -1
            fcntl.flock(handle, fcntl.LOCK_UN)
    except (OSError, ImportError):  # no lock file (never ran), or no fcntl: nothing says a daemon runs
        return None
    return None


def _hold_lock(config: Config) -> Any:
    """Lock the archive's pid file for this daemon and write its process id; AlreadyRunning when another holds it."""
    path = lock_path(Path(config.db).resolve())
    path.parent.mkdir(parents=True, exist_ok=True)
    handle = open(path, "a+", encoding="ascii")
    try:
        import fcntl

        fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except ImportError:
        pass  # no fcntl on this platform: the daemon runs without the single-instance guard
    except OSError:
        handle.seek(0)
        other = handle.read().strip()
        handle.close()
        raise AlreadyRunning(f"`zswatch schedule` already runs on {config.db} (process {other or '?'})") from None
    handle.seek(0)
    handle.truncate()
    handle.write(str(os.getpid()))
    handle.flush()
    return handle


def run_daemon(config_path: Path, *, ready: Callable[[dict[str, Any]], None] | None = None) -> None:
    """Run the schedule until SIGTERM or SIGINT; running crawls are stopped and waited for."""
    config = load_config(config_path)
    lock = _hold_lock(config)
    ACTIVITY.stopping.clear()
    scheduler = create_scheduler(config)
    previous = {sig: signal.signal(sig, lambda *_: ACTIVITY.stopping.set()) for sig in (signal.SIGTERM, signal.SIGINT)}
    try:
        open_archive(config.db).close()  # create and migrate before the first job
        scheduler.start(paused=True)
        outcome = sync_jobs(scheduler, wanted_jobs(config, config_path))
        scheduler.resume()
        if ready:
            ready({"jobs": {job.id: job.next_run_time for job in scheduler.get_jobs()}, **outcome})
        while not ACTIVITY.stopping.wait(0.5):
            pass
        log.info("stopping: waiting for running crawls to end")
        scheduler.pause()
        _stop_crawls(config)
        scheduler.shutdown(wait=True)
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)
        lock.close()


def _stop_crawls(config: Config, grace: float = STOP_GRACE_SECONDS) -> None:
    """Ask the running crawl children to stop (Scrapy closes cleanly on SIGTERM), kill them after `grace` s."""
    deadline = time.monotonic() + grace
    signalled: set[int] = set()
    db = open_archive(config.db)
    try:
        while ACTIVITY.crawls > 0:
            # A child writes its pid when its run starts; one that is still starting is found on a later pass.
            for run in health_rows.running_crawls(db, CRAWL_TRIGGER):
                if run["pid"] and run["pid"] not in signalled:
                    _signal(run["pid"], signal.SIGTERM)
                    signalled.add(run["pid"])
            if time.monotonic() > deadline:
                for pid in signalled:
                    _signal(pid, signal.SIGKILL)
            time.sleep(0.2)
        runs.close_interrupted(db)
    finally:
        db.close()


def _signal(pid: int, sig: int) -> None:
    """Send a signal to a process that may have ended already."""
    try:
        os.kill(pid, sig)
    except ProcessLookupError:
        pass  # it has ended: nothing left to stop
