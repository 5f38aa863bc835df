"""MinHash signatures over character n-grams and LSH band keys, vectorised with numpy.

Chinese has no spaces, so the shingles are overlapping character n-grams of the matching text. Each
signature is one-permutation MinHash (one hash per shingle, split into bins, the minimum kept per bin,
empty bins filled by rotation), so its cost grows with the text, not with the number of hash functions.
A signature has two parts: bins over the whole text, and bins over its lead (the opening characters),
which is what a summary or a trimmed copy still shares with the full article.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Sequence

import numpy as np

_MASK64 = (1 << 64) - 1
EMPTY_BIN = np.uint32(0xFFFFFFFF)
SIGNATURE_DTYPE = np.dtype("<u4")
_BATCH_CHARS = 1 << 15


def _splitmix64(state: int) -> tuple[int, int]:
    """One step of splitmix64; the constants it yields are part of every stored signature."""
    state = (state + 0x9E3779B97F4A7C15) & _MASK64
    z = state
    z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & _MASK64
    z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & _MASK64
    return state, z ^ (z >> 31)


def _odd_constants(seed: int, count: int) -> list[int]:
    state, out = seed, []
    for _ in range(count):
        state, value = _splitmix64(state)
        out.append(value | 1)
    return out


@dataclass(frozen=True)
class MinHashScheme:
    """Shape of a signature; stored signatures and band keys are only comparable under the same scheme."""

    shingle: int = 5
    """Characters per shingle; 5 keeps unrelated Chinese texts apart while an edit breaks only 5 shingles."""
    bins: int = 96
    """Bins over the whole text."""
    rows: int = 3
    """Bins per band over the whole text; 32 bands of 3 find pairs sharing about half of their shingles."""
    lead_chars: int = 100
    """Opening characters the lead bins cover: a summary of even a short article keeps them all."""
    lead_bins: int = 30
    """Bins over the lead."""
    lead_rows: int = 3
    """Bins per band over the lead."""
    seed: int = 20250707
    """Seed of the hash constants."""

    def __post_init__(self) -> None:
        if self.bins % self.rows or self.lead_bins % self.lead_rows:
            raise ValueError("bins must be a multiple of rows (and lead_bins of lead_rows)")
        if not 1 <= self.shingle <= self.lead_chars:
            raise ValueError("shingle must be >= 1 and lead_chars >= shingle")
        if not 1 <= max(self.bins, self.lead_bins) <= 1 << 16:
            raise ValueError("bins and lead_bins must lie in 1..65536")

    @property
    def length(self) -> int:
        """Values in one signature."""
        return self.bins + self.lead_bins

    @property
    def bands(self) -> int:
        """Band keys per signature (whole-text bands first, then lead bands)."""
        return self.bins // self.rows + self.lead_bins // self.lead_rows


DEFAULT_SCHEME = MinHashScheme()


class _Constants:
    """Multipliers derived from a scheme's seed, computed once per scheme."""

    _cache: dict[MinHashScheme, "_Constants"] = {}

    def __init__(self, scheme: MinHashScheme) -> None:
        rows = max(scheme.rows, scheme.lead_rows)
        values = _odd_constants(scheme.seed, scheme.shingle + 3 + rows + scheme.bands)
        self.shingle = np.array(values[: scheme.shingle], dtype=np.uint64).astype(np.uint32)
        mixers = values[scheme.shingle: scheme.shingle + 3]
        self.mix, self.lead_mix, self.fill_step = (np.uint32(v & 0xFFFFFFFF) for v in mixers)
        rest = values[scheme.shingle + 3:]
        self.row = np.array(rest[:rows], dtype=np.uint64)
        self.band_salt = np.array(rest[rows:], dtype=np.uint64)

    @classmethod
    def of(cls, scheme: MinHashScheme) -> "_Constants":
        """The constants of a scheme, derived once and kept."""
        if scheme not in cls._cache:
            cls._cache[scheme] = cls(scheme)
        return cls._cache[scheme]


def _mix64(h: np.ndarray) -> np.ndarray:
    """The murmur3 finaliser: spreads every input bit over the whole 64-bit word (in place)."""
    h ^= h >> np.uint64(33)
    h *= np.uint64(0xFF51AFD7ED558CCD)
    h ^= h >> np.uint64(33)
    h *= np.uint64(0xC4CEB9FE1A85EC53)
    h ^= h >> np.uint64(33)
    return h


def _mix32(h: np.ndarray, multiplier: np.uint32) -> np.ndarray:
    """Xorshift-multiply-xorshift (in place): the low bits of a polynomial hash depend on too few inputs."""
    h ^= h >> np.uint32(16)
    h *= multiplier
    h ^= h >> np.uint32(13)
    return h


def _codepoints(text: str) -> np.ndarray:
    """The text as an array of code points."""
    return np.frombuffer(text.encode("utf-32-le"), dtype="<u4")


def shingle_hashes(text: str, scheme: MinHashScheme = DEFAULT_SCHEME) -> np.ndarray:
    """32-bit hashes of the text's overlapping character n-grams, in text order (empty when too short)."""
    return _ngram_hashes(_codepoints(text), scheme)


def _ngram_hashes(codes: np.ndarray, scheme: MinHashScheme) -> np.ndarray:
    n = scheme.shingle
    count = len(codes) - n + 1
    if count <= 0:
        return np.empty(0, dtype=np.uint32)
    constants = _Constants.of(scheme)
    # A polynomial in the n code points, accumulated in place (uint32 wraps around by design).
    h = codes[:count] * constants.shingle[0]
    term = np.empty_like(h)
    for j in range(1, n):
        np.multiply(codes[j: j + count], constants.shingle[j], out=term)
        h += term
    return _mix32(h, constants.mix)


def _fill_empty_bins(sig: np.ndarray, step: np.uint32) -> None:
    """Give each empty bin the value of the next filled bin to its right, shifted by the distance (in place)."""
    empty = sig == EMPTY_BIN
    rows = np.flatnonzero(empty.any(axis=1) & ~empty.all(axis=1))
    if rows.size == 0:
        return
    part, filled = sig[rows], ~empty[rows]
    width = part.shape[1]
    doubled = np.concatenate([part, part], axis=1)
    positions = np.where(np.concatenate([filled, filled], axis=1), np.arange(2 * width), 2 * width)
    next_filled = np.minimum.accumulate(positions[:, ::-1], axis=1)[:, ::-1][:, :width]
    distance = (next_filled - np.arange(width)).astype(np.uint32)
    borrowed = np.take_along_axis(doubled, next_filled, axis=1) + distance * step
    sig[rows] = np.where(filled, part, borrowed)


def signatures(texts: Sequence[str], scheme: MinHashScheme = DEFAULT_SCHEME) -> np.ndarray:
    """Signatures of many matching texts at once: a (len(texts), scheme.length) uint32 array."""
    result = np.full((len(texts), scheme.length), EMPTY_BIN, dtype=SIGNATURE_DTYPE)
    start, chars = 0, 0
    for end, text in enumerate(texts, 1):
        chars += len(text)
        # Batches that stay in the CPU cache are several times faster than one huge batch.
        if chars >= _BATCH_CHARS or end == len(texts):
            _signatures_into(result[start:end], texts[start:end], scheme)
            start, chars = end, 0
    return result


def _signatures_into(result: np.ndarray, texts: Sequence[str], scheme: MinHashScheme) -> None:
    constants = _Constants.of(scheme)
    hashes = _ngram_hashes(_codepoints("".join(texts)), scheme)
    if hashes.size == 0:
        return
    count = len(texts)
    lengths = np.fromiter((len(t) for t in texts), dtype=np.intp, count=count)
    starts = np.cumsum(lengths) - lengths
    shingles = np.maximum(lengths - scheme.shingle + 1, 0)
    row = np.repeat(np.arange(count, dtype=np.intp), lengths)[: len(hashes)]
    # An n-gram that runs past the end of its text joins two texts: it goes to a spare row, discarded.
    straddling = (starts + shingles)[:, None] + np.arange(scheme.shingle - 1)[None, :]
    straddling = straddling[(straddling < len(row)) & (np.arange(scheme.shingle - 1)[None, :] < lengths[:, None])]
    row[straddling] = count
    _min_into_bins(result[:, : scheme.bins], row, hashes, scheme.bins)
    lead_width = scheme.lead_chars - scheme.shingle + 1
    lead_offsets = np.arange(lead_width)[None, :]
    lead_positions = (starts[:, None] + lead_offsets)[lead_offsets < shingles[:, None]]
    lead_hashes = _mix32(hashes[lead_positions] ^ constants.lead_mix, constants.lead_mix)
    _min_into_bins(result[:, scheme.bins:], row[lead_positions], lead_hashes, scheme.lead_bins)
    _fill_empty_bins(result[:, : scheme.bins], constants.fill_step)
    _fill_empty_bins(result[:, scheme.bins:], constants.fill_step)


def _min_into_bins(out: np.ndarray, row: np.ndarray, hashes: np.ndarray, bins: int) -> None:
    """Keep, per row and bin, the smallest hash whose high bits pick that bin; row == len(out) is discarded."""
    if hashes.size == 0:
        return
    flat_index = row * bins
    flat_index += ((hashes >> np.uint32(16)) * np.uint32(bins)) >> np.uint32(16)
    flat = np.full((out.shape[0] + 1) * bins, EMPTY_BIN, dtype=np.uint32)
    np.minimum.at(flat, flat_index, hashes >> np.uint32(1))  # halved: never EMPTY_BIN
    out[:] = flat[: out.shape[0] * bins].reshape(out.shape)


def signature(text: str, scheme: MinHashScheme = DEFAULT_SCHEME) -> np.ndarray:
    """The signature of one matching text: scheme.length uint32 values."""
    return signatures([text], scheme)[0]


def is_blank(sig: np.ndarray) -> bool:
    """True for the signature of a text shorter than one shingle (it has no band keys)."""
    return bool(np.all(sig == EMPTY_BIN))


def band_keys_matrix(sigs: np.ndarray, scheme: MinHashScheme = DEFAULT_SCHEME) -> np.ndarray:
    """Band keys of many signatures: an (n, scheme.bands) int64 array; column b is band b."""
    sigs = np.atleast_2d(sigs)
    constants = _Constants.of(scheme)
    parts = [
        sigs[:, : scheme.bins].reshape(len(sigs), -1, scheme.rows),
        sigs[:, scheme.bins:].reshape(len(sigs), -1, scheme.lead_rows),
    ]
    keys = []
    for part in parts:
        wide = part.astype(np.uint64)
        acc = wide[:, :, 0] * constants.row[0]
        for j in range(1, part.shape[2]):
            acc ^= (wide[:, :, j] + np.uint64(j)) * constants.row[j]
        keys.append(acc)
    combined = np.concatenate(keys, axis=1) + constants.band_salt[None, :]
    return _mix64(combined).view(np.int64)


def band_keys(sig: np.ndarray, scheme: MinHashScheme = DEFAULT_SCHEME) -> list[int]:
    """Band keys of one signature as SQLite-ready int64 values (position = band); none for a blank text."""
    if is_blank(sig):
        return []
    return [int(k) for k in band_keys_matrix(sig, scheme)[0]]


def estimated_jaccard(sig: np.ndarray, others: np.ndarray, scheme: MinHashScheme = DEFAULT_SCHEME) -> np.ndarray:
    """Estimated Jaccard similarity of the whole-text shingle sets: share of equal whole-text bins."""
    others = np.atleast_2d(others)
    return (others[:, : scheme.bins] == sig[None, : scheme.bins]).mean(axis=1)


def estimated_containment(jaccard: np.ndarray, sizes: np.ndarray | int, other_sizes: np.ndarray | int) -> np.ndarray:
    """Share of the smaller shingle set inside the larger, from Jaccard J and both set sizes: J(a+b)/((1+J)min)."""
    sizes = np.asarray(sizes, dtype=np.float64)
    other_sizes = np.asarray(other_sizes, dtype=np.float64)
    smaller = np.maximum(np.minimum(sizes, other_sizes), 1.0)
    return np.minimum(jaccard * (sizes + other_sizes) / ((1.0 + jaccard) * smaller), 1.0)


def signature_to_bytes(sig: np.ndarray) -> bytes:
    """A signature as a little-endian BLOB."""
    return np.ascontiguousarray(sig, dtype=SIGNATURE_DTYPE).tobytes()


def signature_from_bytes(blob: bytes, scheme: MinHashScheme = DEFAULT_SCHEME) -> np.ndarray:
    """A signature back from its BLOB; refuses a BLOB from another scheme."""
    if len(blob) != scheme.length * SIGNATURE_DTYPE.itemsize:
        raise ValueError(f"signature BLOB of {len(blob)} bytes, expected {scheme.length * SIGNATURE_DTYPE.itemsize}")
    return np.frombuffer(blob, dtype=SIGNATURE_DTYPE).copy()
