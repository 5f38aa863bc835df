"""An extractor upgrade reads the stored pages again: the same page is no new version, a changed page still is."""
from __future__ import annotations

from crawling import archive, count, crawl, write_config

from spiders.extraction import EXTRACTOR_VERSION
from store.db import integrity_ok, transaction
from store.fulltext import index_article, search_ids, unindex_article
from store.textnorm import content_hash

FURNITURE = "分享到：微信 微博 QQ空间"


def as_if_an_older_extractor_left_furniture_in(db, source: str) -> int:
    """Each current version of a source, rewritten as an older extractor would have read its page."""
    rows = list(db.query(
        "SELECT a.id AS article_id, v.id AS version_id, v.title, v.body FROM articles a "
        "JOIN versions v ON v.id = a.current_version_id WHERE a.source = ?", [source]))
    with transaction(db):
        for row in rows:
            body = row["body"] + "\n" + FURNITURE
            db.execute("UPDATE versions SET body = ?, content_hash = ?, extractor_version = '0' WHERE id = ?",
                       [body, content_hash(row["title"], body), row["version_id"]])
            unindex_article(db, row["article_id"], row["title"], row["body"])
            index_article(db, row["article_id"], row["title"], body)
    return len(rows)


def test_an_extractor_upgrade_replaces_the_text_in_place(portal, tmp_path):
    config = write_config(tmp_path, portal.base_url)
    crawl(config)
    db = archive(config)
    figures_before = count(db, "SELECT COUNT(*) FROM figures")
    older = as_if_an_older_extractor_left_furniture_in(db, "changsha-zs")
    assert older == 10 and len(search_ids(db, "微博")) == 10

    again = crawl(config)
    zs = again["by_source"]["changsha-zs"]
    assert (zs["new"], zs["changed"], zs["unchanged"]) == (0, 0, 10)
    assert count(db, "SELECT COUNT(*) FROM versions") == 16, "the pages did not change: no version"
    assert count(db, "SELECT COUNT(*) FROM versions WHERE body LIKE ?", [f"%{FURNITURE}%"]) == 0
    assert count(db, "SELECT COUNT(*) FROM versions WHERE extractor_version = ?", [EXTRACTOR_VERSION]) == 16
    assert count(db, "SELECT COUNT(*) FROM figure_changes") == 0
    assert count(db, "SELECT COUNT(*) FROM figures") == figures_before
    assert search_ids(db, "微博") == [] and integrity_ok(db)


def test_a_changed_page_is_a_new_version_whatever_the_extractor(portal, tmp_path):
    config = write_config(tmp_path, portal.base_url)
    crawl(config)
    db = archive(config)
    as_if_an_older_extractor_left_furniture_in(db, "changsha-zs")
    portal.state.edit("0001", lambda body: body.replace("地区生产总值增长4%", "地区生产总值增长4.5%"))
    again = crawl(config, "changsha-zs")
    assert again["by_source"]["changsha-zs"]["changed"] == 1
    assert again["by_source"]["changsha-zs"]["unchanged"] == 9
    assert count(db, "SELECT COUNT(*) FROM versions") == 17
    [change] = db.query("SELECT indicator, old_value, new_value FROM figure_changes WHERE kind = 'changed'")
    assert (change["old_value"], change["new_value"]) == (4.0, 4.5)
