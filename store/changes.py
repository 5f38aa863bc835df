"""What happened in the archive since a point in time: new stories, changed versions, removed articles.

Each query takes a window [since, until): `until` (exclusive) defaults to no upper bound.
"""
from __future__ import annotations

from typing import Any

import sqlite_utils


def new_stories(db: sqlite_utils.Database, since: str, until: str | None = None) -> list[dict[str, Any]]:
    """One row per story first seen in the window: the cluster's canonical article, with its copies.

    A repost of a story that was already known is not a new story.
    """
    rows = list(
        db.query(
            "SELECT a.id AS article_id, a.url, a.title, a.source, a.published, a.region, a.cluster_id, "
            "a.first_seen, c.canonical_article_id FROM articles a LEFT JOIN clusters c ON c.id = a.cluster_id "
            "WHERE a.first_seen >= ? AND (? IS NULL OR a.first_seen < ?) ORDER BY a.first_seen, a.id",
            [since, until, until],
        )
    )
    stories: dict[Any, dict[str, Any]] = {}
    for row in rows:
        key = row["cluster_id"] if row["cluster_id"] is not None else f"article-{row['article_id']}"
        stories.setdefault(key, {"cluster_id": row["cluster_id"], "members": []})["members"].append(row)
    result = []
    for story in stories.values():
        cluster_id = story["cluster_id"]
        members = story["members"]
        if cluster_id is not None:
            everyone = list(
                db.query(
                    "SELECT a.id AS article_id, a.url, a.title, a.source, a.published, a.region, a.first_seen "
                    "FROM articles a WHERE a.cluster_id = ? AND (? IS NULL OR a.first_seen < ?) "
                    "ORDER BY a.first_seen, a.id",
                    [cluster_id, until, until],
                )
            )
            if everyone and everyone[0]["first_seen"] < since:
                continue
            canonical_id = members[0]["canonical_article_id"]
            members = everyone
        else:
            canonical_id = members[0]["article_id"]
        head = next((m for m in members if m["article_id"] == canonical_id), members[0])
        entry = {k: head[k] for k in ("article_id", "url", "title", "source", "published", "region")}
        entry["duplicates"] = [
            {"article_id": m["article_id"], "url": m["url"], "source": m["source"]}
            for m in members
            if m["article_id"] != head["article_id"]
        ]
        result.append(entry)
    return result


def changed_articles(db: sqlite_utils.Database, since: str, until: str | None = None) -> list[dict[str, Any]]:
    """Articles with versions added in the window: the version before it and the last one, their texts, changes."""
    rows = list(
        db.query(
            "SELECT a.id AS article_id, a.url, a.title, a.source, a.region, MIN(v.number) - 1 AS from_version, "
            "MAX(v.number) AS to_version FROM versions v JOIN articles a ON a.id = v.article_id "
            "WHERE v.seen_at >= ? AND (? IS NULL OR v.seen_at < ?) AND v.number > 1 "
            "GROUP BY a.id ORDER BY MAX(v.seen_at), a.id",
            [since, until, until],
        )
    )
    for row in rows:
        texts = {
            number: (title, body)
            for number, title, body in db.execute(
                "SELECT number, title, body FROM versions WHERE article_id = ? AND number IN (?, ?)",
                [row["article_id"], row["from_version"], row["to_version"]],
            ).fetchall()
        }
        row["old_title"], row["old_body"] = texts.get(row["from_version"], ("", ""))
        row["new_title"], row["new_body"] = texts.get(row["to_version"], ("", ""))
        row["figure_changes"] = list(
            db.query(
                "SELECT fc.kind, fc.indicator, fc.old_value, fc.old_unit, fc.old_text, fc.new_value, fc.new_unit, "
                "fc.new_text FROM figure_changes fc JOIN versions v ON v.id = fc.new_version_id "
                "WHERE fc.article_id = ? AND v.number > ? AND v.number <= ? ORDER BY fc.id",
                [row["article_id"], row["from_version"], row["to_version"]],
            )
        )
    return rows


def removed_articles(db: sqlite_utils.Database, since: str, until: str | None = None) -> list[dict[str, Any]]:
    """Articles that answered 404/410 (or a soft-404) in the window and still do."""
    return list(
        db.query(
            "SELECT id AS article_id, url, title, source, gone_since FROM articles "
            "WHERE status = 'gone' AND gone_since >= ? AND (? IS NULL OR gone_since < ?) ORDER BY gone_since, id",
            [since, until, until],
        )
    )


def source_activity(db: sqlite_utils.Database, since: str, until: str | None = None) -> list[dict[str, Any]]:
    """Per source, the sums of its runs that started in the window."""
    return list(
        db.query(
            "SELECT source AS name, COUNT(*) AS runs, SUM(pages) AS pages, SUM(links) AS links, SUM(new) AS new, "
            "SUM(changed) AS changed, SUM(errors) AS errors, SUM(empty) AS empty FROM source_runs "
            "WHERE started_at >= ? AND (? IS NULL OR started_at < ?) GROUP BY source ORDER BY source",
            [since, until, until],
        )
    )
