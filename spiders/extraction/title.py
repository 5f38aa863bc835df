"""Choose the displayed headline among meta tags, headings and the <title> without its site suffix."""
from __future__ import annotations

import re
from typing import Callable

from lxml import etree, html as lxml_html

from .dom import meta_key, squeeze, without_spaces

_META_TITLE_KEYS = ("articletitle", "og:title", "twitter:title", "title", "headline", "dc.title")
# Site/column separators in <title>; a bare hyphen only counts before a site name ("…交通-新华网").
_TITLE_SEPARATORS = re.compile(r"\s*(?:_+|\||｜|\s[-–—－]\s|--+)\s*")
_SITE_SUFFIX = re.compile(
    r"[-－]((?:[\u4e00-\u9fff]{1,10}(?:网|报|台|站|频道|在线|官网|门户|新闻|政府))|(?=[A-Za-z0-9.]*[A-Za-z])[A-Za-z0-9. ]+)$"
)
_TITLE_CLASS = re.compile(r"title|headline|biaoti|(?:^|[\s_-])(?:tit|bt)(?:$|[\s_-])", re.I)
_SPACE_BEFORE_UNIT = re.compile(r"(?<=\d) (?=[年月日号期届次亿万元])")
_NOT_HEADLINE = re.compile(r"[>»]|原标题|当前位置|分享|首页|来源[：:]|www\.|\.com|\.cn")
_DATE_LIKE = re.compile(r"\d{4}[-/.年]\d{1,2}[-/.月]\d{1,2}")
_CJK = re.compile(r"[\u4e00-\u9fff]")
_MIN_LEN, _MAX_LEN = 4, 160
_HEADING_RANK = {"h1": 0, "h2": 1, "h3": 3}
_CLASS_RANK = 2


def headline_text(el: etree._Element) -> str:
    """Text of a headline element; <br> joins the lines of a two-line headline without a space."""
    return clean_title("".join(el.itertext()))


def clean_title(text: str) -> str:
    """Squeezed title text with "2007 年" style gaps closed."""
    return _SPACE_BEFORE_UNIT.sub("", squeeze(text))


def meta_titles(root: etree._Element) -> list[str]:
    """Titles from meta tags, most specific first; embedded markup keeps only its first line."""
    found: dict[str, str] = {}
    for meta in root.iter("meta"):
        key = meta_key(meta)
        content = meta.get("content")
        if key in _META_TITLE_KEYS and content and key not in found:
            if "<" in content:
                fragment = lxml_html.fragment_fromstring(content, create_parent="div")
                content = fragment.text or "".join(fragment.itertext())
            found[key] = clean_title(content)
    return [found[k] for k in _META_TITLE_KEYS if found.get(k)]


def title_segments(text: str) -> list[str]:
    """The parts of a <title> split at site/column separators, the likely headline first."""
    parts: list[str] = []
    for part in _TITLE_SEPARATORS.split(text):
        suffix = _SITE_SUFFIX.search(part)
        if suffix and suffix.start() > 0:
            parts += [part[:suffix.start()], suffix.group(1)]
        elif part:
            parts.append(part)
    parts = [p.strip() for p in parts if p.strip()]
    if not parts:
        return []
    # Chinese sites put the headline first ("标题_栏目_网站"); another part wins only when it
    # holds far more Chinese text (a Latin site name first, "CAIJING - 标题").
    rest = sorted(parts[1:], key=lambda p: (len(_CJK.findall(p)), len(p)), reverse=True)
    if rest and len(_CJK.findall(rest[0])) > 2 * len(_CJK.findall(parts[0])):
        return [rest[0], parts[0]] + rest[1:]
    return parts[:1] + rest


def visible_headlines(root: etree._Element) -> list[tuple[int, str]]:
    """(rank, text) of headings and title-classed elements in the page, in document order."""
    found: list[tuple[int, str]] = []
    body = root.find("body")
    for el in (body if body is not None else root).iter():
        tag = el.tag if isinstance(el.tag, str) else ""
        if tag in _HEADING_RANK:
            rank = _HEADING_RANK[tag]
        elif tag and _TITLE_CLASS.search(f"{el.get('class', '')} {el.get('id', '')}"):
            rank = _CLASS_RANK
        else:
            continue
        text = headline_text(el)
        if _MIN_LEN <= len(text) <= _MAX_LEN:
            found.append((rank, text))
    return found


def choose_title(root: etree._Element) -> str | None:
    """The headline as displayed, or the best reference title when no heading matches one."""
    title_el = root.find(".//title")
    page_title = clean_title(title_el.text_content()) if title_el is not None else ""
    metas = meta_titles(root)
    refs = [s for m in metas for s in (title_segments(m)[:1] + [m])]
    if page_title:
        refs += title_segments(page_title)[:1] + [page_title]
    refs = [r for r in dict.fromkeys(refs) if len(r) >= _MIN_LEN]
    best: tuple[tuple[int, int, int], str] | None = None
    headlines = visible_headlines(root)
    for order, (rank, text) in enumerate(headlines):
        key, compact = None, without_spaces(text)
        for ref in refs:
            ref_compact = without_spaces(ref)
            if compact == ref_compact:
                key, chosen = (0, rank, order), text
            elif ref_compact.startswith(compact) and len(compact) * 2 >= len(ref_compact):
                key, chosen = (1, rank, order), text
            elif compact.startswith(ref_compact) and len(ref_compact) * 2 >= len(compact):
                # The heading runs on into a subtitle or standfirst; the reference is the headline.
                key, chosen = (2, rank, order), ref
            else:
                continue
            if best is None or key < best[0]:
                best = (key, chosen)
            break
    if best:
        return best[1]
    return refs[0] if refs else None


def headline_above(lines: list, is_meta_line: Callable[[str], bool]) -> str | None:
    """Last resort: the short line right above the first date/source line is the headline."""
    for i, line in enumerate(lines[1:], start=1):
        if is_meta_line(line.text):
            above = lines[i - 1]
            if _MIN_LEN <= len(above.text) <= 80 and above.link_chars * 2 < len(above.text):
                return clean_title(above.text)
            return None
    return None


def headline_line(lines: list, title: str | None) -> int | None:
    """Index of the line showing the headline (the first one that is mostly the title)."""
    key = without_spaces(title or "")
    if not key:
        return None
    for i, line in enumerate(lines):
        text = without_spaces(line.text)
        inside = key in text and len(text) <= len(key) + 40  # headline plus a short prefix or suffix
        part = text and text in key and len(text) * 2 >= len(key)  # first line of a two-line headline
        if text == key or inside or part:
            return i
    return None


def nearest_headline(root: etree._Element, lines: list, span: tuple[int, int] | None) -> str | None:
    """Without a <title> or meta title to confirm one: the heading closest above the text."""
    if not span:
        return None
    headings = {without_spaces(text) for _, text in visible_headlines(root)}
    for i in range(span[0], -1, -1):
        line = lines[i]
        if without_spaces(line.text) in headings and _headline_like(line):
            return clean_title(line.text)
    return None


def _headline_like(line) -> bool:
    """Not a label, breadcrumb, link or date line that happens to sit in a heading element."""
    text = line.text
    return (6 <= len(text) <= 80 and line.link_chars * 2 < len(text) and not text.endswith(("：", ":"))
            and not _NOT_HEADLINE.search(text) and not _DATE_LIKE.search(text))
