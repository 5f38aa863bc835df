"""Recording versions: figure changes compare both versions under the current figure rules."""
from __future__ import annotations

from pipeline.figures import extract_figures
from pipeline.items import ArticleItem
from pipeline.normalize_stage import normalize_article
from pipeline.recording import record_article
from store.db import open_archive, transaction

URL = "http://127.0.0.1/zsyz/land.html"
OLD = "该地块出让面积21,456平方米，容积率1.0-2.5，挂牌起始价1.2亿元。竞买申请截止时间另行公告。"


def record(db, body, seen_at):
    item = normalize_article(ArticleItem(url=URL, source="land", title="国有建设用地使用权挂牌出让公告", body=body,
                                         published="2025-07-07", seen_at=seen_at))
    item.figures = extract_figures(item.body)
    with transaction(db):
        return record_article(db, item)


def changes(db):
    return [tuple(r) for r in db.execute("SELECT kind, indicator, old_value, new_value FROM figure_changes")]


def as_if_older_figure_rules_missed_the_plot_ratio(db):
    with transaction(db):
        db.execute("DELETE FROM figures WHERE unit = ''")


def test_an_upgrade_of_the_figure_rules_is_not_a_figure_change(tmp_path):
    db = open_archive(tmp_path / "archive.db")
    record(db, OLD, "2026-11-01T00:00:00+00:00")
    as_if_older_figure_rules_missed_the_plot_ratio(db)
    outcome = record(db, OLD.replace("另行公告", "以公告为准"), "2026-11-02T00:00:00+00:00")
    assert outcome.status == "changed"
    assert changes(db) == []


def test_a_changed_value_is_still_flagged(tmp_path):
    db = open_archive(tmp_path / "archive.db")
    record(db, OLD, "2026-11-01T00:00:00+00:00")
    record(db, OLD.replace("1.2亿元", "1.5亿元"), "2026-11-02T00:00:00+00:00")
    assert changes(db) == [("changed", "挂牌起始价", 1.2, 1.5)]
