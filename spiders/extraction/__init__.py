"""Extraction of an article page (title, date, body, region, page kind) as a pure function of URL and bytes."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Mapping

from lxml import etree

from .body import best_container, body_lines, is_meta_line, text_span
from .dates import find_published, parse_date
from .decode import decode_html
from .dom import lines_of, parse_html, strip_furniture
from .overrides import select_elements, select_text
from .pagekind import ARTICLE, classify, items_between
from .region import choose_region
from .title import choose_title, clean_title, headline_above, headline_line, nearest_headline

EXTRACTOR_VERSION = "1"
_NOTICE_MAX = 60  # a "页面不存在" prompt is a short line

__all__ = ["EXTRACTOR_VERSION", "ExtractedPage", "extract_page", "decode_html"]


@dataclass(frozen=True)
class ExtractedPage:
    """What one fetched page holds; ``body`` is "" unless ``kind`` is "article"."""

    kind: str
    title: str | None
    published: str | None
    body: str
    region: str | None
    encoding: str
    reason: str | None = None

    def as_json(self) -> dict:
        """The fields a user sees: title, published, body, region and kind."""
        return {"title": self.title, "published": self.published, "body": self.body,
                "region": self.region, "kind": self.kind}


def extract_page(url: str, body: bytes, headers: Mapping[str, Any] | None = None, *,
                 selectors: Mapping[str, str] | None = None, region: str | None = None) -> ExtractedPage:
    """Extract an article page from its URL, raw bytes and response headers."""
    from spiders.listing_links import main_list  # listing_links builds on this package

    selectors = selectors or {}
    text, codec = decode_html(body or b"", headers)
    root = parse_html(text)
    strip_furniture(root)
    page = root.find("body")
    page = page if page is not None else root

    title = select_text(root, selectors.get("title"))
    title = clean_title(title) if title else choose_title(root)
    lines = lines_of(page)
    chosen = select_elements(root, selectors.get("body"))
    container = best_container(page, lines)
    paragraphs = _paragraphs(chosen, container, title)
    span = text_span(lines, paragraphs)
    if not title:
        title = nearest_headline(root, lines, span) or headline_above(lines, is_meta_line)
        if title:  # the text may have started with the headline it could not recognise
            paragraphs = _paragraphs(chosen, container, title)
            span = text_span(lines, paragraphs)
    main_text = "\n".join(paragraphs)

    chosen_date = select_text(root, selectors.get("date"))
    published = parse_date(chosen_date) if chosen_date else None
    if not published:
        published = find_published(root, lines, headline_line(lines, title), span, url)

    title_el = root.find(".//title")
    notices = " ".join([title_el.text_content() if title_el is not None else ""]
                       + [line.text for line in lines if len(line.text) <= _NOTICE_MAX])
    listed = main_list(page, url)
    inside, before = items_between(page, [item for _, item in listed], lines, span) if span else (0, 1.0)
    kind, reason = classify(title, main_text, notices, len(listed),
                            sum(len(text) for text, _ in listed), inside, before)
    return ExtractedPage(
        kind=kind,
        title=title,
        published=published,
        body=main_text if kind == ARTICLE else "",
        region=choose_region(title, region),
        encoding=codec,
        reason=reason,
    )


def _paragraphs(chosen: list[etree._Element], container: etree._Element, title: str | None) -> list[str]:
    """Paragraphs from the per-source body selector when it yields any, else from the best container."""
    return (body_lines(chosen, title) if chosen else []) or body_lines(container, title)
