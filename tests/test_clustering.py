"""Near-duplicate clusters in a real archive: matching, canonical choice, stability, persistence, conflicts."""
from __future__ import annotations

from pipeline.clustering import ArchiveClusters, Match, fingerprint
from pipeline.demo.content import seed_articles
from pipeline.figures import extract_figures
from pipeline.items import ArticleItem
from pipeline.normalize_stage import normalize_article
from pipeline.recording import record_article
from store import conflicts, queries
from store.db import open_archive, transaction

SEEDS = seed_articles()
CLUSTERS = ArchiveClusters()


def add(db, url, title, body, published="2025-07-07", seen_at="2026-11-28T00:00:00+00:00"):
    item = normalize_article(ArticleItem(url=url, source=url.split("/")[2], title=title, body=body,
                                         published=published, seen_at=seen_at))
    item.figures = extract_figures(item.body)
    print_ = fingerprint(item.title, item.body)
    known = db.execute("SELECT 1 FROM articles WHERE url = ?", [item.url]).fetchone()
    item.dedupe = (print_, Match() if known else CLUSTERS.find(db, print_))
    with transaction(db):
        return record_article(db, item, CLUSTERS)


def cluster_of(db, article_id):
    return db.execute("SELECT cluster_id FROM articles WHERE id = ?", [article_id]).fetchone()[0]


def test_repost_joins_and_distinct_stories_stay_apart(archive_path):
    db = open_archive(archive_path)
    original = SEEDS[4]
    first = add(db, "http://a.cn/1", original.title, original.body)
    repost_body = "来源：湖南日报 编辑：李四\n" + original.body.replace("，", ",").replace("。", ". ", 3)
    repost = add(db, "http://b.cn/9", original.title.replace("【宁乡县招商】", "【湖南招商】"), repost_body, "2025-07-08")
    other = add(db, "http://a.cn/2", SEEDS[6].title, SEEDS[6].body)
    same_title = add(db, "http://c.cn/3", original.title, SEEDS[7].body)
    assert cluster_of(db, repost.article_id) == cluster_of(db, first.article_id)
    assert len({cluster_of(db, o.article_id) for o in (first, other, same_title)}) == 3
    canonical = db.execute("SELECT canonical_article_id FROM clusters WHERE id = ?", [cluster_of(db, first.article_id)])
    assert canonical.fetchone()[0] == first.article_id
    assert [c["id"] for c in queries.copies(db, first.article_id)] == [repost.article_id]


def test_earlier_copy_becomes_canonical_and_the_index_persists(archive_path):
    db = open_archive(archive_path)
    article = SEEDS[2]
    later = add(db, "http://b.cn/1", article.title, article.body, published="2025-07-09")
    db.close()
    db = open_archive(archive_path)  # a new process: the index comes from the archive, nothing is rebuilt
    earlier = add(db, "http://a.cn/1", article.title, article.body, published="2025-07-07")
    cluster_id = cluster_of(db, later.article_id)
    assert cluster_of(db, earlier.article_id) == cluster_id
    assert db.execute("SELECT canonical_article_id FROM clusters WHERE id = ?", [cluster_id]).fetchone()[0] == earlier.article_id


def test_a_later_version_never_moves_its_article(archive_path):
    db = open_archive(archive_path)
    first = add(db, "http://a.cn/1", SEEDS[3].title, SEEDS[3].body)
    copy = add(db, "http://b.cn/1", SEEDS[3].title, SEEDS[3].body, published="2025-07-08")
    before = cluster_of(db, copy.article_id)
    rewritten = add(db, "http://b.cn/1", SEEDS[8].title, SEEDS[8].body, published="2025-07-08",
                    seen_at="2026-11-29T00:00:00+00:00")
    assert rewritten.status == "changed"
    assert cluster_of(db, copy.article_id) == before == cluster_of(db, first.article_id)
    third = add(db, "http://c.cn/1", SEEDS[8].title, SEEDS[8].body, published="2025-07-09")
    assert cluster_of(db, third.article_id) == before  # future copies match the article's current text


def test_a_copy_with_another_figure_is_a_conflict(archive_path):
    db = open_archive(archive_path)
    original = SEEDS[4]
    first = add(db, "http://a.cn/1", original.title, original.body)
    changed = original.body.replace("总投资120亿元", "总投资150亿元")
    copy = add(db, "http://b.cn/1", original.title, changed, published="2025-07-08")
    assert cluster_of(db, copy.article_id) == cluster_of(db, first.article_id)
    [conflict] = conflicts.conflicts_of(db, copy.article_id)
    assert (conflict["indicator"], conflict["text"], conflict["other_text"]) == ("总投资", "150亿元", "120亿元")
    assert conflicts.conflicts_of(db, first.article_id)[0]["text"] == "120亿元"
    add(db, "http://b.cn/1", original.title, original.body, published="2025-07-08", seen_at="2026-11-29T00:00:00+00:00")
    assert conflicts.conflicts_of(db, copy.article_id) == []


def test_rebuild_reaches_the_same_clusters_and_conflicts(archive_path):
    from pipeline.recording import refresh_all_conflicts

    db = open_archive(archive_path)
    original = SEEDS[4]
    first = add(db, "http://a.cn/1", original.title, original.body)
    copy = add(db, "http://b.cn/1", original.title, original.body.replace("总投资120亿元", "总投资150亿元"), "2025-07-08")
    summary = add(db, "http://c.cn/1", original.title, original.body[: len(original.body) // 3], "2025-07-09")
    other = add(db, "http://a.cn/2", SEEDS[6].title, SEEDS[6].body)
    before = {o.article_id: cluster_of(db, o.article_id) for o in (first, copy, summary, other)}
    conflicts_before = conflicts.conflicts_of(db, copy.article_id)
    with transaction(db):
        CLUSTERS.rebuild(db, "2026-11-30T00:00:00+00:00")
        assert refresh_all_conflicts(db, "2026-11-30T00:00:00+00:00") == 1
    after = {o.article_id: cluster_of(db, o.article_id) for o in (first, copy, summary, other)}
    assert len(set(after.values())) == 2 and (after[first.article_id] == after[copy.article_id] == after[summary.article_id])
    assert len(set(before.values())) == 2
    assert conflicts.conflicts_of(db, copy.article_id) == conflicts_before
