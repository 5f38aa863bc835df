"""HTML, feeds and sitemaps of the demo portal: a UTF-8 招商 portal and a GBK government site."""
from __future__ import annotations

from html import escape
from typing import Sequence

from .content import DemoArticle

ZS_SITE = "长沙招商网"
GOV_SITE = "湖南省某县人民政府"
HOT = ["长沙经开区签约项目总投资超百亿", "湖南自贸区长沙片区新政解读", "长沙出台支持先进制造业十条措施"]


def _zs_chrome(title: str, main: str) -> str:
    nav = "".join(f'<li><a href="/zsyz/{p}">{t}</a></li>' for p, t in
                  [("index.html", "首页"), ("index.html", "招商动态"), ("policy.html", "政策法规"), ("contact.html", "联系我们")])
    hot = "".join(f'<li><a href="/zsyz/hot/{i}.html">{escape(t)}</a></li>' for i, t in enumerate(HOT, 1))
    return f"""<!DOCTYPE html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>{escape(title)}_{ZS_SITE}</title>
<meta name="keywords" content="招商引资,长沙,投资"><link rel="stylesheet" href="/static/site.css"></head>
<body><div class="top"><a href="/">{ZS_SITE}</a> | 手机版 | 设为首页</div>
<ul class="nav">{nav}</ul>
<div class="container">{main}
<div class="sidebar"><h3>热门文章</h3><ul class="hot">{hot}</ul>
<h3>友情链接</h3><ul><li><a href="http://127.0.0.1:1/">湖南省人民政府</a></li></ul></div></div>
<div class="footer"><p>主办：长沙市投资促进事务中心 | <a href="/zsyz/about.html">关于我们</a> |
<a href="/zsyz/contact.html">联系我们</a></p><p>版权所有 © 2025 {ZS_SITE} 湘ICP备12345678号</p>
<p>有想补充的信息？点我投稿</p></div></body></html>"""


def zs_listing(articles: Sequence[tuple[str, DemoArticle]], page: int, pages: int) -> str:
    """A listing page: 【地区招商】titles with dates, and a pager with 下一页."""
    items = "".join(
        f'<li><a href="{href}" target="_blank">{escape(a.title)}</a><span class="date">{a.date}</span></li>'
        for href, a in articles
    )

    def page_url(n: int) -> str:
        return "/zsyz/index.html" if n == 1 else f"/zsyz/index_{n}.html"
    pager = [f'<a href="{page_url(1)}">首页</a>']
    if page > 1:
        pager.append(f'<a href="{page_url(page - 1)}">上一页</a>')
    pager += [f'<a href="{page_url(n)}">{n}</a>' if n != page else f"<span>{n}</span>" for n in range(1, pages + 1)]
    if page < pages:
        pager.append(f'<a href="{page_url(page + 1)}">下一页</a>')
    pager.append(f'<a href="{page_url(pages)}">尾页</a>')
    main = f"""<div class="main"><div class="crumb">当前位置：<a href="/">首页</a> &gt; 招商动态</div>
<ul class="news-list">{items}</ul><div class="pager">{' '.join(pager)}</div></div>"""
    return _zs_chrome("招商动态", main)


def zs_article(article: DemoArticle, related: Sequence[tuple[str, str]], image_bytes: int = 0) -> str:
    """An article page with breadcrumbs, an info line, a share bar and related links around the text.

    image_bytes > 0 inlines a base64 image of about that size, as editors' pasted screenshots do.
    """
    paragraphs = "".join(f"<p>{escape(p)}</p>" for p in article.body.split("\n"))
    if image_bytes:
        paragraphs = f'<p><img src="data:image/png;base64,{"iVBORw0KGgo" * (image_bytes // 11)}"></p>' + paragraphs
    rel = "".join(f'<li><a href="{href}">{escape(t)}</a></li>' for href, t in related)
    main = f"""<div class="main"><div class="crumb">当前位置：<a href="/">首页</a> &gt;
<a href="/zsyz/index.html">招商动态</a> &gt; 正文</div>
<h1 class="title">{escape(article.title)}</h1>
<div class="info">发布时间：{article.date} 10:30 &nbsp; 来源：{escape(article.source_label)} &nbsp; 浏览次数：1024</div>
<div class="article-content">{paragraphs}</div>
<div class="share">分享到：<a href="#">微信</a> <a href="#">微博</a> <a href="#">QQ空间</a></div>
<div class="editor">责任编辑：王编辑</div>
<div class="related"><h3>相关阅读</h3><ul>{rel}</ul></div></div>"""
    return _zs_chrome(article.title, main)


def _gov_chrome(title: str, main: str) -> str:
    return f"""<html><head><meta http-equiv="Content-Type" content="text/html; charset=gb2312">
<title>{escape(title)}-{GOV_SITE}</title></head><body>
<table width="1000" align="center"><tr><td class="banner">{GOV_SITE}门户网站</td></tr>
<tr><td><a href="/gov/list.jsp">政务公开</a> | <a href="/gov/list.jsp">招商引资</a> | <a href="/gov/list.jsp">办事服务</a></td></tr>
<tr><td>{main}</td></tr>
<tr><td class="foot">主办单位：{GOV_SITE}办公室 联系电话：0731-88888888<br>网站标识码：4301000001 湘公网安备 43010002000001号</td></tr>
</table></body></html>"""


def gov_listing(articles: Sequence[tuple[str, DemoArticle]], page: int, pages: int) -> str:
    """A table-layout listing with ?page=N pagination."""
    rows = "".join(
        f'<tr><td class="bt"><a href="{href}" title="{escape(a.title)}">{escape(a.title)}</a></td>'
        f'<td class="rq">[{a.date}]</td></tr>'
        for href, a in articles
    )
    links = []
    if page > 1:
        links.append(f'<a href="list.jsp?page={page - 1}">上一页</a>')
    if page < pages:
        links.append(f'<a href="list.jsp?page={page + 1}">下一页</a>')
    main = f"""<table class="list" width="100%">{rows}</table>
<div class="page">共{pages}页 当前第{page}页 {' '.join(links)}</div>"""
    return _gov_chrome("招商引资", main)


def gov_article(article: DemoArticle) -> str:
    """A government article in a table layout with 发布时间 and 来源 lines."""
    paragraphs = "".join(f'<p style="text-indent:2em">{escape(p)}</p>' for p in article.body.split("\n"))
    main = f"""<table width="100%"><tr><td align="center"><h2>{escape(article.title)}</h2></td></tr>
<tr><td align="center" class="xx">发布时间：{article.date} &nbsp;&nbsp; 来源：{escape(article.source_label)}
&nbsp;&nbsp; 【字体：大 中 小】 【打印本页】 【关闭窗口】</td></tr>
<tr><td id="zoom">{paragraphs}</td></tr></table>"""
    return _gov_chrome(article.title, main)


def soft_not_found() -> str:
    """A "page does not exist" page served with status 200."""
    return _zs_chrome("页面不存在", '<div class="main"><h1>404</h1><p>抱歉，您访问的页面不存在或已被删除！</p>'
                      '<p><a href="/">返回首页</a></p></div>')


def rss(base: str, articles: Sequence[tuple[str, DemoArticle]]) -> str:
    """An RSS 2.0 feed of the articles."""
    items = "".join(
        f"<item><title>{escape(a.title)}</title><link>{base}{href}</link><pubDate>{a.date}</pubDate></item>"
        for href, a in articles
    )
    return f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>{ZS_SITE}</title>' \
           f"<link>{base}/</link>{items}</channel></rss>"


def atom(base: str, articles: Sequence[tuple[str, DemoArticle]]) -> str:
    """An Atom feed of the articles."""
    entries = "".join(
        f'<entry><title>{escape(a.title)}</title><link rel="alternate" href="{base}{href}"/>'
        f"<id>{base}{href}</id><updated>{a.date}T10:30:00+08:00</updated></entry>"
        for href, a in articles
    )
    return f'<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom">' \
           f"<title>{GOV_SITE}</title><id>{base}/</id>{entries}</feed>"


def sitemap_index(base: str, sitemaps: Sequence[str]) -> str:
    """A sitemap index pointing at sitemaps."""
    entries = "".join(f"<sitemap><loc>{base}{path}</loc></sitemap>" for path in sitemaps)
    return f'<?xml version="1.0" encoding="UTF-8"?><sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">' \
           f"{entries}</sitemapindex>"


def sitemap(base: str, paths: Sequence[str]) -> str:
    """A sitemap listing pages."""
    entries = "".join(f"<url><loc>{base}{path}</loc></url>" for path in paths)
    return f'<?xml version="1.0" encoding="UTF-8"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">' \
           f"{entries}</urlset>"
