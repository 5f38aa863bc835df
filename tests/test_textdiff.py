"""Sentence-level, character-level diffs of Chinese texts (alerts/textdiff.py)."""
from __future__ import annotations

import random
import re

from corpus import REAL_PAGES, read_jsonl, seed_listing_blocks

from alerts.textdiff import SentenceChange, sentence_diff, split_sentences
from store.textnorm import comparable_text

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


def test_long_text_edited_everywhere_is_still_paired_sentence_by_sentence():
    old = "".join(f"第{i}批项目总投资{i + 10}亿元，其中产业项目{i}个。" for i in range(400))
    new = "".join(f"第{i}批项目总投资{i + 20}亿元，其中产业项目{i}个。" for i in range(400))
    changes = sentence_diff(old, new)
    assert len(changes) == 400 and all(c.kind == "changed" for c in changes)
    assert _edits(changes[7]) == ("17", "27")


# ---------------------------------------------------------------- quality gate on real texts

def _real_bodies() -> list[str]:
    bodies = ["\n".join(lines[1:-1]) for lines in seed_listing_blocks()]
    gold = REAL_PAGES / "gold-bodies.jsonl"
    if gold.exists():
        bodies += [record["body"] for record in read_jsonl(gold)]
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

