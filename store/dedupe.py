"""The near-duplicate index and the clusters in the archive: signatures, LSH band rows, cluster membership."""
from __future__ import annotations

from typing import Any, Iterable, Sequence

import sqlite_utils


def bucket_members(db: sqlite_utils.Database, keys: Sequence[int], per_bucket: int) -> list[int]:
    """Article ids sharing a bucket (band, key) with these band keys: the most recent `per_bucket` of each."""
    if not keys:
        return []
    part = "SELECT * FROM (SELECT article_id FROM dedupe_bands WHERE band = ? AND key = ? ORDER BY article_id DESC LIMIT ?)"
    sql = " UNION ".join([part] * len(keys))
    params: list[int] = []
    for band, key in enumerate(keys):
        params += [band, key, per_bucket]
    return [row[0] for row in db.execute(sql, params)]


def entries(db: sqlite_utils.Database, article_ids: Sequence[int]) -> list[tuple[int, bytes, int, int | None]]:
    """(article_id, signature, text_length, cluster_id) of indexed articles."""
    if not article_ids:
        return []
    placeholders = ", ".join("?" for _ in article_ids)
    return db.execute(
        "SELECT e.article_id, e.signature, e.text_length, a.cluster_id FROM dedupe_entries e "
        f"JOIN articles a ON a.id = e.article_id WHERE e.article_id IN ({placeholders})",
        list(article_ids),
    ).fetchall()


def current_texts(db: sqlite_utils.Database, article_ids: Sequence[int]) -> dict[int, tuple[str, str]]:
    """article_id -> (title, body) of the current versions."""
    if not article_ids:
        return {}
    placeholders = ", ".join("?" for _ in article_ids)
    rows = db.execute(
        "SELECT a.id, v.title, v.body FROM articles a JOIN versions v ON v.id = a.current_version_id "
        f"WHERE a.id IN ({placeholders})",
        list(article_ids),
    )
    return {row[0]: (row[1], row[2]) for row in rows}


def put_entry(
    db: sqlite_utils.Database, article_id: int, signature: bytes, text_length: int, keys: Sequence[int], *, new: bool
) -> None:
    """Index (new=True) or re-index an article: its signature and its band rows."""
    # Plain INSERT or UPDATE: with foreign keys on, INSERT OR REPLACE costs a hundred times more.
    if new:
        db.execute(
            "INSERT INTO dedupe_entries (article_id, signature, text_length) VALUES (?, ?, ?)",
            [article_id, signature, text_length],
        )
    else:
        db.execute("DELETE FROM dedupe_bands WHERE article_id = ?", [article_id])
        db.execute(
            "UPDATE dedupe_entries SET signature = ?, text_length = ? WHERE article_id = ?",
            [signature, text_length, article_id],
        )
    db.conn.executemany(
        "INSERT OR IGNORE INTO dedupe_bands (band, key, article_id) VALUES (?, ?, ?)",
        [(band, key, article_id) for band, key in enumerate(keys)],
    )


def new_cluster(db: sqlite_utils.Database, canonical_article_id: int, now: str) -> int:
    """A cluster row; returns its id."""
    return db.execute(
        "INSERT INTO clusters (canonical_article_id, created_at, updated_at) VALUES (?, ?, ?)",
        [canonical_article_id, now, now],
    ).lastrowid


def join_cluster(db: sqlite_utils.Database, article_id: int, cluster_id: int) -> None:
    db.execute("UPDATE articles SET cluster_id = ? WHERE id = ?", [cluster_id, article_id])


def merge_clusters(db: sqlite_utils.Database, into: int, others: Iterable[int]) -> None:
    """Move every member of `others` into cluster `into` and drop the emptied clusters."""
    for other in others:
        db.execute("UPDATE articles SET cluster_id = ? WHERE cluster_id = ?", [into, other])
        db.execute("UPDATE figure_conflicts SET cluster_id = ? WHERE cluster_id = ?", [into, other])
        db.execute("DELETE FROM clusters WHERE id = ?", [other])


def cluster_members(db: sqlite_utils.Database, cluster_id: int) -> list[tuple[int, str | None, int]]:
    """(article_id, published, text_length) of a cluster's members."""
    return db.execute(
        "SELECT a.id, a.published, COALESCE(e.text_length, 0) FROM articles a "
        "LEFT JOIN dedupe_entries e ON e.article_id = a.id WHERE a.cluster_id = ? ORDER BY a.id",
        [cluster_id],
    ).fetchall()


def set_canonical(db: sqlite_utils.Database, cluster_id: int, article_id: int, now: str) -> None:
    db.execute(
        "UPDATE clusters SET canonical_article_id = ?, updated_at = ? WHERE id = ?", [article_id, now, cluster_id]
    )


def clear_index(db: sqlite_utils.Database) -> None:
    """Forget every signature, band row, cluster and conflict (before a rebuild)."""
    db.execute("UPDATE articles SET cluster_id = NULL")
    for table in ("figure_conflicts", "dedupe_bands", "dedupe_entries", "clusters"):
        db.execute(f"DELETE FROM {table}")


def write_rebuilt(
    db: sqlite_utils.Database,
    entry_rows: Iterable[tuple[int, bytes, int]],
    band_rows: Iterable[tuple[int, int, int]],
    cluster_rows: Iterable[tuple[int, int]],
    memberships: Iterable[tuple[int, int]],
    now: str,
) -> None:
    """Bulk rows of a rebuilt index: entries, bands, clusters (id, canonical) and (cluster_id, article_id)."""
    conn = db.conn
    conn.executemany("INSERT INTO dedupe_entries (article_id, signature, text_length) VALUES (?, ?, ?)", entry_rows)
    # Millions of band rows: building the article index once afterwards beats updating it row by row.
    conn.execute("DROP INDEX IF EXISTS dedupe_bands_article")
    conn.executemany("INSERT OR IGNORE INTO dedupe_bands (band, key, article_id) VALUES (?, ?, ?)", band_rows)
    conn.execute("CREATE INDEX dedupe_bands_article ON dedupe_bands(article_id)")
    conn.executemany(
        "INSERT INTO clusters (id, canonical_article_id, created_at, updated_at) VALUES (?, ?, ?, ?)",
        ((cid, canonical, now, now) for cid, canonical in cluster_rows),
    )
    conn.executemany("UPDATE articles SET cluster_id = ? WHERE id = ?", memberships)


def all_texts(db: sqlite_utils.Database) -> Iterable[tuple[int, str | None, str, str]]:
    """(article_id, published, title, body) of every article's current version, streamed."""
    return db.execute(
        "SELECT a.id, a.published, v.title, v.body FROM articles a JOIN versions v ON v.id = a.current_version_id"
    )


def clusters_summary(db: sqlite_utils.Database, min_size: int = 2, limit: int = 500) -> list[dict[str, Any]]:
    """Clusters with at least min_size articles, largest first, with their canonical article."""
    return list(
        db.query(
            "SELECT c.id, COUNT(a.id) AS size, c.canonical_article_id, ca.title, ca.source, ca.published, ca.url, "
            "GROUP_CONCAT(DISTINCT a.source) AS sources FROM clusters c JOIN articles a ON a.cluster_id = c.id "
            "JOIN articles ca ON ca.id = c.canonical_article_id GROUP BY c.id HAVING COUNT(a.id) >= ? "
            "ORDER BY size DESC, c.id LIMIT ?",
            [min_size, limit],
        )
    )
