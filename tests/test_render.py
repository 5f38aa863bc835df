"""Digest rendering to JSON and HTML, and the choice of format (alerts/render.py)."""
from __future__ import annotations

import datetime as dt
import json
import re

import pytest
from corpus import seed_listing_blocks
from digest_samples import NEW_BODY, OLD_BODY, HtmlPage, make_digest

from alerts.diff_format import diff_text
from alerts.markdown_digest import render_markdown
from alerts.render import render, render_html, render_json
from alerts.textdiff import sentence_diff

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


# ---------------------------------------------------------------- html

def test_html_is_a_well_formed_self_contained_page():
    html = render_html(make_digest())
    page = HtmlPage(html)
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
    text = HtmlPage(render_html(make_digest())).plain()
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
    assert HtmlPage(html).errors == []


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
    text = HtmlPage(render_html({"sources": [{"name": "portal-a", "pages": 4, "new": 0, "errors": 0}]})).plain()
    assert "Nothing new" in text and "Sources" in text
    assert "Changed" not in text and "Removed" not in text and "New (" not in text


def test_render_dispatches_and_rejects_unknown_formats():
    digest = make_digest()
    assert render(digest, "json") == render_json(digest)
    assert render(digest, "md") == render_markdown(digest)
    assert render(digest, "html") == render_html(digest)
    with pytest.raises(ValueError, match="json, md or html"):
        render(digest, "pdf")


# ---------------------------------------------------------------- real listing

def test_real_listing_digest_renders_in_every_format():
    articles = [{"title": lines[0], "body": "\n".join(lines[1:-1]), "published": lines[-1]}
                for lines in seed_listing_blocks()]
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
    text = HtmlPage(render_html(digest)).plain()
    assert all(a["title"] in text for a in articles)
    assert json.loads(render_json(digest))["changed"][0]["diff"].count("\n") == 1
