"""Tell articles from soft-404 pages, listing pages and empty shells."""
from __future__ import annotations

import re

from lxml import etree

from .dom import Line

ARTICLE, LISTING, NOT_FOUND, EMPTY = "article", "listing", "not_found", "empty"

_NOT_FOUND = re.compile(
    r"页面不存在|页面未找到|页面找不到|找不到(?:该|您要的|您访问的|您所访问的)?页面|404\s*not\s*found|page\s*not\s*found|"
    r"(?:页面|网页|文章|信息|内容|稿件)(?:已被?删除|已下线|不存在|已过期)|您(?:所)?访问的(?:页面|网页|内容|文章)|"
    r"\b404\b.{0,10}(?:错误|error)|(?:错误|error).{0,10}\b404\b",
    re.IGNORECASE,
)
_MIN_ARTICLE_CHARS = 40
_LIST_ITEMS_IN_TEXT = 5
_SOFT_404_MAX_TEXT = 200  # a not-found notice is a sentence or two


def classify(title: str | None, body: str, notices: str,
             list_links: int, list_text_chars: int, list_links_in_text: int = 0,
             text_before_list: float = 1.0) -> tuple[str, str | None]:
    """(kind, reason) from the extracted parts and the size of the page's main link list.

    ``notices`` are the page's short lines, where a "页面不存在" would show. A listing with summaries has prose too,
    but its prose sits between the list's links (``list_links_in_text``, ``text_before_list``: see items_between).
    """
    body_chars = len(re.sub(r"\s+", "", body))
    if (title and _NOT_FOUND.search(title)) or (
        body_chars < _SOFT_404_MAX_TEXT and (_NOT_FOUND.search(body) or _NOT_FOUND.search(notices))
    ):
        return NOT_FOUND, "page says it does not exist (soft 404)"
    if list_links >= 5 and list_text_chars > 2 * body_chars:
        return LISTING, f"a list of {list_links} links and {body_chars} characters of running text"
    if list_links_in_text >= _LIST_ITEMS_IN_TEXT and text_before_list < 0.5:
        return LISTING, f"the text is interleaved with a list of {list_links_in_text} links"
    if body_chars < _MIN_ARTICLE_CHARS:
        return EMPTY, f"only {body_chars} characters of running text"
    return ARTICLE, None


def items_between(page: etree._Element, items: list[etree._Element], lines: list[Line],
                  span: tuple[int, int]) -> tuple[int, float]:
    """(list items between the first and last paragraph, share of the text that comes before them).

    A listing with summaries starts its list before its text; an article with a list of related
    stories tacked on has most of its text before that list.
    """
    order = {el: i for i, el in enumerate(page.iter())}
    first, last = order.get(lines[span[0]].element), order.get(lines[span[1]].element)
    if first is None or last is None:
        return 0, 1.0
    inside = sorted(order[item] for item in items if first < order.get(item, -1) < last)
    if not inside:
        return 0, 1.0
    text = lines[span[0]:span[1] + 1]
    before = sum(len(line.text) for line in text if order.get(line.element, last) < inside[0])
    return len(inside), before / max(1, sum(len(line.text) for line in text))
