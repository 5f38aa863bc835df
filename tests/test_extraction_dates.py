"""Finding the publication date shown with an article."""
from __future__ import annotations

import pytest

from spiders.extraction import extract_page
from spiders.extraction.dates import meta_date, parse_date, url_date
from spiders.extraction.dom import parse_html

PARAGRAPHS = "".join(f"<p>长沙市聚焦招商引资，第{i}项措施落地见效，2019年3月1日起企业开办时间压缩至3个工作日。</p>" for i in range(4))


def published(meta_line: str, *, head: str = "", after: str = "", url: str = "http://a.cn/news/a.html") -> str | None:
    html = (f"<html><head><title>长沙优化营商环境_招商网</title>{head}</head><body>"
            f"<div class='top'>今天是2025年11月28日 星期五</div><h1>长沙优化营商环境</h1>{meta_line}"
            f"<div class='content'>{PARAGRAPHS}</div>{after}"
            f"<div class='footer'>Copyright © 2005-2024 版权所有 页面生成时间：2025-11-28 10:00</div></body></html>")
    return extract_page(url, html.encode("utf-8")).published


@pytest.mark.parametrize("text, expected", [
    ("2025年7月7日", "2025-07-07"),
    ("2025-07-07 08:10", "2025-07-07"),
    ("2021-1-29 13:18", "2021-01-29"),
    ("2007-08-20-23:59:59", "2007-08-20"),
    ("2024.05.13", "2024-05-13"),
    ("2019/09/18", "2019-09-18"),
    ("2016年10月14日07:17", "2016-10-14"),
    ("2022-13-45", None),
    ("© 2005-2024", None),
    ("电话：0731-12345678", None),
])
def test_parse_date(text, expected):
    assert parse_date(text) == expected


def test_labelled_date():
    assert published("<div>发布时间：2025-07-07 09:00 来源：长沙晚报</div>") == "2025-07-07"


def test_unlabelled_meta_line_between_headline_and_text():
    assert published("<div>2024-05-13 13:48 来源：中国网</div>") == "2024-05-13"
    assert published("<div>2025年7月7日 来源：长沙晚报</div>") == "2025-07-07"


def test_release_date_beats_written_date_in_a_policy_table():
    table = ("<table><tr><td>成文日期：</td><td>2022年01月27日</td></tr>"
             "<tr><td>发布日期：</td><td>2022年01月28日</td></tr></table>")
    assert published(table) == "2022-01-28"
    assert published("<div>成文日期：2022-01-27 发布日期：2022-01-28</div>") == "2022-01-28"


def test_date_after_the_text():
    assert published("", after="<div>发布日期：2019-03-06 责任编辑：龙慧</div>") == "2019-03-06"


def test_meta_tags_when_nothing_is_shown():
    assert published("", head='<meta name="PubDate" content="2019-09-18 06:23">') == "2019-09-18"
    assert published("", head='<meta name="firstpublishedtime" content="2007-08-20-23:59:59">') == "2007-08-20"
    assert published("", head='<meta property="article:published_time" content="2023-06-15T08:10:00+08:00">') \
        == "2023-06-15"


def test_url_date_as_last_resort_and_never_page_generation_or_body_dates():
    assert published("", url="http://a.cn/news/2021-03/05/content_1.htm") == "2021-03-05"
    assert published("", url="http://a.cn/c/202103/t20210305_1.html") == "2021-03-05"
    # The body mentions 2019年3月1日 and the page footer a generation time: neither is the date.
    assert published("") is None


def test_other_labelled_dates_are_not_publication():
    side = "<div class='side'><p>活动时间：2025-08-01</p><p>截止日期：2025-09-01</p></div>"
    assert published("<div>2025-07-07 来源：长沙晚报</div>" + side) == "2025-07-07"
    assert published("<div>时间：2025-07-07</div>") == "2025-07-07"


def test_update_time_is_not_publication():
    assert published("<div>更新时间：2025-08-01</div><div>发布时间：2025-07-07</div>") == "2025-07-07"


def test_helpers():
    root = parse_html('<html><head><meta name="publishdate" content=" 2024-05-13"></head></html>')
    assert meta_date(root) == "2024-05-13"
    assert url_date("http://a.cn/20240513/abc.html") == "2024-05-13"
    assert url_date("http://a.cn/news/123456.html") is None
