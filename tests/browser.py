"""Headless Chromium for tests: open a page, report its DOM, text, console errors and requests.

Talks the DevTools protocol over --remote-debugging-pipe (file descriptors 3 and 4), so no Selenium,
Playwright or websocket library is needed. Name resolution is switched off for every host except
127.0.0.1/localhost: a page that reaches for an external resource gets a load error, which is reported.
"""
from __future__ import annotations

import base64
import fcntl
import json
import os
import select
import shutil
import subprocess
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Sequence
from urllib.parse import urlsplit

import pytest

CANDIDATES = ("chromium", "chromium-browser", "google-chrome", "/usr/bin/chromium")
FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-extensions",
    "--disable-dev-shm-usage",
    "--mute-audio",
    "--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1 , EXCLUDE localhost",
)


def chromium_path() -> str | None:
    """The Chromium executable, or None."""
    for name in CANDIDATES:
        found = shutil.which(name)
        if found:
            return found
    return None


def require_chromium() -> str:
    """The Chromium executable, or a skip that says how to get it."""
    path = chromium_path()
    if path is None:
        pytest.skip("headless Chromium is not installed (Debian: apt-get install -y chromium)")
    return path


@dataclass
class PageReport:
    """What a page turned into in the browser."""

    url: str
    status: int | None = None  # HTTP status of the page itself (file:// pages report 200)
    title: str = ""
    dom: str = ""
    text: str = ""
    console_errors: list[str] = field(default_factory=list)
    requests: list[str] = field(default_factory=list)
    failed_requests: list[str] = field(default_factory=list)
    values: dict[str, object] = field(default_factory=dict)
    screenshot_png: bytes | None = None


class _DevTools:
    """A DevTools protocol connection over Chromium's debugging pipe."""

    def __init__(self, executable: str, profile: Path):
        to_browser_r, self._to_browser = os.pipe()
        self._from_browser, from_browser_w = os.pipe()
        # Above 10 so that moving them to 3 and 4 in the child cannot overwrite one with the other.
        child_in = fcntl.fcntl(to_browser_r, fcntl.F_DUPFD, 10)
        child_out = fcntl.fcntl(from_browser_w, fcntl.F_DUPFD, 10)

        def to_fds_3_and_4() -> None:
            os.dup2(child_in, 3)
            os.dup2(child_out, 4)

        self.process = subprocess.Popen(
            [executable, *FLAGS, f"--user-data-dir={profile}", "--remote-debugging-pipe", "about:blank"],
            stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
            close_fds=False, preexec_fn=to_fds_3_and_4,
        )
        for fd in (to_browser_r, from_browser_w, child_in, child_out):
            os.close(fd)
        self._buffer = b""
        self._next_id = 0
        self.events: list[dict] = []

    def send(self, method: str, params: dict | None = None, session: str | None = None, timeout: float = 30) -> dict:
        self._next_id += 1
        message = {"id": self._next_id, "method": method, "params": params or {}}
        if session:
            message["sessionId"] = session
        os.write(self._to_browser, json.dumps(message).encode() + b"\0")
        deadline = time.monotonic() + timeout
        while True:
            reply = self._read(deadline)
            if reply is None:
                raise TimeoutError(f"Chromium did not answer {method} in {timeout}s")
            if reply.get("id") == self._next_id:
                if "error" in reply:
                    raise RuntimeError(f"{method}: {reply['error']}")
                return reply.get("result", {})
            if "method" in reply:
                self.events.append(reply)

    def wait_for(self, method: str, timeout: float) -> bool:
        """Read events until one named `method` arrives (True) or the time is up (False)."""
        deadline = time.monotonic() + timeout
        if any(e.get("method") == method for e in self.events):
            return True
        while True:
            message = self._read(deadline)
            if message is None:
                return False
            if "method" in message:
                self.events.append(message)
                if message["method"] == method:
                    return True

    def _read(self, deadline: float) -> dict | None:
        while b"\0" not in self._buffer:
            remaining = deadline - time.monotonic()
            if remaining <= 0 or not select.select([self._from_browser], [], [], remaining)[0]:
                return None
            chunk = os.read(self._from_browser, 1 << 16)
            if not chunk:
                return None
            self._buffer += chunk
        raw, self._buffer = self._buffer.split(b"\0", 1)
        return json.loads(raw)

    def close(self) -> None:
        try:
            self.send("Browser.close", timeout=5)
        except (OSError, TimeoutError, RuntimeError):
            pass
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        os.close(self._to_browser)
        os.close(self._from_browser)


def open_page(url: str, *, timeout: float = 30, settle: float = 0.3, screenshot: bool = False,
              width: int = 1024, height: int = 768, evaluate: Sequence[str] = ()) -> PageReport:
    """Load `url` in a fresh headless Chromium and report the page once its load event has fired.

    Each JavaScript expression in `evaluate` is run on the loaded page; its value lands in `values`.
    """
    executable = require_chromium()
    report = PageReport(url=url)
    with tempfile.TemporaryDirectory(prefix="zsw-chromium-") as profile:
        browser = _DevTools(executable, Path(profile))
        try:
            target = browser.send("Target.createTarget", {"url": "about:blank"})["targetId"]
            session = browser.send("Target.attachToTarget", {"targetId": target, "flatten": True})["sessionId"]
            for domain in ("Page", "Runtime", "Log", "Network"):
                browser.send(f"{domain}.enable", session=session)
            browser.send("Emulation.setDeviceMetricsOverride",
                         {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": False}, session=session)
            navigation = browser.send("Page.navigate", {"url": url}, session=session)
            if navigation.get("errorText"):
                report.console_errors.append(f"navigation failed: {navigation['errorText']}")
            if not browser.wait_for("Page.loadEventFired", timeout):
                report.console_errors.append(f"no load event within {timeout}s")
            browser.wait_for("never.arrives", settle)  # late console messages
            report.title = _evaluate(browser, session, "document.title")
            report.dom = _evaluate(browser, session, "document.documentElement.outerHTML")
            report.text = _evaluate(browser, session, "document.body ? document.body.innerText : ''")
            report.values = {expression: _evaluate(browser, session, expression) for expression in evaluate}
            if screenshot:
                shot = browser.send("Page.captureScreenshot", {"format": "png", "captureBeyondViewport": True},
                                    session=session)
                report.screenshot_png = base64.b64decode(shot["data"])
        finally:
            browser.close()
    _collect(browser.events, report)
    return report


def open_html(html: str, directory: Path, name: str = "page.html", **options) -> PageReport:
    """Write `html` to a file in `directory` and open it as a file:// URL."""
    path = Path(directory) / name
    path.write_text(html, encoding="utf-8")
    return open_page(path.resolve().as_uri(), **options)


def _evaluate(browser: _DevTools, session: str, expression: str) -> Any:
    result = browser.send("Runtime.evaluate", {"expression": expression, "returnByValue": True}, session=session)
    if "exceptionDetails" in result:
        raise RuntimeError(f"{expression!r} failed: {result['exceptionDetails'].get('text')}")
    value = result.get("result", {}).get("value")
    return "" if value is None else value


def _is_browser_favicon(url: str) -> bool:
    """Chromium asks every http page for /favicon.ico by itself; that is not the page's doing."""
    return urlsplit(url).path == "/favicon.ico"


def _collect(events: list[dict], report: PageReport) -> None:
    """Console errors, uncaught exceptions, error log entries and requests, from the protocol events."""
    urls_by_request: dict[str, str] = {}
    for event in events:
        method, params = event.get("method"), event.get("params", {})
        if method == "Network.requestWillBeSent":
            url = urls_by_request[params.get("requestId")] = params["request"]["url"]
            if not _is_browser_favicon(url):
                report.requests.append(url)
        elif method == "Network.loadingFailed":
            url = urls_by_request.get(params.get("requestId"), "?")
            if not _is_browser_favicon(url):
                report.failed_requests.append(f"{url}: {params.get('errorText')}")
        elif method == "Network.responseReceived" and params.get("type") == "Document" and report.status is None:
            report.status = params.get("response", {}).get("status") or None
        elif method == "Runtime.consoleAPICalled" and params.get("type") in ("error", "assert"):
            args = [str(a.get("value", a.get("description", ""))) for a in params.get("args", [])]
            report.console_errors.append("console.error: " + " ".join(args))
        elif method == "Runtime.exceptionThrown":
            details = params.get("exceptionDetails", {})
            report.console_errors.append(
                "uncaught: " + (details.get("exception", {}).get("description") or details.get("text", "")))
        elif method == "Log.entryAdded" and params.get("entry", {}).get("level") == "error":
            entry = params["entry"]
            if not _is_browser_favicon(entry.get("url", "")):
                report.console_errors.append(f"{entry.get('source')}: {entry.get('text')} {entry.get('url', '')}".strip())
