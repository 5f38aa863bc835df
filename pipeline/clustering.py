"""Near-duplicate clusters kept in the archive: each new article is checked against the stored index."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Callable, Iterator

import numpy as np
import sqlite_utils

from store import dedupe as rows

from .dedupe_index import ArticleText, DedupeIndex, best_match, candidate_scores
from .minhash import DEFAULT_SCHEME, MinHashScheme, band_keys, is_blank, signature, signature_from_bytes, signature_to_bytes
from .near_duplicates import DEFAULT_THRESHOLDS, ClusterMember, DedupeThresholds, PairVerdict, canonical_member, matching_text


@dataclass(frozen=True)
class Fingerprint:
    """What the index needs of an article: its matching text, MinHash signature and LSH band keys."""

    text: str
    signature: np.ndarray
    keys: list[int]


@dataclass(frozen=True)
class Match:
    """The best verified near-duplicate of an article in the archive, and every cluster that verified."""

    article_id: int | None = None
    cluster_id: int | None = None
    verdict: PairVerdict | None = None
    clusters: frozenset[int] = field(default_factory=frozenset)


def fingerprint(title: str, body: str, scheme: MinHashScheme = DEFAULT_SCHEME) -> Fingerprint:
    """The article's fingerprint (pure: can run in a worker process)."""
    text = matching_text(title, body)
    sig = signature(text, scheme)
    return Fingerprint(text, sig, [] if is_blank(sig) else band_keys(sig, scheme))


class ArchiveClusters:
    """Finds, assigns and rebuilds clusters against the archive's dedupe tables."""

    def __init__(self, thresholds: DedupeThresholds = DEFAULT_THRESHOLDS, scheme: MinHashScheme = DEFAULT_SCHEME):
        self.thresholds = thresholds
        self.scheme = scheme

    def find(self, db: sqlite_utils.Database, print_: Fingerprint, exclude: int | None = None) -> Match:
        """The archive's best near-duplicate of an article, or an empty Match."""
        ids = [i for i in rows.bucket_members(db, print_.keys, self.thresholds.max_bucket) if i != exclude]
        found = rows.entries(db, ids)
        if not found:
            return Match()
        sigs = np.stack([signature_from_bytes(entry[1], self.scheme) for entry in found])
        lengths = np.array([entry[2] for entry in found])
        scores = candidate_scores(
            print_.signature, np.full(len(found), len(print_.text)), sigs, lengths, self.thresholds, self.scheme
        )
        ranked = [found[i] for i in np.lexsort((np.array([e[0] for e in found]), -scores)) if scores[i] >= 0]
        if not ranked:
            return Match()
        texts = rows.current_texts(db, [entry[0] for entry in ranked[: 4 * self.thresholds.max_verifications]])

        def candidates() -> Iterator[tuple[int, int, str]]:
            for article_id, _, _, cluster_id in ranked:
                if article_id in texts:
                    yield article_id, cluster_id, matching_text(*texts[article_id])

        best, verdict, matched = best_match(print_.text, candidates(), self.thresholds)
        if best is None:
            return Match()
        cluster = next(entry[3] for entry in ranked if entry[0] == best)
        return Match(best, cluster, verdict, frozenset(c for c in matched if c is not None))

    def assign(
        self, db: sqlite_utils.Database, article_id: int, print_: Fingerprint, match: Match, now: str
    ) -> int:
        """Index a new article and put it in its match's cluster (merging other matched clusters) or a new one."""
        rows.put_entry(db, article_id, signature_to_bytes(print_.signature), len(print_.text), print_.keys, new=True)
        if match.cluster_id is None:
            cluster_id = rows.new_cluster(db, article_id, now)
        else:
            cluster_id = match.cluster_id
            rows.merge_clusters(db, cluster_id, sorted(match.clusters - {cluster_id}))
        rows.join_cluster(db, article_id, cluster_id)
        members = [ClusterMember(*member) for member in rows.cluster_members(db, cluster_id)]
        rows.set_canonical(db, cluster_id, canonical_member(members), now)
        return cluster_id

    def reindex(self, db: sqlite_utils.Database, article_id: int, print_: Fingerprint) -> None:
        """A new version: future articles are matched against its text; its cluster stays as it is."""
        rows.put_entry(db, article_id, signature_to_bytes(print_.signature), len(print_.text), print_.keys, new=False)

    def rebuild(self, db: sqlite_utils.Database, now: str, progress: Callable[[int], Any] | None = None) -> DedupeIndex:
        """Recluster the whole archive from its own tables; the caller holds the transaction."""
        articles = []
        for count, (article_id, published, title, body) in enumerate(rows.all_texts(db), 1):
            articles.append(ArticleText(article_id, title, body, published))
            if progress and count % 10_000 == 0:
                progress(count)
        index = DedupeIndex.rebuild(articles, self.thresholds, self.scheme)
        rows.clear_index(db)
        rows.write_rebuilt(
            db,
            ((a, signature_to_bytes(index.signature_of(a)), len(index.texts[p])) for a, p in _positions(index)),
            index.band_rows(),
            index.cluster_rows(),
            ((index.cluster_of(a), a) for a in index.article_ids),
            now,
        )
        return index


def _positions(index: DedupeIndex) -> Iterator[tuple[int, int]]:
    return ((article_id, position) for position, article_id in enumerate(index.article_ids))
