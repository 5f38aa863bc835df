"""Telling articles from soft-404 pages, listing pages and empty shells."""
from __future__ import annotations

import pytest

from spiders.extraction import extract_page
from spiders.extraction.dom import lines_of, parse_html
from spiders.extraction.pagekind import classify, items_between

NAV = '<ul class="nav">' + "".join(f'<li><a href="/c{i}/">栏目{i}</a></li>' for i in range(12)) + "</ul>"
FOOTER = '<div class="footer">主办：某某市人民政府办公室 地址：某某路1号 电话：0731-1234567 湘ICP备12345678号</div>'
TEXT = "长沙市聚焦招商引资和企业发展，通过出台综合性政策文件，全面系统地优化营商环境，推动市场主体高质量增长。"


def kind_of(title: str, content: str) -> tuple[str, str | None]:
    html = f"<html><head><title>{title}</title></head><body>{NAV}{content}{FOOTER}</body></html>"
    page = extract_page("http://www.example.gov.cn/art/1.html", html.encode("utf-8"))
    return page.kind, page.reason


@pytest.mark.parametrize("title, content", [
    ("404 Not Found", "<h1>404 Not Found</h1><hr><center>nginx</center>"),
    ("提示信息", "<div class='box'><p>对不起，您访问的页面不存在或已删除！</p><a href='/'>返回首页</a></div>"),
    ("页面不存在_某某市人民政府", "<div><img src='404.png'></div>"),
    ("某某市人民政府", "<div class='err'>抱歉，找不到您要的页面</div><p>5秒后自动返回首页</p>"),
])
def test_soft_404_pages(title, content):
    kind, reason = kind_of(title, content)
    assert kind == "not_found"
    assert reason


def test_empty_shell_without_text():
    kind, reason = kind_of("某某市人民政府", '<div id="app"></div><div class="loading">加载中</div>')
    assert kind == "empty"
    assert "characters" in reason


def test_article_mentioning_deleted_pages_is_still_an_article():
    content = "<h1>网站清理僵尸栏目</h1>" + "".join(
        f"<p>{TEXT}清理后，部分页面不存在或已删除的情况得到整改，第{i}批共清理栏目若干。</p>" for i in range(6))
    assert kind_of("网站清理僵尸栏目_某某市人民政府", content) == ("article", None)


def test_short_article_is_an_article():
    assert kind_of("一句话新闻_某某网", f"<h1>一句话新闻</h1><div class='c'><p>{TEXT}</p></div>")[0] == "article"


def test_classify_rules():
    assert classify("标题", TEXT * 5, "", 0, 0)[0] == "article"
    assert classify("标题", "", "", 12, 300)[0] == "listing"
    assert classify("标题", TEXT * 5, "", 12, 300, 8, 0.1)[0] == "listing"
    assert classify("标题", TEXT * 5, "", 12, 300, 8, 0.9)[0] == "article"
    assert classify("标题", "短", "", 0, 0)[0] == "empty"
    assert classify("404 Not Found", "", "", 0, 0)[0] == "not_found"


def test_items_between_counts_list_items_inside_the_text():
    html = "<html><body><ul>" + "".join(
        f"<li><a href='/{i}'>标题{i}</a><p>第{i}条摘要，介绍招商引资项目。</p></li>" for i in range(6)) + "</ul></body></html>"
    root = parse_html(html)
    lines = lines_of(root.body)
    items = root.findall(".//li")
    summary_lines = [i for i, line in enumerate(lines) if "摘要" in line.text]
    count, before = items_between(root.body, items, lines, (summary_lines[0], summary_lines[-1]))
    assert count == 5 and before < 0.2
    assert items_between(root.body, items, lines, (summary_lines[0], summary_lines[0]))[0] == 0


def test_article_with_related_stories_inside_its_text_block_stays_an_article():
    related = "".join(f"<li><a href='/r{i}'>长沙招商引资相关报道第{i}篇</a><p>相关报道{i}的摘要，介绍项目进展。</p></li>"
                      for i in range(6))
    content = ("<h1>长沙一季度经济运行稳中有进</h1><div class='c'>" + "".join(f"<p>{TEXT}第{i}段。</p>" for i in range(8))
               + f"<ul>{related}</ul><p>（本文图片由长沙市统计局提供，谨致谢忱。）</p></div>")
    assert kind_of("长沙一季度经济运行稳中有进_某某网", content)[0] == "article"
