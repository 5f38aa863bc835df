"""Band rows sorted by key, and the candidate pairs of rows sharing a bucket (pipeline/lsh_buckets.py)."""
from __future__ import annotations

import numpy as np

from pipeline.lsh_buckets import bucket_pairs, sorted_band_rows


def test_bucket_pairs_pairs_rows_sharing_a_key_and_caps_buckets():
    keys = np.array([[1, 10], [2, 10], [1, 11], [3, 10]], dtype=np.int64)
    rows = sorted_band_rows(keys)
    later, earlier = bucket_pairs(*rows, max_bucket=8)
    assert set(zip(later.tolist(), earlier.tolist())) == {(2, 0), (1, 0), (3, 0), (3, 1)}
    later, earlier = bucket_pairs(*rows, max_bucket=1)
    # Row 3 only meets the most recent member of band 1's bucket (row 1), not row 0.
    assert set(zip(later.tolist(), earlier.tolist())) == {(2, 0), (1, 0), (3, 1)}
    blockable = np.array([True, False, True, True])
    later, _ = bucket_pairs(*sorted_band_rows(keys, blockable), max_bucket=8)
    assert 1 not in later.tolist()


def test_band_rows_are_sorted_by_key_with_rows_ascending_within_a_key():
    keys, bands, rows = sorted_band_rows(np.array([[5, 1], [5, 1]], dtype=np.int64))
    assert (keys.tolist(), bands.tolist(), rows.tolist()) == ([1, 1, 5, 5], [1, 1, 0, 0], [0, 1, 0, 1])


def test_no_pairs_without_two_rows_in_a_bucket():
    later, earlier = bucket_pairs(*sorted_band_rows(np.array([[1, 2], [3, 4]], dtype=np.int64)), max_bucket=8)
    assert later.size == 0 and earlier.size == 0
