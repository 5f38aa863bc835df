"""Known articles that no listing links any more are re-fetched by age, with conditional GETs."""
from datetime import datetime, timedelta, timezone

from crawling import archive, count, crawl, write_config

from pipeline.demo.server import zs_path
from store.articles import PageRecord, insert_article
from store.db import open_archive, transaction
from store.revisits import RevisitPolicy, due_revisits

NOW = datetime(2026, 11, 28, 12, 0, tzinfo=timezone.utc)


def add(db, url, first_seen_ago, fetched_ago, status="live"):
    record = PageRecord(url=url, source="s", title="t", body="b", content_hash="h",
                        seen_at=(NOW - first_seen_ago).isoformat(), etag='"e"')
    with transaction(db):
        article_id = insert_article(db, record)
        db.execute("UPDATE articles SET last_fetched = ?, status = ? WHERE id = ?",
                   [(NOW - fetched_ago).isoformat(), status, article_id])


def test_revisit_interval_grows_with_age(archive_path):
    db = open_archive(archive_path)
    hour, day = timedelta(hours=1), timedelta(days=1)
    add(db, "http://a/young-due", 5 * hour, 2 * hour)
    add(db, "http://a/young-fresh", 5 * hour, 0.5 * hour)
    add(db, "http://a/month-due", 10 * day, 2 * day)
    add(db, "http://a/month-fresh", 10 * day, 5 * hour)
    add(db, "http://a/year-due", 100 * day, 8 * day)
    add(db, "http://a/year-fresh", 100 * day, 3 * day)
    add(db, "http://a/ancient", 400 * day, 300 * day)
    add(db, "http://a/gone", 5 * hour, 2 * hour, status="gone")
    due = due_revisits(db, "s", NOW, RevisitPolicy())
    assert {url for url, _, _ in due} == {"http://a/young-due", "http://a/month-due", "http://a/year-due"}
    assert all(etag == '"e"' for _, etag, _ in due)
    assert len(due_revisits(db, "s", NOW, RevisitPolicy(), limit=2)) == 2
    assert due_revisits(db, "other", NOW, RevisitPolicy()) == []


def make_due(db):
    with transaction(db):
        db.execute("UPDATE articles SET last_fetched = ?", [(datetime.now(timezone.utc) - timedelta(hours=2)).isoformat()])


def test_unlisted_articles_are_revisited_conditionally(portal, tmp_path):
    config = write_config(tmp_path, portal.base_url)
    crawl(config, "changsha-zs")
    db = archive(config)
    state = portal.state
    for slug in ("0009", "0010"):
        state.unlist(slug)
    make_due(db)

    result = crawl(config, "changsha-zs")["by_source"]["changsha-zs"]
    path = zs_path(state.zs[8])
    assert len(state.requested(path)) == 2  # first crawl, then the revisit
    assert result["new"] == 0 and result["changed"] == 0
    assert count(db, "SELECT COUNT(*) FROM versions") == 10

    state.edit("0009", lambda body: body + "\n本文于近日更新。")
    state.remove("0010")
    make_due(db)
    result = crawl(config, "changsha-zs")["by_source"]["changsha-zs"]
    assert result["changed"] == 1
    assert count(db, "SELECT COUNT(*) FROM versions") == 11
    assert db.execute("SELECT status FROM articles WHERE url = ?", [portal.url(zs_path(state.zs[9]))]).fetchone()[0] == "gone"


def test_unchanged_revisit_answers_304(portal, tmp_path):
    config = write_config(tmp_path, portal.base_url)
    crawl(config, "changsha-zs")
    db = archive(config)
    portal.state.unlist("0009")
    make_due(db)
    before = db.execute("SELECT last_fetched FROM articles WHERE url LIKE '%art_0009.html'").fetchone()[0]
    crawl(config, "changsha-zs")
    after = db.execute("SELECT last_fetched FROM articles WHERE url LIKE '%art_0009.html'").fetchone()[0]
    assert after > before
    assert zs_path(portal.state.zs[8]) in portal.state.not_modified
    assert count(db, "SELECT COUNT(*) FROM versions") == 10
