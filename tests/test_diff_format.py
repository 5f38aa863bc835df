"""Diffs as plain-text, markdown and HTML lines, capped in size (alerts/diff_format.py)."""
from __future__ import annotations

import json
import re

from alerts.diff_format import (
    HTML_STYLE,
    MARKDOWN_STYLE,
    diff_html,
    diff_markdown,
    diff_text,
    format_changes,
    restyle_plain_diff,
)
from alerts.textdiff import SentenceChange, sentence_diff

OLD = "全区地区生产总值增长4%（预计数，下同）。总投资120亿元的项目正在建设。新增学位6040个。空气质量优良率达86%。"
NEW = "全区地区生产总值增长6.5%（预计数，下同）。总投资150亿元的项目正在建设。新增学位6040个。新增城镇就业11310人。"


def test_plain_text_lines():
    text = diff_text(OLD, NEW)
    assert text.splitlines() == [
        "~ 全区地区生产总值增长[-4-]{+6.5+}%（预计数，下同）。",
        "~ 总投资[-120-]{+150+}亿元的项目正在建设。",
        "- 空气质量优良率达86%。",
        "+ 新增城镇就业11310人。",
    ]


def test_long_sentence_keeps_context_around_the_edit_only():
    filler = "坚持稳中求进工作总基调" * 8
    old = f"{filler}，全年新增投资项目88个，{filler}。"
    new = f"{filler}，全年新增投资项目95个，{filler}。"
    line = diff_text(old, new)
    assert "[-88-]{+95+}" in line
    assert line.startswith("~ …") and line.endswith("…")
    assert len(line) < len(new) / 2


def test_huge_rewrite_is_capped_with_a_count():
    old = "".join(f"第{i}段旧的内容不同于新的内容。" for i in range(300))
    new = "".join(f"完全改写的第{i}句话另有所指！" for i in range(300))
    changes = sentence_diff(old, new)
    for cap in (80, 500, 2000):
        text = diff_text(old, new, max_chars=cap)
        assert len(text) <= cap
        lines = text.splitlines()
        more = re.fullmatch(r"… \(\+(\d+) more\)", lines[-1])
        assert more, lines[-1]
        assert len(lines) - 1 + int(more.group(1)) == len(changes)


def test_html_is_escaped_and_marks_edits():
    html = diff_html("公告<script>alert(1)</script>总额100万元。", "公告<script>alert(1)</script>总额200万元。")
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert re.search(r"<del[^>]*>100</del><ins[^>]*>200</ins>", html)


def test_html_cap_counts_visible_characters():
    old = "".join(f"第{i}段旧的内容不同于新的内容。" for i in range(300))
    new = "".join(f"完全改写的第{i}句话另有所指！" for i in range(300))
    html = diff_html(old, new, max_chars=300)
    visible = re.sub(r"<[^>]+>", "", html).replace("\n", "")
    assert len(visible) <= 300 < len(html)
    assert html.count("<p") == html.count("</p>")


def test_markdown_marks_and_escapes():
    md = diff_markdown("评级*A*，投资10亿元。", "评级*A*，投资12亿元。")
    assert md == r"- 评级\*A\*，投资~~10~~**12**亿元。"


def test_plain_diff_restyles_to_the_same_html_and_markdown():
    assert restyle_plain_diff(diff_text(OLD, NEW), HTML_STYLE) == diff_html(OLD, NEW)
    assert restyle_plain_diff(diff_text(OLD, NEW), MARKDOWN_STYLE) == diff_markdown(OLD, NEW)


def test_changes_round_trip_through_plain_dicts():
    changes = sentence_diff(OLD, NEW)
    dicts = json.loads(json.dumps([c.to_dict() for c in changes], ensure_ascii=False))
    assert [SentenceChange.from_dict(d) for d in dicts] == changes
    assert format_changes(dicts) == diff_text(OLD, NEW)
