"""The change digest of a time window, built from the archive in the shape of the DESIGN.md contract.

new: one entry per story (a repost sits under its canonical article's "duplicates"); changed: articles with new
versions, figure changes first, with a readable diff; removed: articles that now answer 404; sources: what each
source did in the window, with an alert when its last runs all failed.
"""
from __future__ import annotations

import time
from datetime import datetime, timedelta, timezone
from typing import Any

import sqlite_utils

from alerts.diff_format import TEXT_STYLE, format_changes
from alerts.health import current_alerts
from alerts.textdiff import sentence_diff
from store import changes, conflicts as conflict_rows
from store.db import utc_now


def build_digest(
    db: sqlite_utils.Database, since: str, until: str | None = None, *, health_runs: int = 3
) -> dict[str, Any]:
    """The digest of [since, until) (ISO 8601; until defaults to now), with "diff_segments" for rich HTML."""
    since = to_utc_iso(since)
    until = to_utc_iso(until) if until else None
    return {
        "since": since,
        "generated_at": utc_now(),
        "new": new_entries(db, since, until),
        "changed": changed_entries(db, since, until),
        "removed": removed_entries(db, since, until),
        "conflicts": cross_copy_conflicts(db, since, until),
        "sources": source_entries(db, since, until, health_runs),
    }


def to_utc_iso(moment: str | datetime, default_timezone: Any = timezone.utc) -> str:
    """A time as the archive writes it (ISO 8601, UTC, seconds); a time without an offset is in default_timezone."""
    value = moment if isinstance(moment, datetime) else datetime.fromisoformat(str(moment).strip())
    if value.tzinfo is None:
        value = value.replace(tzinfo=default_timezone)
    return value.astimezone(timezone.utc).isoformat(timespec="seconds")


def window_end() -> str:
    """The end of a window that closes now: the next whole second, returned once it has begun.

    Archive times have one-second resolution, so everything written before this call is stamped earlier than
    the returned time and everything written after it is not: consecutive windows neither skip nor repeat.
    """
    now = datetime.now(timezone.utc)
    end = now.replace(microsecond=0) + timedelta(seconds=1)
    time.sleep(max(0.0, (end - now).total_seconds()))
    return end.isoformat(timespec="seconds")


def new_entries(db: sqlite_utils.Database, since: str, until: str | None) -> list[dict[str, Any]]:
    """New stories; copies on other sites or URLs are listed under the canonical article's "duplicates"."""
    return [
        {
            "article_id": story["article_id"],
            "url": story["url"],
            "title": story["title"],
            "source": story["source"],
            "published": story["published"],
            "region": story["region"],
            "duplicates": [{"url": copy["url"], "source": copy["source"]} for copy in story["duplicates"]],
        }
        for story in changes.new_stories(db, since, until)
    ]


def figure_change_entry(row: dict[str, Any]) -> dict[str, Any]:
    """A figure_changes row as the digest shows it: the amounts as written, and the parsed values."""
    return {
        "indicator": row["indicator"],
        "old": row["old_text"],
        "new": row["new_text"],
        "old_value": row["old_value"],
        "new_value": row["new_value"],
        "old_unit": row["old_unit"],
        "new_unit": row["new_unit"],
    }


def _text(title: str | None, body: str | None) -> str:
    # The title is a sentence of its own, so that a retitled article shows the change.
    return f"{title or ''}\n{body or ''}"


def changed_entries(db: sqlite_utils.Database, since: str, until: str | None) -> list[dict[str, Any]]:
    """Articles with new versions in the window; those whose policy figures changed come first."""
    entries = []
    for row in changes.changed_articles(db, since, until):
        sentences = sentence_diff(_text(row["old_title"], row["old_body"]), _text(row["new_title"], row["new_body"]))
        entries.append(
            {
                "article_id": row["article_id"],
                "url": row["url"],
                "title": row["title"],
                "from_version": row["from_version"],
                "to_version": row["to_version"],
                "figure_changes": [
                    figure_change_entry(fc) for fc in row["figure_changes"] if fc["kind"] == "changed"
                ],
                # The same text as diff_text() gives, from the one sentence diff that the HTML also uses.
                "diff": format_changes(sentences, TEXT_STYLE),
                "diff_segments": [change.to_dict() for change in sentences],
            }
        )
    return sorted(entries, key=lambda entry: not entry["figure_changes"])


def removed_entries(db: sqlite_utils.Database, since: str, until: str | None) -> list[dict[str, Any]]:
    """Articles that went away (404/410 or a soft-404) in the window and have not come back."""
    return [
        {"article_id": row["article_id"], "url": row["url"], "title": row["title"], "source": row["source"]}
        for row in changes.removed_articles(db, since, until)
    ]


def cross_copy_conflicts(db: sqlite_utils.Database, since: str, until: str | None) -> list[dict[str, Any]]:
    """Figures on which copies of one story disagree, found in the window: {"indicator", "articles": [...]}."""
    return [
        {
            "indicator": row["indicator"],
            "articles": [
                {"article_id": row["article_id"], "url": row["url"], "source": row["source"], "text": row["text"]},
                {"article_id": row["other_article_id"], "url": row["other_url"], "source": row["other_source"],
                 "text": row["other_text"]},
            ],
        }
        for row in conflict_rows.conflicts_since(db, since, until)
    ]


def source_entries(db: sqlite_utils.Database, since: str, until: str | None, health_runs: int) -> list[dict[str, Any]]:
    """Per source that ran in the window: pages, new, changed and errors, and its health alert."""
    activity = changes.source_activity(db, since, until)
    alerts = current_alerts(db, [row["name"] for row in activity], health_runs, until)
    return [
        {
            "name": row["name"],
            "pages": row["pages"] or 0,
            "new": row["new"] or 0,
            "changed": row["changed"] or 0,
            "errors": row["errors"] or 0,
            "alert": alerts[row["name"]],
        }
        for row in activity
    ]
