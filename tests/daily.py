"""Helpers for the daily-loop tests: a day of the demo portal (crawl, edits, crawl), local alert receivers,
and `zswatch` daemons in child processes."""
from __future__ import annotations

import email
import email.policy
import json
import shutil
import socket
import subprocess
import sys
import threading
import time
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Callable

from aiosmtpd.smtp import AuthResult, LoginPassword
from crawling import archive, crawl, write_config

from pipeline.demo.content import seed_articles
from pipeline.demo.server import PortalServer, default_state
from pipeline.demo.walkthrough import NEW_ARTICLE, edit_portal
from store.db import utc_now
from store.runs import process_alive

TITLES = {article.slug: article.title for article in seed_articles()} | {NEW_ARTICLE.slug: NEW_ARTICLE.title}


@dataclass(frozen=True)
class Day:
    """An archive after two crawls of the demo portal with the demo's edits in between."""

    config: Path
    db: Path
    before_first: str
    before_second: str
    after_second: str


_TEMPLATE: list[Day] = []


def _build(directory: Path) -> Day:
    directory.mkdir(parents=True, exist_ok=True)
    with PortalServer(default_state(faults=True)) as portal:
        config = write_config(directory, portal.base_url)
        before_first = utc_now()
        crawl(config)
        edit_portal(portal.state)
        time.sleep(1.0)  # archive times have one-second resolution
        before_second = utc_now()
        crawl(config)
        time.sleep(1.0)
    return Day(config, directory / "archive.db", before_first, before_second, utc_now())


def day_archive(tmp_path_factory, target: Path) -> Day:
    """A private copy (in target) of the session's day archive, built on first use."""
    if not _TEMPLATE:
        _TEMPLATE.append(_build(tmp_path_factory.mktemp("day-template")))
    template = _TEMPLATE[0]
    shutil.copytree(template.config.parent, target, dirs_exist_ok=True)
    return Day(target / "zswatch.yaml", target / "archive.db", template.before_first, template.before_second,
               template.after_second)


def set_config(config: Path, *, alerts: list[str] = (), extra: str = "") -> None:
    """Append alert URLs and other top-level keys to a config written by write_config."""
    text = config.read_text(encoding="utf-8")
    if alerts:
        text += "alerts:\n" + "".join(f"  - {json.dumps(url)}\n" for url in alerts)
    config.write_text(text + extra, encoding="utf-8")


def free_port() -> int:
    """A port on 127.0.0.1 that nothing listens on (bound, then released)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Mailbox:
    """An aiosmtpd handler keeping every message it receives; with `credentials`, it also checks AUTH logins."""

    def __init__(self, credentials: tuple[str, str] | None = None):
        self.messages: list[email.message.EmailMessage] = []
        self.logins: list[tuple[str, str]] = []
        self.credentials = credentials

    async def handle_DATA(self, server, session, envelope):
        self.messages.append(email.message_from_bytes(envelope.content, policy=email.policy.default))
        return "250 OK"

    def authenticate(self, server, session, envelope, mechanism, auth_data):
        if not isinstance(auth_data, LoginPassword):
            return AuthResult(success=False, handled=False)
        login, password = auth_data.login.decode(), auth_data.password.decode()
        self.logins.append((login, password))
        return AuthResult(success=(login, password) == self.credentials, handled=False)


class Webhook:
    """An HTTP receiver on 127.0.0.1 recording each POSTed Apprise JSON payload; `with Webhook(port) as hook:`."""

    def __init__(self, port: int = 0):
        self.received: list[dict] = []
        received = self.received

        class Receiver(BaseHTTPRequestHandler):
            def do_POST(self):
                body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
                received.append(json.loads(body))
                self.send_response(200)
                self.end_headers()

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", port), Receiver)
        self.port = self.server.server_port
        self.url = f"json://127.0.0.1:{self.port}/hook"

    def __enter__(self) -> "Webhook":
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        return self

    def __exit__(self, *exc) -> None:
        self.server.shutdown()
        self.server.server_close()

    def digests(self) -> list[dict]:
        """The digest JSON of every message received."""
        return [json.loads(payload["message"]) for payload in self.received]


def start_zswatch(config: Path, *args: str) -> subprocess.Popen:
    """`zswatch -c config ARGS…` as a child process with its output piped."""
    return subprocess.Popen([sys.executable, "-m", "pipeline", "-c", str(config), *args],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def wait_for(check: Callable[[], object], timeout: float, what: str, interval: float = 0.2) -> object:
    """Poll check() until it returns something true; fail with `what` after timeout seconds."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = check()
        if value:
            return value
        time.sleep(interval)
    raise AssertionError(f"timed out after {timeout} s waiting for {what}")


def pid_alive(pid: int) -> bool:
    """Whether a process runs: it exists and is not a zombie."""
    if not process_alive(pid):
        return False
    # A zombie child of another process still answers kill(0); its state says it is gone.
    try:
        return Path(f"/proc/{pid}/stat").read_text().split(")")[-1].split()[0] != "Z"
    except OSError:
        return True


def listing_sources(base_url: str, schedules: dict[str, str]) -> str:
    """A `sources:` block of listing sources of the demo portal with the given crons."""
    paths = {"changsha-zs": "/zsyz/index.html", "county-gov": "/gov/list.jsp", "other": "/gov/list.jsp?page=2"}
    return "".join(
        f'\n  - name: {name}\n    kind: listing\n    start_urls: ["{base_url}{paths[name]}"]\n    schedule: "{cron}"'
        for name, cron in schedules.items()
    ) + "\n"


def crawl_runs(config: Path) -> list[dict]:
    """The crawl_runs rows of the config's archive, oldest first."""
    db = archive(config)
    try:
        return list(db.query("SELECT * FROM crawl_runs ORDER BY started_at, id"))
    finally:
        db.close()
