"""Find the main list's article links and the next page on a listing page (pure functions)."""
from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Iterator
from urllib.parse import parse_qsl, urldefrag, urlencode, urljoin, urlsplit, urlunsplit

from lxml import etree

from spiders.extraction.dates import parse_date
from spiders.extraction.dom import parse_html, squeeze, strip_furniture
from spiders.extraction.overrides import select

_BAD_HREF = re.compile(r"^\s*(?:javascript:|mailto:|tel:|#|data:)", re.IGNORECASE)
# Class/id words of page furniture; matched per word so that "photo" is not "hot".
_FURNITURE_WORD = re.compile(
    r"^(?:nav|menu|foot|header|crumb|breadcrumb|pager|pagination|paging|side|hot|rank|relat|recommend|"
    r"friend|flink|copyright|share|login|banner|slide|focus|advert|toolbar)|^(?:ad|ads|pages|links|tags?)$",
    re.IGNORECASE,
)
_WORDS = re.compile(r"[A-Z]?[a-z]+|[A-Z]+(?![a-z])")
_FURNITURE_HEADING = re.compile(r"热门|排行|推荐|相关|猜你喜欢|评论|友情链接|广告")
_NEXT_TEXT = re.compile(r"^(?:下一页|下页|下一頁|后一页|后页|next(?:\s*page)?|›|»|>|＞|→)$|下一页", re.IGNORECASE)
_PAGE_PARAM = re.compile(r"^(?:page|p|pageno|pagenum|pageindex|pn|curpage|currentpage|cur|pg|index)$", re.IGNORECASE)
_PAGE_EXT = r"(?P<ext>\.s?html?|\.php|\.aspx?|\.jsp)$"
_NUMBERED_FILE = re.compile(r"(?P<stem>(?:list|index|page|default)?[_-])(?P<n>\d+)" + _PAGE_EXT, re.IGNORECASE)
_FIRST_FILE = re.compile(r"(?P<stem>list|index|default)" + _PAGE_EXT, re.IGNORECASE)
# TRS publishing systems render the pager in script: createPageHTML(total, current, "index", "html").
_TRS_PAGER = re.compile(r"createPageHTML\(\s*(\d+)\s*,\s*(\d+)\s*,\s*[\"'](\w+)[\"']\s*,\s*[\"'](\w+)[\"']")
_MIN_TITLE_CHARS = 4
_MIN_MEAN_TITLE = 6
_ITEM_TEXT_READ = 300
_FURNITURE_DEPTH = 4  # how far above a list its class/id can mark it as furniture
_MAX_CLIMB = 6


@dataclass
class _Group:
    """Links that sit at the same place in repeated items of one container."""

    links: list[tuple[str, str, etree._Element]] = field(default_factory=list)  # (url, text, item)

    def score(self, dated_items: dict) -> float:
        """Title text of the links, scaled down for navigation and link blocks, up for dated items."""
        texts = [t for _, t, _ in self.links]
        if len(set(u for u, _, _ in self.links)) < 2:
            return 0.0
        mean = sum(len(t) for t in texts) / len(texts)
        total = sum(min(len(t), 60) for t in texts if len(t) >= _MIN_TITLE_CHARS)
        if mean < _MIN_MEAN_TITLE:  # navigation bars: 首页 新闻 政务 …
            total *= 0.2
        items = {id(item) for _, _, item in self.links}
        if len(self.links) > 2 * len(items):  # blocks full of links, not a list of titles
            total *= 0.1
        dated = 0
        for _, _, item in self.links:
            if item not in dated_items:
                dated_items[item] = _dated(item)
            dated += dated_items[item]
        if dated * 2 >= len(self.links):
            total *= 1.5
        return total


def _dated(item: etree._Element) -> bool:
    """Whether a list item shows a date; only its first few hundred characters are read."""
    pieces, size = [], 0
    for piece in item.itertext():
        pieces.append(piece)
        size += len(piece)
        if size > _ITEM_TEXT_READ:
            break
    return parse_date(" ".join(pieces)) is not None


def _signature(el: etree._Element) -> str:
    """Tag and first class token: "item first" and "item" are the same kind of item."""
    classes = (el.get("class") or "").split()
    return f"{el.tag}.{classes[0] if classes else ''}"


def _anchors(root: etree._Element, base: str) -> Iterator[tuple[etree._Element, str, str]]:
    """(anchor, absolute URL without fragment, text or title) of every followable link."""
    for a in root.iter("a"):
        href = a.get("href")
        if not href or _BAD_HREF.match(href):
            continue
        text = squeeze("".join(a.itertext())) or squeeze(a.get("title"))
        yield a, urldefrag(urljoin(base, href.strip()))[0], text


def _item_levels(a: etree._Element, repeats: dict) -> Iterator[tuple[etree._Element, etree._Element, tuple[str, ...]]]:
    """Each (item, container, path item→anchor) where the item is repeated among its siblings.

    Only siblings holding a link count, so the cells of one table row are not taken for list items.
    """
    path: list[str] = []
    cur = a
    for _ in range(_MAX_CLIMB):
        parent = cur.getparent()
        if parent is None:
            return
        sig = _signature(cur)
        path.append(sig)
        counts = repeats.get(parent)
        if counts is None:
            counts = repeats[parent] = {}
            for sib in parent:
                if isinstance(sib.tag, str) and (sib.tag == "a" or sib.find(".//a") is not None):
                    key = _signature(sib)
                    counts[key] = counts.get(key, 0) + 1
        if counts.get(sig, 0) >= 2:
            yield cur, parent, tuple(reversed(path))
        cur = parent


def _is_furniture(container: etree._Element) -> bool:
    """A container inside nav/footer/sidebar/"热门" boxes, judged by attributes and its heading."""
    el, depth = container, 0
    while el is not None and depth < _FURNITURE_DEPTH and el.tag not in ("body", "html"):
        if el.tag in ("nav", "footer", "header", "aside"):
            return True
        words = _WORDS.findall(f"{el.get('class', '')} {el.get('id', '')}")
        if any(_FURNITURE_WORD.match(word) for word in words):
            return True
        el, depth = el.getparent(), depth + 1
    heading = container.getprevious()
    if heading is not None and isinstance(heading.tag, str):
        text = squeeze("".join(heading.itertext()))
        if len(text) <= 12 and _FURNITURE_HEADING.search(text):
            return True
    return False


def _groups(root: etree._Element, base: str) -> dict[tuple, _Group]:
    """Links grouped by (container, path from item to link), at every level where items repeat."""
    groups: dict[tuple, _Group] = defaultdict(_Group)
    repeats: dict = {}
    for a, url, text in _anchors(root, base):
        for item, container, path in _item_levels(a, repeats):
            groups[(container, path)].links.append((url, text, item))
    return groups


def _best(root: etree._Element, base: str) -> tuple[dict[tuple, _Group], dict[tuple, float], tuple | None]:
    """(groups, scores, best key) with furniture lists scored down; best is None without any list."""
    groups = _groups(root, base)
    dated: dict = {}
    scored = {key: g.score(dated) * (0.2 if _is_furniture(key[0]) else 1.0) for key, g in groups.items()}
    best = max(scored, key=scored.get) if scored else None
    if best is None or scored[best] <= 0:
        return groups, scored, None
    return groups, scored, best


def _main_group_links(root: etree._Element, base: str) -> list[str]:
    """URLs of the best-scoring list, with its same-kind sibling blocks."""
    groups, scored, best = _best(root, base)
    if best is None:
        return []
    container, path = best
    # One list split over sibling blocks (several <ul> of the same class) is still one list.
    keys = [best] + [
        k for k in groups
        if k != best and k[1] == path and _signature(k[0]) == _signature(container)
        and k[0].getparent() is container.getparent() and scored[k] > 0
    ]
    keys.sort(key=lambda k: _position(k[0]))
    urls = [u for k in keys for u, t, _ in groups[k].links if len(t) >= 2]
    return list(dict.fromkeys(urls))


def _position(el: etree._Element) -> int:
    parent = el.getparent()
    return parent.index(el) if parent is not None else 0


def _root(html: str) -> etree._Element:
    """The cleaned tree of a listing page."""
    root = parse_html(html)
    strip_furniture(root)
    return root


def _selected_links(root: etree._Element, base: str, selector: str | None) -> list[str]:
    """Links a per-source selector picks: anchors, elements holding anchors, or href strings."""
    urls: list[str] = []
    for item in select(root, selector):
        if isinstance(item, str):
            hrefs = [item]
        elif item.tag == "a":
            hrefs = [item.get("href")]
        else:
            hrefs = [a.get("href") for a in item.iter("a")]
        urls += [urljoin(base, h.strip()) for h in hrefs if h and not _BAD_HREF.match(h)]
    return list(dict.fromkeys(urls))


def find_article_links(url: str, html: str, selector: str | None = None) -> list[str]:
    """Absolute URLs of the main list's article links, in document order, without duplicates."""
    root = _root(html)
    body = root.find("body")
    links = _selected_links(root, url, selector) if selector else []
    return links or _main_group_links(body if body is not None else root, url)


def main_list(root: etree._Element, url: str = "") -> list[tuple[str, etree._Element]]:
    """(text, item) of each link of the page's main list when it is a credible list of titles, else []."""
    groups, scored, best = _best(root, url)
    if best is None or _is_furniture(best[0]):
        return []
    links = groups[best].links
    if sum(len(text) for _, text, _ in links) < _MIN_MEAN_TITLE * len(links):
        return []
    return [(text, item) for _, text, item in links]


def find_next_page(url: str, html: str, selector: str | None = None) -> str | None:
    """The absolute URL of the next listing page, or None on the last page."""
    root = _root(html)
    if selector:
        found = _selected_links(root, url, selector)
        if found:
            return found[0]
    current = _normal(url)
    for a, target, text in _anchors(root, url):
        labels = (text, squeeze(a.get("title")))
        if any(label and _NEXT_TEXT.search(label) for label in labels) and _normal(target) != current:
            return target
    return _by_page_number(url, root) or _trs_next(url, html)


def _normal(url: str) -> str:
    return url.split("#", 1)[0].rstrip("/")


def _next_candidates(url: str) -> list[str]:
    """URLs the next page would have, judging by the current URL's page number."""
    parts = urlsplit(url)
    query = parse_qsl(parts.query, keep_blank_values=True)
    out: list[str] = []
    for i, (key, value) in enumerate(query):
        if _PAGE_PARAM.match(key) and value.isdigit():
            bumped = query[:i] + [(key, str(int(value) + 1))] + query[i + 1:]
            out.append(urlunsplit(parts._replace(query=urlencode(bumped))))
    path = parts.path
    numbered = _NUMBERED_FILE.search(path)
    if numbered:
        stem, n, ext = numbered.group("stem"), int(numbered.group("n")) + 1, numbered.group("ext")
        out.append(urlunsplit(parts._replace(path=path[:numbered.start()] + f"{stem}{n}{ext}")))
    first = _FIRST_FILE.search(path)
    if first:
        stem, ext = first.group("stem"), first.group("ext")
        for n in (1, 2):  # index.html → index_1.html (TRS) or list.html → list_2.html
            out.append(urlunsplit(parts._replace(path=path[:first.start()] + f"{stem}_{n}{ext}")))
    if not query and not numbered and not first:
        for key in ("page", "p"):
            out.append(urlunsplit(parts._replace(query=urlencode([(key, "2")]))))
        if path.endswith("/"):  # a column's directory URL is its first page
            for name in ("index_1.html", "index_2.html", "list_2.html", "2/", "page/2/"):
                out.append(urlunsplit(parts._replace(path=path + name)))
    return out


def _by_page_number(url: str, root: etree._Element) -> str | None:
    """A link on the page to the URL the next page number would have."""
    wanted = {_normal(u) for u in _next_candidates(url)}
    for _, target, _ in _anchors(root, url):
        if _normal(target) in wanted:
            return target
    return None


def _trs_next(url: str, html: str) -> str | None:
    """The next page from a script-rendered TRS pager (pages are index.html, index_1.html, …)."""
    match = _TRS_PAGER.search(html)
    if not match:
        return None
    total, current, stem, ext = int(match.group(1)), int(match.group(2)), match.group(3), match.group(4)
    if current + 1 >= total:
        return None
    return urljoin(url, f"{stem}_{current + 1}.{ext}")
