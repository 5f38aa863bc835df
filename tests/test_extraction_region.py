"""Region from the title: 【X招商】 tags, "地名：" prefixes and leading place names."""
from __future__ import annotations

import pytest

from spiders.extraction.region import choose_region, region_from_title


@pytest.mark.parametrize("title, expected", [
    ("【长沙招商】长沙深化优化营商环境改革 促进市场主体高质量发展", "长沙"),
    ("【天心区招商】天心区重点项目集中签约", "天心区"),
    ("【宁乡县招商】宁乡市培育壮大三大产业链", "宁乡县"),
    ("【地区招商】湖南多措并举推动原材料工业加速高质量发展", "湖南"),
    ("呼和浩特：对生育二孩、三孩的呼市户籍家庭发放一次性育儿津贴5000元", "呼和浩特"),
    ("长沙深化优化营商环境改革", "长沙"),
    ("长沙市住房和城乡建设局发布项目计划", "长沙"),
    ("湖南省一季度物流业需求增长", "湖南"),
    ("内蒙古延续部分到期税收优惠政策", "内蒙古"),
    ("德清县固定资产投资结构趋稳趋优", "德清县"),
    ("长沙县招商引资再创新高", "长沙县"),
    ("中山市举办招商推介会", "中山"),
    ("交通运输部：着力打造京津冀区域综合立体交通网络", None),
    ("白银价格继续上涨", None),
    ("中部地区崛起中争先出彩", None),
    ("全市经济运行稳中有进", None),
    ("城市更新行动全面启动", None),
    ("2024年4月全国CPI同比上涨0.3%", None),
    ("", None),
])
def test_region_from_title(title, expected):
    assert region_from_title(title) == expected


def test_configured_region_is_the_fallback():
    assert choose_region("全市经济运行稳中有进", "长沙") == "长沙"
    assert choose_region("【株洲招商】株洲签约", "长沙") == "株洲"
    assert choose_region(None, None) is None
