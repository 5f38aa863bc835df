"""Main-list link finding and next-page finding on real and synthetic listing pages."""
from __future__ import annotations

import re
from urllib.parse import urljoin

import pytest
from corpus import REAL_PAGES, read_jsonl, seed_listing_blocks
from lxml import html as lxml_html

from spiders.extraction import decode_html, extract_page
from spiders.listing_links import find_article_links, find_next_page

PRECISION_FLOOR = 0.9
RECALL_FLOOR = 0.9

BASE = "http://lists.example.org/channel/index.html"

# Titles in the style of the seed listing (【地区招商】title).
SEED_TITLES = [
    "【长沙招商】长沙深化优化营商环境改革 促进市场主体高质量发展",
    "【长沙招商】长沙强音奏响:十大重点片区助力高质增长",
    "【宁乡县招商】宁乡市培育壮大三大产业链 构建制造业高质量发展新格局",
    "【长沙招商】湖南省一季度物流业需求增长成本上升引关注",
    "【长沙招商】湖南招商引资:长沙加速构建智能汽车产业链",
    "【长沙招商】长沙铺排重大项目助推城市扩张新格局",
    "【天心区招商】2021年湖南省科技金融服务工作总结表彰会在长沙召开",
    "【长沙招商】湖南多措并举推动原材料工业加速高质量发展",
]
SUMMARY = "聚焦招商引资和企业发展，通过出台综合性政策文件，全面系统地优化营商环境。"


def portal_page(pager: str | None = None) -> str:
    """A 招商 portal listing: nav bar, a dated list with summaries, a 热门文章 sidebar, pager, footer."""
    nav = "".join(f'<li><a href="/{slug}/">{name}</a></li>' for slug, name in
                  [("", "首页"), ("zsyz", "招商引资"), ("zcfg", "政策法规"), ("xmk", "项目库"), ("lxwm", "联系我们")])
    items = "".join(
        f'<li><a href="/zsyz/2025/0{i % 9 + 1}/art_{i}.html">{title}</a><p>{SUMMARY}</p>'
        f'<span>2025-07-0{i % 9 + 1}</span></li>'
        for i, title in enumerate(SEED_TITLES)
    )
    hot = "".join(f'<li><a href="/hot/{i}.html">热门文章：招商引资政策解读第{i}期</a></li>' for i in range(6))
    pager = pager or ('<a href="index.html">首页</a> <a href="index.html">上一页</a> <a href="index.html">1</a> '
                      '<span class="cur">2</span> <a href="index_2.html">3</a> <a href="index_2.html">下一页</a> '
                      '<a href="index_9.html">尾页</a>')
    return f"""<html><head><meta charset="utf-8"><title>地区招商_长沙招商网</title></head><body>
    <div class="header"><ul class="nav">{nav}</ul></div>
    <div class="crumb"><a href="/">首页</a> &gt; <a href="/zsyz/">地区招商</a></div>
    <div class="main"><ul class="news-list">{items}</ul><div class="pages">{pager}</div></div>
    <div class="sidebar"><h3>热门文章</h3><ul>{hot}</ul></div>
    <div class="footer"><p>版权所有 © 2025 长沙招商网</p><a href="/about.html">关于我们</a> <a href="/join.html">企业入驻</a></div>
    </body></html>"""


def gov_table_page(page: int) -> bytes:
    """A GBK government column page in a table layout with ?page=N links."""
    rows = "".join(
        f'<tr><td width="80%"><a href="/xxgk/content.jsp?id={page * 100 + i}" target="_blank">'
        f'关于印发{name}市招商引资优惠政策实施细则的通知（第{i}号）</a></td><td>2024-0{i % 9 + 1}-1{i % 9}</td></tr>'
        for i, name in enumerate(["长沙", "株洲", "湘潭", "衡阳", "岳阳", "常德", "益阳", "郴州", "永州", "怀化"])
    )
    menu = "".join(f'<td><a href="/col/{i}/">栏目{i}</a></td>' for i in range(8))
    pager = " ".join(f'<a href="list.jsp?cat=7&page={n}">{n}</a>' for n in range(1, 6) if n != page)
    html = f"""<html><head><meta http-equiv="Content-Type" content="text/html; charset=gb2312">
    <title>政策文件 - 某某市人民政府</title></head><body>
    <table width="1000"><tr>{menu}</tr></table>
    <table width="1000"><tr><td width="200" valign="top"><a href="/a">机构设置</a><br><a href="/b">领导之窗</a></td>
    <td><table class="listtable">{rows}</table><div align="center">共5页 当前第{page}页 {pager}</div></td></tr></table>
    <table><tr><td>主办：某某市人民政府办公室 ICP备案号：湘ICP备00000000号</td></tr></table></body></html>"""
    return html.encode("gbk")


def _gold_listings() -> list[dict]:
    return [row for row in read_jsonl(REAL_PAGES / "gold.jsonl") if row["kind"] == "listing"]


def test_real_listing_pages_precision_and_recall():
    scores = {}
    for row in _gold_listings():
        text, _ = decode_html((REAL_PAGES / row["file"]).read_bytes())
        doc = lxml_html.document_fromstring(text)
        truth = {urljoin(BASE, a.get("href").strip()) for a in doc.xpath(row["list_xpath"]) if a.get("href")}
        got = find_article_links(BASE, text)
        hits = len(set(got) & truth)
        scores[row["file"]] = (hits / len(got) if got else 0.0, hits / len(truth))
        assert len(got) == len(set(got))
    assert len(scores) == 6
    low = {f: s for f, s in scores.items() if s[0] < PRECISION_FLOOR or s[1] < RECALL_FLOOR}
    assert not low, f"precision/recall below floor: {low}; all: {scores}"


def test_real_listing_counts_match_gold():
    for row in _gold_listings():
        text, _ = decode_html((REAL_PAGES / row["file"]).read_bytes())
        assert len(find_article_links(BASE, text)) == row["article_links"], row["file"]


def test_portal_listing_links_are_the_main_list_only():
    links = find_article_links("http://zs.example.cn/zsyz/index_1.html", portal_page())
    assert len(links) == len(SEED_TITLES)
    assert all("/zsyz/2025/" in link and link.startswith("http://zs.example.cn/") for link in links)
    assert links[0].endswith("art_0.html") and links[-1].endswith(f"art_{len(SEED_TITLES) - 1}.html")


def test_portal_next_page_from_pager_text():
    assert find_next_page("http://zs.example.cn/zsyz/index_1.html", portal_page()) == \
        "http://zs.example.cn/zsyz/index_2.html"


def test_portal_listing_page_is_classified_as_listing():
    page = extract_page("http://zs.example.cn/zsyz/index_1.html", portal_page().encode("utf-8"))
    assert page.kind == "listing"
    assert page.body == ""
    assert page.reason


def test_gbk_table_listing_links_and_numbered_next_page():
    body = gov_table_page(2)
    text, codec = decode_html(body, {"Content-Type": "text/html"})
    assert codec == "gb18030"
    url = "http://www.example.gov.cn/xxgk/list.jsp?cat=7&page=2"
    links = find_article_links(url, text)
    assert len(links) == 10
    assert all("content.jsp?id=2" in link for link in links)
    assert find_next_page(url, text) == "http://www.example.gov.cn/xxgk/list.jsp?cat=7&page=3"


def test_last_page_has_no_next():
    text, _ = decode_html(gov_table_page(5))
    assert find_next_page("http://www.example.gov.cn/xxgk/list.jsp?cat=7&page=5", text) is None


@pytest.mark.parametrize("url, anchor, expected", [
    ("http://a.cn/news/list_3.html", '<a href="list_4.html">4</a>', "http://a.cn/news/list_4.html"),
    ("http://a.cn/news/index.html", '<a href="index_1.html">2</a>', "http://a.cn/news/index_1.html"),
    ("http://a.cn/news/index_1.html", '<a href="index_2.html">3</a>', "http://a.cn/news/index_2.html"),
    ("http://a.cn/news/", '<a href="?page=2">2</a>', "http://a.cn/news/?page=2"),
    ("http://a.cn/news/", '<a href="index_1.html">2</a>', "http://a.cn/news/index_1.html"),
    ("http://a.cn/n/list.html", '<a href="/n/p2.html">›</a>', "http://a.cn/n/p2.html"),
    ("http://a.cn/n/list.html", '<a href="/n/more.html">Next</a>', "http://a.cn/n/more.html"),
    ("http://a.cn/n/list.html", '<a href="/n/x.html">下页</a>', "http://a.cn/n/x.html"),
])
def test_next_page_variants(url, anchor, expected):
    html = f"<html><body><a href='/'>首页</a> <a href='/other.html'>其他</a> {anchor}</body></html>"
    assert find_next_page(url, html) == expected


def test_script_pager_of_publishing_systems():
    html = '<html><body><script>createPageHTML(6, 0, "index", "html");</script></body></html>'
    assert find_next_page("http://a.cn/col/index.html", html) == "http://a.cn/col/index_1.html"
    last = '<html><body><script>createPageHTML(6, 5, "index", "html");</script></body></html>'
    assert find_next_page("http://a.cn/col/index_5.html", last) is None


def test_javascript_next_link_is_not_followed():
    html = '<html><body><a href="javascript:void(0)" onclick="go(2)">下一页</a></body></html>'
    assert find_next_page("http://a.cn/list.html", html) is None


def test_selectors_override_automatic_finding():
    html = portal_page()
    css = find_article_links("http://zs.example.cn/zsyz/", html, "div.sidebar li a")
    assert len(css) == 6 and all("/hot/" in link for link in css)
    xpath = find_article_links("http://zs.example.cn/zsyz/", html, "//div[@class='sidebar']//a/@href")
    assert xpath == css
    assert find_next_page("http://zs.example.cn/zsyz/", html, "div.pages a:last-child") == \
        "http://zs.example.cn/zsyz/index_9.html"


def test_selector_matching_nothing_falls_back():
    html = portal_page()
    assert find_article_links("http://zs.example.cn/zsyz/", html, "ul.nothing a") == \
        find_article_links("http://zs.example.cn/zsyz/", html)


def test_duplicate_links_are_listed_once():
    items = "".join(f'<li><a href="/a/{i % 3}.html">招商引资项目签约仪式第{i % 3}场报道</a></li>' for i in range(9))
    links = find_article_links("http://a.cn/", f"<html><body><ul>{items}</ul></body></html>")
    assert links == ["http://a.cn/a/0.html", "http://a.cn/a/1.html", "http://a.cn/a/2.html"]


def test_page_without_links():
    assert find_article_links("http://a.cn/", "<html><body><p>没有链接。</p></body></html>") == []
    assert find_next_page("http://a.cn/", "") is None


def test_one_list_split_over_several_blocks():
    blocks = "".join(
        "<ul class='list'>" + "".join(
            f"<li><a href='/a/{b}{i}.html'>关于第{b}{i}批招商引资重点项目的公示公告</a><span>2025-07-0{i + 1}</span></li>"
            for i in range(5)) + "</ul><div class='line'></div>"
        for b in range(3))
    nav = "<div class='nav'>" + "".join(f"<a href='/n{i}'>栏目{i}</a>" for i in range(8)) + "</div>"
    links = find_article_links("http://a.cn/col/", f"<html><body>{nav}<div class='main'>{blocks}</div></body></html>")
    assert len(links) == 15
    assert links[0] == "http://a.cn/a/00.html" and links[-1] == "http://a.cn/a/24.html"


def test_fragment_variants_are_one_link():
    items = "".join(f"<li><a href='/a/{i}.html#top'>招商引资项目签约仪式第{i}场报道</a></li>" for i in range(4))
    links = find_article_links("http://a.cn/", f"<html><body><ul>{items}</ul></body></html>")
    assert links == [f"http://a.cn/a/{i}.html" for i in range(4)]


def test_main_list_found_without_class_names():
    html = re.sub(r'\s(?:class|id)="[^"]*"', "", portal_page())
    links = find_article_links("http://zs.example.cn/zsyz/index_1.html", html)
    assert len(links) == len(SEED_TITLES)
    assert all("/zsyz/2025/" in link for link in links)


def test_real_listing_pages_without_class_names():
    for row in _gold_listings():
        text, _ = decode_html((REAL_PAGES / row["file"]).read_bytes())
        doc = lxml_html.document_fromstring(text)
        truth = {urljoin(BASE, a.get("href").strip()) for a in doc.xpath(row["list_xpath"]) if a.get("href")}
        got = find_article_links(BASE, re.sub(r'\s(?:class|id)="[^"]*"', "", text))
        hits = len(set(got) & truth)
        assert hits / max(1, len(got)) >= PRECISION_FLOOR and hits / len(truth) >= RECALL_FLOOR, row["file"]


def test_seed_listing_with_full_texts_is_a_listing():
    entries = [tuple(lines[:3]) for lines in seed_listing_blocks()]
    items = "".join(f'<li><a href="/zs/{i}.html">{title}</a><div class="txt">{body}</div><span>{date}</span></li>'
                    for i, (title, body, date) in enumerate(entries))
    html = (f'<html><head><title>地区招商</title></head><body><div class="nav"><a href="/">首页</a>'
            f'<a href="/zs/">招商</a></div><ul class="list">{items}</ul></body></html>')
    assert find_article_links("http://a.cn/zs/", html) == [f"http://a.cn/zs/{i}.html" for i in range(len(entries))]
    page = extract_page("http://a.cn/zs/", html.encode("utf-8"))
    assert page.kind == "listing", page.reason
