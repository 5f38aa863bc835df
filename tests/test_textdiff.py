"""Sentence-level, character-level diffs of Chinese texts (alerts/textdiff.py)."""
from __future__ import annotations

import json
import random
import re
from pathlib import Path

import pytest

from alerts.textdiff import (
    HTML_STYLE,
    MARKDOWN_STYLE,
    SentenceChange,
    diff_html,
    diff_markdown,
    diff_text,
    format_changes,
    restyle_plain_diff,
    sentence_diff,
    split_sentences,
)
from store.textnorm import comparable_text

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus"

OLD = "全区地区生产总值增长4%（预计数，下同）。总投资120亿元的项目正在建设。新增学位6040个。空气质量优良率达86%。"
NEW = "全区地区生产总值增长6.5%（预计数，下同）。总投资150亿元的项目正在建设。新增学位6040个。新增城镇就业11310人。"


def _edits(change: SentenceChange) -> tuple[str, str]:
    deleted = "".join(s.text for s in change.segments if s.op == "delete")
    inserted = "".join(s.text for s in change.segments if s.op == "insert")
    return deleted, inserted


def test_split_keeps_end_marks_and_closing_quotes():
    text = "他说：“项目已签约。”随后开工！是否投产？\n第二段没有句号\n\n  \n最后；"
    assert split_sentences(text) == ["他说：“项目已签约。”", "随后开工！", "是否投产？", "第二段没有句号", "最后；"]


def test_stray_marks_join_the_sentence_before():
    sentences = split_sentences("项目已签约。 ” 随后开工。\n“好。”\n  ”")
    assert [comparable_text(s) for s in sentences] == ["项目已签约。”", "随后开工。", "“好。””"]


def test_identical_and_width_only_changes_are_no_change():
    assert sentence_diff(OLD, OLD) == []
    folded = OLD.replace("（", "(").replace("）", ")").replace("，", ",").replace("。", "。 \n")
    assert sentence_diff(OLD, folded) == []


def test_numbers_change_as_a_whole():
    changes = sentence_diff(OLD, NEW)
    changed = [c for c in changes if c.kind == "changed"]
    assert [_edits(c) for c in changed] == [("4", "6.5"), ("120", "150")]
    assert changed[1].old == "总投资120亿元的项目正在建设。"
    assert changed[1].new == "总投资150亿元的项目正在建设。"


def test_added_and_removed_sentences_in_reading_order():
    changes = sentence_diff(OLD, NEW)
    assert [c.kind for c in changes] == ["changed", "changed", "removed", "added"]
    removed, added = changes[2], changes[3]
    assert (removed.old, removed.old_index, removed.new_index) == ("空气质量优良率达86%。", 3, None)
    assert (added.new, added.new_index, added.old_index) == ("新增城镇就业11310人。", 3, None)


def test_unrelated_rewrite_is_a_removal_and_an_addition():
    changes = sentence_diff("园区新增企业50家。", "今年夏天雨水偏多。")
    assert [c.kind for c in changes] == ["removed", "added"]


def test_moved_sentence_is_not_a_change():
    a, b, c = "甲项目开工。", "乙项目投产。", "丙项目签约。"
    assert sentence_diff(a + b + c, c + a + b) == []


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


def test_long_text_edited_everywhere_is_still_paired_sentence_by_sentence():
    old = "".join(f"第{i}批项目总投资{i + 10}亿元，其中产业项目{i}个。" for i in range(400))
    new = "".join(f"第{i}批项目总投资{i + 20}亿元，其中产业项目{i}个。" for i in range(400))
    changes = sentence_diff(old, new)
    assert len(changes) == 400 and all(c.kind == "changed" for c in changes)
    assert _edits(changes[7]) == ("17", "27")


# ---------------------------------------------------------------- quality gate on real texts

def _real_bodies() -> list[str]:
    if not CORPUS.exists():
        pytest.skip(f"{CORPUS} is absent: the shared corpus sits beside the repository (../shared/corpus)")
    bodies = []
    seed = (CORPUS / "seed-listing.txt").read_text(encoding="utf-8")
    for block in seed.split("\n-\n"):
        lines = [line for line in block.strip("-\n").split("\n") if line.strip()]
        if len(lines) >= 3 and lines[0].startswith("【"):
            bodies.append("\n".join(lines[1:-1]))
    gold = CORPUS / "real-pages" / "gold-bodies.jsonl"
    if gold.exists():
        bodies += [json.loads(line)["body"] for line in gold.read_text(encoding="utf-8").splitlines() if line.strip()]
    return bodies


_NUMBER = re.compile(r"\d+(?:\.\d+)?")


def _edit_body(sentences: list[str], rnd: random.Random):
    """Change a figure in up to 3 sentences, drop one sentence, add one: the expected changes."""
    new = list(sentences)
    unique = [i for i, s in enumerate(sentences) if sentences.count(s) == 1]
    with_numbers = [i for i in unique if _NUMBER.search(sentences[i])]
    figure_edits = {}
    for i in rnd.sample(with_numbers, min(3, len(with_numbers))):
        match = rnd.choice(list(_NUMBER.finditer(sentences[i])))
        replacement = str(int(float(match.group())) + rnd.randint(1, 50)) + (".5" if "." in match.group() else "")
        new[i] = sentences[i][: match.start()] + replacement + sentences[i][match.end():]
        figure_edits[sentences[i]] = (match.group(), replacement)
    others = [i for i in unique if sentences[i] not in figure_edits]
    dropped = sentences[rnd.choice(others)] if others else None
    if dropped is not None:
        new.remove(dropped)
    added = f"全年新增签约项目{rnd.randint(100, 999)}个，协议引资{rnd.randint(10, 99)}亿元。"
    new.insert(rnd.randint(0, len(new)), added)
    return new, figure_edits, dropped, added


def test_quality_gate_on_real_texts():
    """Precision/recall of reported changes, and exactness of figure edits, on edited real bodies."""
    rnd = random.Random(20261127)
    expected_total = found_total = correct = figures_exact = figures_total = width_noise = 0
    bodies = _real_bodies()
    assert len(bodies) >= 10
    for body in bodies:
        sentences = split_sentences(body)
        if len(sentences) < 3:
            continue
        new, figure_edits, dropped, added = _edit_body(sentences, rnd)
        old_text, new_text = "\n".join(sentences), "\n".join(new)
        expected = {("changed", s) for s in figure_edits} | {("added", added)}
        if dropped is not None:
            expected.add(("removed", dropped))
        changes = sentence_diff(old_text, new_text)
        found = {(c.kind, c.new if c.kind == "added" else c.old) for c in changes}
        expected_total += len(expected)
        found_total += len(found)
        correct += len(expected & found)
        for change in changes:
            if change.kind == "changed" and change.old in figure_edits:
                figures_total += 1
                figures_exact += _edits(change) == figure_edits[change.old]
        folded = old_text.replace("，", ",").replace("：", ":").replace("（", "(").replace("）", ")")
        width_noise += bool(sentence_diff(old_text, folded.replace("。", "。 ")))
    precision, recall = correct / found_total, correct / expected_total
    print(f"precision={precision:.3f} recall={recall:.3f} figures exact={figures_exact}/{figures_total}")
    assert precision >= 0.95
    assert recall >= 0.95
    assert figures_total >= 50 and figures_exact / figures_total >= 0.95
    assert width_noise == 0

