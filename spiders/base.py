"""What every source spider shares: the source, article requests, extraction of a page, and error accounting."""
from __future__ import annotations

from datetime import datetime, timezone
from typing import Any, Iterator

import scrapy
from scrapy.exceptions import (
    CannotResolveHostError,
    DownloadCancelledError,
    DownloadConnectionRefusedError,
    DownloadTimeoutError,
    IgnoreRequest,
)
from scrapy.spidermiddlewares.httperror import HttpError
from scrapy.utils.misc import load_object
from twisted.internet.error import DNSLookupError, TCPTimedOutError, TimeoutError
from twisted.python.failure import Failure

from pipeline.items import STAT_PREFIX, ArticleItem, GoneItem, NotModifiedItem

from .extraction import EXTRACTOR_VERSION, extract_page
from .urls import canonical_url


def _now() -> str:
    """The time an item is seen: ISO 8601 UTC with seconds, as the archive stores times."""
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


def _header(response: scrapy.http.Response, name: str) -> str | None:
    """A response header as text, or None when absent."""
    value = response.headers.get(name)
    return value.decode("latin-1") if value else None


class SourceSpider(scrapy.Spider):
    """Base of the listing, feed and sitemap spiders; `source` comes from the config via the source resolver."""

    source: Any

    @classmethod
    def from_crawler(cls, crawler, *args: Any, source: Any = None, **kwargs: Any):
        # The resolver turns `-a source=NAME` (or a Source object from the runner) into the source's settings.
        resolve = load_object(crawler.settings.get("ZSWATCH_SOURCE_RESOLVER"))
        resolved = resolve(crawler, source, kind=cls.name, **kwargs)
        spider = super().from_crawler(crawler, *args, **kwargs)
        spider.source = resolved
        spider.revisit_urls = list(kwargs.get("revisit_urls") or [])
        return spider

    @property
    def max_pages(self) -> int:
        """Listing pages to follow: the source's own limit, else the crawl's."""
        return self.source.max_pages or self.settings.getint("ZSWATCH_MAX_PAGES", 5)

    def count(self, counter: str, amount: int = 1) -> None:
        """Add to one of the crawl's zswatch counters (pages, links, errors …)."""
        self.crawler.stats.inc_value(STAT_PREFIX + counter, amount)

    async def start(self):
        """The source's own requests, then conditional re-fetches of known articles."""
        for request in self.start_requests_for_source():
            yield request
        for url in self.revisit_urls:
            yield self.revisit_request(url)

    def start_requests_for_source(self) -> Iterator[scrapy.Request]:
        """The first requests of this kind of source (listing pages, feeds, sitemaps)."""
        raise NotImplementedError

    def article_request(self, url: str) -> scrapy.Request:
        """A request for an article page; tracking parameters are dropped so each article is fetched once."""
        return scrapy.Request(
            canonical_url(url), callback=self.parse_article, errback=self.on_error, meta={"zswatch_article": True}
        )

    def revisit_request(self, revisit: Any) -> scrapy.Request:
        """A conditional GET of a known article (url plus the validators stored with it)."""
        url, etag, last_modified = (revisit, None, None) if isinstance(revisit, str) else revisit
        headers = {}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        return scrapy.Request(
            url,
            callback=self.parse_article,
            errback=self.on_error,
            headers=headers,
            meta={"zswatch_article": True, "zswatch_revisit": True, "handle_httpstatus_list": [304]},
        )

    def extract(self, url: str, body: bytes, headers: Any) -> Any:
        """An article page read with this source's selectors and region."""
        return extract_page(url, body, headers, selectors=self.source.selectors or None, region=self.source.region)

    def reread(self, url: str, raw: bytes, content_type: str | None) -> tuple[str, str] | None:
        """Title and body the current extractor reads from a stored page; None when it is no article now."""
        page = self.extract(url, raw, {"Content-Type": content_type} if content_type else None)
        return (page.title or "", page.body) if page.kind == "article" else None

    def parse_article(self, response: scrapy.http.Response) -> Iterator[Any]:
        """Extract an article page into an item; soft-404s, listings and empty shells are logged and skipped."""
        self.count("pages")
        seen_at = _now()
        url = canonical_url(response.url)
        if response.status == 304:
            yield NotModifiedItem(url=url, source=self.source.name, seen_at=seen_at)
            return
        page = self.extract(response.url, response.body, response.headers)
        if page.kind != "article":
            self.count("empty" if page.kind == "empty" else "not_articles")
            self.logger.info("%s: not an article (%s): %s", self.source.name, page.reason or page.kind, response.url)
            if page.kind == "not_found":
                yield GoneItem(url=url, source=self.source.name, http_status=response.status, seen_at=seen_at)
            return
        yield ArticleItem(
            url=url,
            source=self.source.name,
            title=page.title or "",
            body=page.body,
            published=page.published,
            region=page.region,
            seen_at=seen_at,
            raw=response.body,
            fetched_url=response.request.url if response.request else response.url,
            http_status=response.status,
            content_type=_header(response, "Content-Type"),
            encoding=page.encoding,
            extractor_version=EXTRACTOR_VERSION,
            etag=_header(response, "ETag"),
            last_modified=_header(response, "Last-Modified"),
        )

    def on_error(self, failure: Failure) -> Iterator[Any]:
        """Count and log a failed request with a reason a user can act on; 404/410 of an article means gone."""
        request = failure.request
        redirect_loop = failure.check(IgnoreRequest) and "max redirections" in failure.getErrorMessage()
        if failure.check(IgnoreRequest) and not failure.check(HttpError) and not redirect_loop:
            # robots.txt said no (or a middleware dropped it on purpose): a decision, not a failure.
            self.logger.info("%s: skipped %s: %s", self.source.name, request.url, failure.getErrorMessage())
            return
        if failure.check(HttpError):
            response = failure.value.response
            if response.status in (404, 410) and request.meta.get("zswatch_article"):
                self.count("gone")
                self.logger.info("%s: gone (HTTP %s): %s", self.source.name, response.status, request.url)
                yield GoneItem(
                    url=canonical_url(request.url),
                    source=self.source.name,
                    http_status=response.status,
                    seen_at=_now(),
                )
                return
            reason = f"HTTP {response.status}"
        elif redirect_loop:
            reason = f"redirect loop: more than {self.settings.getint('REDIRECT_MAX_TIMES')} redirects"
        elif failure.check(CannotResolveHostError, DNSLookupError):
            reason = "the host name does not resolve (DNS)"
        elif failure.check(DownloadConnectionRefusedError):
            reason = "connection refused"
        elif failure.check(DownloadTimeoutError, TimeoutError, TCPTimedOutError):
            reason = f"timed out after {self.settings.getfloat('DOWNLOAD_TIMEOUT'):g} s"
        elif failure.check(DownloadCancelledError) and "max size" in failure.getErrorMessage():
            limit = self.settings.getint("DOWNLOAD_MAXSIZE") / 1024 / 1024
            reason = f"skipped: larger than the {limit:g} MB page limit (crawl.max_page_mb)"
        else:
            reason = f"{failure.type.__name__}: {failure.getErrorMessage()}"
        self.count("errors")
        retries = request.meta.get("retry_times", 0)
        after = f" after {retries} retries" if retries else ""
        self.logger.warning("%s: failed to fetch %s: %s%s", self.source.name, request.url, reason, after)
