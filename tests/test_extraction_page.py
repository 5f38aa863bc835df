"""extract_page: the public API over decoding, title, date, body, region and page kind."""
from __future__ import annotations

import base64
import dataclasses
import re

import pytest
from corpus import seed_listing_blocks
from scrapy.http.headers import Headers

from spiders.extraction import EXTRACTOR_VERSION, ExtractedPage, decode_html, extract_page
from store.textnorm import comparable_text

PARAGRAPHS = [
    "长沙市今年一季度地区生产总值增长7%，总投资120亿元的项目集中开工。",
    "全市新增城镇就业11310人，规模以上工业增加值同比增长8.1%。",
    "下一步，长沙将持续优化营商环境，力争全年引进重大项目100个以上。",
]


def portal_article(title: str, paragraphs: list[str], date: str, *, extra: str = "", charset: str = "utf-8") -> str:
    nav = "".join(f'<li><a href="/c{i}/">栏目{i}</a></li>' for i in range(10))
    text = "".join(f"<p>{p}</p>" for p in paragraphs)
    return f"""<html><head><meta charset="{charset}"><title>{title}_长沙招商网</title></head><body>
    <ul class="nav">{nav}</ul><div class="detail"><h1 class="title">{title}</h1>
    <div class="info">发布时间：{date} 来源：长沙市投资促进局</div><div class="text">{extra}{text}</div>
    <p>责任编辑：张三</p></div><div class="footer">版权所有 © 长沙招商网 湘ICP备00000000号</div></body></html>"""


def seed_articles() -> list[tuple[str, str, str]]:
    """(title, body, date) of each article of the real seed listing."""
    found = [
        (lines[0].strip(), lines[1].strip(), lines[2].strip())
        for lines in seed_listing_blocks()
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", lines[2].strip())
    ]
    assert len(found) >= 8
    return found


def test_seed_articles_round_trip():
    for title, body, date in seed_articles():
        page = extract_page("http://zs.example.cn/a/1.html", portal_article(title, [body], date).encode("utf-8"))
        assert page.kind == "article", page.reason
        assert page.title == title
        assert page.published == date
        assert page.region == re.match(r"【(.+?)招商】", title).group(1)
        assert comparable_text(page.body) == comparable_text(body)


def test_result_shape_and_json():
    page = extract_page("http://a.cn/1.html", portal_article("【长沙招商】长沙一季度经济", PARAGRAPHS, "2025-07-07").encode())
    assert isinstance(page, ExtractedPage) and isinstance(EXTRACTOR_VERSION, str)
    assert page.as_json() == {"title": "【长沙招商】长沙一季度经济", "published": "2025-07-07",
                              "body": "\n".join(PARAGRAPHS), "region": "长沙", "kind": "article"}
    assert page.encoding == "utf-8" and page.reason is None
    with pytest.raises(dataclasses.FrozenInstanceError):
        page.title = "x"  # type: ignore[misc]


def test_gbk_page_with_scrapy_headers():
    html = portal_article("长沙一季度经济运行稳中有进", PARAGRAPHS, "2025年7月7日", charset="gbk")
    headers = Headers({"Content-Type": "text/html; charset=GBK", "Server": "nginx"})
    page = extract_page("http://a.cn/1.html", html.encode("gbk", "xmlcharrefreplace"), headers)
    assert page.encoding == "gb18030"
    assert page.title == "长沙一季度经济运行稳中有进"
    assert page.published == "2025-07-07"
    assert page.body.split("\n") == PARAGRAPHS


def test_selectors_override_and_fall_back():
    html = portal_article("长沙一季度经济运行稳中有进", PARAGRAPHS, "2025-07-07",
                          extra="<span class='when'>2025-06-30</span>").encode()
    page = extract_page("http://a.cn/1.html", html, selectors={
        "title": "div.info", "date": "//span[@class='when']", "body": "div.text p:nth-child(n+3)"})
    assert page.title == "发布时间：2025-07-07 来源：长沙市投资促进局"
    assert page.published == "2025-06-30"
    assert page.body.split("\n") == PARAGRAPHS[1:]
    missing = {"title": "h3.none", "date": "#none", "body": "//article"}
    fallback = extract_page("http://a.cn/1.html", html, selectors=missing)
    assert fallback.title == "长沙一季度经济运行稳中有进"
    assert fallback.published == "2025-07-07"
    assert fallback.body.split("\n")[-3:] == PARAGRAPHS


def test_configured_region_when_the_title_names_none():
    html = portal_article("一季度经济运行稳中有进", PARAGRAPHS, "2025-07-07").encode()
    assert extract_page("http://a.cn/1.html", html, region="长沙").region == "长沙"
    assert extract_page("http://a.cn/1.html", html).region is None


def test_five_megabyte_page_with_inline_images():
    image = '<p><img src="data:image/png;base64,' + base64.b64encode(b"\x89PNG" * 900_000).decode() + '"></p>'
    html = portal_article("长沙一季度经济运行稳中有进", PARAGRAPHS, "2025-07-07", extra=image).encode()
    assert len(html) > 4_500_000
    page = extract_page("http://a.cn/1.html", html)
    assert page.kind == "article"
    assert page.title == "长沙一季度经济运行稳中有进"
    assert page.body.split("\n") == PARAGRAPHS


def test_broken_and_empty_input_never_raises():
    for body in (b"", b"\xff\xfe\x00garbage", b"<html><body><p>", b"<?xml version='1.0' encoding='gbk'?><html/>"):
        page = extract_page("http://a.cn/", body, {})
        assert page.kind != "article" and page.body == ""


def test_decode_html_is_exported():
    assert decode_html("长沙".encode("gbk"), {"Content-Type": "text/html; charset=gbk"}) == ("长沙", "gb18030")


def test_headline_found_without_title_or_meta_tags():
    html = portal_article("长沙一季度经济运行稳中有进", PARAGRAPHS, "2025-07-07")
    html = re.sub(r"<title>.*?</title>", "", html).replace("<h1", "<h2><a href='/'>长沙招商网</a></h2><h1")
    page = extract_page("http://a.cn/1.html", html.encode())
    assert page.title == "长沙一季度经济运行稳中有进"
    assert page.published == "2025-07-07"
