"""An in-memory near-duplicate index: MinHash/LSH candidates, pair verification, cluster assignment.

Its state is what the archive stores, one row per entry: per article (id, published, matching text,
signature, cluster), per band key (band, key, article) and per cluster (id, canonical article). A new
article is verified against the existing articles sharing one of its band keys, best estimate first, and
joins the cluster of its best match or starts one; other clusters it matches too are the same story and
merge into that one. `rebuild` reaches the clusters of adding the articles one by one in publication
order, but finds every candidate pair at once with a sort.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable, Iterator

import numpy as np

from .dedupe_candidates import best_match, candidate_scores, ranked_pairs
from .lsh_buckets import bucket_pairs, sorted_band_rows
from .minhash import DEFAULT_SCHEME, MinHashScheme, band_keys_matrix, is_blank, signature, signatures
from .near_duplicates import (
    DEFAULT_THRESHOLDS,
    ClusterMember,
    DedupeThresholds,
    PairVerdict,
    canonical_member,
    matching_text,
)

_MIN_MERGE_ROWS = 50_000


@dataclass(frozen=True)
class ArticleText:
    """An article as the index takes it."""

    article_id: int
    title: str
    body: str
    published: str | None = None


@dataclass(frozen=True)
class Assignment:
    """Where an added article went."""

    article_id: int
    cluster_id: int
    matched_id: int | None
    """The existing article it was verified against; None when it started its own cluster."""
    verdict: PairVerdict | None
    merged_clusters: tuple[int, ...] = ()
    """Other clusters it also matched: the same story, so they were merged into cluster_id."""


class DedupeIndex:
    """Articles, their signatures and band keys, and their clusters, in plain arrays and dicts."""

    def __init__(self, thresholds: DedupeThresholds = DEFAULT_THRESHOLDS, scheme: MinHashScheme = DEFAULT_SCHEME):
        self.thresholds = thresholds
        self.scheme = scheme
        # Article rows, by position (the order they were added).
        self.article_ids: list[int] = []
        self.published: list[str | None] = []
        self.texts: list[str] = []
        self.cluster_ids: list[int] = []
        self._signatures = np.empty((0, scheme.length), dtype=np.uint32)
        self._lengths = np.empty(0, dtype=np.int64)
        self._positions: dict[int, int] = {}
        # Band rows sorted by key (positions ascending within a key); the newest wait in a dict until merged.
        self._keys = np.empty(0, dtype=np.int64)
        self._bands = np.empty(0, dtype=np.int16)
        self._rows = np.empty(0, dtype=np.int32)
        self._recent: dict[int, list[tuple[int, int]]] = {}
        self._recent_count = 0
        # Cluster rows: cluster id -> member positions.
        self.cluster_members: dict[int, list[int]] = {}
        self._next_cluster = 1

    def __len__(self) -> int:
        return len(self.article_ids)

    def __contains__(self, article_id: object) -> bool:
        return article_id in self._positions

    # Adding and matching -------------------------------------------------------------------------------

    def add(self, article_id: int, title: str, body: str, published: str | None = None) -> Assignment:
        """Index an article and put it in the cluster of its best match (or a new cluster)."""
        return self.add_text(article_id, matching_text(title, body), published)

    def add_text(
        self, article_id: int, text: str, published: str | None = None, sig: np.ndarray | None = None
    ) -> Assignment:
        """Index an article by its matching text (and its stored signature, when there is one)."""
        if article_id in self._positions:
            raise ValueError(f"article {article_id} is already in the index")
        sig = signature(text, self.scheme) if sig is None else sig
        keys = self._keys_of(sig)
        found, verdict, matched = self._best_match(text, self._ranked(sig, len(text), self._bucket_members(keys)))
        cluster, merged = self._join(found, matched)
        position = self._append(article_id, published, text, sig, cluster)
        for band, key in enumerate(keys.tolist()):
            self._recent.setdefault(key, []).append((band, position))
        self._recent_count += len(keys)
        if self._recent_count >= max(_MIN_MERGE_ROWS, len(self._keys) // 4):
            self._merge_recent()
        matched_id = None if found is None else self.article_ids[found]
        return Assignment(article_id, cluster, matched_id, verdict, merged)

    def candidates(self, title: str, body: str) -> list[int]:
        """Existing articles worth verifying against this one: sharing a band key, best estimate first."""
        text = matching_text(title, body)
        sig = signature(text, self.scheme)
        return [self.article_ids[p] for p in self._ranked(sig, len(text), self._bucket_members(self._keys_of(sig)))]

    def match(self, title: str, body: str) -> int | None:
        """The existing article this one is a near-duplicate of (the best verified), or None."""
        return self.match_text(matching_text(title, body))

    def match_text(self, text: str, sig: np.ndarray | None = None) -> int | None:
        """match() for a matching text (and its signature, when already computed)."""
        sig = signature(text, self.scheme) if sig is None else sig
        found, _, _ = self._best_match(text, self._ranked(sig, len(text), self._bucket_members(self._keys_of(sig))))
        return None if found is None else self.article_ids[found]

    # Clusters and rows for the archive -----------------------------------------------------------------

    def cluster_of(self, article_id: int) -> int:
        """The cluster an indexed article belongs to."""
        return self.cluster_ids[self._positions[article_id]]

    def clusters(self) -> dict[int, list[int]]:
        """Cluster id -> member article ids, in the order they were added."""
        return {cid: [self.article_ids[p] for p in members] for cid, members in self.cluster_members.items()}

    def canonical(self, cluster_id: int) -> int:
        """The cluster's canonical article: earliest published, then the most complete."""
        return canonical_member(
            ClusterMember(self.article_ids[p], self.published[p], len(self.texts[p]))
            for p in self.cluster_members[cluster_id]
        )

    def signature_of(self, article_id: int) -> np.ndarray:
        """The signature of an indexed article (stored as a BLOB with minhash.signature_to_bytes)."""
        return self._signatures[self._positions[article_id]]

    def band_rows(self) -> Iterator[tuple[int, int, int]]:
        """(band, key, article_id) rows, as the archive's band table holds them."""
        self._merge_recent()
        for band, key, position in zip(self._bands.tolist(), self._keys.tolist(), self._rows.tolist()):
            yield band, key, self.article_ids[position]

    def cluster_rows(self) -> Iterator[tuple[int, int]]:
        """(cluster_id, canonical_article_id) rows."""
        for cluster_id in self.cluster_members:
            yield cluster_id, self.canonical(cluster_id)

    # Rebuild -------------------------------------------------------------------------------------------

    @classmethod
    def rebuild(
        cls,
        articles: Iterable[ArticleText],
        thresholds: DedupeThresholds = DEFAULT_THRESHOLDS,
        scheme: MinHashScheme = DEFAULT_SCHEME,
    ) -> "DedupeIndex":
        """Cluster all articles from scratch, in publication order (the longest first within one date)."""
        rows = [(a.article_id, a.published, matching_text(a.title, a.body)) for a in articles]
        rows.sort(key=lambda r: (r[1] is None, r[1] or "", -len(r[2]), r[0]))
        index = cls(thresholds, scheme)
        texts = [r[2] for r in rows]
        index._signatures = signatures(texts, scheme)
        index._lengths = np.fromiter(map(len, texts), dtype=np.int64, count=len(texts))
        blockable = ~np.all(index._signatures == np.uint32(0xFFFFFFFF), axis=1)
        keys = band_keys_matrix(index._signatures, scheme)
        index._keys, index._bands, index._rows = sorted_band_rows(keys, blockable)
        later, earlier = index._ranked_pairs()
        starts = np.searchsorted(later, np.arange(len(rows) + 1))
        for position, (article_id, published, text) in enumerate(rows):
            ranked = earlier[starts[position]: starts[position + 1]]
            found, _, matched = index._best_match(text, ranked) if ranked.size else (None, None, set())
            cluster, _ = index._join(found, matched)
            index._record(article_id, published, text, cluster)
        return index

    def _ranked_pairs(self) -> tuple[np.ndarray, np.ndarray]:
        """Every (later, earlier) candidate pair worth verifying, by later, then as _ranked orders them."""
        later, earlier = bucket_pairs(self._keys, self._bands, self._rows, self.thresholds.max_bucket)
        return ranked_pairs(later, earlier, self._signatures, self._lengths, self.thresholds, self.scheme)

    # Internals -----------------------------------------------------------------------------------------

    def _keys_of(self, sig: np.ndarray) -> np.ndarray:
        return np.empty(0, dtype=np.int64) if is_blank(sig) else band_keys_matrix(sig, self.scheme)[0]

    def _bucket_members(self, keys: np.ndarray) -> np.ndarray:
        """Positions sharing a bucket with these band keys: the max_bucket most recent of each bucket."""
        if keys.size == 0:
            return np.empty(0, dtype=np.int64)
        low = np.searchsorted(self._keys, keys, "left")
        high = np.searchsorted(self._keys, keys, "right")
        found: list[np.ndarray] = []
        for band, key in enumerate(keys.tolist()):
            recent = [p for b, p in self._recent.get(key, ()) if b == band]
            if high[band] == low[band] and not recent:
                continue
            span = slice(low[band], high[band])
            members = self._rows[span][self._bands[span] == band]
            if recent:
                members = np.concatenate([members, np.array(recent, dtype=members.dtype)])
            found.append(members[-self.thresholds.max_bucket:])
        return np.unique(np.concatenate(found)).astype(np.int64) if found else np.empty(0, dtype=np.int64)

    def _ranked(self, sig: np.ndarray, length: int, positions: np.ndarray) -> np.ndarray:
        """Candidate positions worth verifying, best estimated containment first."""
        if positions.size == 0:
            return positions
        score = candidate_scores(
            sig, np.full(len(positions), length), self._signatures[positions], self._lengths[positions],
            self.thresholds, self.scheme,
        )
        keep = score >= 0
        positions, score = positions[keep], score[keep]
        return positions[np.lexsort((positions, -score))]

    def _best_match(self, text: str, ranked: np.ndarray) -> tuple[int | None, PairVerdict | None, set[int]]:
        positions = ranked.tolist()
        return best_match(text, ((p, self.cluster_ids[p], self.texts[p]) for p in positions), self.thresholds)

    def _join(self, found: int | None, matched: set[int]) -> tuple[int, tuple[int, ...]]:
        """The cluster a new article joins; the other matched clusters merge into it."""
        if found is None:
            cluster = self._next_cluster
            self._next_cluster += 1
            self.cluster_members[cluster] = []
            return cluster, ()
        cluster = self.cluster_ids[found]
        merged = tuple(sorted(matched - {cluster}))
        for other in merged:
            members = self.cluster_members.pop(other)
            for position in members:
                self.cluster_ids[position] = cluster
            self.cluster_members[cluster].extend(members)
        if merged:
            self.cluster_members[cluster].sort()
        return cluster, merged

    def _record(self, article_id: int, published: str | None, text: str, cluster: int) -> int:
        position = len(self.article_ids)
        self.article_ids.append(article_id)
        self.published.append(published)
        self.texts.append(text)
        self.cluster_ids.append(cluster)
        self.cluster_members[cluster].append(position)
        self._positions[article_id] = position
        return position

    def _append(self, article_id: int, published: str | None, text: str, sig: np.ndarray, cluster: int) -> int:
        position = len(self.article_ids)
        if position == len(self._signatures):
            capacity = max(1024, 2 * position)
            self._signatures = np.resize(self._signatures, (capacity, self.scheme.length))
            self._lengths = np.resize(self._lengths, capacity)
        self._signatures[position] = sig
        self._lengths[position] = len(text)
        return self._record(article_id, published, text, cluster)

    def _merge_recent(self) -> None:
        if not self._recent:
            return
        entries = sorted(((k, b, p) for k, rows in self._recent.items() for b, p in rows), key=lambda e: e[2])
        keys = np.concatenate([self._keys, np.array([e[0] for e in entries], dtype=np.int64)])
        bands = np.concatenate([self._bands, np.array([e[1] for e in entries], dtype=np.int16)])
        rows = np.concatenate([self._rows, np.array([e[2] for e in entries], dtype=np.int32)])
        order = np.argsort(keys, kind="stable")  # new rows come after older ones of the same key
        self._keys, self._bands, self._rows = keys[order], bands[order], rows[order]
        self._recent, self._recent_count = {}, 0
