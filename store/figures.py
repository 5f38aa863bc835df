"""Policy figures of each version, and the figure changes between versions."""
from __future__ import annotations

import json
from typing import Any, Iterable

import sqlite_utils

FIGURE_COLUMNS = ("indicator", "value", "unit", "text", "start", "end")
CHANGE_COLUMNS = ("kind", "indicator", "old_value", "old_unit", "old_text", "new_value", "new_unit", "new_text")


def write_figures(db: sqlite_utils.Database, version_id: int, figures: Iterable[dict[str, Any]]) -> int:
    """Store a version's figures; keys beyond the columns go to `extra` as JSON. Returns the count."""
    rows = []
    for figure in figures:
        extra = {k: v for k, v in figure.items() if k not in FIGURE_COLUMNS}
        rows.append(
            [version_id, *(figure.get(c) for c in FIGURE_COLUMNS), json.dumps(extra, ensure_ascii=False) if extra else None]
        )
    db.conn.executemany(
        'INSERT INTO figures (version_id, indicator, value, unit, text, start, "end", extra) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
        rows,
    )
    return len(rows)


def version_figures(db: sqlite_utils.Database, version_id: int) -> list[dict[str, Any]]:
    """A version's figures as plain dicts, in text order, extras merged back in."""
    figures = []
    for row in db.query(
        'SELECT indicator, value, unit, text, start, "end", extra FROM figures WHERE version_id = ? ORDER BY start, id',
        [version_id],
    ):
        extra = row.pop("extra")
        figures.append({**row, **(json.loads(extra) if extra else {})})
    return figures


def write_changes(
    db: sqlite_utils.Database,
    article_id: int,
    old_version_id: int | None,
    new_version_id: int,
    changes: Iterable[dict[str, Any]],
    detected_at: str,
) -> int:
    """Store figure changes (dicts with CHANGE_COLUMNS keys). Returns the count."""
    rows = [
        [article_id, old_version_id, new_version_id, *(change.get(c) for c in CHANGE_COLUMNS), detected_at]
        for change in changes
    ]
    db.conn.executemany(
        "INSERT INTO figure_changes (article_id, old_version_id, new_version_id, kind, indicator, old_value, "
        "old_unit, old_text, new_value, new_unit, new_text, detected_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        rows,
    )
    return len(rows)
