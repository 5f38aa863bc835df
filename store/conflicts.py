"""Figure conflicts: copies of one story (a near-duplicate cluster) that state different values."""
from __future__ import annotations

from itertools import groupby
from typing import Any, Iterable, Iterator

import sqlite_utils

from .figures import version_figures

CONFLICT_COLUMNS = (
    "cluster_id", "indicator", "article_id", "value", "unit", "text",
    "other_article_id", "other_value", "other_unit", "other_text", "detected_at",
)


def reference_figures(
    db: sqlite_utils.Database, cluster_id: int, article_id: int, limit: int = 20
) -> dict[int, list[dict[str, Any]]]:
    """The current figures a copy is checked against: the canonical article's; for the canonical, every copy's.

    Copies are not compared with each other: two excerpts of one report hold different parts of it.
    """
    others = db.execute(
        "SELECT a.id, a.current_version_id FROM articles a JOIN clusters c ON c.id = a.cluster_id "
        "WHERE a.cluster_id = :cluster AND a.id != :article "
        "AND (c.canonical_article_id = :article OR a.id = c.canonical_article_id) ORDER BY a.id LIMIT :limit",
        {"cluster": cluster_id, "article": article_id, "limit": limit},
    ).fetchall()
    return {other_id: version_figures(db, version_id) for other_id, version_id in others}


def clusters_with_copies(db: sqlite_utils.Database) -> Iterator[tuple[int, int, list[tuple[int, int]]]]:
    """(cluster_id, canonical's current version, [(article_id, current version), …] canonical first) of every
    cluster with more than one article."""
    rows = db.execute(
        "SELECT c.id, a.id, a.current_version_id, a.id = c.canonical_article_id AS canonical FROM clusters c "
        "JOIN articles a ON a.cluster_id = c.id WHERE c.id IN "
        "(SELECT cluster_id FROM articles WHERE cluster_id IS NOT NULL GROUP BY cluster_id HAVING COUNT(*) > 1) "
        "ORDER BY c.id, canonical DESC, a.id"
    )
    for cluster_id, members in groupby(rows, key=lambda row: row[0]):
        copies = [(article_id, version_id) for _, article_id, version_id, _ in members]
        yield cluster_id, copies[0][1], copies


def replace_conflicts(db: sqlite_utils.Database, article_id: int, conflicts: Iterable[dict[str, Any]]) -> int:
    """Forget the article's conflicts (either side) and store the new ones; returns how many."""
    db.execute("DELETE FROM figure_conflicts WHERE article_id = ? OR other_article_id = ?", [article_id, article_id])
    return add_conflicts(db, conflicts)


def add_conflicts(db: sqlite_utils.Database, conflicts: Iterable[dict[str, Any]]) -> int:
    """Store conflicts; returns how many."""
    rows = [[conflict.get(column) for column in CONFLICT_COLUMNS] for conflict in conflicts]
    db.conn.executemany(
        f"INSERT INTO figure_conflicts ({', '.join(CONFLICT_COLUMNS)}) VALUES ({', '.join('?' for _ in CONFLICT_COLUMNS)})",
        rows,
    )
    return len(rows)


def conflicts_of(db: sqlite_utils.Database, article_id: int) -> list[dict[str, Any]]:
    """Conflicts that involve an article, seen from its side."""
    return list(
        db.query(
            "SELECT fc.indicator, "
            "CASE WHEN fc.article_id = :id THEN fc.text ELSE fc.other_text END AS text, "
            "CASE WHEN fc.article_id = :id THEN fc.other_text ELSE fc.text END AS other_text, "
            "CASE WHEN fc.article_id = :id THEN fc.other_article_id ELSE fc.article_id END AS other_article_id, "
            "o.source AS other_source, o.url AS other_url FROM figure_conflicts fc "
            "JOIN articles o ON o.id = CASE WHEN fc.article_id = :id THEN fc.other_article_id ELSE fc.article_id END "
            "WHERE fc.article_id = :id OR fc.other_article_id = :id ORDER BY fc.id",
            {"id": article_id},
        )
    )


def conflicts_since(db: sqlite_utils.Database, since: str, until: str | None = None) -> list[dict[str, Any]]:
    """Conflicts detected in [since, until), with both articles' url and source."""
    return list(
        db.query(
            "SELECT fc.cluster_id, fc.indicator, fc.article_id, a.url, a.source, fc.text, "
            "fc.other_article_id, o.url AS other_url, o.source AS other_source, fc.other_text "
            "FROM figure_conflicts fc JOIN articles a ON a.id = fc.article_id JOIN articles o ON o.id = fc.other_article_id "
            "WHERE fc.detected_at >= ? AND fc.detected_at < COALESCE(?, '9999') ORDER BY fc.id",
            [since, until],
        )
    )
