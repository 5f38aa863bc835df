"""Recording one article in the archive: a new article, a new version, or nothing new; used by crawls and import."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Protocol

import sqlite_utils

from store import articles, figures as figure_rows

from .figure_changes import FigureChange, compare_figures
from .figures import Figure
from .items import ArticleItem

class ClusterAssigner(Protocol):
    def assign(self, db: sqlite_utils.Database, article_id: int, item: ArticleItem) -> int | None: ...


@dataclass(frozen=True)
class Outcome:
    """What recording an article did."""

    status: str  # "new" | "changed" | "unchanged"
    article_id: int
    version_id: int
    figure_changes: int = 0
    cluster_id: int | None = None


def page_record(item: ArticleItem) -> articles.PageRecord:
    """The archive's view of an item."""
    return articles.PageRecord(
        url=item.url,
        source=item.source,
        title=item.title,
        body=item.body,
        content_hash=item.content_hash,
        seen_at=item.seen_at,
        published=item.published,
        region=item.region,
        raw=item.raw,
        fetched_url=item.fetched_url,
        http_status=item.http_status,
        content_type=item.content_type,
        encoding=item.encoding,
        extractor_version=item.extractor_version,
        etag=item.etag,
        last_modified=item.last_modified,
        figures=[f.as_json() if isinstance(f, Figure) else dict(f) for f in item.figures],
    )


def record_article(db: sqlite_utils.Database, item: ArticleItem, clusters: ClusterAssigner | None = None) -> Outcome:
    """Write one normalised item; the caller holds the transaction so that every row lands or none does."""
    record = page_record(item)
    state = articles.current_state(db, record.url)
    if state is not None and state.content_hash == record.content_hash:
        articles.mark_seen(db, state.article_id, record)
        return Outcome("unchanged", state.article_id, state.version_id, cluster_id=state.cluster_id)
    article_id = state.article_id if state else articles.insert_article(db, record)
    version_id = articles.add_version(db, article_id, record, state)
    figure_rows.write_figures(db, version_id, record.figures)
    if state is None:
        cluster_id = clusters.assign(db, article_id, item) if clusters is not None else None
        return Outcome("new", article_id, version_id, cluster_id=cluster_id)
    old = [Figure.from_json(row) for row in figure_rows.version_figures(db, state.version_id)]
    new = [f if isinstance(f, Figure) else Figure.from_json(f) for f in item.figures]
    changes = [change_row(change) for change in compare_figures(old, new)]
    figure_rows.write_changes(db, article_id, state.version_id, version_id, changes, record.seen_at)
    return Outcome("changed", article_id, version_id, figure_changes=len(changes), cluster_id=state.cluster_id)


def change_row(change: FigureChange) -> dict[str, Any]:
    """A FigureChange as a figure_changes row; the texts are the amounts as shown ("近100万人", "-2%")."""
    shown = change.as_json()
    return {
        "kind": change.kind,
        "indicator": change.indicator,
        "old_value": shown["old_value"],
        "old_unit": shown["old_unit"],
        "old_text": shown["old"] or None,
        "new_value": shown["new_value"],
        "new_unit": shown["new_unit"],
        "new_text": shown["new"] or None,
    }
