"""Candidates of the near-duplicate index: MinHash estimates that rank them, and verification of the ranked ones.

Estimates are cheap and only decide what is worth comparing; a pair is a near-duplicate only once verified
character by character (near_duplicates.verify_pair).
"""
from __future__ import annotations

from typing import Iterable

import numpy as np

from .minhash import DEFAULT_SCHEME, MinHashScheme, estimated_containment
from .near_duplicates import DEFAULT_THRESHOLDS, DedupeThresholds, PairVerdict, figure_sequence, verify_pair

# Pairs scored at once in a rebuild: enough to amortise numpy's overhead, small enough to stay in memory.
_PAIR_CHUNK = 100_000


def candidate_scores(
    sigs: np.ndarray, lengths: np.ndarray, other_sigs: np.ndarray, other_lengths: np.ndarray,
    thresholds: DedupeThresholds = DEFAULT_THRESHOLDS, scheme: MinHashScheme = DEFAULT_SCHEME,
) -> np.ndarray:
    """Estimated containment of each pair (row i of both sides), or -1 where verification cannot succeed."""
    jaccard = (np.atleast_2d(other_sigs)[:, : scheme.bins] == np.atleast_2d(sigs)[:, : scheme.bins]).mean(axis=1)
    lengths, other_lengths = np.asarray(lengths), np.asarray(other_lengths)
    containment = estimated_containment(
        jaccard, np.maximum(lengths - scheme.shingle + 1, 1), np.maximum(other_lengths - scheme.shingle + 1, 1)
    )
    ratio = np.minimum(lengths, other_lengths) / np.maximum(np.maximum(lengths, other_lengths), 1)
    possible = (containment >= thresholds.min_estimated_containment) & (ratio >= thresholds.min_length_ratio)
    return np.where(possible, containment, -1.0)


def best_match(
    text: str, candidates: Iterable[tuple[int, int, str]], thresholds: DedupeThresholds = DEFAULT_THRESHOLDS
) -> tuple[int | None, PairVerdict | None, set[int]]:
    """Verify ranked (candidate, cluster, matching text) triples: the best match, its verdict, every matched cluster.

    Once a cluster has matched, its other members are skipped; at most max_verifications comparisons.
    """
    best: tuple[int, PairVerdict] | None = None
    matched: set[int] = set()
    figures: list[str] | None = None
    compared = 0
    for candidate, cluster, other in candidates:
        if cluster in matched:
            continue
        figures = figure_sequence(text) if figures is None else figures
        verdict = verify_pair(text, other, thresholds, figures_a=figures)
        compared += verdict.compared_text
        if verdict.duplicate:
            matched.add(cluster)
            if best is None or verdict.similarity > best[1].similarity:
                best = (candidate, verdict)
        if compared == thresholds.max_verifications:
            break
    return (best[0], best[1], matched) if best else (None, None, matched)


def ranked_pairs(
    later: np.ndarray, earlier: np.ndarray, sigs: np.ndarray, lengths: np.ndarray,
    thresholds: DedupeThresholds = DEFAULT_THRESHOLDS, scheme: MinHashScheme = DEFAULT_SCHEME,
) -> tuple[np.ndarray, np.ndarray]:
    """The (later, earlier) position pairs worth verifying, by later, then best estimated containment first.

    sigs and lengths are indexed by position; pairs whose verification cannot succeed are dropped.
    """
    kept = []
    for start in range(0, len(later), _PAIR_CHUNK):
        chunk = slice(start, start + _PAIR_CHUNK)
        score = candidate_scores(
            sigs[later[chunk]], lengths[later[chunk]], sigs[earlier[chunk]], lengths[earlier[chunk]],
            thresholds, scheme,
        )
        keep = score >= 0
        kept.append((later[chunk][keep], earlier[chunk][keep], score[keep]))
    if not kept:
        return later, earlier
    later, earlier, score = (np.concatenate(parts) for parts in zip(*kept))
    order = np.lexsort((earlier, -score, later))
    return later[order], earlier[order]
