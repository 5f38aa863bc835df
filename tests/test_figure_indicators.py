"""A figure's indicator, carried over within a list, and its context (pipeline/figure_indicators.py)."""
import pytest

from pipeline.figure_indicators import respective_subjects, sentence_breaks
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


def test_an_incentive_clause_names_the_noun_after_the_amount():
    figures = extract_figures("对落户的领军团队,给予最高800万元的研发资助和150万元的住房补贴。")
    assert [f.indicator for f in figures] == ["研发资助", "住房补贴"]
    [loan] = extract_figures("对返乡创业青年给予最高20万元的贴息贷款。")
    assert loan.indicator == "贴息贷款"


def test_a_policy_frame_before_the_amount_is_not_the_subject():
    [per_person] = extract_figures("吸纳退役军人就业的,按每人每月800元给予社保补贴。")
    assert per_person.indicator == "社保补贴"
    [rent] = extract_figures("入驻孵化器的,第二年按每月每平方米8元给予房租补贴。")
    assert rent.indicator == "房租补贴"
    [power] = extract_figures("按照每千瓦时0.05元的标准给予电价补贴。")
    assert power.indicator == "电价补贴"
    [reward] = extract_figures("对首次入库的企业,给予一次性奖励5万元。")
    assert reward.indicator == "奖励"


def test_a_level_from_one_year_to_another_keeps_the_subject():
    figures = extract_figures("园区税收由2019年的12亿元增长到2024年的30亿元。")
    assert [f.indicator for f in figures] == ["园区税收", "园区税收"]


def test_a_comparison_base_before_a_verb_is_dropped():
    [_, added] = extract_figures("全县共有规上企业512家,较上年净增46家。")
    assert added.indicator == "净增"


def test_each_figure_of_a_respective_list_gets_its_own_subject():
    figures = extract_figures("城镇、农村居民消费支出分别增长4.6%、7.3%。")
    assert [f.indicator for f in figures] == ["城镇居民消费支出增长", "农村居民消费支出增长"]
    power = extract_figures("其中水电、风电分别为12万千瓦和30万千瓦。")
    assert [f.indicator for f in power] == ["水电", "风电"]


def test_respective_subjects():
    assert respective_subjects("城镇、农村居民消费支出") == ["城镇居民消费支出", "农村居民消费支出"]
    assert respective_subjects("食品烟酒、居住价格") == ["食品烟酒价格", "居住价格"]
    assert respective_subjects("进口和出口") == ["进口", "出口"]
    assert respective_subjects("地区生产总值") == []


def test_a_rate_or_per_unit_amount_names_the_reward_after_it():
    figures = extract_figures("对新落户的区域总部，按其实缴注册资本的3%给予落户奖励，最高不超过1500万元。")
    assert [f.indicator for f in figures] == ["落户奖励", "落户奖励"]
    per_bed = extract_figures("按每张床位8000元的标准发放一次性建设补贴。")
    assert per_bed[0].indicator == "建设补贴"


def test_a_list_of_thresholds_and_a_list_of_rewards_keep_their_own_indicators():
    figures = extract_figures("对年营业收入首次突破1亿元、5亿元、10亿元的企业，分别给予10万元、30万元、50万元的一次性奖励。")
    indicators = [f.indicator for f in figures]
    assert len(set(indicators[:3])) == 1 and "营业收入" in indicators[0]
    assert indicators[3:] == ["奖励", "奖励", "奖励"]


def test_a_noun_between_two_amounts_belongs_to_the_first():
    figures = extract_figures("服务覆盖6个街道、52个社区。")
    assert [f.indicator for f in figures] == ["街道", "社区"]


@pytest.mark.parametrize(
    "text, indicator",
    [
        ("出让宗地面积33350平方米（合50.03亩）。", "出让宗地面积"),
        ("竞买人须于16:30前将竞买保证金300万元汇入指定账户。", "竞买保证金"),
        ("国务院批准发行8000亿元特别国债。", "特别国债"),
        ("我市12家企业入选省级专精特新名单。", "企业入选省级专精特新名单"),
    ],
)
def test_restatements_times_and_pronouns_are_not_the_subject(text, indicator):
    assert [f.indicator for f in extract_figures(text)][-1] == indicator
