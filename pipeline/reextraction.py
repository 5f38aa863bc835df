"""Reading a version's stored page again with the current extractor: an extractor upgrade is not a new version."""
from __future__ import annotations

from typing import Callable, Optional

import sqlite_utils
from scrapy.exceptions import DropItem

from store import articles

from .items import ArticleItem
from .normalize_stage import normalize_article

# (url, raw page, content type) -> (title, body), or None when the page is no article; the spider provides it.
PageReader = Callable[[str, bytes, Optional[str]], Optional[tuple[str, str]]]


def reextracted_hash(db: sqlite_utils.Database, version_id: int, read_page: PageReader) -> str | None:
    """The content hash the current extractor gives a version's stored page; None when there is none to read."""
    stored = articles.stored_page(db, version_id)
    if stored is None:
        return None
    raw, content_type, fetched_url = stored
    text = read_page(fetched_url or "", raw, content_type)
    if text is None:
        return None
    item = ArticleItem(url=fetched_url or "", source="", title=text[0], body=text[1], seen_at="-")
    try:
        return normalize_article(item).content_hash
    except DropItem:
        return None


def reextractor(db: sqlite_utils.Database, read_page: PageReader | None) -> Callable[[int], str | None] | None:
    """reextracted_hash bound to an archive and the crawling spider's page reader (None without one)."""
    if read_page is None:
        return None
    return lambda version_id: reextracted_hash(db, version_id, read_page)
