from __future__ import annotations

import re

import numpy as np
import pytest
from corpus import SEED_LISTING, require_corpus

from pipeline.minhash import (
    DEFAULT_SCHEME,
    MinHashScheme,
    band_keys,
    band_keys_matrix,
    estimated_containment,
    estimated_jaccard,
    is_blank,
    shingle_hashes,
    signature,
    signature_from_bytes,
    signature_to_bytes,
    signatures,
)

# A short excerpt of the seed listing (one article's opening), enough for the properties below.
EXCERPT = (
    "湖南省长沙市聚焦招商引资和企业发展通过出台综合性政策文件全面系统地优化营商环境该市推出的行动计划旨在推动"
    "市场主体高质量增长提升法治保障和机制协同以吸引投资和创新资源助力现代化经济建设实施中长沙借鉴全国先进经验"
    "强化制度设计确保营商环境优化实效落地"
)


@pytest.fixture(scope="module")
def long_texts() -> list[str]:
    """Twenty unrelated 2,000-character stretches of the seed listing, punctuation dropped."""
    text = re.sub(r"\W", "", require_corpus(SEED_LISTING).read_text(encoding="utf-8"))
    return [text[i * 2000: (i + 1) * 2000] for i in range(20)]


def shingle_set(text: str, n: int = DEFAULT_SCHEME.shingle) -> set[str]:
    return {text[i: i + n] for i in range(len(text) - n + 1)}


def test_signature_shape_and_determinism():
    sig = signature(EXCERPT)
    assert sig.dtype == np.uint32 and sig.shape == (DEFAULT_SCHEME.length,)
    assert np.array_equal(sig, signature(EXCERPT))
    assert not np.array_equal(sig, signature(EXCERPT[40:]))


def test_batch_signatures_equal_one_at_a_time(long_texts):
    texts = long_texts + [EXCERPT, "", "短", "四个字符", EXCERPT[:7], EXCERPT[:120]]
    batch = signatures(texts)
    for row, text in zip(batch, texts):
        assert np.array_equal(row, signature(text))


def test_shingles_never_span_two_texts_of_a_batch():
    # A text's signature must not depend on its neighbours in a batch.
    alone = signature(EXCERPT[:60])
    batched = signatures([EXCERPT[60:], EXCERPT[:60], EXCERPT[30:90]])[1]
    assert np.array_equal(alone, batched)


def test_shingle_hashes_follow_the_ngrams():
    hashes = shingle_hashes("长沙长沙长沙长沙")
    assert len(hashes) == 8 - DEFAULT_SCHEME.shingle + 1
    assert hashes[0] == hashes[2]  # the same 5-gram, the same hash
    assert len(shingle_hashes("长沙")) == 0


def test_estimated_jaccard_tracks_the_exact_jaccard(long_texts):
    base = long_texts[0]
    for keep in (1.0, 0.8, 0.5, 0.3):
        other = base[: int(len(base) * keep)] + long_texts[1][: int(len(base) * (1 - keep))]
        a, b = shingle_set(base), shingle_set(other)
        exact = len(a & b) / len(a | b)
        estimate = estimated_jaccard(signature(base), signature(other))[0]
        assert abs(estimate - exact) < 0.15, (keep, exact, estimate)
    unrelated = estimated_jaccard(signature(base), signatures(long_texts[1:]))
    assert unrelated.max() < 0.1


def test_estimated_containment_of_a_summary_is_high(long_texts):
    article = long_texts[2]
    summary = article[: len(article) // 3]
    jaccard = estimated_jaccard(signature(article), signature(summary))
    containment = estimated_containment(jaccard, len(article) - 4, len(summary) - 4)
    assert containment[0] > 0.75
    assert jaccard[0] < 0.5  # a summary shares only a third of the article's shingles


def test_band_keys_are_sqlite_integers_and_shared_by_copies(long_texts):
    article = long_texts[3]
    keys = band_keys(signature(article))
    assert len(keys) == DEFAULT_SCHEME.bands
    assert all(isinstance(k, int) and -(2**63) <= k < 2**63 for k in keys)
    assert band_keys(signature(article)) == keys
    edited = article[:500] + "改" + article[501:]
    assert sum(a == b for a, b in zip(keys, band_keys(signature(edited)))) > DEFAULT_SCHEME.bands // 2
    unrelated = band_keys(signature(long_texts[4]))
    assert sum(a == b for a, b in zip(keys, unrelated)) == 0


def test_a_summary_shares_a_lead_band(long_texts):
    article = long_texts[5]
    summary = article[: len(article) // 3]
    whole_bands = DEFAULT_SCHEME.bins // DEFAULT_SCHEME.rows
    shared = [b for b, (x, y) in enumerate(zip(band_keys(signature(article)), band_keys(signature(summary)))) if x == y]
    assert any(b >= whole_bands for b in shared)


def test_a_text_shorter_than_a_shingle_has_no_band_keys():
    assert is_blank(signature("长沙"))
    assert band_keys(signature("长沙")) == []
    assert band_keys(signature("")) == []
    assert not is_blank(signature("长沙招商引资"))


def test_signature_bytes_round_trip():
    sig = signature(EXCERPT)
    blob = signature_to_bytes(sig)
    assert isinstance(blob, bytes) and len(blob) == 4 * DEFAULT_SCHEME.length
    assert np.array_equal(signature_from_bytes(blob), sig)
    with pytest.raises(ValueError, match="expected"):
        signature_from_bytes(blob[:-4])


def test_scheme_validation_and_other_schemes():
    with pytest.raises(ValueError):
        MinHashScheme(bins=100, rows=3)
    with pytest.raises(ValueError):
        MinHashScheme(shingle=0)
    small = MinHashScheme(bins=16, rows=4, lead_bins=8, lead_rows=2, lead_chars=40)
    sig = signature(EXCERPT, small)
    assert sig.shape == (24,)
    assert len(band_keys(sig, small)) == 4 + 4
    assert band_keys_matrix(signatures([EXCERPT, EXCERPT], small), small).shape == (2, 8)
