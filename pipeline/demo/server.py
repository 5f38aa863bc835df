"""The demo portal served on 127.0.0.1: two sites, feeds, sitemaps, and the faults real portals have."""
from __future__ import annotations

import hashlib
import sys
import threading
import time
from dataclasses import dataclass, field
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Callable
from urllib.parse import parse_qs, urlsplit

from . import pages
from .content import DemoArticle, report_sections, repost_of, seed_articles

ZS_PER_PAGE = 4
GOV_PER_PAGE = 3


@dataclass
class Response:
    """What the portal answers to one request."""

    status: int
    body: bytes = b""
    content_type: str = "text/html; charset=utf-8"
    headers: dict[str, str] = field(default_factory=dict)


@dataclass
class PortalState:
    """What the portal serves; edits from tests and the demo go through its methods."""

    zs: list[DemoArticle]
    gov: list[DemoArticle]
    faults: bool = True
    removed: set[str] = field(default_factory=set)
    unlisted: set[str] = field(default_factory=set)
    failures_left: dict[str, int] = field(default_factory=dict)
    slow: dict[str, float] = field(default_factory=dict)
    looping: set[str] = field(default_factory=set)
    inline_image_bytes: dict[str, int] = field(default_factory=dict)
    requests: list[tuple[str, str]] = field(default_factory=list)
    not_modified: list[str] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def edit(self, slug: str, change: Callable[[str], str]) -> DemoArticle:
        """Change the body of the article with this slug (on either site)."""
        with self.lock:
            for articles in (self.zs, self.gov):
                for index, article in enumerate(articles):
                    if article.slug == slug:
                        articles[index] = article.with_body(change(article.body))
                        return articles[index]
        raise KeyError(slug)

    def add(self, article: DemoArticle, site: str = "zs") -> None:
        """Publish a new article at the top of a site's listing."""
        with self.lock:
            (self.zs if site == "zs" else self.gov).insert(0, article)

    def remove(self, slug: str) -> None:
        """Take an article down: its URL answers 404, while the listings still link it (as real portals do)."""
        with self.lock:
            self.removed.add(slug)

    def unlist(self, slug: str) -> None:
        """Drop an article from the listings while its page stays online (it scrolled off the list)."""
        with self.lock:
            self.unlisted.add(slug)

    def requested(self, path_prefix: str) -> list[str]:
        """Paths requested so far that start with path_prefix."""
        return [path for _, path in self.requests if path.startswith(path_prefix)]


def zs_path(article: DemoArticle) -> str:
    """The URL path of an article on the 招商 portal (dated, like the real ones)."""
    return f"/zsyz/{article.date.replace('-', '/')}/art_{article.slug}.html"


def gov_path(article: DemoArticle) -> str:
    """The URL path of an article on the government site (a query id)."""
    return f"/gov/content.jsp?id={article.slug}"


def default_state(faults: bool = True) -> PortalState:
    """The seed listing's articles on the 招商 portal; reposts and report sections on the government site."""
    zs = seed_articles()
    gov = [repost_of(zs[i], f"r{zs[i].slug}", "湖南招商", "湖南日报") for i in (2, 4, 6)]
    gov += report_sections(zs[1], 3)
    state = PortalState(zs=zs, gov=gov, faults=faults)
    if faults:
        state.failures_left[zs_path(zs[4])] = 1
    return state


class Portal:
    """Routes a request path to a response, from the current state."""

    def __init__(self, state: PortalState, base: str):
        self.state = state
        self.base = base

    def route(self, path: str, headers: dict[str, str]) -> Response:
        """The response to a GET of `path` with these (lower-cased) request headers."""
        url = urlsplit(path)
        query = parse_qs(url.query)
        listed_zs = [a for a in self.state.zs if a.slug not in self.state.unlisted]
        listed_gov = [a for a in self.state.gov if a.slug not in self.state.unlisted]
        zs, gov = self.state.zs, self.state.gov
        if url.path in self.state.looping:
            return Response(HTTPStatus.FOUND, headers={"Location": f"{url.path}?hop={int((query.get('hop') or ['0'])[0]) + 1}"})
        if url.path in ("/", "/index.html"):
            return Response(HTTPStatus.FOUND, headers={"Location": "/zsyz/index.html"})
        if url.path == "/robots.txt":
            return Response(200, b"User-agent: *\nDisallow: /private/\n", "text/plain; charset=utf-8")
        if url.path.startswith("/zsyz/index"):
            return self.zs_listing(url.path, listed_zs)
        if url.path == "/gov/list.jsp":
            return self.gov_listing(int((query.get("page") or ["1"])[0] or 1), listed_gov)
        if url.path == "/gov/content.jsp":
            found = [a for a in gov if a.slug == (query.get("id") or [""])[0] and a.slug not in self.state.removed]
            if not found:
                return Response(404, pages.gov_article(DemoArticle("x", "页面不存在", "", "")).encode("gb18030"))
            return self.with_validators(pages.gov_article(found[0]).encode("gb18030"), "text/html", headers)
        if url.path.startswith("/zsyz/old/art_"):
            return Response(HTTPStatus.MOVED_PERMANENTLY, headers={"Location": self.redirect_target(url.path, zs)})
        if url.path == "/zsyz/rss.xml":
            return Response(200, pages.rss(self.base, [(zs_path(a), a) for a in zs]).encode(), "application/rss+xml")
        if url.path == "/gov/atom.xml":
            body = pages.atom(self.base, [(gov_path(a), a) for a in gov]).encode()
            return Response(200, body, "application/atom+xml")
        if url.path == "/sitemap.xml":
            body = pages.sitemap_index(self.base, ["/sitemap-zsyz.xml", "/sitemap-gov.xml"]).encode()
            return Response(200, body, "application/xml")
        if url.path == "/sitemap-zsyz.xml":
            return Response(200, pages.sitemap(self.base, [zs_path(a) for a in zs]).encode(), "application/xml")
        if url.path == "/sitemap-gov.xml":
            return Response(200, pages.sitemap(self.base, [gov_path(a) for a in gov]).encode(), "application/xml")
        for article in zs:
            if url.path == zs_path(article) and article.slug not in self.state.removed:
                related = [(zs_path(a), a.title) for a in zs if a is not article][:3]
                html = pages.zs_article(article, related, self.state.inline_image_bytes.get(article.slug, 0))
                return self.with_validators(html.encode(), "text/html; charset=utf-8", headers)
        if self.state.faults and url.path.endswith("art_0999.html"):
            return Response(200, pages.soft_not_found().encode())
        return Response(404, pages.soft_not_found().encode())

    def zs_listing(self, path: str, zs: list[DemoArticle]) -> Response:
        number = 1 if path == "/zsyz/index.html" else int(path.rsplit("_", 1)[-1].split(".")[0] or 1)
        page_count = max(1, -(-len(zs) // ZS_PER_PAGE))
        chunk = zs[(number - 1) * ZS_PER_PAGE : number * ZS_PER_PAGE]
        if not chunk and number > 1:
            return Response(404, pages.soft_not_found().encode())
        links = [(zs_path(a), a) for a in chunk]
        if self.state.faults and number == 1 and len(zs) > 5:
            pinned = zs[2]
            links.insert(0, (zs_path(pinned) + "?utm_source=wechat&from=timeline&spm=a2.b3", pinned))
            links.append((f"/zsyz/old/art_{zs[5].slug}.html", zs[5]))
            links.append(("/zsyz/2025/07/07/art_0999.html", DemoArticle("0999", "【长沙招商】已撤稿", "", "2025-07-07")))
            links.append(("/private/art_draft.html", DemoArticle("draft", "【长沙招商】内部稿件", "", "2025-07-07")))
        return Response(200, pages.zs_listing(links, number, page_count).encode())

    def gov_listing(self, number: int, gov: list[DemoArticle]) -> Response:
        page_count = max(1, -(-len(gov) // GOV_PER_PAGE))
        chunk = gov[(number - 1) * GOV_PER_PAGE : number * GOV_PER_PAGE]
        html = pages.gov_listing([(gov_path(a), a) for a in chunk], number, page_count)
        return Response(200, html.encode("gb18030"), "text/html")

    def redirect_target(self, path: str, zs: list[DemoArticle]) -> str:
        slug = path.rsplit("art_", 1)[-1].split(".")[0]
        found = [a for a in zs if a.slug == slug]
        return zs_path(found[0]) if found else "/zsyz/index.html"

    @staticmethod
    def with_validators(body: bytes, content_type: str, headers: dict[str, str]) -> Response:
        """ETag on article pages, and 304 to a conditional GET that still matches."""
        etag = '"' + hashlib.sha1(body).hexdigest()[:16] + '"'
        if headers.get("if-none-match") == etag:
            return Response(304, b"", content_type, {"ETag": etag})
        return Response(200, body, content_type, {"ETag": etag})


class _Handler(BaseHTTPRequestHandler):
    server: "PortalServer"
    protocol_version = "HTTP/1.1"

    def do_GET(self) -> None:
        state = self.server.state
        with state.lock:
            state.requests.append(("GET", self.path))
            failures = state.failures_left.get(urlsplit(self.path).path, 0)
            if failures:
                state.failures_left[urlsplit(self.path).path] = failures - 1
            delay = state.slow.get(urlsplit(self.path).path, 0.0)
        if delay:
            time.sleep(delay)
        if failures:
            response = Response(503, "服务暂时不可用".encode(), "text/plain; charset=utf-8")
        else:
            headers = {k.lower(): v for k, v in self.headers.items()}
            response = self.server.portal.route(self.path, headers)
            if response.status == 304:
                with state.lock:
                    state.not_modified.append(self.path)
        self.send_response(response.status)
        self.send_header("Content-Type", response.content_type)
        self.send_header("Content-Length", str(len(response.body)))
        for name, value in response.headers.items():
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(response.body)

    def log_message(self, format: str, *args: object) -> None:
        pass  # no access log on stderr: tests and the demo print their own output


class PortalServer(ThreadingHTTPServer):
    """`with PortalServer() as portal:` serves on 127.0.0.1 at portal.base_url in a background thread."""

    daemon_threads = True

    def __init__(self, state: PortalState | None = None, port: int = 0):
        super().__init__(("127.0.0.1", port), _Handler)
        self.state = state or default_state()
        self.base_url = f"http://127.0.0.1:{self.server_address[1]}"
        self.portal = Portal(self.state, self.base_url)
        self._thread = threading.Thread(target=self.serve_forever, daemon=True)

    def __enter__(self) -> "PortalServer":
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.shutdown()
        self.server_close()

    def url(self, path: str) -> str:
        return self.base_url + path

    def handle_error(self, request: object, client_address: object) -> None:
        # A crawler that gives up on a page (size limit, timeout) closes the connection mid-answer: not an error.
        if not isinstance(sys.exc_info()[1], (ConnectionResetError, BrokenPipeError)):
            super().handle_error(request, client_address)
