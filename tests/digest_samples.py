"""Digests for the rendering and delivery tests: a small one with every section, and ones with many items."""
from __future__ import annotations

import re
from html.parser import HTMLParser

from alerts.diff_format import diff_text

OLD_BODY = "全区地区生产总值增长7%。总投资120亿元的项目正在建设。空气质量优良率达86%。"
NEW_BODY = "全区地区生产总值增长6.5%。总投资150亿元的项目正在建设。"


def make_digest() -> dict:
    """A digest with one or two items in every section, one changed item with figure changes."""
    return {
        "since": "2026-11-27T08:00:00+08:00",
        "generated_at": "2026-11-28T08:00:00+08:00",
        "new": [{"article_id": 1, "url": "https://a.example.gov.cn/zsyz/1.html", "title": "【长沙招商】长沙深化优化营商环境改革",
                 "source": "portal-a", "published": "2025-07-07", "region": "长沙",
                 "duplicates": [{"url": "https://b.example.com/x/9.html", "source": "portal-b"}]}],
        "changed": [
            {"article_id": 5, "url": "https://a.example.gov.cn/zsyz/5.html", "title": "只改了文字的公告",
             "from_version": 2, "to_version": 3, "figure_changes": [], "diff": diff_text("会议在长沙召开。", "会议在株洲召开。")},
            {"article_id": 2, "url": "https://a.example.gov.cn/zsyz/2.html", "title": "2021年天心区政府工作报告",
             "from_version": 1, "to_version": 2, "diff": diff_text(OLD_BODY, NEW_BODY),
             "figure_changes": [{"indicator": "地区生产总值增长", "old": "7%", "new": "6.5%", "old_value": 7.0,
                                 "new_value": 6.5, "old_unit": "%", "new_unit": "%"}]},
        ],
        "removed": [{"article_id": 3, "url": "https://a.example.gov.cn/zsyz/3.html", "title": "旧公告", "source": "portal-a"}],
        "conflicts": [{"indicator": "总投资", "articles": [
            {"article_id": 1, "url": "https://a.example.gov.cn/1", "source": "portal-a", "text": "总投资120亿元"},
            {"article_id": 7, "url": "https://b.example.com/7", "source": "portal-b", "text": "总投资150亿元"}]}],
        "sources": [{"name": "portal-a", "pages": 40, "new": 3, "changed": 1, "errors": 0, "alert": None},
                    {"name": "portal-b", "pages": 0, "new": 0, "changed": 0, "errors": 2,
                     "alert": "no article links in the last 3 runs"}],
    }


def many_new(count: int) -> dict:
    """make_digest() with `count` new stories."""
    digest = make_digest()
    digest["new"] = [{"article_id": i, "url": f"https://a.example.gov.cn/zsyz/{i}.html", "title": f"招商项目公告第{i}号",
                      "source": "portal-a", "published": "2025-07-07", "region": "长沙", "duplicates": []}
                     for i in range(count)]
    return digest


class HtmlPage(HTMLParser):
    """Text, tags, attributes and nesting errors of an HTML page."""

    VOID = {"meta", "br", "hr", "img", "input", "link", "col", "area", "base", "wbr", "source"}

    def __init__(self, html: str):
        super().__init__()
        self.text, self.tags, self.attrs, self.stack, self.errors = [], [], [], [], []
        self.feed(html)
        self.errors += [f"unclosed <{tag}>" for tag in self.stack]

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        self.attrs += [(tag, k, v or "") for k, v in attrs]
        if tag not in self.VOID:
            self.stack.append(tag)

    def handle_endtag(self, tag):
        if not self.stack or self.stack[-1] != tag:
            self.errors.append(f"</{tag}> does not close {self.stack[-1:] or 'anything'}")
        else:
            self.stack.pop()

    def handle_data(self, data):
        self.text.append(data)

    def plain(self) -> str:
        return re.sub(r"\s+", " ", "".join(self.text))
