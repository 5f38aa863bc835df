"""Quality gates for figure extraction and figure-change detection, on hand-labelled data.

tests/data/figures_labelled.jsonl: sentences and passages from ../shared/corpus (the seed listing's
work reports, real pages 03, 05, 13, 22, 31) plus a few written to cover Chinese numerals and
exclusions, each with its figures labelled by reading DESIGN.md's definition. Passages without
figures are exclusions (dates, ordinals, plan names, names with numbers, phone/document numbers).

A predicted figure matches a labelled one when the spans are equal, or they overlap and value and
unit are equal. Each label matches at most one prediction.

An indicator is correct when, after removing quotes, brackets and spaces, it equals the label, or
one contains the other and both have the same head: the last two characters once direction verbs
(增长, 下降, 提升 …) are removed. "新增学位" vs "学位" is correct; "地区生产" vs "地区生产总值" is not.
"""
from __future__ import annotations

import json
import math
import re
from pathlib import Path

from pipeline.figure_changes import compare_texts
from pipeline.figures import extract_figures

DATA = Path(__file__).resolve().parent / "data"
PRECISION_FLOOR = 0.97
RECALL_FLOOR = 0.97
INDICATOR_FLOOR = 0.85

_DIRECTION = re.compile("增长|增加|上涨|上升|提高|提升|回升|跃升|上扬|提速|上浮|下降|下跌|减少|降低|回落|下调")
_IGNORED = re.compile(r"[“”\"‘’'「」『』《》()（）\s]")


def _rows(name: str) -> list[dict]:
    return [json.loads(line) for line in (DATA / name).read_text(encoding="utf-8").splitlines() if line.strip()]


def _head(indicator: str) -> str:
    return _DIRECTION.sub("", indicator)[-2:]


def indicator_correct(predicted: str, label: str) -> bool:
    predicted, label = _IGNORED.sub("", predicted), _IGNORED.sub("", label)
    if predicted == label:
        return True
    contained = predicted in label or label in predicted
    return bool(predicted) and contained and _head(predicted) == _head(label)


def _matches(predicted, label) -> bool:
    if (predicted.start, predicted.end) == (label["start"], label["end"]):
        return True
    overlap = predicted.start < label["end"] and label["start"] < predicted.end
    return overlap and math.isclose(predicted.value, label["value"]) and predicted.unit == label["unit"]


def score_extraction(rows: list[dict]) -> dict:
    true_pos = false_pos = false_neg = indicators_ok = 0
    for row in rows:
        predicted = extract_figures(row["text"])
        used: set[int] = set()
        for label in row["figures"]:
            hit = next((i for i, p in enumerate(predicted) if i not in used and _matches(p, label)), None)
            if hit is None:
                false_neg += 1
                continue
            used.add(hit)
            true_pos += 1
            indicators_ok += indicator_correct(predicted[hit].indicator, label["indicator"])
        false_pos += len(predicted) - len(used)
    return {
        "precision": true_pos / max(1, true_pos + false_pos),
        "recall": true_pos / max(1, true_pos + false_neg),
        "indicator_accuracy": indicators_ok / max(1, true_pos),
        "labelled": true_pos + false_neg,
    }


def test_labelled_set_is_large_enough():
    rows = _rows("figures_labelled.jsonl")
    assert sum(len(r["figures"]) for r in rows) >= 300
    assert sum(1 for r in rows if not r["figures"]) >= 30
    for row in rows:
        for label in row["figures"]:
            assert row["text"][label["start"]:label["end"]] == label["text"]


def test_figure_precision_recall_and_indicators():
    scores = score_extraction(_rows("figures_labelled.jsonl"))
    print(f"\nfigures: {scores}")
    assert scores["precision"] >= PRECISION_FLOOR, scores
    assert scores["recall"] >= RECALL_FLOOR, scores
    assert scores["indicator_accuracy"] >= INDICATOR_FLOOR, scores


def test_exclusion_passages_yield_nothing():
    noisy = [r["text"] for r in _rows("figures_labelled.jsonl") if not r["figures"] and extract_figures(r["text"])]
    assert noisy == []


def test_indicator_rule():
    assert indicator_correct("学位", "新增学位")
    assert indicator_correct("“四上”企业", "四上企业")
    assert indicator_correct("全区地区生产总值增长", "地区生产总值增长")
    assert not indicator_correct("地区生产", "地区生产总值")
    assert not indicator_correct("", "新增学位")


def _expected_found(expected: dict, flagged: dict) -> bool:
    if expected["kind"] != flagged["kind"]:
        return False
    for key, value in expected.items():
        if key == "kind":
            continue
        if isinstance(value, str) and flagged[key] != value:
            return False
        if not isinstance(value, str) and (flagged[key] is None or not math.isclose(flagged[key], value)):
            return False
    return True


def test_version_pairs_flag_every_change_and_nothing_else():
    missed, false_flags, found = [], [], 0
    pairs = _rows("figure_version_pairs.jsonl")
    for pair in pairs:
        flagged = [c.as_json() for c in compare_texts(pair["old"], pair["new"])]
        for expected in pair["expected"]:
            hit = next((f for f in flagged if _expected_found(expected, f)), None)
            if hit is None:
                missed.append((pair["name"], expected))
            else:
                flagged.remove(hit)
                found += 1
        false_flags.extend((pair["name"], f) for f in flagged)
    print(f"\nversion pairs: {len(pairs)} pairs, {found} expected changes found, "
          f"{len(missed)} missed, {len(false_flags)} false flags")
    assert len(pairs) >= 20
    assert missed == []
    assert false_flags == []
