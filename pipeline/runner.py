"""Running a crawl: in this process (the reactor runs once), or in a child process that can be timed out."""
from __future__ import annotations

import json
import subprocess
import sys
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Sequence

from scrapy.crawler import CrawlerProcess
from scrapy.settings import Settings
from scrapy.utils.misc import load_object

from store import runs
from store.db import open_archive
from store.revisits import RevisitPolicy, due_revisits

from .config import Config, ConfigError, Source
from .sources import crawl_settings

SPIDER_CLASSES = {
    "listing": "spiders.listing.ListingSpider",
    "feed": "spiders.feed.FeedSpider",
    "sitemap": "spiders.sitemap.SitemapSpider",
}


@dataclass(frozen=True)
class CrawlResult:
    """A finished crawl run: its id, status, and one summary row per source."""

    run_id: int
    status: str
    sources: list[dict[str, Any]]


def select_sources(config: Config, names: Sequence[str] = ()) -> list[Source]:
    """The named sources (all enabled ones when none are named); unknown names are a ConfigError."""
    if names:
        return [config.source(name) for name in names]
    sources = [s for s in config.sources if s.enabled]
    if not sources:
        raise ConfigError(f"{config.path}: no enabled sources to crawl; add one under `sources:`")
    return sources


def scrapy_settings(config: Config, run_id: int, *, progress: bool = False, log_level: str = "WARNING") -> Settings:
    """The project settings, the config's crawl settings and this run's id."""
    settings = Settings()
    settings.setmodule("pipeline.settings", priority="project")
    settings.update(crawl_settings(config), priority="cmdline")
    settings.update(
        {"ZSWATCH_RUN_ID": run_id, "ZSWATCH_PROGRESS": progress, "LOG_LEVEL": log_level}, priority="cmdline"
    )
    return settings


def crawl_in_process(
    config: Config,
    names: Sequence[str] = (),
    *,
    trigger: str = "cli",
    progress: bool = False,
    log_level: str = "WARNING",
    now: datetime | None = None,
) -> CrawlResult:
    """One crawl of the sources, blocking until it ends; the Twisted reactor cannot run twice in a process."""
    sources = select_sources(config, names)
    db = open_archive(config.db)
    run_id = runs.start_run(db, [s.name for s in sources], trigger=trigger)
    process = CrawlerProcess(scrapy_settings(config, run_id, progress=progress, log_level=log_level))
    for source in sources:
        spider_class = load_object(SPIDER_CLASSES[source.kind])
        process.crawl(spider_class, source=source, revisit_urls=revisits_for(db, config, source.name, now))
    status = "ok"
    try:
        process.start()
    except BaseException:
        status = "failed"
        raise
    finally:
        rows = runs.run_summary(db, run_id)
        if any(row["status"] != "ok" for row in rows) and status == "ok":
            status = "interrupted"
        runs.finish_run(db, run_id, status)
        db.close()
    return CrawlResult(run_id, status, rows)


def revisits_for(db: Any, config: Config, source: str, now: datetime | None = None) -> list[tuple]:
    """The source's known articles due for a conditional re-fetch, by age (none when revisits are off)."""
    options = config.revisit
    if not options.enabled:
        return []
    policy = RevisitPolicy(options.hourly_for_days, options.daily_for_days, options.weekly_for_days)
    return due_revisits(db, source, now or datetime.now(timezone.utc), policy, options.batch)


def crawl_in_child(
    config_path: str | Path, names: Sequence[str] = (), *, timeout: float | None = None, trigger: str = "schedule"
) -> CrawlResult | None:
    """`zswatch crawl` in a child process, killed after timeout seconds; None when it was killed."""
    command = [sys.executable, "-m", "pipeline", "--config", str(config_path), "crawl", "--json",
               "--trigger", trigger, *names]
    try:
        completed = subprocess.run(command, capture_output=True, text=True, timeout=timeout)
    except subprocess.TimeoutExpired:
        return None
    if completed.returncode != 0:
        raise RuntimeError(f"crawl failed (exit {completed.returncode}): {completed.stderr.strip()[-2000:]}")
    data = json.loads(completed.stdout)
    return CrawlResult(data["run_id"], data["status"], data["sources"])
