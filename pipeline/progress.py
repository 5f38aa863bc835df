"""Scrapy extension: one live status line on a terminal while sources crawl (ZSWATCH_PROGRESS)."""
from __future__ import annotations

import sys
import time
from typing import Any, TextIO

from scrapy import signals

from .run_recorder import source_counts

REFRESH_SECONDS = 0.2


def progress_line(counts_by_source: dict[str, dict[str, int]], width: int = 120) -> str:
    """One line summing up every running source: pages, new, changed, errors."""
    parts = [
        f"{name}: {c['pages']} pages, {c['new']} new, {c['changed']} changed, {c['errors']} errors"
        for name, c in counts_by_source.items()
    ]
    line = " | ".join(parts)
    return line if len(line) <= width else line[: width - 1] + "…"


class _Board:
    """The crawlers of one process share the terminal line."""

    def __init__(self, stream: TextIO):
        self.stream = stream
        self.crawlers: dict[str, Any] = {}
        self.last_draw = 0.0

    def draw(self, force: bool = False) -> None:
        now = time.monotonic()
        if not force and now - self.last_draw < REFRESH_SECONDS:
            return
        self.last_draw = now
        counts = {name: source_counts(crawler.stats) for name, crawler in self.crawlers.items()}
        self.stream.write("\r\033[K" + progress_line(counts))
        self.stream.flush()

    def finish(self, name: str) -> None:
        self.draw(force=True)
        self.crawlers.pop(name, None)
        if not self.crawlers:
            self.stream.write("\r\033[K")
            self.stream.flush()


_board: _Board | None = None


class ProgressDisplay:
    """Redraws the shared line on every response and item; silent unless ZSWATCH_PROGRESS is set."""

    def __init__(self, crawler: Any):
        self.crawler = crawler

    @classmethod
    def from_crawler(cls, crawler: Any) -> "ProgressDisplay":
        display = cls(crawler)
        if crawler.settings.getbool("ZSWATCH_PROGRESS"):
            crawler.signals.connect(display.opened, signal=signals.spider_opened)
            crawler.signals.connect(display.update, signal=signals.response_received)
            crawler.signals.connect(display.update, signal=signals.item_scraped)
            crawler.signals.connect(display.closed, signal=signals.spider_closed)
        return display

    def opened(self, spider: Any) -> None:
        global _board
        if _board is None:
            _board = _Board(sys.stderr)
        _board.crawlers[spider.source.name] = self.crawler

    def update(self, *args: Any, **kwargs: Any) -> None:
        if _board is not None:
            _board.draw()

    def closed(self, spider: Any, reason: str) -> None:
        if _board is not None:
            _board.finish(spider.source.name)
