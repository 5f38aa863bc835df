"""Last stage: each item lands in the archive in one transaction, counted as new, changed or unchanged."""
from __future__ import annotations

from typing import Any

from store import articles
from store.db import open_archive, transaction

from .dedupe_stage import clusters_from_settings
from .items import STAT_PREFIX, ArticleItem, GoneItem, NotModifiedItem
from .recording import record_article
from .reextraction import reextractor


class ArchiveStage:
    """Scrapy item pipeline writing to the SQLite archive named by the ZSWATCH_DB setting."""

    def __init__(self, crawler: Any, db_path: str, clusters: Any):
        self.crawler = crawler
        self.db_path = db_path
        self.clusters = clusters
        self.db = None

    @classmethod
    def from_crawler(cls, crawler: Any) -> "ArchiveStage":
        return cls(crawler, crawler.settings.get("ZSWATCH_DB"), clusters_from_settings(crawler.settings))

    def open_spider(self) -> None:
        self.db = open_archive(self.db_path)

    def close_spider(self) -> None:
        if self.db is not None:
            self.db.close()

    def process_item(self, item: Any) -> Any:
        stats = self.crawler.stats
        with transaction(self.db):
            if isinstance(item, ArticleItem):
                reread = getattr(self.crawler.spider, "reread", None)
                outcome = record_article(self.db, item, self.clusters, reextract=reextractor(self.db, reread))
                stats.inc_value(STAT_PREFIX + outcome.status)
                if outcome.reextracted:
                    stats.inc_value(STAT_PREFIX + "reextracted")
                if outcome.figure_changes:
                    stats.inc_value(STAT_PREFIX + "figure_changes", outcome.figure_changes)
            elif isinstance(item, GoneItem):
                if articles.mark_gone(self.db, item.url, item.seen_at) is not None:
                    stats.inc_value(STAT_PREFIX + "removed")
            elif isinstance(item, NotModifiedItem):
                articles.mark_not_modified(self.db, item.url, item.seen_at)
                stats.inc_value(STAT_PREFIX + "unchanged")
        return item
