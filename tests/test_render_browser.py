"""The HTML digest opened in headless Chromium: content there, no errors, nothing fetched from outside."""
from __future__ import annotations

import functools
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer

import pytest
from browser import open_html, open_page, require_chromium
from digest_samples import make_digest, many_new

from alerts.render import render_html


@pytest.fixture(autouse=True)
def chromium():
    return require_chromium()


def test_the_browser_check_catches_errors_and_outside_requests(tmp_path):
    """The checks below can fail: a broken page is reported as broken."""
    page = open_html('<!DOCTYPE html><html><head><meta charset="utf-8"><title>坏页面</title></head><body>'
                     '<p>总投资</p><img src="https://cdn.example.com/x.png">'
                     '<script>console.error("boom"); undefinedFunction();</script></body></html>', tmp_path)
    assert page.title == "坏页面" and "总投资" in page.text
    assert any("boom" in e for e in page.console_errors)
    assert any("undefinedFunction" in e for e in page.console_errors)
    assert "https://cdn.example.com/x.png" in page.requests
    assert any(r.startswith("https://cdn.example.com/x.png") for r in page.failed_requests)


def test_digest_page_renders_cleanly_with_its_content(tmp_path):
    page = open_html(render_html(make_digest()), tmp_path, name="digest.html",
                     evaluate=["document.querySelectorAll('a[href]').length",
                               "getComputedStyle(document.querySelector('del')).textDecorationLine"])
    assert page.console_errors == []
    assert page.failed_requests == []
    assert page.requests == [(tmp_path / "digest.html").resolve().as_uri()]
    assert page.title.startswith("zhaoshang-watch digest")
    text = page.text
    assert "1 new · 2 changed · 1 removed · 1 conflict" in text
    assert "地区生产总值增长: 7% → 6.5%" in text
    assert text.index("地区生产总值增长: 7% → 6.5%") < text.index("【长沙招商】长沙深化优化营商环境改革")
    for expected in ("总投资120亿元", "总投资150亿元", "旧公告", "no article links in the last 3 runs"):
        assert expected in text
    assert page.values["document.querySelectorAll('a[href]').length"] >= 6
    assert "line-through" in page.values["getComputedStyle(document.querySelector('del')).textDecorationLine"]


def test_digest_fits_a_phone_screen(tmp_path):
    """No sideways scrolling at 375 px: long Chinese diffs wrap."""
    digest = many_new(30)
    digest["changed"][1]["diff"] = "~ " + "坚持稳中求进工作总基调" * 40 + "[-120-]{+150+}亿元"
    page = open_html(render_html(digest), tmp_path, width=375, height=700,
                     evaluate=["document.documentElement.scrollWidth", "window.innerWidth"])
    assert page.console_errors == []
    assert page.values["document.documentElement.scrollWidth"] <= page.values["window.innerWidth"] + 1


def test_nothing_new_page(tmp_path):
    page = open_html(render_html({"since": "2026-11-27T08:00:00+08:00"}), tmp_path)
    assert page.console_errors == [] and "Nothing new" in page.text


def test_digest_served_over_http_on_127_0_0_1(tmp_path):
    (tmp_path / "digest.html").write_text(render_html(make_digest()), encoding="utf-8")

    class Quiet(SimpleHTTPRequestHandler):
        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(tmp_path)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        base = f"http://127.0.0.1:{server.server_port}"
        page = open_page(f"{base}/digest.html")
        missing = open_page(f"{base}/no-such-digest.html")
    finally:
        server.shutdown()
        server.server_close()
    assert page.status == 200 and page.console_errors == [] and page.requests == [f"{base}/digest.html"]
    assert "地区生产总值增长: 7% → 6.5%" in page.text
    assert missing.status == 404 and missing.console_errors  # a missing page is not reported as fine
