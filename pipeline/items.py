"""The items spiders yield and the pipeline stages fill in."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

# Spiders and stages count their work in the crawl stats under this prefix; the run recorder saves those counts.
STAT_PREFIX = "zswatch/"


@dataclass
class ArticleItem:
    """One fetched article page, extracted; stages add the hash, figures and near-duplicate match."""

    url: str
    source: str
    title: str
    body: str
    published: str | None = None
    region: str | None = None
    seen_at: str = ""
    raw: bytes | None = None
    fetched_url: str | None = None
    http_status: int | None = None
    content_type: str | None = None
    encoding: str | None = None
    extractor_version: str | None = None
    etag: str | None = None
    last_modified: str | None = None
    content_hash: str = ""
    figures: list[Any] = field(default_factory=list)
    dedupe: Any = None


@dataclass
class GoneItem:
    """A known article whose URL now answers 404 or 410."""

    url: str
    source: str
    http_status: int
    seen_at: str = ""


@dataclass
class NotModifiedItem:
    """A known article re-fetched with a conditional GET that answered 304."""

    url: str
    source: str
    seen_at: str = ""
