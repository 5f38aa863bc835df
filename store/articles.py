"""Writes of articles, their versions and raw pages. Callers wrap them in one `transaction()`."""
from __future__ import annotations

import zlib
from dataclasses import dataclass, field
from typing import Any

import sqlite_utils

from . import fulltext


@dataclass
class PageRecord:
    """One fetched (or imported) article page, as the archive stores it."""

    url: str
    source: str
    title: str
    body: str
    content_hash: str
    seen_at: str
    published: str | None = None
    region: str | None = None
    raw: bytes | None = None
    fetched_url: str | None = None
    http_status: int | None = None
    content_type: str | None = None
    encoding: str | None = None
    extractor_version: str | None = None
    etag: str | None = None
    last_modified: str | None = None
    figures: list[dict[str, Any]] = field(default_factory=list)


@dataclass(frozen=True)
class CurrentState:
    """What the archive holds for a URL: the article and its latest version."""

    article_id: int
    version_id: int
    version_number: int
    content_hash: str
    title: str
    body: str
    cluster_id: int | None
    extractor_version: str | None = None


def current_state(db: sqlite_utils.Database, url: str) -> CurrentState | None:
    """The article at url and its current version, or None when the URL is new."""
    row = db.execute(
        "SELECT a.id, v.id, v.number, v.content_hash, v.title, v.body, a.cluster_id, v.extractor_version "
        "FROM articles a JOIN versions v ON v.id = a.current_version_id WHERE a.url = ?",
        [url],
    ).fetchone()
    return CurrentState(*row) if row else None


def insert_article(db: sqlite_utils.Database, record: PageRecord) -> int:
    """A new article row (no version yet); returns its id."""
    cursor = db.execute(
        "INSERT INTO articles (url, source, title, region, published, first_seen, last_seen, status, "
        "etag, last_modified, last_fetched) VALUES (?, ?, ?, ?, ?, ?, ?, 'live', ?, ?, ?)",
        [
            record.url,
            record.source,
            record.title,
            record.region,
            record.published,
            record.seen_at,
            record.seen_at,
            record.etag,
            record.last_modified,
            record.seen_at,
        ],
    )
    return cursor.lastrowid


def add_version(
    db: sqlite_utils.Database,
    article_id: int,
    record: PageRecord,
    previous: CurrentState | None,
    pending: fulltext.PendingIndex | None = None,
) -> int:
    """Store a new version (and its raw page), make it current, and reindex the article; returns its id.

    With `pending`, the full-text index is written when the caller flushes it, at the end of its batch.
    """
    number = previous.version_number + 1 if previous else 1
    cursor = db.execute(
        "INSERT INTO versions (article_id, number, seen_at, content_hash, title, body, published, region, "
        "extractor_version) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [
            article_id,
            number,
            record.seen_at,
            record.content_hash,
            record.title,
            record.body,
            record.published,
            record.region,
            record.extractor_version,
        ],
    )
    version_id = cursor.lastrowid
    if record.raw is not None:
        db.execute(
            "INSERT INTO pages (version_id, fetched_url, http_status, content_type, encoding, raw_zlib, raw_size, "
            "extractor_version) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            [
                version_id,
                record.fetched_url,
                record.http_status,
                record.content_type,
                record.encoding,
                zlib.compress(record.raw, 6),
                len(record.raw),
                record.extractor_version or "",
            ],
        )
    db.execute(
        "UPDATE articles SET current_version_id = ?, versions_count = ?, title = ?, "
        "region = COALESCE(?, region), published = COALESCE(?, published), last_seen = ?, last_fetched = ?, "
        "etag = ?, last_modified = ?, status = 'live', gone_since = NULL WHERE id = ?",
        [
            version_id,
            number,
            record.title,
            record.region,
            record.published,
            record.seen_at,
            record.seen_at,
            record.etag,
            record.last_modified,
            article_id,
        ],
    )
    if pending is not None:
        if previous is not None:
            pending.removals.append((article_id, previous.title, previous.body))
        pending.additions.append((article_id, record.title, record.body))
    else:
        if previous is not None:
            fulltext.unindex_article(db, article_id, previous.title, previous.body)
        fulltext.index_article(db, article_id, record.title, record.body)
    return version_id


def stored_page(db: sqlite_utils.Database, version_id: int) -> tuple[bytes, str | None, str | None] | None:
    """The raw page a version was extracted from, with its content type and fetched URL; None for imports."""
    row = db.execute(
        "SELECT raw_zlib, content_type, fetched_url FROM pages WHERE version_id = ?", [version_id]
    ).fetchone()
    if not row or row[0] is None:
        return None
    return zlib.decompress(row[0]), row[1], row[2]


def replace_extraction(
    db: sqlite_utils.Database, state: CurrentState, record: PageRecord, pending: fulltext.PendingIndex | None = None
) -> None:
    """A newer extractor read the same page differently: the current version takes its text in place.

    The page did not change, so no version is added; the raw page stays the one both extractions read.
    """
    db.execute(
        "UPDATE versions SET title = ?, body = ?, content_hash = ?, published = COALESCE(?, published), "
        "region = COALESCE(?, region), extractor_version = ? WHERE id = ?",
        [record.title, record.body, record.content_hash, record.published, record.region,
         record.extractor_version, state.version_id],
    )
    db.execute("UPDATE pages SET extractor_version = ? WHERE version_id = ?",
               [record.extractor_version or "", state.version_id])
    db.execute("UPDATE articles SET title = ?, region = COALESCE(?, region), published = COALESCE(?, published) "
               "WHERE id = ?", [record.title, record.region, record.published, state.article_id])
    mark_seen(db, state.article_id, record)
    if pending is not None:
        pending.removals.append((state.article_id, state.title, state.body))
        pending.additions.append((state.article_id, record.title, record.body))
    else:
        fulltext.unindex_article(db, state.article_id, state.title, state.body)
        fulltext.index_article(db, state.article_id, record.title, record.body)


def mark_seen(db: sqlite_utils.Database, article_id: int, record: PageRecord) -> None:
    """An unchanged fetch: only the article's last-seen time and validators move."""
    db.execute(
        "UPDATE articles SET last_seen = ?, last_fetched = ?, etag = COALESCE(?, etag), "
        "last_modified = COALESCE(?, last_modified), status = 'live', gone_since = NULL WHERE id = ?",
        [record.seen_at, record.seen_at, record.etag, record.last_modified, article_id],
    )


def mark_gone(db: sqlite_utils.Database, url: str, seen_at: str) -> int | None:
    """A known article now answers 404/410 or a soft-404: status 'gone'. Returns its id, or None if unknown."""
    row = db.execute("SELECT id, status FROM articles WHERE url = ?", [url]).fetchone()
    if not row:
        return None
    if row[1] != "gone":
        db.execute("UPDATE articles SET status = 'gone', gone_since = ?, last_fetched = ? WHERE id = ?", [seen_at, seen_at, row[0]])
    return row[0]


def mark_not_modified(db: sqlite_utils.Database, url: str, seen_at: str) -> int | None:
    """A 304 answer to a conditional GET: the article is still there, unchanged."""
    row = db.execute("SELECT id FROM articles WHERE url = ?", [url]).fetchone()
    if row:
        db.execute(
            "UPDATE articles SET last_seen = ?, last_fetched = ?, status = 'live', gone_since = NULL WHERE id = ?",
            [seen_at, seen_at, row[0]],
        )
    return row[0] if row else None
