"""Choosing the displayed headline."""
from __future__ import annotations

import pytest

from spiders.extraction.body import is_meta_line
from spiders.extraction.dom import lines_of, parse_html
from spiders.extraction.title import (
    choose_title,
    headline_above,
    headline_line,
    meta_titles,
    nearest_headline,
    title_segments,
)


def title_of(head: str, body: str = "") -> str | None:
    return choose_title(parse_html(f"<html><head>{head}</head><body>{body}</body></html>"))


@pytest.mark.parametrize("page_title", [
    "长沙深化优化营商环境改革_新华网",
    "长沙深化优化营商环境改革 - 人民网",
    "长沙深化优化营商环境改革|长沙招商网",
    "长沙深化优化营商环境改革_地区招商_长沙招商网",
    "长沙深化优化营商环境改革-新华网",
])
def test_site_suffix_is_removed(page_title):
    assert title_of(f"<title>{page_title}</title>") == "长沙深化优化营商环境改革"
    assert title_of(f"<title>{page_title}</title>", "<h1>长沙深化优化营商环境改革</h1>") == "长沙深化优化营商环境改革"


def test_hyphen_between_digits_is_not_a_separator():
    assert title_of("<title>1-10月德清县固定资产投资结构趋稳趋优</title>") == "1-10月德清县固定资产投资结构趋稳趋优"


def test_matching_heading_beats_navigation_headings():
    body = "<h1>全部导航</h1><div class='article'><h1>维护共同利益需联手抵制保护主义</h1></div>"
    assert title_of("<title>维护共同利益需联手抵制保护主义 _光明网</title>", body) == "维护共同利益需联手抵制保护主义"


def test_heading_without_column_name_of_title():
    body = "<span class='Title'><b>大良街道一行到众创金融街开展调研工作</b></span>"
    head = "<title>大良街道一行到众创金融街开展调研工作 东区办事处_中山网</title>"
    assert title_of(head, body) == "大良街道一行到众创金融街开展调研工作"


def test_heading_running_on_into_standfirst_gives_the_reference():
    body = "<h1>拿起跨界指挥棒她跟学生较着劲儿成长 <span>年过五十的她带领学校民乐团前行</span></h1>"
    assert title_of("<title>拿起跨界指挥棒她跟学生较着劲儿成长--大河网</title>", body) == "拿起跨界指挥棒她跟学生较着劲儿成长"


def test_two_line_heading_joined_without_space():
    body = "<h1>内蒙古延续税收优惠政策助企纾困<br>预计4年减负180亿元</h1>"
    head = '<meta name="ArticleTitle" content="内蒙古延续税收优惠政策助企纾困预计4年减负180亿元"><title>x_政府网</title>'
    assert title_of(head, body) == "内蒙古延续税收优惠政策助企纾困预计4年减负180亿元"


def test_gov_meta_title_with_markup_keeps_the_headline():
    head = '<meta name="ArticleTitle" content="凝聚强大智慧和力量<div>——热烈祝贺会议开幕</div>">'
    assert meta_titles(parse_html(f"<html><head>{head}</head></html>")) == ["凝聚强大智慧和力量"]
    assert title_of(head + "<title>凝聚强大智慧和力量——热烈祝贺会议开幕_市政府网</title>") == "凝聚强大智慧和力量"


def test_og_title_used_when_no_heading_matches():
    head = '<meta property="og:title" content="呼和浩特：发放一次性育儿津贴5000元_中国网"><title>中国网</title>'
    assert title_of(head, "<h2>热门推荐</h2>") == "呼和浩特：发放一次性育儿津贴5000元"


def test_space_before_unit_closed():
    assert title_of("<title>调整2007 年末国债余额限额的决议__国务院公报</title>") == "调整2007年末国债余额限额的决议"


def test_without_title_or_meta_nothing_confirms_a_heading():
    assert title_of("", "<h2>栏目</h2><h1>首个标题内容</h1>") is None


def test_headline_above_the_date_line():
    lines = lines_of(parse_html("<html><body><div>首页 &gt; 新闻</div><div>长沙招商大会开幕</div>"
                                "<div>发布时间：2025-07-07</div><p>正文。</p></body></html>").body)
    assert headline_above(lines, is_meta_line) == "长沙招商大会开幕"


def test_title_segments_headline_first():
    assert title_segments("标题内容很长_栏目_网站") == ["标题内容很长", "栏目", "网站"]
    assert title_segments("全国CPI同比上涨_财经网 - CAIJING.COM.CN")[0] == "全国CPI同比上涨"
    assert title_segments("中国-东盟博览会开幕") == ["中国-东盟博览会开幕"]


def test_headline_line_and_nearest_headline():
    root = parse_html("<html><body><h1>全部导航</h1><div>首页 &gt; 新闻</div><h1>长沙招商大会隆重开幕</h1>"
                      "<div>2025-07-07 来源：长沙晚报</div><p>长沙招商大会今天开幕，签约项目32个。</p></body></html>")
    lines = lines_of(root.body)
    assert headline_line(lines, "长沙招商大会隆重开幕") == 2
    assert headline_line(lines, None) is None
    assert nearest_headline(root, lines, (4, 4)) == "长沙招商大会隆重开幕"
    assert nearest_headline(root, lines, None) is None
