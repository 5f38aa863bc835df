"""`zswatch import`: articles from JSON lines through the crawl's stages (normalize, figures, dedupe, archive).

Parsing, normalising, figure extraction and fingerprints are pure and run in worker processes; matching
against the archive and writing stay in this process, one transaction per batch, one savepoint per line.
"""
from __future__ import annotations

import json
import os
import re
import sqlite3
import time
from collections import deque
from concurrent.futures import Executor, Future, ProcessPoolExecutor
from dataclasses import dataclass, field
from datetime import datetime, timezone
from multiprocessing import get_context
from typing import Callable, Iterable, Iterator

import sqlite_utils
from scrapy.exceptions import DropItem

from spiders.extraction.dates import parse_date
from spiders.urls import canonical_url
from store.db import transaction
from store.fulltext import PendingIndex

from .clustering import ArchiveClusters, Fingerprint, Match, fingerprint
from .figures import extract_figures
from .items import ArticleItem
from .normalize_stage import normalize_article
from .recording import record_article

BATCH_LINES = 400
WORKER_NICENESS = 5
_ISO_DATE = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})")


@dataclass
class ImportSummary:
    lines: int = 0
    new: int = 0
    changed: int = 0
    unchanged: int = 0
    bad: int = 0
    seconds: float = 0.0
    problems: list[str] = field(default_factory=list)

    @property
    def rate(self) -> float:
        return self.lines / self.seconds if self.seconds else 0.0


def _published(value: object) -> str | None:
    if value in (None, ""):
        return None
    if not isinstance(value, str):
        raise ValueError(f'"published" must be a date string, not {value!r}')
    match = _ISO_DATE.match(value.strip())
    if match:
        year, month, day = (int(part) for part in match.groups())
        return datetime(year, month, day).date().isoformat()
    parsed = parse_date(value)
    if not parsed:
        raise ValueError(f'"published" is not a date: {value!r}')
    return parsed


def parse_line(line: str, default_source: str | None, now: str) -> ArticleItem:
    """One JSON line as an item; raises ValueError with a message fit for the user."""
    try:
        data = json.loads(line)
    except json.JSONDecodeError as exc:
        raise ValueError(f"not JSON ({exc.msg} at column {exc.colno})") from None
    if not isinstance(data, dict):
        raise ValueError("not a JSON object")
    for key in ("url", "body"):
        if not isinstance(data.get(key), str) or not data[key].strip():
            raise ValueError(f'missing "{key}" (a non-empty string)')
    source = data.get("source") or default_source
    if not isinstance(source, str) or not source:
        raise ValueError('missing "source" (or pass --source)')
    if not data["url"].startswith(("http://", "https://")):
        raise ValueError(f'"url" must start with http:// or https://: {data["url"][:80]!r}')
    seen_at = data.get("seen_at") or now
    if not isinstance(seen_at, str) or not _ISO_DATE.match(seen_at):
        raise ValueError(f'"seen_at" must be an ISO 8601 time: {seen_at!r}')
    return ArticleItem(
        url=canonical_url(data["url"]),
        source=source,
        title=str(data.get("title") or ""),
        body=data["body"],
        published=_published(data.get("published")),
        region=data.get("region") or None,
        seen_at=seen_at,
    )


def _yield_to_writer() -> None:
    # The writing process is the pipeline's narrowest stage: workers give way to it for the CPU.
    os.nice(WORKER_NICENESS)


def prepare_batch(
    batch: list[tuple[int, str]], default_source: str | None, now: str
) -> list[tuple[int, ArticleItem | None, Fingerprint | None, str | None]]:
    """The pure stages for a batch of (line number, text): item, fingerprint, or the problem."""
    prepared = []
    for number, line in batch:
        try:
            item = normalize_article(parse_line(line, default_source, now))
            item.figures = extract_figures(item.body)
            prepared.append((number, item, fingerprint(item.title, item.body), None))
        except (ValueError, DropItem) as exc:
            prepared.append((number, None, None, str(exc)))
    return prepared


def _batches(lines: Iterable[str], size: int) -> Iterator[list[tuple[int, str]]]:
    batch: list[tuple[int, str]] = []
    for number, line in enumerate(lines, 1):
        if line.strip():
            batch.append((number, line))
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


def import_lines(
    db: sqlite_utils.Database,
    lines: Iterable[str],
    clusters: ArchiveClusters | None,
    *,
    default_source: str | None = None,
    workers: int | None = None,
    progress: Callable[[ImportSummary], None] | None = None,
) -> ImportSummary:
    """Import JSON lines into the archive; a bad line is reported by number and skipped."""
    summary = ImportSummary()
    started = time.perf_counter()
    now = datetime.now(timezone.utc).isoformat(timespec="seconds")
    workers = workers if workers is not None else max(1, (os.cpu_count() or 1))
    pool: Executor | None = (
        ProcessPoolExecutor(max_workers=workers, mp_context=get_context("spawn"), initializer=_yield_to_writer)
        if workers > 1
        else None
    )
    pending: deque[Future] = deque()
    try:
        for batch in _batches(lines, BATCH_LINES):
            if pool is None:
                _write_batch(db, prepare_batch(batch, default_source, now), clusters, summary)
            else:
                pending.append(pool.submit(prepare_batch, batch, default_source, now))
                if len(pending) <= 2 * workers:
                    continue
                _write_batch(db, pending.popleft().result(), clusters, summary)
            summary.seconds = time.perf_counter() - started
            if progress:
                progress(summary)
        while pending:
            _write_batch(db, pending.popleft().result(), clusters, summary)
            summary.seconds = time.perf_counter() - started
            if progress:
                progress(summary)
    finally:
        if pool is not None:
            pool.shutdown(cancel_futures=True)
    summary.seconds = time.perf_counter() - started
    return summary


def _write_batch(db, prepared, clusters: ArchiveClusters | None, summary: ImportSummary) -> None:
    pending = PendingIndex()
    with transaction(db):
        for number, item, print_, problem in prepared:
            summary.lines += 1
            if item is None:
                summary.bad += 1
                summary.problems.append(f"line {number}: {problem}")
                continue
            if clusters is not None:
                known = db.execute("SELECT 1 FROM articles WHERE url = ?", [item.url]).fetchone()
                item.dedupe = (print_, Match() if known else clusters.find(db, print_))
            mark = pending.mark()
            try:
                with db.atomic():
                    outcome = record_article(db, item, clusters, pending)
            except (sqlite3.Error, ValueError) as exc:
                pending.rollback(mark)
                summary.bad += 1
                summary.problems.append(f"line {number}: not archived: {exc}")
                continue
            setattr(summary, outcome.status, getattr(summary, outcome.status) + 1)
        pending.flush(db)
