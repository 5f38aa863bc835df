"""Aligning two versions' figures and listing what changed."""
import random
import re

import pytest
from corpus import SEED_LISTING, require_corpus

from pipeline.figure_changes import (
    FigureChange,
    align_figures,
    amount_text,
    compare_figures,
    compare_texts,
    indicator_key,
    same_value,
)
from pipeline.figures import Figure, extract_figures

TARGETS = "预期目标是:地区生产总值增长7%;地方一般公共预算收入增长5%;城镇登记失业率控制在4%以内。"


def test_a_changed_value_is_flagged_with_the_contract_fields():
    changes = compare_texts(TARGETS, TARGETS.replace("增长7%", "增长6.5%"))
    assert len(changes) == 1
    assert changes[0].as_json() == {
        "indicator": "地区生产总值增长", "old": "7%", "new": "6.5%", "old_value": 7.0, "new_value": 6.5,
        "old_unit": "%", "new_unit": "%", "kind": "changed",
    }
    assert changes[0].describe() == "地区生产总值增长: 7% → 6.5%"


@pytest.mark.parametrize(
    "old, new",
    [("120亿元", "1200000万元"), ("7%", "百分之七"), ("1.1万人", "11000人"), ("七成", "70%"), ("4%", "４％")],
)
def test_rewrites_of_the_same_value_are_not_changes(old, new):
    assert compare_texts(f"全区某项指标达{old}。", f"全区某项指标达{new}。") == []


def test_unmatched_figures_are_added_or_removed_never_changed():
    old = "新增学位6040个,新增公办幼儿园10所。"
    new = "新增学位6040个,新增养老服务床位300张。"
    kinds = sorted(c.kind for c in compare_texts(old, new))
    assert kinds == ["added", "removed"]


def test_growth_turning_into_a_fall_is_a_change_to_a_negative_value():
    [change] = compare_texts("地区生产总值增长2%。", "地区生产总值下降1%。")
    assert (change.kind, change.old.signed_value, change.new.signed_value) == ("changed", 2.0, -1.0)
    assert change.as_json()["new"] == "-1%"
    assert change.indicator == "地区生产总值增长"


def test_percent_and_percentage_points_never_align():
    changes = compare_texts("优良率提升11.7个百分点。", "优良率提升11.7%。")
    assert sorted(c.kind for c in changes) == ["added", "removed"]


def test_moved_paragraph_keeps_alignment():
    first = "减免企业税款8.79亿元、社保费用8.6亿元,拨付企业各类奖补资金2.5亿元。"
    second = "铺排市区重大项目150个,完成征拆1909户,腾地1871亩。"
    assert compare_texts(first + second, second + first) == []
    [change] = compare_texts(first + second, second.replace("1871亩", "1900亩") + first)
    assert (change.old.value, change.new.value) == (1871, 1900)


def test_same_indicator_in_two_sections_changes_only_where_edited():
    five_years = "未来五年:地区生产总值增长6%;城镇登记失业率控制在4%以内。"
    text = five_years + TARGETS
    [change] = compare_texts(text, five_years + TARGETS.replace("增长7%", "增长6.5%"))
    assert (change.old.value, change.new.value) == (7, 6.5)


def test_align_figures_pairs_every_figure_once():
    old = extract_figures(TARGETS)
    new = extract_figures(TARGETS.replace("增长5%", "增长5.5%") + "新增城镇就业1.1万人。")
    pairs = align_figures(old, new)
    assert sum(1 for o, n in pairs if o and n) == 3
    assert [n.value for o, n in pairs if o is None] == [1.1]
    assert sorted(id(o) for o, _ in pairs if o) == sorted(id(o) for o in old)


def test_stored_figures_without_context_still_compare():
    def stored(figure: Figure) -> Figure:
        row = {k: v for k, v in figure.as_json().items() if k in ("indicator", "value", "unit", "text", "start", "end")}
        return Figure.from_json(row)

    old = [stored(f) for f in extract_figures(TARGETS)]
    new = [stored(f) for f in extract_figures(TARGETS.replace("增长7%", "增长7.5%"))]
    assert [(c.kind, c.new.value) for c in compare_figures(old, new)] == [("changed", 7.5)]


def test_ranges_compare_their_upper_value():
    [change] = compare_texts("全年引进外资5至10亿美元。", "全年引进外资5至12亿美元。")
    assert change.kind == "changed"


def test_a_range_change_keeps_both_ends_positive():
    [change] = compare_texts("上半年出口同比增长4%-9%。", "上半年出口同比增长4%-10%。")
    assert (change.kind, change.old.upper, change.new.upper) == ("changed", 9, 10)
    assert (change.as_json()["old"], change.as_json()["new"]) == ("4%-9%", "4%-10%")


def test_negative_growth_and_a_fall_of_the_same_size_are_not_a_change():
    assert compare_texts("全年工业用电量下降3.4%。", "全年工业用电量负增长3.4%。") == []
    [change] = compare_texts("全年工业用电量下降3.4%。", "全年工业用电量负增长2.9%。")
    assert (change.old.signed_value, change.new.signed_value) == (-3.4, -2.9)


def test_spaces_from_pdf_text_still_compare():
    [change] = compare_texts("产业园计划投资 85 亿元,征地 320 亩。", "产业园计划投资 90 亿元,征地 320 亩。")
    assert (change.old.value, change.new.value, change.new.unit) == (85, 90, "亿元")


def test_a_respective_list_written_in_another_order_is_not_a_change():
    old = "城镇、农村居民消费支出分别增长4.6%、7.3%。"
    assert compare_texts(old, "农村、城镇居民消费支出分别增长7.3%、4.6%。") == []
    [change] = compare_texts(old, "农村、城镇居民消费支出分别增长7.5%、4.6%。")
    assert (change.old.value, change.new.value) == (7.3, 7.5)


def test_a_reordered_list_under_one_indicator_is_not_a_change():
    contexts = ["甲甲甲甲□亿元", "乙乙乙乙□亿元", "丙丙丙丙□亿元"]

    def figures(*values: float) -> list[Figure]:
        return [Figure("签约项目投资额", v, "亿元", f"{v:g}亿元", 6 * k, 6 * k + 4, context=contexts[k])
                for k, v in enumerate(values)]

    # each position keeps its words, so the values rotate through aligned pairs
    assert compare_figures(figures(12, 8, 5), figures(5, 12, 8)) == []
    changed = [c for c in compare_figures(figures(12, 8, 5), figures(5, 12, 9)) if c.kind == "changed"]
    assert len(changed) == 3


def test_helpers():
    figure = extract_figures("城镇登记失业率控制在4%以内。")[0]
    assert amount_text(figure) == "4%以内"
    assert indicator_key("地区生产总值增长") == indicator_key("地区生产总值下降") == "地区生产总值"
    assert same_value(figure, figure)
    assert FigureChange("added", "x", None, figure).describe() == "x: (无) → 4%以内"


def test_nothing_to_compare():
    assert compare_figures([], []) == []
    assert [c.kind for c in compare_texts("", "新增学位6040个。")] == ["added"]


def _edit_number(sentence: str, figure: Figure) -> str:
    digits = re.search(r"\d+", figure.text)
    start = figure.start + digits.start()
    return sentence[:start] + str(int(digits.group()) + 3) + sentence[figure.start + digits.end():]


@pytest.mark.parametrize("line", [2, 6])
def test_edited_and_shuffled_real_report_flags_exactly_the_edits(line):
    """Three figures edited and a block of ten sentences moved, over 20 seeds: no false or missed flags."""
    body = require_corpus(SEED_LISTING).read_text(encoding="utf-8").split("\n")[line]
    sentences = [s for s in re.split(r"(?<=。)", body) if s]
    with_figures = [i for i, s in enumerate(sentences) if any(re.search(r"\d", f.text) for f in extract_figures(s))]
    for seed in range(20):
        rng = random.Random(seed)
        edited = list(sentences)
        expected = set()
        for i in rng.sample(with_figures, 3):
            figure = next(f for f in extract_figures(sentences[i]) if re.search(r"\d", f.text))
            edited[i] = _edit_number(sentences[i], figure)
            expected.add((figure.indicator, figure.value))
        start = rng.randrange(len(edited) - 10)
        block = edited[start:start + 10]
        del edited[start:start + 10]
        at = rng.randrange(len(edited))
        edited[at:at] = block
        changes = compare_texts("".join(sentences), "".join(edited))
        flagged = {(c.old.indicator, c.old.value) for c in changes if c.kind == "changed"}
        assert [c for c in changes if c.kind != "changed"] == [], seed
        assert flagged == expected, seed


def test_a_reworded_sentence_keeps_its_figure():
    old = "全市外贸进出口总额增长7.3%，增速比上半年加快0.8个百分点。"
    new = "全市外贸进出口总额增速比上半年加快0.8个百分点，全年增长7.3%。"
    assert compare_texts(old, new) == []


def test_a_plot_ratio_revised_is_a_change():
    changes = compare_texts("该宗地容积率1.5-2.2，出让年限50年。", "该宗地容积率1.5-2.8，出让年限50年。")
    assert [(c.kind, c.old.upper, c.new.upper) for c in changes] == [("changed", 2.2, 2.8)]


def test_kilometres_written_in_letters_are_kilometres():
    assert compare_texts("新建城市道路12.6km。", "新建城市道路12.6公里。") == []
