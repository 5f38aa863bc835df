"""Per-source CSS/XPath selectors that override the automatic extraction."""
from __future__ import annotations

import logging

from lxml import etree
from parsel.csstranslator import css2xpath

from .dom import squeeze

log = logging.getLogger(__name__)


def to_xpath(selector: str) -> str:
    """XPath for a selector: XPath when it starts with "/" or "(", otherwise CSS."""
    selector = selector.strip()
    return selector if selector.startswith(("/", "(")) else css2xpath(selector)


def select(root: etree._Element, selector: str | None) -> list:
    """Elements or strings the selector matches; [] for no selector, no match or a bad selector."""
    if not selector:
        return []
    try:
        found = root.xpath(to_xpath(selector))
    except Exception as exc:  # lxml and cssselect each raise their own errors for a bad selector
        log.warning("selector %r is neither valid XPath nor CSS, so it is ignored: %s", selector, exc)
        return []
    return found if isinstance(found, list) else [found]


def select_text(root: etree._Element, selector: str | None) -> str | None:
    """The squeezed text of the first non-empty match, or None."""
    for item in select(root, selector):
        text = squeeze(item if isinstance(item, str) else "".join(item.itertext()))
        if text:
            return text
    return None


def select_elements(root: etree._Element, selector: str | None) -> list[etree._Element]:
    """The elements the selector matches, without those nested in an earlier match."""
    found = [item for item in select(root, selector) if isinstance(item, etree._Element)]
    chosen = set(found)
    return [el for el in found if not any(a in chosen for a in el.iterancestors())]
