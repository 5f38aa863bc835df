"""Opening the archive: WAL, a busy timeout, migrations, and explicit transactions."""
from __future__ import annotations

import sqlite3
from contextlib import contextmanager
from datetime import datetime, timezone
from pathlib import Path
from typing import Iterator

import sqlite_utils

from .migrations import migrate

BUSY_TIMEOUT_MS = 30_000
# Queries with IN lists come in many shapes; a small cache would keep re-preparing the hot statements.
STATEMENT_CACHE = 1024
CACHE_KIB = 128 * 1024


class ArchiveError(Exception):
    """The archive cannot be opened or written: corrupt, locked, or not an archive."""


def utc_now() -> str:
    """The current time as an ISO 8601 UTC string with seconds."""
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


def open_archive(path: str | Path, *, create: bool = True, migrate_schema: bool = True) -> sqlite_utils.Database:
    """Open (and create and migrate) the archive at path, in WAL mode with a busy timeout."""
    path = Path(path)
    if not create and not path.exists():
        raise ArchiveError(f"{path}: no archive here yet; run `zswatch crawl` or `zswatch demo` first")
    if create:
        path.parent.mkdir(parents=True, exist_ok=True)
    try:
        # Autocommit mode: transactions are opened explicitly by `transaction()`, never implicitly.
        conn = sqlite3.connect(
            str(path), isolation_level=None, timeout=BUSY_TIMEOUT_MS / 1000, cached_statements=STATEMENT_CACHE
        )
        conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        db = sqlite_utils.Database(conn)
        journal = conn.execute("PRAGMA journal_mode = WAL").fetchone()[0]
        conn.execute("PRAGMA synchronous = NORMAL")
        conn.execute("PRAGMA foreign_keys = ON")
        # Statement journals (UPDATEs with constraints inside savepoints) stay in memory, not in temp files.
        conn.execute("PRAGMA temp_store = MEMORY")
        # A bigger page cache: a batch of writes (index pages, FTS segments) would otherwise spill mid-transaction.
        conn.execute(f"PRAGMA cache_size = -{CACHE_KIB}")
        if migrate_schema:
            migrate(db)
    except sqlite3.DatabaseError as exc:
        raise ArchiveError(_explain(path, exc)) from exc
    if journal.lower() != "wal":
        raise ArchiveError(f"{path}: could not switch the archive to WAL mode (journal mode is {journal})")
    return db


def _explain(path: Path, exc: sqlite3.DatabaseError) -> str:
    text = str(exc)
    if "locked" in text or "busy" in text:
        return f"{path}: the archive is locked by another process ({text}); try again when it has finished"
    if "not a database" in text or "malformed" in text or "corrupt" in text:
        return (
            f"{path}: the file is not a readable SQLite archive ({text}); "
            "restore it from a backup or point `db:` at another file"
        )
    return f"{path}: cannot open the archive: {text}"


@contextmanager
def transaction(db: sqlite_utils.Database) -> Iterator[sqlite_utils.Database]:
    """One write transaction (BEGIN IMMEDIATE … COMMIT), rolled back on any exception.

    sqlite-utils' own writes inside it become savepoints of this transaction.
    """
    conn = db.conn
    try:
        conn.execute("BEGIN IMMEDIATE")
    except sqlite3.OperationalError as exc:
        raise ArchiveError(_explain(Path(db_path(db)), exc)) from exc
    try:
        yield db
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    else:
        conn.execute("COMMIT")


def db_path(db: sqlite_utils.Database) -> str:
    """The file behind a database connection."""
    row = db.execute("PRAGMA database_list").fetchone()
    return row[2] if row else ""


def integrity_ok(db: sqlite_utils.Database) -> bool:
    """True when SQLite's integrity check passes."""
    return db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
