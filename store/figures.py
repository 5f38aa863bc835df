"""Policy figures of each version, and the figure changes between versions."""
from __future__ import annotations

from typing import Any, Iterable

import sqlite_utils

# What a figure says about itself beyond indicator, value, unit, text and offsets: approximation, range,
# direction, target, kind, and the words around it (which align the figures of two versions).
FIGURE_COLUMNS = (
    "indicator", "value", "unit", "text", "start", "end", "approx", "upper", "direction", "target", "kind", "context",
)
CHANGE_COLUMNS = ("kind", "indicator", "old_value", "old_unit", "old_text", "new_value", "new_unit", "new_text")
_QUOTED = ", ".join(f'"{column}"' for column in FIGURE_COLUMNS)


def write_figures(db: sqlite_utils.Database, version_id: int, figures: Iterable[dict[str, Any]]) -> int:
    """Store a version's figures (dicts with FIGURE_COLUMNS keys). Returns the count."""
    rows = [(version_id, *(figure.get(column) for column in FIGURE_COLUMNS)) for figure in figures]
    db.conn.executemany(
        f"INSERT INTO figures (version_id, {_QUOTED}) VALUES (?{', ?' * len(FIGURE_COLUMNS)})", rows
    )
    return len(rows)


def replace_figures(db: sqlite_utils.Database, version_id: int, figures: Iterable[dict[str, Any]]) -> int:
    """A version's figures, read again from its re-extracted text."""
    db.execute("DELETE FROM figures WHERE version_id = ?", [version_id])
    return write_figures(db, version_id, figures)


def version_figures(db: sqlite_utils.Database, version_id: int) -> list[dict[str, Any]]:
    """A version's figures as plain dicts, in text order."""
    cursor = db.conn.execute(f"SELECT {_QUOTED} FROM figures WHERE version_id = ? ORDER BY start, id", [version_id])
    return [dict(zip(FIGURE_COLUMNS, row)) for row in cursor]


def value_forms(db: sqlite_utils.Database, version_id: int) -> list[tuple[float, str, str | None]]:
    """(value, unit, direction) of a version's figures: enough to see that two versions state the same values."""
    return db.conn.execute("SELECT value, unit, direction FROM figures WHERE version_id = ?", [version_id]).fetchall()


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
