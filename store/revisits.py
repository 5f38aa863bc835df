"""Which known articles are due for a revisit: hourly while young, then daily, then weekly, then never."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

import sqlite_utils


@dataclass(frozen=True)
class RevisitPolicy:
    """Ages (in days since first seen) that switch the revisit interval from hourly to daily to weekly to never."""

    hourly_for_days: float = 1
    daily_for_days: float = 30
    weekly_for_days: float = 365


def due_revisits(
    db: sqlite_utils.Database, source: str, now: datetime, policy: RevisitPolicy, limit: int = 200
) -> list[tuple[str, str | None, str | None]]:
    """(url, etag, last_modified) of the source's live articles whose interval has passed, stalest first."""
    rows = db.execute(
        """
        WITH aged AS (
            SELECT url, etag, last_modified, last_fetched,
                   julianday(:now) - julianday(first_seen) AS age,
                   julianday(:now) - julianday(COALESCE(last_fetched, first_seen)) AS idle
            FROM articles WHERE source = :source AND status = 'live'
        )
        SELECT url, etag, last_modified FROM aged
        WHERE idle >= CASE
            WHEN age < :hourly THEN 1.0 / 24
            WHEN age < :daily THEN 1.0
            WHEN age < :weekly THEN 7.0
        END
        ORDER BY last_fetched LIMIT :limit
        """,
        {
            "now": now.isoformat(),
            "source": source,
            "hourly": policy.hourly_for_days,
            "daily": policy.daily_for_days,
            "weekly": policy.weekly_for_days,
            "limit": limit,
        },
    ).fetchall()
    return [tuple(row) for row in rows]
