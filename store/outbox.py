"""The outbox: every digest and alert, and per channel whether it was delivered.

A delivery is claimed (status "sending", with the claiming process id) before it is sent and marked "sent"
only after the channel accepted it; a failed one is tried again by the next run. A claim left by a process
that died mid-send is taken back, so a message is never stuck and never sent twice by two live processes.
"""
from __future__ import annotations

import json
import os
from dataclasses import dataclass
from typing import Any, Iterable, Sequence

import sqlite_utils

from .db import transaction, utc_now
from .runs import process_alive

RETRYABLE = ("pending", "failed")


@dataclass(frozen=True)
class Delivery:
    """One message waiting for one channel."""

    id: int
    message_id: int
    channel: str
    kind: str
    title: str
    payload: dict[str, Any]
    attempts: int


def add_message(
    db: sqlite_utils.Database,
    kind: str,
    title: str,
    payload: dict[str, Any],
    channels: Iterable[tuple[str, str]],
    *,
    since: str | None = None,
    until: str | None = None,
    summary: str | None = None,
) -> int:
    """Queue a message for each (channel id, scheme) pair; returns the message id."""
    with transaction(db):
        cursor = db.execute(
            "INSERT INTO outbox (kind, created_at, since, until, title, summary, payload) VALUES (?, ?, ?, ?, ?, ?, ?)",
            [kind, utc_now(), since, until, title, summary, json.dumps(payload, ensure_ascii=False, default=str)],
        )
        message_id = cursor.lastrowid
        for channel, scheme in dict(channels).items():
            db.execute(
                "INSERT INTO outbox_deliveries (message_id, channel, scheme) VALUES (?, ?, ?)",
                [message_id, channel, scheme],
            )
    return message_id


def set_html_path(db: sqlite_utils.Database, message_id: int, path: str) -> None:
    """Record where the message's HTML page was written."""
    with transaction(db):
        db.execute("UPDATE outbox SET html_path = ? WHERE id = ?", [path, message_id])


def claim(db: sqlite_utils.Database, channel: str) -> list[Delivery]:
    """Take the channel's undelivered messages, oldest first, for this process."""
    me = os.getpid()
    with transaction(db):
        stale = [
            row[0]
            for row in db.execute(
                "SELECT id, claimed_by FROM outbox_deliveries WHERE channel = ? AND status = 'sending'", [channel]
            ).fetchall()
            if not process_alive(row[1])
        ]
        rows = db.execute(
            "SELECT d.id, d.message_id, d.channel, o.kind, o.title, o.payload, d.attempts "
            "FROM outbox_deliveries d JOIN outbox o ON o.id = d.message_id "
            f"WHERE d.channel = ? AND (d.status IN ({', '.join('?' for _ in RETRYABLE)}) "
            f"OR d.id IN ({', '.join('?' for _ in stale) or 'NULL'})) ORDER BY d.message_id",
            [channel, *RETRYABLE, *stale],
        ).fetchall()
        for row in rows:
            db.execute("UPDATE outbox_deliveries SET status = 'sending', claimed_by = ? WHERE id = ?", [me, row[0]])
    return [Delivery(r[0], r[1], r[2], r[3], r[4], json.loads(r[5]), r[6]) for r in rows]


def release(db: sqlite_utils.Database, delivery_ids: Sequence[int]) -> None:
    """Give claimed deliveries back untried (they stay in the queue)."""
    if not delivery_ids:
        return
    with transaction(db):
        db.execute(
            f"UPDATE outbox_deliveries SET status = CASE WHEN attempts > 0 THEN 'failed' ELSE 'pending' END, "
            f"claimed_by = NULL WHERE id IN ({', '.join('?' for _ in delivery_ids)}) AND status = 'sending'",
            list(delivery_ids),
        )


def mark_sent(db: sqlite_utils.Database, delivery_id: int) -> None:
    """The channel accepted the message."""
    now = utc_now()
    with transaction(db):
        db.execute(
            "UPDATE outbox_deliveries SET status = 'sent', attempts = attempts + 1, last_attempt_at = ?, sent_at = ?, "
            "last_error = NULL, claimed_by = NULL WHERE id = ?",
            [now, now, delivery_id],
        )


def mark_failed(db: sqlite_utils.Database, delivery_id: int, error: str | None) -> None:
    """The channel did not take the message; it is tried again on the next run."""
    with transaction(db):
        db.execute(
            "UPDATE outbox_deliveries SET status = 'failed', attempts = attempts + 1, last_attempt_at = ?, "
            "last_error = ?, claimed_by = NULL WHERE id = ?",
            [utc_now(), error, delivery_id],
        )


def last_until(db: sqlite_utils.Database, kind: str = "digest") -> str | None:
    """The end of the latest window a message of this kind covered, or None when there was none."""
    row = db.execute("SELECT MAX(until) FROM outbox WHERE kind = ?", [kind]).fetchone()
    return row[0] if row else None


def message(db: sqlite_utils.Database, message_id: int) -> dict[str, Any] | None:
    """One message with its payload and its deliveries."""
    rows = list(db.query("SELECT * FROM outbox WHERE id = ?", [message_id]))
    if not rows:
        return None
    found = rows[0]
    found["payload"] = json.loads(found["payload"])
    found["deliveries"] = deliveries(db, message_id)
    return found


def deliveries(db: sqlite_utils.Database, message_id: int) -> list[dict[str, Any]]:
    """The delivery rows of a message."""
    return list(
        db.query(
            "SELECT id, channel, scheme, status, attempts, last_error, last_attempt_at, sent_at "
            "FROM outbox_deliveries WHERE message_id = ? ORDER BY id",
            [message_id],
        )
    )


def undelivered(db: sqlite_utils.Database) -> list[dict[str, Any]]:
    """Deliveries not yet accepted, with their message's kind and title, oldest first."""
    return list(
        db.query(
            "SELECT d.id, d.message_id, d.channel, d.scheme, d.status, d.attempts, d.last_error, o.kind, o.title, "
            "o.created_at FROM outbox_deliveries d JOIN outbox o ON o.id = d.message_id "
            "WHERE d.status != 'sent' ORDER BY d.message_id, d.id"
        )
    )

