"""First stage: tidy the extracted text and compute the content hash that decides whether a version is new."""
from __future__ import annotations

from typing import Any

from scrapy.exceptions import DropItem

from store.db import utc_now
from store.textnorm import content_hash, squeeze_whitespace

from .items import ArticleItem


def tidy_body(body: str) -> str:
    """Whitespace squeezed inside each paragraph, empty paragraphs dropped."""
    paragraphs = (squeeze_whitespace(line) for line in (body or "").splitlines())
    return "\n".join(p for p in paragraphs if p)


def normalize_article(item: ArticleItem) -> ArticleItem:
    """Tidy title and body, stamp seen_at, and hash; raises DropItem for an article with no text."""
    item.title = squeeze_whitespace(item.title or "")
    item.body = tidy_body(item.body)
    if not item.body:
        raise DropItem(f"{item.source}: empty body, not archived: {item.url}")
    if not item.title:
        item.title = item.body.split("\n", 1)[0][:60]
    if not item.seen_at:
        item.seen_at = utc_now()
    item.content_hash = content_hash(item.title, item.body)
    return item


class NormalizeStage:
    """Scrapy item pipeline around normalize_article."""

    def process_item(self, item: Any) -> Any:
        if isinstance(item, ArticleItem):
            return normalize_article(item)
        return item
