"""Recording one article in the archive: a new article, a new version, or nothing new; used by crawls and import."""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Any, Callable

import sqlite_utils

from store import articles, conflicts as conflict_rows, figures as figure_rows
from store.fulltext import PendingIndex

from .clustering import ArchiveClusters
from .figure_changes import FigureChange, compare_figures
from .figures import Figure, extract_figures
from .items import ArticleItem


@dataclass(frozen=True)
class Outcome:
    """What recording an article did."""

    status: str  # "new" | "changed" | "unchanged"
    article_id: int
    version_id: int
    figure_changes: int = 0
    cluster_id: int | None = None
    reextracted: bool = False


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


def record_article(
    db: sqlite_utils.Database,
    item: ArticleItem,
    clusters: ArchiveClusters | None = None,
    pending: PendingIndex | None = None,
    reextract: Callable[[int], str | None] | None = None,
) -> Outcome:
    """Write one normalised item; the caller holds the transaction so that every row lands or none does.

    With `clusters`, item.dedupe holds the (Fingerprint, Match) the dedupe stage found for it. With
    `pending`, full-text index writes wait for the caller's flush at the end of its batch. `reextract`
    gives the content hash the current extractor reads from a version's stored page.
    """
    record = page_record(item)
    state = articles.current_state(db, record.url)
    if state is not None and state.content_hash == record.content_hash:
        articles.mark_seen(db, state.article_id, record)
        return Outcome("unchanged", state.article_id, state.version_id, cluster_id=state.cluster_id)
    if state is not None and _only_the_extractor_changed(state, record, reextract):
        articles.replace_extraction(db, state, record, pending)
        figure_rows.replace_figures(db, state.version_id, record.figures)
        if clusters is not None and item.dedupe is not None:
            clusters.reindex(db, state.article_id, item.dedupe[0])
        if state.cluster_id is not None:
            refresh_conflicts(db, state.article_id, state.cluster_id, _figures_of(item), record.seen_at)
        return Outcome("unchanged", state.article_id, state.version_id, cluster_id=state.cluster_id, reextracted=True)
    article_id = state.article_id if state else articles.insert_article(db, record)
    version_id = articles.add_version(db, article_id, record, state, pending)
    figure_rows.write_figures(db, version_id, record.figures)
    new = _figures_of(item)
    cluster_id = state.cluster_id if state else None
    if clusters is not None and item.dedupe is not None:
        print_, match = item.dedupe
        if state is None:
            cluster_id = clusters.assign(db, article_id, print_, match, record.seen_at)
        else:
            clusters.reindex(db, article_id, print_)
        # A new article that matched nothing is alone in its cluster: no copy to disagree with.
        if cluster_id is not None and (state is not None or match.article_id is not None):
            refresh_conflicts(db, article_id, cluster_id, new, record.seen_at)
    if state is None:
        return Outcome("new", article_id, version_id, cluster_id=cluster_id)
    # Both versions read by today's figure rules, so that an upgrade of those rules flags nothing.
    changes = [change_row(change) for change in compare_figures(extract_figures(state.body), new)]
    figure_rows.write_changes(db, article_id, state.version_id, version_id, changes, record.seen_at)
    return Outcome("changed", article_id, version_id, figure_changes=len(changes), cluster_id=cluster_id)


def _figures_of(item: ArticleItem) -> list[Figure]:
    return [f if isinstance(f, Figure) else Figure.from_json(f) for f in item.figures]


def _only_the_extractor_changed(
    state: articles.CurrentState, record: articles.PageRecord, reextract: Callable[[int], str | None] | None
) -> bool:
    """A newer extractor gives other text, but reads the stored page of the current version the same way."""
    if reextract is None or not record.extractor_version or state.extractor_version == record.extractor_version:
        return False
    return reextract(state.version_id) == record.content_hash


def refresh_conflicts(db: sqlite_utils.Database, article_id: int, cluster_id: int, figures: list[Figure], now: str) -> int:
    """Record where this article and the other copies of its story state different values for one indicator."""
    found = []
    for other_id, other_rows in conflict_rows.reference_figures(db, cluster_id, article_id).items():
        others = [Figure.from_json(row) for row in other_rows]
        found += _conflicts(cluster_id, article_id, figures, other_id, others, now)
    return conflict_rows.replace_conflicts(db, article_id, found)


def _conflicts(
    cluster_id: int, article_id: int, figures: list[Figure], other_id: int, others: list[Figure], now: str
) -> list[dict[str, Any]]:
    values, other_values = Counter(f.normalised for f in figures), Counter(f.normalised for f in others)
    if not values - other_values or not other_values - values:
        # One copy states no value the other lacks (the same text, a trimmed copy or a summary):
        # alignment pairs equal values first, so no indicator can disagree. Skipping it saves the alignment.
        return []
    found = []
    for change in compare_figures(others, figures):
        if change.kind != "changed":
            continue
        shown = change.as_json()
        found.append({
            "cluster_id": cluster_id, "indicator": change.indicator, "article_id": article_id,
            "value": shown["new_value"], "unit": shown["new_unit"], "text": shown["new"],
            "other_article_id": other_id, "other_value": shown["old_value"], "other_unit": shown["old_unit"],
            "other_text": shown["old"], "detected_at": now,
        })
    return found


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


def refresh_all_conflicts(db: sqlite_utils.Database, now: str) -> int:
    """Recompute the conflicts of every copy against its cluster's canonical article (after a rebuild).

    The rebuild has emptied figure_conflicts. A copy whose values, as written, are all among the canonical's
    (or the other way round) cannot disagree, and is settled without loading its figures.
    """
    found: list[dict[str, Any]] = []
    for cluster_id, canonical_version, copies in conflict_rows.clusters_with_copies(db):
        canonical_forms = Counter(figure_rows.value_forms(db, canonical_version))
        canonical: list[Figure] | None = None
        for article_id, version_id in copies[1:]:
            forms = Counter(figure_rows.value_forms(db, version_id))
            if not forms - canonical_forms or not canonical_forms - forms:
                continue
            if canonical is None:
                canonical = [Figure.from_json(row) for row in figure_rows.version_figures(db, canonical_version)]
            figures = [Figure.from_json(row) for row in figure_rows.version_figures(db, version_id)]
            found += _conflicts(cluster_id, article_id, figures, copies[0][0], canonical, now)
    return conflict_rows.add_conflicts(db, found)
