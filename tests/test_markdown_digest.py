"""The digest as chat-sized markdown (alerts/markdown_digest.py)."""
from __future__ import annotations

import re

import pytest
from digest_samples import make_digest, many_new

from alerts.markdown_digest import render_markdown


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
