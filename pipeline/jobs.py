"""The scheduled jobs: one source's crawl (then its health, and alerts on a change) and the digest.

APScheduler stores them by reference ("pipeline.jobs:crawl_job") with plain arguments (the config path and a
source name), and each run reads the config afresh.
"""
from __future__ import annotations

import logging
import threading
import time
from datetime import datetime, timedelta, timezone
from typing import Any

from alerts.digest import build_digest, window_end
from alerts.digest_shape import is_quiet
from alerts.health import update_health
from alerts.outbox import queue_digest, queue_health_alert, send_pending
from store import outbox as outbox_rows, runs
from store.db import open_archive

from .config import Config, load_config
from .runner import crawl_in_child

CRAWL_TRIGGER = "schedule"
FIRST_DIGEST_HOURS = 24
log = logging.getLogger("zswatch.schedule")


class _Activity:
    """The daemon's shared state: whether it is stopping, and how many crawls are running."""

    def __init__(self) -> None:
        self.stopping = threading.Event()
        self.crawls = 0
        self.lock = threading.Lock()

    def crawl_started(self) -> None:
        """Count a crawl child in (the daemon waits for them when it stops)."""
        with self.lock:
            self.crawls += 1

    def crawl_ended(self) -> None:
        """Count a crawl child out."""
        with self.lock:
            self.crawls -= 1


ACTIVITY = _Activity()


def crawl_job(config_path: str, source: str) -> None:
    """Crawl one source in a child process, then judge the health of the sources and alert on changes."""
    if ACTIVITY.stopping.is_set():
        return
    config = load_config(config_path)
    ACTIVITY.crawl_started()
    try:
        started = time.monotonic()
        result = crawl_in_child(config_path, [source], timeout=config.crawl.timeout, trigger=CRAWL_TRIGGER)
    except RuntimeError as exc:
        log.error("crawl %s failed: %s", source, exc)
        result = None
    finally:
        ACTIVITY.crawl_ended()
    db = open_archive(config.db)
    try:
        if result is None:
            runs.close_interrupted(db)
            log.warning("crawl %s did not finish (killed after %g s, or stopped)", source, config.crawl.timeout)
        else:
            for row in result.sources:
                log.info("crawl %s %s: pages %s · new %s · changed %s · errors %s (%.1f s)", row["source"],
                         row["status"], row["pages"], row["new"], row["changed"], row["errors"],
                         time.monotonic() - started)
        for change in update_health(db, [source], config.digest.health_runs):
            queue_health_alert(db, change, config.alerts)
            log.warning("source %s is now %s%s", change.source, change.new_state,
                        f": {change.reason}" if change.reason else "")
        if not ACTIVITY.stopping.is_set():
            _send(db, config)
    finally:
        db.close()


def digest_job(config_path: str) -> None:
    """The digest since the previous one (or the last day), queued in the outbox and sent with anything pending."""
    if ACTIVITY.stopping.is_set():
        return
    config = load_config(config_path)
    db = open_archive(config.db)
    try:
        until = window_end()
        since = outbox_rows.last_until(db) or (datetime.now(timezone.utc) - timedelta(hours=FIRST_DIGEST_HOURS))
        digest = build_digest(db, since, until, health_runs=config.digest.health_runs)
        if is_quiet(digest) and not config.digest.send_empty:
            # The window stays open: the next digest starts where this one would have.
            log.info("digest: nothing new since %s; not sent (digest.send_empty is false)", since)
            _send(db, config)
            return
        message_id = queue_digest(db, digest, config.alerts, until=until)
        log.info("digest %s queued: %d new · %d changed · %d removed", message_id, len(digest["new"]),
                 len(digest["changed"]), len(digest["removed"]))
        _send(db, config)
    finally:
        db.close()


def _send(db: Any, config: Config) -> None:
    """Deliver everything pending in the outbox, logging what each channel did."""
    for result in send_pending(db, config.alerts):
        if result.accepted:
            log.info("sent %s %s to %s", result.kind, result.message_id, result.channel)
        else:
            log.warning("could not send %s %s to %s (kept in the outbox): %s", result.kind, result.message_id,
                        result.channel, result.error)
