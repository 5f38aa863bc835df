"""A figure's indicator, carried over within a list, and its context (pipeline/figure_indicators.py)."""
from pipeline.figure_indicators import sentence_breaks
from pipeline.figures import extract_figures


def test_indicators_are_the_subject_of_the_clause():
    figures = extract_figures("全区地区生产总值增长4%,地方一般公共预算收入增长2.6%;新增学位6040个,减免企业税款8.79亿元。")
    assert [f.indicator for f in figures] == ["地区生产总值增长", "地方一般公共预算收入增长", "新增学位", "减免企业税款"]


def test_indicator_is_carried_over_within_a_sentence():
    figures = extract_figures("地区生产总值突破2000亿元后再攀新高,预计达2120亿元,增长3.5%。")
    assert [f.indicator for f in figures] == ["地区生产总值", "地区生产总值", "地区生产总值增长"]


def test_a_listed_figure_takes_over_indicator_and_direction_but_not_across_sentences():
    listed = extract_figures("出口增长4%和5%。")
    assert [(f.indicator, f.direction) for f in listed] == [("出口增长", "up"), ("出口增长", "up")]
    apart = extract_figures("出口增长4%。另有5%。")
    assert apart[1].indicator != "出口增长" and apart[1].direction == ""


def test_indicator_of_a_number_before_its_noun():
    [boilers] = extract_figures("完成169台锅炉低氮改造。")
    assert boilers.indicator == "完成锅炉低氮改造"
    [projects] = extract_figures("劳动广场、舒家桥等31个项目成功扫尾清零。")
    assert projects.indicator == "项目"


def test_context_masks_digits_and_stays_inside_the_sentence():
    first, second = extract_figures("地区生产总值增长4%,收入增长2.6%。")
    assert first.context == "地区生产总值□,收入增长#%"
    assert second.context.endswith("增长#%,收入□")
    [later] = extract_figures("甲乙丙丁。收入增长5%,其余不变。")
    assert later.context == "收入□,其余不变"


def test_sentence_breaks():
    assert sentence_breaks("甲。乙！丙\n丁") == [1, 3, 5]
    assert sentence_breaks("没有句号") == []
