"""Parse page text into an lxml tree cleaned of scripts and hidden parts, and read it back as lines."""
from __future__ import annotations

import re
from dataclasses import dataclass

from lxml import etree, html as lxml_html

# Inline images as base64 can make a page several MB; the payload is never content.
_DATA_URI = re.compile(r"(data:[\w/+.-]+;base64,)[A-Za-z0-9+/=\s]{64,}")
# A stray </html> or </body> mid-page makes libxml2 drop or split everything after it.
_STRAY_CLOSE = re.compile(r"</\s*(?:html|body)\s*>", re.IGNORECASE)
_XML_DECL = re.compile(r"^\s*<\?xml[^>]*>")
_WS = re.compile(r"[\s\u3000\xa0]+")
_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.IGNORECASE)

DROP_TAGS = ("script", "style", "noscript", "template", "iframe", "svg", "object", "embed",
             "button", "select", "textarea", "input", "video", "audio", "canvas", "map")
BLOCK_TAGS = frozenset((
    "address", "article", "aside", "blockquote", "center", "dd", "div", "dl", "dt", "figcaption",
    "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "li", "main",
    "nav", "ol", "p", "pre", "section", "table", "tbody", "td", "th", "thead", "tr", "ul", "br",
    "caption", "tfoot", "title", "body", "html",
))


# huge_tree lifts libxml2's nesting limit: pages with thousands of unclosed <font> tags exist.
_PARSER = lxml_html.HTMLParser(huge_tree=True)


def parse_html(text: str) -> etree._Element:
    """An lxml HTML tree of a page; never raises, an unparsable page gives an empty <html>."""
    text = _XML_DECL.sub("", text)
    text = _DATA_URI.sub(r"\1", text)
    text = _STRAY_CLOSE.sub("", text)
    try:
        root = lxml_html.document_fromstring(text, parser=_PARSER)
    except (etree.ParserError, ValueError):
        root = lxml_html.document_fromstring("<html><body></body></html>")
    return root


def strip_furniture(root: etree._Element) -> None:
    """Remove scripts, styles, form controls, comments and elements hidden with CSS or ``hidden``."""
    doomed = [el for el in root.iter(etree.Comment, etree.ProcessingInstruction)]
    for el in root.iter(*DROP_TAGS):
        doomed.append(el)
    for el in root.iter():
        if not isinstance(el.tag, str):
            continue
        style = el.get("style")
        if (style and _HIDDEN_STYLE.search(style)) or el.get("hidden") is not None:
            doomed.append(el)
    for el in doomed:
        remove_keep_tail(el)


def remove_keep_tail(el: etree._Element) -> None:
    """Detach an element but keep the text that follows it."""
    parent = el.getparent()
    if parent is None:
        return
    tail = el.tail
    if tail:
        prev = el.getprevious()
        if prev is not None:
            prev.tail = (prev.tail or "") + tail
        else:
            parent.text = (parent.text or "") + tail
    parent.remove(el)


def squeeze(text: str | None) -> str:
    """Whitespace runs (including ideographic and no-break spaces) to one space, ends stripped."""
    return _WS.sub(" ", text or "").strip()


def without_spaces(text: str) -> str:
    """The text with every whitespace character removed: the key lines and titles are compared on."""
    return _WS.sub("", text)


def meta_key(meta: etree._Element) -> str:
    """What a <meta> tag is about: its name, property or itemprop, lower-cased."""
    return (meta.get("name") or meta.get("property") or meta.get("itemprop") or "").strip().lower()


def text_of(el: etree._Element) -> str:
    """The squeezed text content of an element."""
    return squeeze(" ".join(el.itertext()))


@dataclass
class Line:
    """One visual line of text: a block's worth of inline content."""

    text: str
    link_chars: int
    element: etree._Element  # the block element the line belongs to


def lines_of(root: etree._Element) -> list[Line]:
    """Split an element's text into lines at block boundaries and <br>, counting link text."""
    lines: list[Line] = []
    parts: list[str] = []
    link_chars = 0
    blocks = [root]
    links = 0  # depth of <a> elements we are inside

    def flush() -> None:
        nonlocal parts, link_chars
        text = squeeze("".join(parts))
        if text:
            lines.append(Line(text, min(link_chars, len(text)), blocks[-1]))
        parts, link_chars = [], 0

    def add(text: str | None) -> None:
        nonlocal link_chars
        if text:
            parts.append(text)
            if links:
                link_chars += len(squeeze(text))

    # iterwalk instead of recursion: broken pages nest thousands of unclosed tags.
    for event, el in etree.iterwalk(root, events=("start", "end")):
        tag = el.tag if isinstance(el.tag, str) else ""
        is_block = tag in BLOCK_TAGS
        if event == "start":
            if is_block:
                flush()
                if tag != "br":
                    blocks.append(el)
            if tag == "a":
                links += 1
            if tag and tag != "br":
                add(el.text)
            continue
        if is_block:
            flush()
            if tag != "br":
                blocks.pop()
        if tag == "a":
            links -= 1
        if el is not root:
            add(el.tail)
    flush()
    return lines
