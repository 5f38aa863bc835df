"""Read queries behind `zswatch search`, `show`, `clusters` and `figure-changes`."""
from __future__ import annotations

from typing import Any

import sqlite_utils

from . import fulltext

ARTICLE_COLUMNS = (
    "id, url, source, title, region, published, first_seen, last_seen, cluster_id, versions_count, status, gone_since"
)


def article(db: sqlite_utils.Database, article_id: int) -> dict[str, Any] | None:
    """One article row, or None."""
    rows = list(db.query(f"SELECT {ARTICLE_COLUMNS} FROM articles WHERE id = ?", [article_id]))
    return rows[0] if rows else None


def versions(db: sqlite_utils.Database, article_id: int) -> list[dict[str, Any]]:
    """An article's versions, oldest first, with their text."""
    return list(
        db.query(
            "SELECT id, number, seen_at, content_hash, title, body, published, extractor_version "
            "FROM versions WHERE article_id = ? ORDER BY number",
            [article_id],
        )
    )


def figure_changes(db: sqlite_utils.Database, article_id: int) -> list[dict[str, Any]]:
    """An article's figure changes, by version."""
    return list(
        db.query(
            "SELECT fc.*, v.number AS to_version FROM figure_changes fc JOIN versions v ON v.id = fc.new_version_id "
            "WHERE fc.article_id = ? ORDER BY fc.new_version_id, fc.id",
            [article_id],
        )
    )


def copies(db: sqlite_utils.Database, article_id: int) -> list[dict[str, Any]]:
    """The other articles of this article's near-duplicate cluster, canonical first."""
    return list(
        db.query(
            "SELECT a.id, a.url, a.source, a.title, a.published, (c.canonical_article_id = a.id) AS canonical "
            "FROM articles a JOIN clusters c ON c.id = a.cluster_id "
            "WHERE a.cluster_id = (SELECT cluster_id FROM articles WHERE id = :id) AND a.id != :id "
            "ORDER BY canonical DESC, a.published, a.id",
            {"id": article_id},
        )
    )


def search(db: sqlite_utils.Database, query: str, limit: int = 20, offset: int = 0) -> list[dict[str, Any]]:
    """Articles matching a full-text query (Chinese works), best first, with a snippet."""
    ids = fulltext.search_ids(db, query, limit=limit, offset=offset)
    if not ids:
        return []
    placeholders = ", ".join("?" for _ in ids)
    rows = {
        row["id"]: row
        for row in db.query(
            f"SELECT a.id, a.url, a.source, a.title, a.region, a.published, a.cluster_id, v.body "
            f"FROM articles a JOIN versions v ON v.id = a.current_version_id WHERE a.id IN ({placeholders})",
            ids,
        )
    }
    results = []
    for article_id in ids:
        row = rows.get(article_id)
        if row is None:
            continue
        body = row.pop("body")
        row["snippet"] = fulltext.snippet(body, query)
        results.append(row)
    return results


def figure_changes_across(
    db: sqlite_utils.Database,
    since: str | None = None,
    region: str | None = None,
    indicator: str | None = None,
    kinds: tuple[str, ...] = ("changed",),
    limit: int = 500,
) -> list[dict[str, Any]]:
    """Figure changes over the archive, newest first, filtered by time, region (prefix) and indicator (substring)."""
    where = [f"fc.kind IN ({', '.join('?' for _ in kinds)})"]
    params: list[Any] = list(kinds)
    if since:
        where.append("fc.detected_at >= ?")
        params.append(since)
    if region:
        where.append("a.region LIKE ?")
        params.append(f"{region}%")
    if indicator:
        where.append("fc.indicator LIKE ?")
        params.append(f"%{indicator}%")
    params.append(limit)
    return list(
        db.query(
            "SELECT fc.id, fc.detected_at, fc.kind, fc.indicator, fc.old_text, fc.new_text, "
            "fc.old_value, fc.old_unit, fc.new_value, fc.new_unit, a.id AS article_id, a.title, a.url, a.source, "
            "a.region, ov.number AS from_version, nv.number AS to_version "
            "FROM figure_changes fc JOIN articles a ON a.id = fc.article_id "
            "JOIN versions nv ON nv.id = fc.new_version_id LEFT JOIN versions ov ON ov.id = fc.old_version_id "
            f"WHERE {' AND '.join(where)} ORDER BY fc.detected_at DESC, fc.id DESC LIMIT ?",
            params,
        )
    )
