"""The near-duplicate index: adding, matching, clusters, rows for the archive, rebuild (pipeline/dedupe_index.py)."""
from __future__ import annotations

import pytest
from corpus import generated_articles, seed_bodies

from pipeline.dedupe_index import ArticleText, DedupeIndex
from pipeline.minhash import DEFAULT_SCHEME, signature_from_bytes, signature_to_bytes
from pipeline.near_duplicates import DedupeThresholds, matching_text


@pytest.fixture(scope="module")
def bodies() -> list[str]:
    return seed_bodies()


def test_add_puts_reposts_in_the_original_cluster(bodies):
    index = DedupeIndex()
    first = index.add(1, "【长沙招商】甲", bodies[0], "2025-07-07")
    assert first.matched_id is None and first.verdict is None
    index.add(2, "【长沙招商】乙", bodies[1], "2025-07-07")
    repost = index.add(3, "【湖南招商】甲", "来源：长沙晚报\n" + bodies[0].replace("，", ","), "2025-07-08")
    assert repost.cluster_id == first.cluster_id and repost.matched_id == 1
    assert repost.verdict.duplicate and repost.verdict.containment > 0.99
    summary = index.add(4, "甲", bodies[0][: len(bodies[0]) // 3], "2025-07-06")
    assert summary.cluster_id == first.cluster_id
    assert index.canonical(first.cluster_id) == 4  # published first
    assert sorted(index.clusters()[first.cluster_id]) == [1, 3, 4]
    assert index.cluster_of(2) != first.cluster_id
    assert len(index) == 4 and 3 in index and 5 not in index


def test_match_and_candidates_do_not_change_the_index(bodies):
    index = DedupeIndex()
    for number, body in enumerate(bodies[:6], 1):
        index.add(number, f"标题{number}", body)
    copy = bodies[2][:900] + "另" + bodies[2][901:]
    assert index.candidates("", copy)[0] == 3
    assert index.match("", copy) == 3
    assert index.match("", bodies[8]) is None
    assert len(index) == 6


def test_clusters_matched_together_are_merged(bodies):
    paragraphs = bodies[0].split("\n")
    index = DedupeIndex()
    summary = index.add(1, "", "\n".join(paragraphs)[: len(bodies[0]) // 3])
    trimmed = index.add(2, "", "\n".join(paragraphs[:1] + paragraphs[2:]))  # lacks what the summary keeps
    assert summary.cluster_id != trimmed.cluster_id
    original = index.add(3, "", bodies[0])
    assert original.merged_clusters and len(index.clusters()) == 1
    assert index.cluster_of(1) == index.cluster_of(2) == index.cluster_of(3)


def test_rows_for_the_archive(bodies):
    index = DedupeIndex()
    for number, body in enumerate(bodies[:4], 1):
        index.add(number, "", body, f"2025-07-0{number}")
    index.add(9, "只有标题", "")  # too short for any band key
    rows = list(index.band_rows())
    assert len(rows) == 4 * DEFAULT_SCHEME.bands
    assert {article for _, _, article in rows} == {1, 2, 3, 4}
    assert all(-(2**63) <= key < 2**63 and 0 <= band < DEFAULT_SCHEME.bands for band, key, _ in rows)
    assert dict(index.cluster_rows())[index.cluster_of(9)] == 9
    blob = signature_to_bytes(index.signature_of(2))
    restored = DedupeIndex()
    for number, body in enumerate(bodies[:4], 1):
        text = matching_text("", body)
        sig = signature_from_bytes(blob) if number == 2 else None
        restored.add_text(number, text, f"2025-07-0{number}", sig)
    assert sorted(restored.band_rows()) == sorted(r for r in rows if r[2] != 9)
    with pytest.raises(ValueError, match="already"):
        restored.add_text(2, "重复")


def test_rebuild_equals_adding_in_publication_order():
    _, articles = generated_articles(1500, seed=5)
    texts = [ArticleText(a["id"], a["title"], a["body"], a["published"]) for a in articles]
    rebuilt = DedupeIndex.rebuild(texts)
    one_by_one = DedupeIndex()
    for article in sorted(texts, key=lambda a: (a.published, -len(matching_text(a.title, a.body)), a.article_id)):
        one_by_one.add(article.article_id, article.title, article.body, article.published)

    def groups(index: DedupeIndex) -> list[list[int]]:
        return sorted(sorted(members) for members in index.clusters().values())

    assert groups(rebuilt) == groups(one_by_one)
    assert len(groups(rebuilt)) < len(articles)  # reposts were found
    assert sorted(rebuilt.band_rows()) == sorted(one_by_one.band_rows())


def test_a_full_bucket_only_offers_its_most_recent_members(bodies):
    index = DedupeIndex(DedupeThresholds(max_bucket=1))
    index.add(1, "", bodies[3])
    index.add(2, "", bodies[3] + "\n编后：完")
    # Article 1 shares every bucket with 2, which is more recent: with one member per bucket, 1 is not offered.
    assert index.candidates("", bodies[3]) == [2]
    assert DedupeIndex().candidates("", bodies[3]) == []
