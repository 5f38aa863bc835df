"""Reading a version's stored page again with the current extractor: an extractor upgrade is not a new version."""
from __future__ import annotations

from typing import Any, Callable

import sqlite_utils
from scrapy.exceptions import DropItem

from spiders.extraction import extract_page
from store import articles

from .items import ArticleItem
from .normalize_stage import normalize_article


def reextracted_hash(db: sqlite_utils.Database, version_id: int, source: Any) -> str | None:
    """The content hash the current extractor gives a version's stored page; None when there is no page to read."""
    stored = articles.stored_page(db, version_id)
    if stored is None:
        return None
    raw, content_type, fetched_url = stored
    page = extract_page(
        fetched_url or "",
        raw,
        {"Content-Type": content_type} if content_type else None,
        selectors=getattr(source, "selectors", None) or None,
        region=getattr(source, "region", None),
    )
    if page.kind != "article":
        return None
    item = ArticleItem(url=fetched_url or "", source="", title=page.title or "", body=page.body, seen_at="-")
    try:
        return normalize_article(item).content_hash
    except DropItem:
        return None


def reextractor(db: sqlite_utils.Database, source: Any) -> Callable[[int], str | None]:
    """reextracted_hash bound to an archive and the source whose selectors and region the crawl uses."""
    return lambda version_id: reextracted_hash(db, version_id, source)
