"""Listing pages: follow the main list's article links and the pagination, up to a page limit."""
from __future__ import annotations

from typing import Any, Iterator

import scrapy

from .base import SourceSpider
from .extraction import decode_html
from .listing_links import find_article_links, find_next_page
from .urls import canonical_url


class ListingSpider(SourceSpider):
    """`scrapy crawl listing -a source=NAME`: the source's start URLs are listing pages."""

    name = "listing"

    def start_requests_for_source(self) -> Iterator[scrapy.Request]:
        for url in self.source.start_urls:
            yield self.listing_request(url, page=1, dont_filter=True)

    def listing_request(self, url: str, page: int, dont_filter: bool = False) -> scrapy.Request:
        return scrapy.Request(
            url,
            callback=self.parse_listing,
            errback=self.on_error,
            cb_kwargs={"page": page},
            dont_filter=dont_filter,
        )

    def parse_listing(self, response: scrapy.http.Response, page: int) -> Iterator[Any]:
        """Every article linked from the main list is fetched, known or new, so that edits are seen."""
        self.count("pages")
        html, _ = decode_html(response.body, response.headers)
        selectors = self.source.selectors or {}
        links = find_article_links(response.url, html, selectors.get("links"))
        self.count("links", len(links))
        if not links:
            self.logger.warning("%s: no article links found on listing page %s", self.source.name, response.url)
        for link in links:
            yield self.article_request(link)
        if page >= self.max_pages:
            return
        next_page = find_next_page(response.url, html, selectors.get("next_page"))
        if next_page and canonical_url(next_page) != canonical_url(response.url):
            yield self.listing_request(next_page, page=page + 1)
