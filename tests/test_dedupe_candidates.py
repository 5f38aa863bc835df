"""Ranking candidates by MinHash estimates and verifying them (pipeline/dedupe_candidates.py)."""
from __future__ import annotations

import re

import numpy as np
import pytest
from corpus import seed_bodies

from pipeline.dedupe_candidates import best_match, candidate_scores, ranked_pairs
from pipeline.minhash import signature, signatures
from pipeline.near_duplicates import DedupeThresholds, matching_text


@pytest.fixture(scope="module")
def bodies() -> list[str]:
    return seed_bodies()


def test_pure_helpers_rank_and_verify(bodies):
    text = matching_text("", bodies[1])
    copy = text[:500] + text[520:]
    others = [matching_text("", b) for b in bodies[2:5]] + [copy]
    scores = candidate_scores(
        signature(text), np.full(4, len(text)), np.stack([signature(o) for o in others]),
        np.array([len(o) for o in others]),
    )
    assert scores[3] > 0.8 and (scores[:3] < 0).all()
    found, verdict, matched = best_match(text, [(10, 1, others[0]), (11, 2, copy), (12, 2, copy)])
    assert found == 11 and verdict.duplicate and matched == {2}


def test_ranked_pairs_keep_possible_pairs_best_estimate_first(bodies):
    text = matching_text("", bodies[1])
    texts = [text, matching_text("", bodies[2]), text[:600] + text[700:], text[:-40]]
    sigs, lengths = signatures(texts), np.array([len(t) for t in texts])
    later, earlier = ranked_pairs(np.array([1, 2, 3, 3]), np.array([0, 0, 0, 2]), sigs, lengths)
    assert set(zip(later.tolist(), earlier.tolist())) == {(2, 0), (3, 0), (3, 2)}  # not the two stories
    assert later.tolist() == sorted(later.tolist())
    scores = [candidate_scores(sigs[3], lengths[3], sigs[e], lengths[e])[0] for e in earlier[later == 3].tolist()]
    assert scores == sorted(scores, reverse=True)


def test_best_match_stops_after_max_verifications(bodies):
    # Without digits no pair is turned down for its figures: every candidate is compared character by character.
    texts = [re.sub(r"\d", "", matching_text("", b)) for b in bodies[1:8]]
    strangers = [(n, n, other) for n, other in enumerate(texts[1:], 2)]
    copy = (99, 99, texts[0][:-30])
    thresholds = DedupeThresholds(max_verifications=3)
    assert best_match(texts[0], strangers[:3] + [copy], thresholds)[0] is None
    assert best_match(texts[0], strangers[:2] + [copy], thresholds)[0] == 99
