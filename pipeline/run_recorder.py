"""Scrapy extension: a source_runs row per spider, kept up to date, so that every crawl leaves a record."""
from __future__ import annotations

import time
from typing import Any

from scrapy import signals

from store import runs
from store.db import open_archive, utc_now

from .items import STAT_PREFIX

FLUSH_SECONDS = 2.0


def source_counts(stats: Any) -> dict[str, int]:
    """The zswatch counters of one crawler's stats."""
    return {name: int(stats.get_value(STAT_PREFIX + name, 0)) for name in runs.COUNTERS}


class RunRecorder:
    """Opens the source's row when its spider opens, saves counts as it goes, closes it with the finish reason."""

    def __init__(self, crawler: Any):
        self.crawler = crawler
        self.db_path = crawler.settings.get("ZSWATCH_DB")
        self.run_id = crawler.settings.getint("ZSWATCH_RUN_ID") or None
        self.own_run = False
        self.db = None
        self.source_run_id: int | None = None
        self.last_flush = 0.0

    @classmethod
    def from_crawler(cls, crawler: Any) -> "RunRecorder":
        recorder = cls(crawler)
        crawler.signals.connect(recorder.spider_opened, signal=signals.spider_opened)
        crawler.signals.connect(recorder.spider_closed, signal=signals.spider_closed)
        crawler.signals.connect(recorder.item_scraped, signal=signals.item_scraped)
        crawler.signals.connect(recorder.error, signal=signals.spider_error)
        crawler.signals.connect(recorder.error, signal=signals.item_error)
        return recorder

    def spider_opened(self, spider: Any) -> None:
        # The settings may have been completed by the spider (from the config), so the path is read again.
        self.db_path = self.crawler.settings.get("ZSWATCH_DB")
        self.db = open_archive(self.db_path)
        if self.run_id is None:
            self.run_id = runs.start_run(self.db, [spider.source.name], trigger="scrapy")
            self.own_run = True
        self.source_run_id = runs.start_source(self.db, self.run_id, spider.source.name)

    def item_scraped(self, item: Any, spider: Any) -> None:
        now = time.monotonic()
        if now - self.last_flush >= FLUSH_SECONDS:
            self.last_flush = now
            runs.update_source(self.db, self.source_run_id, source_counts(self.crawler.stats))

    def error(self, *args: Any, **kwargs: Any) -> None:
        self.crawler.stats.inc_value(STAT_PREFIX + "errors")

    def spider_closed(self, spider: Any, reason: str) -> None:
        if self.db is None or self.source_run_id is None:
            return
        status = "ok" if reason == "finished" else "interrupted"
        runs.update_source(
            self.db,
            self.source_run_id,
            source_counts(self.crawler.stats),
            status=status,
            finish_reason=reason,
            finished_at=utc_now(),
        )
        if self.own_run:
            runs.finish_run(self.db, self.run_id, status)
        self.db.close()
