"""`zswatch serve`: Datasette on a real archive, pages opened in headless Chromium; Chinese search through the
plugin's SQL functions; the archive written while served; the HTML digests."""
from __future__ import annotations

import json
import urllib.error
import urllib.request
from urllib.parse import quote

import pytest
from browser import open_page, require_chromium
from daily import TITLES, day_archive, free_port, start_zswatch, wait_for

from alerts.digest import build_digest
from alerts.outbox import queue_digest
from pipeline.serve import metadata, zh_match, zh_snippet
from store import outbox as outbox_rows
from store.db import open_archive


def test_zh_match_makes_every_cjk_character_a_token():
    assert zh_match("营商环境") == '"营 商 环 境"'
    assert zh_match("汽") == '"汽"'
    assert zh_match("长沙 招商") == '"长 沙" AND "招 商"'
    assert zh_match("") == zh_match("，。") == '""'
    assert "【营商环境】" in zh_snippet("全面优化营商环境。", "营商环境")


def test_metadata_describes_the_archive_under_its_database_name(tmp_path):
    data = metadata(tmp_path / "zs-archive.db")
    database = data["databases"]["zs-archive"]
    assert {"articles", "versions", "figure_changes", "source_health", "outbox"} <= set(database["tables"])
    assert database["tables"]["articles"]["columns"]["url"]
    assert {"latest_changes", "figure_changes_by_region", "clusters", "source_health", "search", "digests"} <= set(
        database["queries"])


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    """`zswatch serve` on a copy of the day archive with one digest queued; yields (base URL, day)."""
    require_chromium()
    day = day_archive(tmp_path_factory, tmp_path_factory.mktemp("served"))
    db = open_archive(day.db, create=False)
    queue_digest(db, build_digest(db, day.before_second), [])
    db.close()
    port = free_port()
    server = start_zswatch(day.config, "serve", "--port", str(port))
    base = f"http://127.0.0.1:{port}"

    def answers():
        try:
            return urllib.request.urlopen(f"{base}/-/versions.json", timeout=2).status == 200
        except OSError:
            assert server.poll() is None, server.stderr.read()
            return False

    try:
        wait_for(answers, 60, "zswatch serve to answer")
        yield base, day
    finally:
        server.terminate()
        server.communicate(timeout=30)


def _clean(page):
    assert page.status == 200, page.url
    assert page.console_errors == [], page.console_errors
    assert page.failed_requests == [], page.failed_requests
    assert all(request.startswith("http://127.0.0.1:") for request in page.requests), page.requests


def test_table_page_with_descriptions(served):
    base, _ = served
    page = open_page(f"{base}/archive/articles")
    _clean(page)
    assert "One row per article at its canonical URL" in page.text
    assert TITLES["0001"] in page.text and "17 rows" in page.text
    columns = open_page(f"{base}/archive/figure_changes")
    _clean(columns)
    assert "Policy figures whose value changed" in columns.text


def test_canned_queries(served):
    base, day = served
    latest = open_page(f"{base}/archive/latest_changes")
    _clean(latest)
    assert "Latest changes" in latest.text and "地区生产总值增长: 4% → 4.5%" in latest.text
    query = f"region={quote('天心')}&indicator={quote('生产总值')}"
    by_region = open_page(f"{base}/archive/figure_changes_by_region?{query}")
    _clean(by_region)
    assert "4.5%" in by_region.text and "1 row" in by_region.text
    elsewhere = open_page(f"{base}/archive/figure_changes_by_region?region={quote('宁乡')}&indicator=")
    _clean(elsewhere)
    assert "4.5%" not in elsewhere.text
    for name, expected in (("source_health", "changsha-zs"), ("clusters", "Near-duplicate clusters")):
        page = open_page(f"{base}/archive/{name}")
        _clean(page)
        assert expected in page.text
    db = open_archive(day.db, create=False)
    shared = db.execute("SELECT COUNT(*) FROM (SELECT cluster_id FROM articles WHERE cluster_id IS NOT NULL "
                        "GROUP BY cluster_id HAVING COUNT(*) > 1)").fetchone()[0]
    db.close()
    clusters = json.load(urllib.request.urlopen(f"{base}/archive/clusters.json?_shape=array"))
    assert len(clusters) == shared and all(row["copies"] > 1 and row["canonical_title"] for row in clusters)


@pytest.mark.parametrize("term, expected", [
    ("营商环境", "0003"),  # a four-character term
    ("汽车", "0007"),
    ("汽", "0007"),  # a single character
    ("宁乡 产业链", "0005"),  # every term must occur
])
def test_chinese_search(served, term, expected):
    base, _ = served
    page = open_page(f"{base}/archive/search?q={quote(term)}")
    _clean(page)
    assert TITLES[expected] in page.text
    rows = json.load(urllib.request.urlopen(f"{base}/archive/search.json?q={quote(term)}&_shape=array"))
    assert TITLES[expected] in [row["title"] for row in rows]
    assert all("【" in row["snippet"] or any(t in row["title"] for t in term.split()) for row in rows)


def test_search_with_no_match_or_no_term_is_empty_not_an_error(served):
    base, _ = served
    for term in ("完全不存在的词语", ""):
        rows = json.load(urllib.request.urlopen(f"{base}/archive/search.json?q={quote(term)}&_shape=array"))
        assert rows == []
    page = open_page(f"{base}/archive/search?q=")
    _clean(page)


def test_digest_pages_and_an_archive_written_while_served(served):
    base, day = served
    links = "[...document.querySelectorAll('a')].map(a => a.href).filter(h => h.includes('/digests/'))"
    listing = open_page(f"{base}/archive/digests", evaluate=[links])
    _clean(listing)
    [link] = listing.values[links]
    digest = open_page(link)
    _clean(digest)
    db = open_archive(day.db, create=False)
    headline_of_day = outbox_rows.message(db, 1)["summary"]
    db.close()
    assert headline_of_day.startswith("1 new · ") and headline_of_day in digest.text and "地区生产总值增长: 4% → 4.5%" in digest.text

    db = open_archive(day.db, create=False)
    queue_digest(db, build_digest(db, day.after_second), [])
    newest = outbox_rows.last_until(db)
    db.close()
    rows = json.load(urllib.request.urlopen(f"{base}/archive/digests.json?_shape=array"))
    assert len(rows) == 2 and rows[0]["until"] == newest and rows[0]["summary"] == "0 new · 0 changed · 0 removed"


def test_writes_through_datasette_are_refused(served):
    base, day = served
    sql = quote("DELETE FROM articles")
    with pytest.raises(urllib.error.HTTPError):
        urllib.request.urlopen(f"{base}/archive.json?sql={sql}")
    db = open_archive(day.db, create=False)
    assert db.execute("SELECT COUNT(*) FROM articles").fetchone()[0] == 17
    db.close()
