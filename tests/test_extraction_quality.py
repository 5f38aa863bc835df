"""Quality gate: title, date and body of the 32 real article pages against their hand-made gold labels."""
from __future__ import annotations

import re
from collections import Counter

import pytest
from corpus import REAL_PAGES, read_jsonl

from spiders.extraction import extract_page
from store.textnorm import squeeze_whitespace

TITLE_FLOOR = 0.97
DATE_FLOOR = 0.97
BODY_F1_FLOOR = 0.97
PAGE_KIND_FLOOR = 1.0

_WS = re.compile(r"\s+")


def _rows(name: str) -> list[dict]:
    return read_jsonl(REAL_PAGES / name)


def bigram_f1(got: str, gold: str) -> float:
    """F1 of the multisets of character bigrams, all whitespace removed."""
    a, b = _WS.sub("", got), _WS.sub("", gold)
    got_bigrams = Counter(a[i:i + 2] for i in range(len(a) - 1))
    gold_bigrams = Counter(b[i:i + 2] for i in range(len(b) - 1))
    overlap = sum((got_bigrams & gold_bigrams).values())
    if not overlap:
        return 0.0
    precision = overlap / sum(got_bigrams.values())
    recall = overlap / sum(gold_bigrams.values())
    return 2 * precision * recall / (precision + recall)


@pytest.fixture(scope="module")
def scored() -> list[dict]:
    gold = [row for row in _rows("gold.jsonl") if row["kind"] == "article"]
    bodies = {row["file"]: row["body"] for row in _rows("gold-bodies.jsonl")}
    results = []
    for row in gold:
        page = extract_page("http://example.org/" + row["file"], (REAL_PAGES / row["file"]).read_bytes())
        titles = [squeeze_whitespace(t) for t in [row["title"], *row.get("title_alt", [])]]
        dates = [row["published"], *row.get("published_alt", [])]
        results.append({
            "file": row["file"],
            "kind": page.kind,
            "title_ok": squeeze_whitespace(page.title or "") in titles,
            "title": page.title,
            "date_ok": page.published in dates,
            "published": page.published,
            "body_f1": bigram_f1(page.body, bodies[row["file"]]),
        })
    return results


def _report(results: list[dict], failed: str) -> str:
    lines = [f"{r['file']}: kind={r['kind']} title_ok={r['title_ok']} ({r['title']!r}) "
             f"date_ok={r['date_ok']} ({r['published']}) body_f1={r['body_f1']:.3f}" for r in results]
    return f"{failed} below its floor; per page:\n" + "\n".join(lines)


def test_corpus_has_the_article_pages(scored):
    assert len(scored) == 32


def test_every_article_page_is_an_article(scored):
    share = sum(r["kind"] == "article" for r in scored) / len(scored)
    assert share >= PAGE_KIND_FLOOR, _report(scored, "page kind")


def test_title_accuracy(scored):
    share = sum(r["title_ok"] for r in scored) / len(scored)
    assert share >= TITLE_FLOOR, _report(scored, f"title accuracy {share:.3f}")


def test_date_accuracy(scored):
    share = sum(r["date_ok"] for r in scored) / len(scored)
    assert share >= DATE_FLOOR, _report(scored, f"date accuracy {share:.3f}")


def test_body_bigram_f1(scored):
    mean = sum(r["body_f1"] for r in scored) / len(scored)
    assert mean >= BODY_F1_FLOOR, _report(scored, f"mean body F1 {mean:.4f}")


def test_listing_pages_are_not_articles():
    listings = [row for row in _rows("gold.jsonl") if row["kind"] == "listing"]
    kinds = {row["file"]: extract_page("http://example.org/", (REAL_PAGES / row["file"]).read_bytes()).kind
             for row in listings}
    assert len(kinds) == 6
    assert all(kind == "listing" for kind in kinds.values()), kinds


def test_bigram_f1_measures_overlap():
    assert bigram_f1("长沙招商引资", "长沙 招商引资") == 1.0
    assert bigram_f1("长沙招商", "北京天津") == 0.0
    assert 0.0 < bigram_f1("长沙招商引资政策", "长沙招商") < 1.0
