"""Digest rendering to JSON, markdown and HTML (alerts/render.py)."""
from __future__ import annotations

import datetime as dt
import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from alerts.render import headline, normalize, render, render_html, render_json, render_markdown
from alerts.textdiff import diff_text, sentence_diff

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus"
OLD_BODY = "全区地区生产总值增长7%。总投资120亿元的项目正在建设。空气质量优良率达86%。"
NEW_BODY = "全区地区生产总值增长6.5%。总投资150亿元的项目正在建设。"


def make_digest() -> dict:
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
    digest = make_digest()
    digest["new"] = [{"article_id": i, "url": f"https://a.example.gov.cn/zsyz/{i}.html", "title": f"招商项目公告第{i}号",
                      "source": "portal-a", "published": "2025-07-07", "region": "长沙", "duplicates": []}
                     for i in range(count)]
    return digest


class _Page(HTMLParser):
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


# ---------------------------------------------------------------- json

def test_json_has_contract_keys_in_order_and_every_section():
    data = json.loads(render_json({"since": "2026-11-27T08:00:00+08:00", "generated_at": "2026-11-28T08:00:00+08:00"}))
    assert list(data) == ["since", "generated_at", "new", "changed", "removed", "conflicts", "sources"]
    assert all(data[k] == [] for k in ("new", "changed", "removed", "conflicts", "sources"))


def test_json_item_key_order_is_stable_whatever_the_input_order():
    digest = make_digest()
    shuffled = {k: digest[k] for k in reversed(list(digest))}
    shuffled["changed"] = [dict(reversed(list(item.items()))) for item in digest["changed"]]
    assert render_json(shuffled) == render_json(digest)
    data = json.loads(render_json(digest))
    assert list(data["changed"][1]) == ["article_id", "url", "title", "from_version", "to_version", "figure_changes", "diff"]
    assert list(data["changed"][1]["figure_changes"][0]) == [
        "indicator", "old", "new", "old_value", "new_value", "old_unit", "new_unit"]
    assert list(data["new"][0]) == ["article_id", "url", "title", "source", "published", "region", "duplicates"]
    assert list(data["sources"][0]) == ["name", "pages", "new", "changed", "errors", "alert"]


def test_json_keeps_values_and_chinese_and_drops_render_only_fields():
    digest = make_digest()
    digest["changed"][1]["diff_segments"] = [c.to_dict() for c in sentence_diff(OLD_BODY, NEW_BODY)]
    digest["generated_at"] = dt.datetime(2026, 11, 28, 8, 0, tzinfo=dt.timezone(dt.timedelta(hours=8)))
    text = render_json(digest)
    assert "地区生产总值增长" in text  # not \\u escaped
    data = json.loads(text)
    assert "diff_segments" not in data["changed"][1]
    assert data["generated_at"] == "2026-11-28T08:00:00+08:00"
    assert data["changed"][1]["figure_changes"][0]["new_value"] == 6.5
    assert data["new"][0]["duplicates"] == [{"url": "https://b.example.com/x/9.html", "source": "portal-b"}]
    assert data["sources"][1]["alert"] == "no article links in the last 3 runs"


def test_headline_counts():
    assert headline(make_digest()) == "1 new · 2 changed · 1 removed · 1 conflict"
    assert headline({}) == "0 new · 0 changed · 0 removed"


# ---------------------------------------------------------------- markdown

def test_markdown_puts_figure_changes_first():
    md = render_markdown(make_digest())
    assert "**1 new · 2 changed · 1 removed · 1 conflict**" in md
    figure = md.index("地区生产总值增长: 7% → 6.5%")
    assert figure < md.index("全区地区生产总值增长~~7~~**6.5**%")  # the figure line before the text diff
    assert figure < md.index("只改了文字的公告")  # items with figure changes before text-only ones
    assert md.index("#### Changed") < md.index("#### New") < md.index("#### Removed")
    assert "[【长沙招商】长沙深化优化营商环境改革](https://a.example.gov.cn/zsyz/1.html)" in md
    assert "also on portal-b" in md
    assert "- portal-b: no article links in the last 3 runs · 2 errors" in md
    assert "portal-a:" not in md  # a healthy source is not an alert


def test_markdown_omits_empty_sections_and_says_nothing_new():
    md = render_markdown({"since": "2026-11-27T08:00:00+08:00", "generated_at": "2026-11-28T08:00:00+08:00",
                          "sources": [{"name": "portal-a", "pages": 4, "new": 0, "errors": 0}]})
    assert "Nothing new" in md and "0 new · 0 changed · 0 removed" in md
    assert "####" not in md
    only_new = make_digest()
    only_new.update(changed=[], removed=[], conflicts=[])
    md = render_markdown(only_new)
    assert "#### New" in md and "Changed" not in md and "Removed" not in md and "Nothing new" not in md


@pytest.mark.parametrize("max_bytes", [300, 1000, 4000, 18000])
def test_markdown_is_cut_to_max_bytes_with_a_count(max_bytes):
    digest = many_new(400)
    md = render_markdown(digest, max_bytes=max_bytes)
    assert len(md.encode("utf-8")) <= max_bytes
    more = re.search(r"… and (\d+) more$", md)
    assert more, md[-200:]
    shown = len(re.findall(r"^- \[招商项目公告第\d+号\]", md, flags=re.M))
    shown += md.count("地区生产总值增长: 7% → 6.5%") + md.count("只改了文字的公告") + md.count("旧公告")
    shown += md.count("**总投资**") + md.count("- portal-b:")
    assert shown + int(more.group(1)) == 400 + 2 + 1 + 1 + 1


def test_markdown_escapes_and_links_only_web_urls():
    digest = {"new": [{"title": "评级*A*[置顶]_新_", "url": "javascript:alert(1)", "source": "p"},
                      {"title": "有空格的(链接)", "url": "https://a.example.com/a b(1).html", "source": "p"}]}
    md = render_markdown(digest)
    assert r"评级\*A\*\[置顶\]\_新\_" in md
    assert "javascript:" not in md
    assert "(https://a.example.com/a%20b%281%29.html)" in md


# ---------------------------------------------------------------- html

def test_html_is_a_well_formed_self_contained_page():
    html = render_html(make_digest())
    page = _Page(html)
    assert page.errors == []
    assert html.startswith("<!DOCTYPE html>") and '<meta charset="utf-8">' in html
    assert not {"script", "link", "img", "iframe", "object", "embed"} & set(page.tags)
    for tag, name, value in page.attrs:
        assert not name.startswith("on"), (tag, name)
        if name in ("src", "srcset", "background", "poster"):
            pytest.fail(f"external resource in <{tag} {name}={value!r}>")
        if name == "href":
            assert tag == "a" and value.startswith("https://"), (tag, value)
    assert not re.search(r"url\(|@import", html)


def test_html_shows_every_section_with_figure_changes_first():
    text = _Page(render_html(make_digest())).plain()
    assert "1 new · 2 changed · 1 removed · 1 conflict" in text
    assert text.index("地区生产总值增长: 7% → 6.5%") < text.index("只改了文字的公告")
    for expected in ("Changed (2)", "Conflicting figures (1)", "New (1)", "Removed (1)", "Sources",
                     "总投资120亿元", "总投资150亿元", "【长沙招商】长沙深化优化营商环境改革", "also on: portal-b",
                     "旧公告", "no article links in the last 3 runs"):
        assert expected in text, expected


def test_html_escapes_content():
    digest = make_digest()
    digest["new"][0]["title"] = '<script>alert("x")</script><img src=x onerror=alert(1)>'
    digest["removed"][0]["url"] = "javascript:alert(1)"
    html = render_html(digest)
    assert "<script>alert" not in html and "<img" not in html
    assert "&lt;script&gt;" in html
    assert "javascript:" not in html
    assert _Page(html).errors == []


def test_html_diff_from_segments_or_from_the_plain_diff():
    digest = make_digest()
    plain = render_html(digest)
    assert re.search(r"<del[^>]*>7</del><ins[^>]*>6\.5</ins>", plain)
    digest["changed"][1]["diff"] = ""
    digest["changed"][1]["diff_segments"] = [c.to_dict() for c in sentence_diff(OLD_BODY, NEW_BODY)]
    rich = render_html(digest)
    assert re.search(r"<del[^>]*>120</del><ins[^>]*>150</ins>", rich)
    assert re.search(r"<del[^>]*>空气质量优良率达86%。</del>", rich)


def test_html_omits_empty_sections_and_says_nothing_new():
    text = _Page(render_html({"sources": [{"name": "portal-a", "pages": 4, "new": 0, "errors": 0}]})).plain()
    assert "Nothing new" in text and "Sources" in text
    assert "Changed" not in text and "Removed" not in text and "New (" not in text


def test_render_dispatches_and_rejects_unknown_formats():
    digest = make_digest()
    assert render(digest, "json") == render_json(digest)
    assert render(digest, "md") == render_markdown(digest)
    assert render(digest, "html") == render_html(digest)
    with pytest.raises(ValueError, match="json, md or html"):
        render(digest, "pdf")


def test_normalize_fills_missing_sections_without_touching_the_input():
    digest = {"new": [{"title": "x"}]}
    out = normalize(digest)
    assert digest == {"new": [{"title": "x"}]}
    assert out["new"][0]["duplicates"] == [] and out["new"][0]["url"] is None
    assert out["changed"] == [] and out["since"] is None


# ---------------------------------------------------------------- real listing

def test_real_listing_digest_renders_in_every_format():
    seed = CORPUS / "seed-listing.txt"
    if not seed.exists():
        pytest.skip(f"{seed} is absent: the shared corpus sits beside the repository (../shared/corpus)")
    articles = []
    for block in seed.read_text(encoding="utf-8").split("\n-\n"):
        lines = [line for line in block.strip("-\n").split("\n") if line.strip()]
        if len(lines) >= 3 and lines[0].startswith("【"):
            articles.append({"title": lines[0], "body": "\n".join(lines[1:-1]), "published": lines[-1]})
    assert len(articles) >= 5
    digest = {"since": "2025-07-06T00:00:00+08:00", "generated_at": "2025-07-08T00:00:00+08:00",
              "new": [{"article_id": i, "url": f"https://zs.example.cn/{i}.html", "title": a["title"], "source": "seed",
                       "published": a["published"], "region": None, "duplicates": []} for i, a in enumerate(articles)]}
    body = articles[0]["body"]
    edited = body.replace("4%", "4.5%", 1).replace("1871亩", "1900亩", 1)
    assert edited != body
    digest["changed"] = [{"article_id": 0, "url": "https://zs.example.cn/0.html", "title": articles[0]["title"],
                          "from_version": 1, "to_version": 2, "figure_changes": [], "diff": diff_text(body, edited)}]
    md = render_markdown(digest, max_bytes=4000)
    assert len(md.encode("utf-8")) <= 4000 and "[-4-]" not in md and "~~1871~~**1900**" in md
    text = _Page(render_html(digest)).plain()
    assert all(a["title"] in text for a in articles)
    assert json.loads(render_json(digest))["changed"][0]["diff"].count("\n") == 1
