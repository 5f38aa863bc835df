"""The digest built from a real archive (alerts/digest.py): new, changed, removed, sources, in the contract shape."""
from __future__ import annotations

import json
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from alerts.diff_format import diff_text
from alerts.digest import build_digest, cross_copy_conflicts, to_utc_iso
from alerts.digest_shape import FIELDS
from alerts.markdown_digest import render_markdown
from alerts.render import render_html, render_json
from pipeline.demo.content import seed_articles
from pipeline.demo.server import zs_path
from pipeline.demo.walkthrough import NEW_ARTICLE
from store import runs
from store.db import transaction

ZS = {article.slug: zs_path(article) for article in seed_articles()}


def by_path(entries, path):
    found = [entry for entry in entries if entry["url"].endswith(path)]
    assert len(found) == 1, (path, [e["url"] for e in entries])
    return found[0]


def test_the_day_after_the_edits(day, day_db):
    digest = build_digest(day_db, day.before_second)
    assert [entry["url"].rsplit("/", 1)[-1] for entry in digest["new"]] == [f"art_{NEW_ARTICLE.slug}.html"]
    assert digest["new"][0]["title"] == NEW_ARTICLE.title and digest["new"][0]["duplicates"] == []

    report = by_path(digest["changed"], ZS["0001"])
    assert (report["from_version"], report["to_version"]) == (1, 2)
    assert {"indicator": "地区生产总值增长", "old": "4%", "new": "4.5%", "old_value": 4.0, "new_value": 4.5,
            "old_unit": "%", "new_unit": "%"} in report["figure_changes"]
    assert any(fc["old"] == "第64位" and fc["new"] == "第58位" for fc in report["figure_changes"])
    (old_title, old_body), (new_title, new_body) = day_db.execute(
        "SELECT title, body FROM versions WHERE article_id = ? ORDER BY number", [report["article_id"]]).fetchall()
    assert report["diff"] == diff_text(f"{old_title}\n{old_body}", f"{new_title}\n{new_body}")
    assert "[-4-]{+4.5+}" in report["diff"]
    assert any(seg["op"] == "insert" and "4.5" in seg["text"] for change in report["diff_segments"]
               for seg in change["segments"])

    wording = by_path(digest["changed"], ZS["0004"])
    assert wording["figure_changes"] == [] and "加快" in wording["diff"] and "重点" in wording["diff"]
    assert digest["changed"].index(report) < digest["changed"].index(wording), "figure changes come first"

    assert [entry["url"] for entry in digest["removed"]] == [by_path(digest["removed"], ZS["0010"])["url"]]
    [conflict] = digest["conflicts"]  # the county site's repost now says 150, the original 120
    assert conflict["indicator"] == "总投资"
    assert [(a["source"], a["text"]) for a in conflict["articles"]] == [("county-gov", "150亿元"), ("changsha-zs", "120亿元")]
    sources = {row["name"]: row for row in digest["sources"]}
    assert set(sources) == {"changsha-zs", "county-gov"}
    assert sources["changsha-zs"]["new"] == 1 and sources["changsha-zs"]["changed"] == 2
    assert all(row["pages"] > 0 and row["errors"] == 0 and row["alert"] is None for row in sources.values())


def test_json_has_exactly_the_contract_shape(day, day_db):
    data = json.loads(render_json(build_digest(day_db, day.before_second)))
    assert list(data) == list(FIELDS["digest"])
    assert list(data["new"][0]) == list(FIELDS["new"])
    assert list(data["changed"][0]) == list(FIELDS["changed"])
    assert list(data["changed"][0]["figure_changes"][0]) == list(FIELDS["figure_changes"])
    assert list(data["removed"][0]) == list(FIELDS["removed"])
    assert list(data["sources"][0]) == list(FIELDS["sources"])


def test_window_bounds(day, day_db):
    first_day = build_digest(day_db, day.before_first, day.before_second)
    assert len(first_day["new"]) == 16 - sum(len(entry["duplicates"]) for entry in first_day["new"])
    assert first_day["changed"] == [] and first_day["removed"] == []
    assert all(row["new"] > 0 for row in first_day["sources"])
    later = build_digest(day_db, day.after_second)
    assert later["new"] == later["changed"] == later["removed"] == later["sources"] == []
    assert "Nothing new" in render_markdown(later)


def test_a_repost_is_listed_once_under_its_canonical_article(day, day_db):
    # The demo's government site reposts article 0003 as r0003; the cluster is made here, not by the dedupe stage.
    original, repost = (day_db.execute("SELECT id FROM articles WHERE url LIKE ?", [f"%{path}"]).fetchone()[0]
                        for path in (ZS["0003"], "/gov/content.jsp?id=r0003"))
    with transaction(day_db):
        day_db.execute("UPDATE articles SET cluster_id = NULL WHERE id IN (?, ?)", [original, repost])
        cluster = day_db.execute("INSERT INTO clusters (canonical_article_id, created_at, updated_at) VALUES (?, ?, ?)",
                             [original, day.before_first, day.before_first]).lastrowid
        day_db.execute("UPDATE articles SET cluster_id = ? WHERE id IN (?, ?)", [cluster, original, repost])
    digest = build_digest(day_db, day.before_first, day.before_second)
    ids = [entry["article_id"] for entry in digest["new"]]
    assert original in ids and repost not in ids
    entry = digest["new"][ids.index(original)]
    assert [copy["source"] for copy in entry["duplicates"]] == ["county-gov"]
    assert entry["duplicates"][0]["url"].endswith("id=r0003")
    assert set(entry["duplicates"][0]) == {"url", "source"}


def _run(day_db, source: str, **counts) -> None:
    run_id = runs.start_run(day_db, [source])
    runs.update_source(day_db, runs.start_source(day_db, run_id, source), counts, status="ok")
    runs.finish_run(day_db, run_id, "ok")


def test_a_source_is_called_out_after_health_runs_failed_runs_in_a_row(day, day_db):
    since = to_utc_iso(datetime.now(ZoneInfo("UTC")) - timedelta(minutes=1))
    _run(day_db, "broken", pages=1, links=0)
    _run(day_db, "broken", pages=1, links=0, errors=2)

    def alert(runs_needed: int):
        return {row["name"]: row for row in build_digest(day_db, since, health_runs=runs_needed)["sources"]}["broken"]

    assert alert(3)["alert"] is None, "two bad runs are not yet three"
    assert alert(2)["alert"] == "only errors or no article links in the last 2 runs"
    _run(day_db, "broken", pages=1, links=0)
    assert alert(3)["alert"] == "no article links or only errors in the last 3 runs"
    assert alert(3)["pages"] == 3 and alert(3)["errors"] == 2
    _run(day_db, "broken", pages=3, links=2, new=2)
    assert alert(1)["alert"] is None and alert(3)["alert"] is None


def test_windowed_alert_is_judged_by_the_runs_before_until(day, day_db):
    _run(day_db, "late", pages=1, links=0)
    cut = to_utc_iso(datetime.now(ZoneInfo("UTC")) + timedelta(seconds=1))
    digest = build_digest(day_db, day.before_first, cut, health_runs=1)
    assert {row["name"]: row["alert"] for row in digest["sources"]}["late"] == "no article links in the last run"
    earlier = build_digest(day_db, day.before_first, day.after_second, health_runs=1)
    assert "late" not in {row["name"] for row in earlier["sources"]}


def test_rendered_digest_shows_figure_changes_first(day, day_db):
    digest = build_digest(day_db, day.before_second)
    markdown = render_markdown(digest)
    assert "地区生产总值增长: 4% → 4.5%" in markdown
    assert markdown.index("地区生产总值增长: 4% → 4.5%") < markdown.index(NEW_ARTICLE.title)
    html = render_html(digest)
    assert "<del>4%</del>" in html and "<ins>4.5%</ins>" in html


def test_conflicts_fall_in_the_window_they_were_found_in(day, day_db):
    assert cross_copy_conflicts(day_db, day.before_first, day.before_second) == []
    [conflict] = cross_copy_conflicts(day_db, day.before_second, None)
    assert {a["text"] for a in conflict["articles"]} == {"120亿元", "150亿元"}


@pytest.mark.parametrize("given, zone, expected", [
    ("2025-07-10", "Asia/Shanghai", "2025-07-09T16:00:00+00:00"),
    ("2025-07-10T08:30", "Asia/Shanghai", "2025-07-10T00:30:00+00:00"),
    ("2025-07-10T08:30:00+08:00", "UTC", "2025-07-10T00:30:00+00:00"),
    ("2025-07-10T00:30:00Z", "Asia/Shanghai", "2025-07-10T00:30:00+00:00"),
])
def test_times_are_read_in_the_config_time_zone_and_written_in_utc(given, zone, expected):
    assert to_utc_iso(given, ZoneInfo(zone)) == expected


def test_a_bad_time_is_an_error():
    with pytest.raises(ValueError):
        to_utc_iso("yesterday")
