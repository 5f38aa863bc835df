"""Third stage: each new article is checked against the archive's near-duplicate index before it is archived."""
from __future__ import annotations

from typing import Any

from store.db import open_archive

from .clustering import ArchiveClusters, Match, fingerprint
from .items import ArticleItem
from .near_duplicates import DEFAULT_THRESHOLDS, DedupeThresholds


def thresholds_from(threshold: float | None = None, min_summary_share: float | None = None) -> DedupeThresholds:
    """The matcher's thresholds with the config's overrides (None keeps a default)."""
    overrides: dict[str, float] = {}
    if threshold is not None:
        overrides["min_containment"] = float(threshold)
    if min_summary_share is not None:
        overrides["min_length_ratio"] = float(min_summary_share)
    return DedupeThresholds(**{**DEFAULT_THRESHOLDS.__dict__, **overrides})


def clusters_from_settings(settings: Any) -> ArchiveClusters | None:
    """The archive's clusters as the crawl's settings configure them; None when dedupe is off."""
    if not settings.getbool("ZSWATCH_DEDUPE_ENABLED", True):
        return None
    return ArchiveClusters(
        thresholds_from(settings.get("ZSWATCH_DEDUPE_THRESHOLD"), settings.get("ZSWATCH_DEDUPE_MIN_SUMMARY_SHARE"))
    )


class DedupeStage:
    """Scrapy item pipeline: item.dedupe = (fingerprint, best match in the archive) for a new URL."""

    def __init__(self, db_path: str, clusters: ArchiveClusters | None):
        self.db_path = db_path
        self.clusters = clusters
        self.db = None

    @classmethod
    def from_crawler(cls, crawler: Any) -> "DedupeStage":
        return cls(crawler.settings.get("ZSWATCH_DB"), clusters_from_settings(crawler.settings))

    def open_spider(self) -> None:
        if self.clusters is not None:
            self.db = open_archive(self.db_path)

    def close_spider(self) -> None:
        if self.db is not None:
            self.db.close()

    def process_item(self, item: Any) -> Any:
        if self.clusters is None or not isinstance(item, ArticleItem):
            return item
        print_ = fingerprint(item.title, item.body, self.clusters.scheme)
        known = self.db.execute("SELECT 1 FROM articles WHERE url = ?", [item.url]).fetchone()
        item.dedupe = (print_, Match() if known else self.clusters.find(self.db, print_))
        return item
