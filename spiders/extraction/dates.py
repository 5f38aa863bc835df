"""Find the publication date shown with an article: labelled dates, the meta line, meta tags, the URL."""
from __future__ import annotations

import re
from datetime import date

from lxml import etree

from .dom import Line, meta_key, without_spaces

_DATE = re.compile(
    r"(?<!\d)((?:19|20)\d{2})\s*(?:[-/.]|年)\s*(\d{1,2})\s*(?:[-/.]|月)\s*(\d{1,2})(?!\d)"
)
_URL_DATE = re.compile(r"(?<!\d)((?:19|20)\d{2})[-/_]?(\d{2})[-/_]?(\d{2})(?!\d)")
_LABEL = re.compile(r"(发布日期|发布时间|发稿时间|发表时间|发文日期|发表日期|发布于|发布|时间|日期|publishdate|published)[：:]?$", re.I)
_CJK = re.compile(r"[\u4e00-\u9fff]")
_STRONG_LABELS = ("发布", "发稿", "发表", "发文", "publish")
# Dates that are not the publication: document adoption, page generation, edits, deadlines.
_OTHER_DATE_PREFIX = re.compile(r"(成文|生成|更新|修改|截止|打印|访问|当前|有效|实施|施行|印发|开始|结束)$")
_META_DATE_KEYS = (
    "pubdate", "publishdate", "firstpublishedtime", "article:published_time", "og:article:published_time",
    "datepublished", "publish_time", "publishtime", "pubtime", "og:release_date", "release_date",
    "dc.date.issued", "dc.date", "dcterms.created", "og:time", "created", "date",
)
# Site headers that print the current date ("今天是2025年11月28日").
_TODAY = re.compile(r"今天|今日是|当前日期|当前时间")
_BEFORE_TITLE = 30  # lines above the headline where a metadata table may sit
_AFTER_BODY = 8  # lines below the text where a "发布日期" footer may sit
_META_LINE_MAX = 100


def parse_date(text: str) -> str | None:
    """The first plausible calendar date in ``text`` as YYYY-MM-DD."""
    for match in _DATE.finditer(text):
        found = _valid(*match.groups())
        if found:
            return found
    return None


def _valid(year: str, month: str, day: str) -> str | None:
    latest = date.today().year + 1
    try:
        value = date(int(year), int(month), int(day))
    except ValueError:
        return None
    if not 1990 <= value.year <= latest:
        return None
    return value.isoformat()


def _label_strength(head: str) -> int | None:
    """0 for a publication label ending ``head``, 1 for a bare 时间/日期, None for none or another date."""
    label = _LABEL.search(head)
    if not label:
        return None
    before = head[:label.start()]
    if _OTHER_DATE_PREFIX.search(before):
        return None
    if label.group(1).lower().startswith(_STRONG_LABELS):
        return 0
    # A bare 时间/日期 glued to other words (活动时间, 截止日期) labels something else.
    return None if before and _CJK.match(before[-1]) else 1


def labelled_date(lines: list[Line], index: int) -> tuple[int, str] | None:
    """(label strength, date) when line ``index`` carries a publication label with a date."""
    text = without_spaces(lines[index].text)
    for match in _DATE.finditer(text):
        value = _valid(*match.groups())
        strength = _label_strength(text[max(0, match.start() - 12):match.start()]) if value else None
        if strength is not None:
            return strength, value
    # A label alone in a table cell, its value in the next cell.
    if len(text) <= 8 and index + 1 < len(lines) and _LABEL.search(text):
        strength = _label_strength(text)
        match = _DATE.match(without_spaces(lines[index + 1].text))
        value = _valid(*match.groups()) if match else None
        if strength is not None and value:
            return strength, value
    return None


def meta_date(root: etree._Element) -> str | None:
    """The publication date from meta tags, most specific key first."""
    found: dict[str, str] = {}
    for meta in root.iter("meta"):
        key = meta_key(meta)
        if key in _META_DATE_KEYS and key not in found:
            value = parse_date(meta.get("content") or "")
            if value:
                found[key] = value
    for el in root.iter("time"):
        if el.get("datetime") and "time" not in found and (el.get("itemprop") or "").lower() == "datepublished":
            value = parse_date(el.get("datetime"))
            if value:
                found["datepublished"] = value
    return next((found[k] for k in _META_DATE_KEYS if k in found), None)


def url_date(url: str) -> str | None:
    """A date in the URL path (/2019-09/18/, /201909/t20190918_…, /20190918/)."""
    for match in _URL_DATE.finditer(url or ""):
        value = _valid(*match.groups())
        if value:
            return value
    return None


def find_published(
    root: etree._Element, lines: list[Line], title_at: int | None, body_span: tuple[int, int] | None, url: str = ""
) -> str | None:
    """The publication date of the article whose headline and text sit at the given line indexes."""
    anchor = title_at if title_at is not None else (body_span[0] if body_span else None)
    if anchor is not None:
        start, end = body_span if body_span else (anchor + 1, anchor)
        first = max(0, min(anchor, start) - _BEFORE_TITLE)
        last = min(len(lines), end + 1 + _AFTER_BODY)
        candidates = []
        for i in range(first, last):
            if body_span and start <= i <= end:
                continue
            found = labelled_date(lines, i)
            if found:
                candidates.append((found[0], abs(i - anchor), found[1]))
        if candidates:
            return min(candidates)[2]
        # The unlabelled meta line between the headline and the text ("2024-05-13 13:48 来源：…").
        if title_at is not None and body_span and title_at < start:
            for i in range(title_at + 1, start):
                if len(lines[i].text) <= _META_LINE_MAX and not _TODAY.search(lines[i].text):
                    value = parse_date(lines[i].text)
                    if value:
                        return value
    fallback = meta_date(root) or url_date(url)
    if fallback or title_at is not None:
        return fallback
    return _near_body_start(lines, body_span)


def _near_body_start(lines: list[Line], body_span: tuple[int, int] | None) -> str | None:
    """Last resort: a short dated line just above the text."""
    if not body_span:
        return None
    for i in range(body_span[0] - 1, max(-1, body_span[0] - 6), -1):
        if len(lines[i].text) <= _META_LINE_MAX and not _TODAY.search(lines[i].text):
            value = parse_date(lines[i].text)
            if value:
                return value
    return None
