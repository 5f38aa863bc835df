"""Queue digests and source-health alerts in the outbox, and deliver what is pending to each alert channel.

Every message goes to the outbox first; each channel is marked sent only after it accepted the message, so a
channel that is down gets it on a later run, and no channel gets it twice. Digests are also written as HTML
pages beside the archive (`digests/`), for `zswatch serve`.
"""
from __future__ import annotations

import hashlib
import re
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Mapping, Sequence

import sqlite_utils

from alerts.delivery import deliver, redact_url
from alerts.digest_shape import TITLE, headline, normalize
from alerts.health import HealthChange
from alerts.render import render_html
from store import outbox as rows
from store.db import db_path, utc_now

DIGESTS_DIR = "digests"
# Two threads of one process (a crawl's health alert, the digest) must not claim the same channel at once.
_SENDING = threading.Lock()


@dataclass(frozen=True)
class SendResult:
    """What happened to one message on one channel."""

    message_id: int
    kind: str
    title: str
    channel: str
    accepted: bool
    error: str | None


def channel_id(url: str) -> str:
    """A stable name for an alert URL as written in the config (before `${VAR}` expansion), without its secrets."""
    return hashlib.sha256(url.strip().encode("utf-8")).hexdigest()[:16]


def _scheme(url: str) -> str:
    return url.strip().partition("://")[0].lower()


def _channels(urls: Sequence[str]) -> list[tuple[str, str]]:
    return [(channel_id(url), _scheme(url)) for url in urls if url.strip()]


def digests_dir(db: sqlite_utils.Database) -> Path:
    """Where the HTML digests of this archive are kept: `digests/` beside the archive file."""
    return Path(db_path(db)).parent / DIGESTS_DIR


def queue_digest(
    db: sqlite_utils.Database, digest: dict[str, Any], urls: Sequence[str], *, until: str | None = None
) -> int:
    """Store a digest for every channel in `urls`, and write its HTML page; returns the message id."""
    payload = normalize(digest, keep_render_fields=True)
    message_id = rows.add_message(
        db,
        "digest",
        f"{TITLE}: {headline(payload)}",
        payload,
        _channels(urls),
        since=payload.get("since"),
        until=until or payload.get("generated_at") or utc_now(),
        summary=headline(payload),
    )
    rows.set_html_path(db, message_id, write_html_page(db, message_id, payload))
    return message_id


def write_html_page(db: sqlite_utils.Database, message_id: int, digest: dict[str, Any]) -> str:
    """Write the digest's HTML page; returns its file name inside digests_dir()."""
    directory = digests_dir(db)
    directory.mkdir(parents=True, exist_ok=True)
    stamp = re.sub(r"[^0-9T]", "", str(digest.get("generated_at") or utc_now()))[:15]
    name = f"{stamp}Z-{message_id}.html"
    target = directory / name
    partial = target.with_suffix(".html.part")
    partial.write_text(render_html(digest), encoding="utf-8")
    partial.replace(target)  # a served page is never half written
    return name


def health_message(change: HealthChange, now: str | None = None) -> tuple[str, dict[str, Any]]:
    """The title and digest-shaped body of a health alert: the source, and why it fails or that it recovered."""
    if change.failing:
        title = f"{TITLE}: source {change.source} is failing: {change.reason}"
        alert = change.reason
    else:
        was = f" (was: {change.previous_reason})" if change.previous_reason else ""
        title = f"{TITLE}: source {change.source} is ok again"
        alert = f"ok again{was}"
    body = {
        "since": None,
        "generated_at": now or utc_now(),
        "sources": [{"name": change.source, "pages": None, "new": None, "changed": None, "errors": None,
                     "alert": alert}],
        "health": {"source": change.source, "state": change.new_state, "previous_state": change.old_state,
                   "reason": change.reason or change.previous_reason},
    }
    return title, body


def queue_health_alert(db: sqlite_utils.Database, change: HealthChange, urls: Sequence[str]) -> int:
    """Store one alert about a source's changed health for every channel; returns the message id."""
    title, body = health_message(change)
    return rows.add_message(db, "health", title, body, _channels(urls), summary=title)


def send_pending(
    db: sqlite_utils.Database,
    urls: Sequence[str],
    *,
    environ: Mapping[str, str] | None = None,
) -> list[SendResult]:
    """Deliver every undelivered message to each configured channel, oldest first.

    After a channel fails, its remaining messages wait for the next run rather than each waiting for a timeout.
    """
    results: list[SendResult] = []
    with _SENDING:
        for url in dict.fromkeys(u for u in urls if u.strip()):
            claimed = rows.claim(db, channel_id(url))
            done = 0
            try:
                for delivery in claimed:
                    [outcome] = deliver(delivery.payload, [url], title=delivery.title, environ=environ)
                    if outcome.accepted:
                        rows.mark_sent(db, delivery.id)
                    else:
                        rows.mark_failed(db, delivery.id, outcome.error)
                    done += 1
                    results.append(SendResult(delivery.message_id, delivery.kind, delivery.title, redact_url(url),
                                              outcome.accepted, outcome.error))
                    if not outcome.accepted:
                        break
            finally:
                rows.release(db, [later.id for later in claimed[done:]])
    return results


def waiting_for_removed_channels(db: sqlite_utils.Database, urls: Sequence[str]) -> int:
    """How many undelivered messages wait for channels no longer in the config (they cannot be sent)."""
    configured = {channel_id(url) for url in urls}
    return sum(1 for row in rows.undelivered(db) if row["channel"] not in configured)
