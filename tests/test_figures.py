"""Policy-figure extraction: what counts as a figure, its value, unit, span and indicator."""
import json

import pytest

from pipeline.figures import Figure, extract_figures


def only(text: str) -> Figure:
    figures = extract_figures(text)
    assert len(figures) == 1, [f.text for f in figures]
    return figures[0]


@pytest.mark.parametrize(
    "text, value, unit",
    [
        ("全区地区生产总值增长7%。", 7, "%"),
        ("金融业税收占比达42.6%。", 42.6, "%"),
        ("邦盛集团项目总投资120亿元。", 120, "亿元"),
        ("新增学位6040个。", 6040, "个"),
        ("该产业链聚集了160余家相关企业。", 160, "家"),
        ("腾地1871亩。", 1871, "亩"),
        ("提质改造农村公路9.6公里。", 9.6, "公里"),
        ("年产20万吨磷酸铁锂。", 20, "万吨"),
        ("新增城镇就业11310人。", 11310, "人"),
        ("一般公共预算收入达170亿元。", 170, "亿元"),
        ("城镇登记失业率控制在4%以内。", 4, "%"),
        ("营商环境排名全国百强城区第43位。", 43, "位"),
        ("累计上户摸排近100万人。", 100, "万人"),
        ("发动志愿者5万余人次。", 5, "万人次"),
        ("粮食产量比上年增长百分之七。", 7, "%"),
        ("全县粮食播种面积两千余亩。", 2000, "亩"),
        ("项目总投资一百二十亿元。", 120, "亿元"),
        ("新增就业岗位1,200个。", 1200, "个"),
        ("新增城镇就业1.1万人。", 1.1, "万人"),
        ("空气质量优良率提升11.7个百分点。", 11.7, "个百分点"),
        ("现代服务业占地区生产总值七成。", 7, "成"),
        ("常住人口约68万。", 68, "万"),
        ("最低养育标准达到 26400元/年。", 26400, "元/年"),
        ("审批时限压缩至3个工作日以内。", 3, "个工作日"),
    ],
)
def test_kinds_of_figures(text, value, unit):
    figure = only(text)
    assert (figure.value, figure.unit) == (pytest.approx(value), unit)


@pytest.mark.parametrize(
    "text",
    [
        "2020年12月26日在长沙市天心区第五届人民代表大会第七次会议上。",
        "“十三五”期间和“十四五”时期，力争2021-2025年建成。",
        "地铁1号线、2号线和107国道改造，推进5G建设。",
        "勇当“三高四新”战略的排头兵，扎实做好“六稳”工作、全面落实“六保”任务。",
        "咨询电话：0731-12345678，办公时间为每日8:30至17:30。",
        "根据国发〔2015〕40号和湘政发〔2021〕3号文件，制定本办法。",
        "本办法第三条所称企业，是指第一批入选企业。",
        "率先发布“天心软件10条”，提质“15分钟生活圈”。",
        "推出24小时自助政务服务厅，重点抓好七个方面的工作，增强“四个意识”、做到“两个维护”。",
        "千方百计稳定就业，万家丽路完成快速化改造，千家万户受益。",
        "相关案例入选《中国营商环境报告2020》。",
        "PM2.5、臭氧浓度大幅下降，规划建设2万到25万吨级泊位。",
        "招引投资过50亿元项目破零，以优异成绩迎接建党100周年。",
    ],
)
def test_not_figures(text):
    assert extract_figures(text) == []


def test_offsets_index_the_input():
    text = "减免企业税款8.79亿元、社保费用8.6亿元,拨付企业各类奖补资金2.5亿元。"
    figures = extract_figures(text)
    assert [f.value for f in figures] == [8.79, 8.6, 2.5]
    for figure in figures:
        assert text[figure.start:figure.end] == figure.text


def test_offsets_survive_full_width_and_invisible_characters():
    text = "地区生产总值增长４％，\u200b收入增长２.６％。"
    figures = extract_figures(text)
    assert [(f.value, f.unit) for f in figures] == [(4, "%"), (2.6, "%")]
    assert [text[f.start:f.end] for f in figures] == [f.text for f in figures]


def test_approximations_stay_in_text():
    figures = extract_figures("累计上户摸排近100万人,开展核酸检测超12万人,处置问题20万余个,接待游客1.2亿人次左右。")
    assert [f.text for f in figures] == ["近100万人", "超12万人", "20万余个", "1.2亿人次左右"]
    assert [f.approx for f in figures] == ["近", "超", "余", "左右"]


def test_a_converted_amount_is_an_approximation():
    area, converted = extract_figures("厂区用地约5.3万平方米(约合80亩)。")
    assert (converted.value, converted.unit, converted.approx) == (80, "亩", "约合")
    assert converted.indicator == area.indicator


def test_ranges_keep_an_upper_value():
    figure = only("全年引进外资5至10亿美元。")
    assert (figure.value, figure.upper, figure.unit) == (5, 10, "亿美元")
    assert only("签约总额5-10亿元的项目。").upper == 10


def test_falls_are_marked_down_and_negative_when_signed():
    figure = only("食品价格下降2.7%。")
    assert (figure.value, figure.direction, figure.signed_value) == (2.7, "down", -2.7)
    assert only("非食品价格上涨0.9%。").direction == "up"
    assert only("一般公共预算收入由102亿元").direction == ""


def test_a_level_reached_is_not_a_direction():
    figures = extract_figures("一般公共预算收入由102亿元增长至147亿元。")
    assert [(f.value, f.direction, f.target) for f in figures] == [(102, "", ""), (147, "", "增长至")]
    assert [f.indicator for f in figures] == ["一般公共预算收入", "一般公共预算收入"]


def test_targets():
    figure = only("城镇登记失业率控制在4%以内。")
    assert (figure.target, figure.approx, figure.text) == ("控制在", "以内", "控制在4%以内")
    assert only("数字经济相关企业突破4000家。").target == "突破"


def test_rank_text_includes_its_ordinal_mark():
    figure = only("位居全省第64位。")
    assert (figure.text, figure.kind) == ("第64位", "rank")


def test_rank_in_chinese_numerals():
    figure = only("综合实力位列全国第五位,连续三年进位。")
    assert (figure.value, figure.unit, figure.kind) == (5, "位", "rank")


def test_long_text_without_punctuation_stays_linear():
    text = "新增学位6040个" * 20000
    assert len(extract_figures(text)) == 20000


def test_kinds():
    kinds = [f.kind for f in extract_figures("增长7%,提升8.8个百分点,资金4300万元,就业11310人,新增学位6040个,腾地1871亩。")]
    assert kinds == ["rate", "points", "money", "people", "count", "quantity"]


def test_json_round_trip_through_plain_values():
    for figure in extract_figures("全年引进外资5至10亿美元,食品价格下降2.7%,新增城镇就业1.1万人。"):
        stored = json.loads(json.dumps(figure.as_json(), ensure_ascii=False))
        assert Figure.from_json(stored) == figure


def test_from_json_accepts_only_the_columns():
    row = {"indicator": "新增学位", "value": 6040, "unit": "个", "text": "6040个", "start": 4, "end": 9, "id": 3}
    figure = Figure.from_json(row)
    assert (figure.value, figure.direction, figure.upper) == (6040.0, "", None)


def test_json_line_has_the_contract_keys():
    line = only("地区生产总值增长7%").as_json()
    assert {"indicator", "value", "unit", "text", "start", "end"} <= set(line)
    assert (line["value"], line["unit"]) == (7.0, "%")


def test_empty_text():
    assert extract_figures("") == []


@pytest.mark.parametrize(
    "text, value, upper, unit",
    [
        ("上半年出口同比增长4%-9%。", 4, 9, "%"),
        ("利率下浮区间为1.5%~2.5%。", 1.5, 2.5, "%"),
        ("贷款贴息比例为30%至50%。", 30, 50, "%"),
        ("每台设备奖励2000元到6000元。", 2000, 6000, "元"),
        ("单个项目补助800万元至3亿元。", 800, 30000, "万元"),
    ],
)
def test_a_range_with_the_unit_on_both_ends_is_one_figure(text, value, upper, unit):
    figure = only(text)
    assert (figure.value, figure.upper, figure.unit, figure.direction == "down") == (value, upper, unit, False)
    assert text[figure.start:figure.end] == figure.text


def test_negative_growth_is_a_fall():
    figure = only("上半年工业用电量负增长3.4%。")
    assert (figure.value, figure.direction, figure.signed_value) == (3.4, "down", -3.4)
    written_signed = only("全年外贸进口增长-0.8%。")
    assert (written_signed.value, written_signed.direction, written_signed.signed_value) == (0.8, "down", -0.8)


@pytest.mark.parametrize(
    "text, value, unit",
    [("产业园计划投资 85 亿元。", 85, "亿元"), ("征收土地 320 亩。", 320, "亩"), ("到位资金46亿 元。", 46, "亿元")],
)
def test_spaces_between_number_and_unit(text, value, unit):
    figure = only(text)
    assert (figure.value, figure.unit) == (value, unit)


@pytest.mark.parametrize(
    "text, value, unit, approx",
    [
        ("开发区吸引了近千家外贸企业。", 1000, "家", "近"),
        ("活动吸引市民近万人。", 1, "万人", "近"),
        ("带动上千户农户增收。", 1000, "户", "上"),
        ("全年带动就业万余人。", 1, "万人", "余"),
        ("引进各类人才超百名。", 100, "名", "超"),
    ],
)
def test_magnitude_words_with_an_approximation(text, value, unit, approx):
    figure = only(text)
    assert (figure.value, figure.unit, figure.approx) == (value, unit, approx)


@pytest.mark.parametrize(
    "text", ["成千上万家商户受益。", "数千家企业参展。", "几百个村庄受益。", "这一做法一度引起关注,两度获评先进。"]
)
def test_vague_magnitudes_are_not_figures(text):
    assert extract_figures(text) == []


@pytest.mark.parametrize(
    "text, value, unit",
    [
        ("全年举办对接会24场次。", 24, "场次"),
        ("组织企业外出参展9批次。", 9, "批次"),
        ("全年出栏肉鸡850万羽。", 850, "万羽"),
        ("全年上网电量达1.6亿度。", 1.6, "亿度"),
        ("分布式光伏装机规模150MW。", 150, "MW"),
        ("储能电站容量为4GWh。", 4, "GWh"),
        ("单体充电桩功率为120kW。", 120, "kW"),
        ("PM10年均浓度降至48微克/立方米。", 48, "微克/立方米"),
        ("单位增加值能耗为0.61吨标准煤。", 0.61, "吨标准煤"),
        ("中欧班列全年开行860列。", 860, "列"),
        ("年产芯片1200万颗。", 1200, "万颗"),
        ("新建城市绿道8.5km。", 8.5, "km"),
        ("一年期贷款市场报价利率下调10个基点。", 10, "个基点"),
        ("港口船舶运力达到36.8万总吨。", 36.8, "万总吨"),
        ("上证指数收于3052.16点。", 3052.16, "点"),
    ],
)
def test_more_units(text, value, unit):
    figure = only(text)
    assert (figure.value, figure.unit) == (pytest.approx(value), unit)


def test_road_markers_are_not_figures():
    assert extract_figures("沪昆高速K980+300处路面施工。") == []


def test_a_chinese_amount_in_yi_and_wan_is_one_figure():
    figure = only("挂牌起始总价为三亿五千万元。")
    assert (figure.value, figure.unit, figure.normalised) == (3.5, "亿元", (3.5e8, "元"))
    assert only("总价一百二十三亿四千五百六十七万元。").value == pytest.approx(123.4567)


def test_a_range_with_the_multiplier_on_both_ends_and_the_unit_once():
    figure = only("项目计划总投资4亿—6亿元，建设期3年。")
    assert (figure.text, figure.value, figure.upper, figure.unit) == ("4亿—6亿元", 4, 6, "亿元")
    assert extract_figures("建设2万到25万吨级泊位。") == []


def test_a_class_of_projects_after_a_signing_verb_is_not_an_amount():
    figures = extract_figures("上半年新签约亿元以上项目37个。")
    assert [(f.value, f.unit) for f in figures] == [(37, "个")]


def test_a_clock_time_or_a_count_of_points_is_not_an_index_level():
    assert extract_figures("会议于下午3点召开，提出三点意见。") == []


def test_cutting_is_a_fall():
    assert only("行政运行经费比上年压减6%。").direction == "down"


def test_a_ratio_without_a_unit_is_a_figure_after_its_name():
    plot = only("该宗地容积率1.5-2.2，挂牌起始价另行公告。")
    assert (plot.indicator, plot.value, plot.upper, plot.unit) == ("该宗地容积率", 1.5, 2.2, "")
    assert only("城乡居民收入比缩小到2.05。").value == pytest.approx(2.05)
    assert extract_figures("本办法第3.2条适用于1.5版系统。") == []


def test_a_restated_amount_falls_with_the_amount_it_restates():
    figures = extract_figures("恒生指数下跌312.5点，或1.6%。")
    assert [(f.unit, f.direction) for f in figures] == [("点", "down"), ("%", "down")]
