"""The words and patterns figure extraction reads (pipeline/figure_words.py)."""
from pipeline.figure_words import (
    CANDIDATE,
    CHAIN,
    CHAIN_PART,
    DOWN_WORDS,
    TO_FORMS,
    UNITS,
    UP_WORDS,
    chain_before,
    read_chain,
)


def test_candidate_reads_range_multiplier_approximation_and_unit():
    match = CANDIDATE.search("引进外资5至10亿余美元以上")
    parts = {key: match.group(key) for key in ("num", "num2", "mult", "ap2", "unit", "suf")}
    assert parts == {"num": "5", "num2": "10", "mult": "亿", "ap2": "余", "unit": "美元", "suf": "以上"}
    assert CANDIDATE.search("百分之七").group("pct", "num") == ("百分之", "七")


def test_longer_units_and_chain_words_are_tried_first():
    assert UNITS.index("个百分点") < UNITS.index("个") and UNITS.index("平方公里") < UNITS.index("公里")
    assert CANDIDATE.search("提升11.7个百分点").group("unit") == "个百分点"
    assert CHAIN_PART.findall("增长至") == ["增长至"]


def test_chain_is_the_run_of_words_right_before_a_number():
    assert CHAIN.search("收入力争增长约").group() == "增长约"
    assert CHAIN.search("收入增长了 ").group() == "增长了 "
    assert CHAIN.search("增长的收入") is None


def test_direction_words_are_either_up_or_down():
    assert not set(UP_WORDS) & set(DOWN_WORDS)
    assert {"增长至", "下降到", "压缩至"} <= set(TO_FORMS) and not set(TO_FORMS) & set(UP_WORDS + DOWN_WORDS)


def test_candidate_allows_a_space_before_the_multiplier_and_the_unit():
    match = CANDIDATE.search("计划投资 36 亿 元")
    assert match.group("num", "mult", "unit") == ("36", "亿", "元")


def test_chain_before_and_its_reading():
    text = "工业用电量负增长3.4%"
    start, chain = chain_before(text, text.index("3"))
    assert (text[start:], chain) == ("负增长3.4%", "负增长")
    assert read_chain(chain) == ("", "", "down")
    assert read_chain("最高") == ("最高", "", "")
    assert read_chain("增长至") == ("", "增长至", "")
