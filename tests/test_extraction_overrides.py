"""Per-source CSS/XPath selectors."""
from __future__ import annotations

from spiders.extraction.dom import parse_html
from spiders.extraction.overrides import select, select_elements, select_text, to_xpath

ROOT = parse_html("<html><body><h2 class='t'> 标题 </h2><div class='c'><p>甲</p><div class='c'><p>乙</p></div></div>"
                  "<span id='d'>2025-07-07</span></body></html>")


def test_xpath_or_css():
    assert to_xpath("//h2") == "//h2"
    assert to_xpath("(//p)[1]") == "(//p)[1]"
    assert to_xpath("h2.t").startswith("descendant-or-self::")


def test_select_text_with_css_xpath_and_text_pseudo_element():
    assert select_text(ROOT, "h2.t") == "标题"
    assert select_text(ROOT, "//span[@id='d']/text()") == "2025-07-07"
    assert select_text(ROOT, "#d::text") == "2025-07-07"


def test_no_match_and_bad_selectors_give_nothing():
    assert select_text(ROOT, "h3.none") is None
    assert select(ROOT, "//*[") == []
    assert select(ROOT, "div[[[") == []
    assert select(ROOT, None) == []


def test_nested_matches_are_not_repeated():
    found = select_elements(ROOT, "div.c")
    assert len(found) == 1 and "".join(found[0].itertext()) == "甲乙"
