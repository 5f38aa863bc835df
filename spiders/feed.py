"""RSS 2.0 and Atom feeds: every entry's link is an article page."""
from __future__ import annotations

from typing import Any, Iterator
from urllib.parse import urljoin

import scrapy
from parsel import Selector

from .base import SourceSpider

# local-name() keeps one expression for RSS 2.0, RSS 1.0 (RDF) and Atom, whatever their namespaces.
RSS_LINKS = "//*[local-name()='item']/*[local-name()='link']/text()"
RSS_GUID_LINKS = "//*[local-name()='item'][not(*[local-name()='link'])]/*[local-name()='guid']/text()"
ATOM_LINKS = (
    "//*[local-name()='entry']/*[local-name()='link']"
    "[not(@rel) or @rel='alternate'][not(@type) or contains(@type, 'html')]/@href"
)


def feed_links(body: bytes, base_url: str) -> list[str]:
    """Absolute article URLs listed in an RSS or Atom document, in feed order."""
    try:
        selector = Selector(body=body, type="xml", base_url=base_url)
    except ValueError:
        return []
    seen: dict[str, None] = {}
    for expression in (RSS_LINKS, RSS_GUID_LINKS, ATOM_LINKS):
        for link in selector.xpath(expression).getall():
            link = link.strip()
            if link:
                seen.setdefault(urljoin(base_url, link), None)
    return list(seen)


class FeedSpider(SourceSpider):
    """`scrapy crawl feed -a source=NAME`: the source's start URLs are RSS or Atom feeds."""

    name = "feed"

    def start_requests_for_source(self) -> Iterator[scrapy.Request]:
        for url in self.source.start_urls:
            yield scrapy.Request(url, callback=self.parse_feed, errback=self.on_error, dont_filter=True)

    def parse_feed(self, response: scrapy.http.Response) -> Iterator[Any]:
        self.count("pages")
        links = feed_links(response.body, response.url)
        self.count("links", len(links))
        if not links:
            self.logger.warning("%s: no entries with links in feed %s", self.source.name, response.url)
        for link in links:
            yield self.article_request(link)
