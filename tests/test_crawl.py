"""Real Scrapy crawls of the local portal on 127.0.0.1, through `zswatch crawl` in a child process."""
from __future__ import annotations

from crawling import archive, count, crawl, write_config

from pipeline.demo.server import zs_path


def test_first_crawl_archives_both_sites_cleanly(portal, tmp_path):
    config = write_config(tmp_path, portal.base_url)
    result = crawl(config)
    zs, gov = result["by_source"]["changsha-zs"], result["by_source"]["county-gov"]
    assert (zs["new"], gov["new"]) == (10, 6)
    assert zs["not_articles"] == 1  # the soft-404
    assert zs["errors"] == 0 and gov["errors"] == 0  # the 503 was retried; robots.txt is not an error
    assert zs["pages"] >= 3 + 10 and gov["pages"] >= 2 + 6

    state = portal.state
    assert state.requested("/private/") == [], "robots.txt Disallow must be obeyed"
    assert state.requested("/zsyz/hot/") == [] and state.requested("/zsyz/about") == [], "sidebar/footer followed"
    assert len([p for p in state.requested(zs_path(state.zs[4]))]) == 2  # 503, then the retry

    db = archive(config)
    assert count(db, "SELECT COUNT(*) FROM articles") == 16
    assert count(db, "SELECT COUNT(*) FROM versions") == 16
    urls = [row[0] for row in db.execute("SELECT url FROM articles")]
    assert not any("utm_" in url or "from=" in url or "/old/" in url for url in urls)
    assert count(db, "SELECT COUNT(*) FROM articles WHERE url = ?", [portal.url(zs_path(state.zs[2]))]) == 1
    assert count(db, "SELECT COUNT(*) FROM articles WHERE url = ?", [portal.url(zs_path(state.zs[5]))]) == 1

    rows = {row["title"]: row for row in db.query("SELECT a.*, v.body FROM articles a JOIN versions v ON v.id = a.current_version_id")}
    report = rows["【天心区招商】2021年天心区政府工作报告"]
    assert report["published"] == "2025-07-08" and report["region"] == "天心区"
    for row in rows.values():
        for furniture in ("版权所有", "热门文章", "分享到", "责任编辑", "相关阅读", "当前位置", "主办单位", "打印本页"):
            assert furniture not in row["body"], (row["title"], furniture)
    gbk = [row for row in rows.values() if row["source"] == "county-gov"]
    assert all("\ufffd" not in row["title"] + row["body"] for row in gbk)
    assert {row["title"] for row in gbk} >= {"【湖南招商】湖南招商引资:长沙加速构建智能汽车产业链"}
    assert {row["published"] for row in gbk} == {"2025-07-07", "2025-07-08"}  # reposts a day later
    assert count(db, "SELECT COUNT(*) FROM pages WHERE raw_size > 0") == 16
    assert count(db, "SELECT COUNT(*) FROM figures") > 100


def test_recrawl_adds_nothing_and_an_edit_adds_exactly_one_version(portal, tmp_path):
    config = write_config(tmp_path, portal.base_url)
    crawl(config)
    again = crawl(config)
    assert sum(row["new"] + row["changed"] for row in again["sources"]) == 0
    assert sum(row["unchanged"] for row in again["sources"]) == 16
    db = archive(config)
    assert count(db, "SELECT COUNT(*) FROM versions") == 16

    portal.state.edit("0001", lambda body: body.replace("地区生产总值增长4%", "地区生产总值增长4.5%"))
    edited = crawl(config)
    assert edited["by_source"]["changsha-zs"]["changed"] == 1
    assert count(db, "SELECT COUNT(*) FROM versions") == 17
    [(article_id, versions)] = db.execute("SELECT id, versions_count FROM articles WHERE versions_count > 1").fetchall()
    assert versions == 2
    changes = list(db.query("SELECT * FROM figure_changes WHERE article_id = ?", [article_id]))
    assert [(c["kind"], c["indicator"], c["old_value"], c["new_value"]) for c in changes] == [
        ("changed", "地区生产总值增长", 4.0, 4.5)
    ]


def test_feed_and_sitemap_sources(portal, tmp_path):
    sources = f"""
  - name: zs-feed
    kind: feed
    start_urls: ["{portal.base_url}/zsyz/rss.xml"]
  - name: gov-atom
    kind: feed
    start_urls: ["{portal.base_url}/gov/atom.xml"]
"""
    result = crawl(write_config(tmp_path, portal.base_url, sources=sources))
    assert result["by_source"]["zs-feed"]["new"] == 10
    assert result["by_source"]["gov-atom"]["new"] == 6

    sitemap_dir = tmp_path / "sitemap"
    sitemap_dir.mkdir()
    sources = f"""
  - name: whole-site
    kind: sitemap
    start_urls: ["{portal.base_url}/sitemap.xml"]
"""
    result = crawl(write_config(sitemap_dir, portal.base_url, sources=sources))
    assert result["by_source"]["whole-site"]["new"] == 16
    assert result["by_source"]["whole-site"]["links"] == 16


def test_big_pages_are_extracted_and_oversized_pages_skipped(portal, tmp_path):
    portal.state.inline_image_bytes["0003"] = 5 * 1024 * 1024
    portal.state.inline_image_bytes["0004"] = 3 * 1024 * 1024
    config = write_config(tmp_path, portal.base_url, crawl="  max_page_mb: 4\n")
    result = crawl(config, "changsha-zs")
    db = archive(config)
    titles = {row[0] for row in db.execute("SELECT title FROM articles")}
    assert "【长沙招商】长沙强音奏响:十大重点片区助力高质增长" in titles  # 3 MB page, extracted
    assert "【长沙招商】长沙深化优化营商环境改革 促进市场主体高质量发展" not in titles  # 5 MB > 4 MB limit
    assert result["by_source"]["changsha-zs"]["errors"] == 1
    assert "skipped: larger than the 4 MB page limit" in result["log"]


def test_timeouts_are_retried_then_reported(portal, tmp_path):
    slow = zs_path(portal.state.zs[3])
    portal.state.slow[slow] = 3.0
    config = write_config(tmp_path, portal.base_url, crawl="  download_timeout: 1\n  retries: 1\n")
    result = crawl(config, "changsha-zs")
    assert len(portal.state.requested(slow)) == 2
    assert result["by_source"]["changsha-zs"]["errors"] == 1
    assert result["by_source"]["changsha-zs"]["new"] == 9
    assert "timed out after 1 s" in result["log"]


def test_a_redirect_loop_is_an_error_with_its_reason(portal, tmp_path):
    looping = zs_path(portal.state.zs[6])
    portal.state.looping.add(looping)
    config = write_config(tmp_path, portal.base_url)
    result = crawl(config, "changsha-zs")
    assert result["by_source"]["changsha-zs"]["errors"] == 1
    assert result["by_source"]["changsha-zs"]["new"] == 9
    assert "redirect loop: more than 10 redirects" in result["log"] and looping in result["log"]
    assert count(archive(config), "SELECT COUNT(*) FROM articles WHERE url LIKE ?", [f"%{looping}%"]) == 0


def test_reposts_on_the_other_site_join_their_originals_clusters(portal, tmp_path):
    config = write_config(tmp_path, portal.base_url)
    crawl(config)
    db = archive(config)
    clusters = {}
    for cluster_id, source, title in db.execute("SELECT cluster_id, source, title FROM articles"):
        clusters.setdefault(cluster_id, []).append((source, title))
    assert None not in clusters
    with_copies = [members for members in clusters.values() if len(members) > 1]
    reposts = [m for m in with_copies if len(m) == 2]
    assert len(reposts) == 3  # the three 【湖南招商】 reposts, each with its 【…招商】 original
    for members in reposts:
        assert {source for source, _ in members} == {"changsha-zs", "county-gov"}
        assert len({title.split("】")[1] for _, title in members}) == 1
    canonical_sources = [
        row[0] for row in db.execute(
            "SELECT a.source FROM clusters c JOIN articles a ON a.id = c.canonical_article_id "
            "WHERE (SELECT COUNT(*) FROM articles m WHERE m.cluster_id = c.id) = 2"
        )
    ]
    assert canonical_sources == ["changsha-zs"] * 3  # the original was published first
