"""LSH buckets: band rows sorted by key, and the candidate pairs of rows that share a bucket.

A bucket is one band key of one band; rows are positions of signatures. Everything is plain numpy arrays,
so that a rebuild finds every candidate pair of the archive at once with a sort.
"""
from __future__ import annotations

import numpy as np


def sorted_band_rows(
    keys: np.ndarray, blockable: np.ndarray | None = None
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Band rows (key, band, row) of an (n, bands) key matrix, sorted by key; rows ascend within a key.

    blockable (one flag per row) leaves out texts without band keys (shorter than a shingle).
    """
    count, bands = keys.shape
    rows = np.repeat(np.arange(count, dtype=np.int32), bands)
    band_of = np.tile(np.arange(bands, dtype=np.int16), count)
    flat = keys.ravel()
    if blockable is not None:
        kept = np.repeat(blockable, bands)
        flat, rows, band_of = flat[kept], rows[kept], band_of[kept]
    order = np.argsort(flat, kind="stable")
    return flat[order], band_of[order], rows[order]


def bucket_pairs(
    keys: np.ndarray, bands: np.ndarray, rows: np.ndarray, max_bucket: int
) -> tuple[np.ndarray, np.ndarray]:
    """Distinct (later, earlier) row pairs sharing a bucket, from sorted band rows.

    Each row pairs with at most max_bucket rows before it in its bucket: the most recent ones.
    """
    if keys.size < 2:
        return np.empty(0, np.int64), np.empty(0, np.int64)
    new_bucket = np.concatenate([[True], (keys[1:] != keys[:-1]) | (bands[1:] != bands[:-1])])
    starts = np.flatnonzero(new_bucket)
    ends = np.append(starts[1:], len(keys))
    bucket_of = np.cumsum(new_bucket) - 1
    active = np.flatnonzero((ends - starts)[bucket_of] >= 2)
    end_of = ends[bucket_of[active]]
    width = np.int64(rows.max()) + 1
    found = []
    for distance in range(1, max_bucket + 1):
        within = active + distance < end_of
        active, end_of = active[within], end_of[within]
        if active.size == 0:
            break
        found.append(rows[active + distance].astype(np.int64) * width + rows[active])
    if not found:
        return np.empty(0, np.int64), np.empty(0, np.int64)
    codes = np.unique(np.concatenate(found))
    return codes // width, codes % width
