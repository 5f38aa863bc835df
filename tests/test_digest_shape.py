"""The digest in contract shape, and its headline (alerts/digest_shape.py)."""
from __future__ import annotations

from digest_samples import make_digest

from alerts.digest_shape import cut_lines, figure_change_text, headline, normalize, safe_url


def test_headline_counts():
    assert headline(make_digest()) == "1 new · 2 changed · 1 removed · 1 conflict"
    assert headline({}) == "0 new · 0 changed · 0 removed"


def test_normalize_fills_missing_sections_without_touching_the_input():
    digest = {"new": [{"title": "x"}]}
    out = normalize(digest)
    assert digest == {"new": [{"title": "x"}]}
    assert out["new"][0]["duplicates"] == [] and out["new"][0]["url"] is None
    assert out["changed"] == [] and out["since"] is None


def test_figure_change_text_is_rebuilt_from_value_and_unit_when_the_text_is_missing():
    change = {"indicator": "总投资", "old_value": 120.0, "old_unit": "亿元", "new": "150亿元"}
    assert figure_change_text(change) == "总投资: 120亿元 → 150亿元"
    assert figure_change_text({}) == "?: — → —"


def test_only_web_links_are_safe():
    assert safe_url(" https://a.example.cn/x.html ") == "https://a.example.cn/x.html"
    assert safe_url("javascript:alert(1)") is None and safe_url("data:text/html,x") is None and safe_url(None) is None


def test_cut_lines_keeps_whole_lines_then_an_ellipsis():
    assert cut_lines("甲甲\n乙乙\n丙丙", 5) == "甲甲\n乙乙\n…"
    assert cut_lines("甲甲\n乙乙", 100) == "甲甲\n乙乙"
