"""sitemap.xml and sitemap indexes, through Scrapy's own SitemapSpider."""
from __future__ import annotations

from typing import Any, Iterator

import scrapy
from scrapy.spiders import SitemapSpider as ScrapySitemapSpider

from .base import SourceSpider


class SitemapSpider(SourceSpider, ScrapySitemapSpider):
    """`scrapy crawl sitemap -a source=NAME`: the source's start URLs are sitemaps, sitemap indexes or robots.txt."""

    name = "sitemap"
    sitemap_rules = [("", "parse_article")]

    def start_requests_for_source(self) -> Iterator[scrapy.Request]:
        for url in self.source.start_urls:
            yield scrapy.Request(url, callback=self._parse_sitemap, errback=self.on_error, dont_filter=True)

    def _parse_sitemap(self, response: scrapy.http.Response) -> Iterator[Any]:
        self.count("pages")
        for request in super()._parse_sitemap(response):
            if request.callback == self.parse_article:
                self.count("links")
                yield self.article_request(request.url)
            else:
                yield request.replace(errback=self.on_error)
