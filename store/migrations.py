"""Schema migrations: an ordered list of steps, each applied once inside its own transaction."""
from __future__ import annotations

from datetime import datetime, timezone
from typing import Callable

import sqlite_utils

Migration = Callable[[sqlite_utils.Database], None]
MIGRATIONS: list[tuple[str, Migration]] = []


def migration(name: str) -> Callable[[Migration], Migration]:
    """Register a migration step; steps run in the order they are defined."""

    def register(function: Migration) -> Migration:
        MIGRATIONS.append((name, function))
        return function

    return register


def migrate(db: sqlite_utils.Database) -> list[str]:
    """Apply the steps this archive has not seen yet; returns their names."""
    db.execute("CREATE TABLE IF NOT EXISTS _migrations (name TEXT PRIMARY KEY, applied_at TEXT NOT NULL)")
    done = {row[0] for row in db.execute("SELECT name FROM _migrations")}
    applied = []
    for name, step in MIGRATIONS:
        if name in done:
            continue
        db.execute("BEGIN IMMEDIATE")
        try:
            # Another process may have migrated while this one waited for the lock.
            if db.execute("SELECT 1 FROM _migrations WHERE name = ?", [name]).fetchone():
                db.execute("COMMIT")
                continue
            step(db)
            db.execute(
                "INSERT INTO _migrations (name, applied_at) VALUES (?, ?)",
                [name, datetime.now(timezone.utc).isoformat(timespec="seconds")],
            )
        except BaseException:
            db.execute("ROLLBACK")
            raise
        db.execute("COMMIT")
        applied.append(name)
    return applied


CORE_SCHEMA = [
    """CREATE TABLE clusters (
        id INTEGER PRIMARY KEY,
        canonical_article_id INTEGER,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
    )""",
    """CREATE TABLE articles (
        id INTEGER PRIMARY KEY,
        url TEXT NOT NULL UNIQUE,
        source TEXT NOT NULL,
        title TEXT NOT NULL DEFAULT '',
        region TEXT,
        published TEXT,
        first_seen TEXT NOT NULL,
        last_seen TEXT NOT NULL,
        cluster_id INTEGER REFERENCES clusters(id),
        current_version_id INTEGER,
        versions_count INTEGER NOT NULL DEFAULT 0,
        status TEXT NOT NULL DEFAULT 'live',
        gone_since TEXT,
        etag TEXT,
        last_modified TEXT,
        last_fetched TEXT,
        last_linked TEXT
    )""",
    "CREATE INDEX articles_source ON articles(source)",
    "CREATE INDEX articles_cluster ON articles(cluster_id)",
    "CREATE INDEX articles_first_seen ON articles(first_seen)",
    """CREATE TABLE versions (
        id INTEGER PRIMARY KEY,
        article_id INTEGER NOT NULL REFERENCES articles(id),
        number INTEGER NOT NULL,
        seen_at TEXT NOT NULL,
        content_hash TEXT NOT NULL,
        title TEXT NOT NULL,
        body TEXT NOT NULL,
        published TEXT,
        region TEXT,
        extractor_version TEXT,
        UNIQUE (article_id, number)
    )""",
    "CREATE INDEX versions_seen_at ON versions(seen_at)",
    """CREATE TABLE pages (
        version_id INTEGER PRIMARY KEY REFERENCES versions(id),
        fetched_url TEXT,
        http_status INTEGER,
        content_type TEXT,
        encoding TEXT,
        raw_zlib BLOB NOT NULL,
        raw_size INTEGER NOT NULL,
        extractor_version TEXT NOT NULL
    )""",
    """CREATE TABLE figures (
        id INTEGER PRIMARY KEY,
        version_id INTEGER NOT NULL REFERENCES versions(id),
        indicator TEXT NOT NULL,
        value REAL NOT NULL,
        unit TEXT NOT NULL,
        text TEXT NOT NULL,
        start INTEGER,
        "end" INTEGER,
        approx TEXT,
        upper REAL,
        direction TEXT,
        target TEXT,
        kind TEXT,
        context TEXT
    )""",
    "CREATE INDEX figures_version ON figures(version_id)",
    """CREATE TABLE figure_changes (
        id INTEGER PRIMARY KEY,
        article_id INTEGER NOT NULL REFERENCES articles(id),
        old_version_id INTEGER REFERENCES versions(id),
        new_version_id INTEGER NOT NULL REFERENCES versions(id),
        kind TEXT NOT NULL,
        indicator TEXT NOT NULL,
        old_value REAL,
        old_unit TEXT,
        old_text TEXT,
        new_value REAL,
        new_unit TEXT,
        new_text TEXT,
        detected_at TEXT NOT NULL
    )""",
    "CREATE INDEX figure_changes_article ON figure_changes(article_id)",
    "CREATE INDEX figure_changes_detected ON figure_changes(detected_at)",
    """CREATE TABLE crawl_runs (
        id INTEGER PRIMARY KEY,
        started_at TEXT NOT NULL,
        finished_at TEXT,
        status TEXT NOT NULL,
        trigger TEXT,
        pid INTEGER,
        sources TEXT,
        error TEXT
    )""",
    """CREATE TABLE source_runs (
        id INTEGER PRIMARY KEY,
        run_id INTEGER NOT NULL REFERENCES crawl_runs(id),
        source TEXT NOT NULL,
        started_at TEXT NOT NULL,
        finished_at TEXT,
        status TEXT NOT NULL,
        pages INTEGER NOT NULL DEFAULT 0,
        links INTEGER NOT NULL DEFAULT 0,
        new INTEGER NOT NULL DEFAULT 0,
        changed INTEGER NOT NULL DEFAULT 0,
        unchanged INTEGER NOT NULL DEFAULT 0,
        not_articles INTEGER NOT NULL DEFAULT 0,
        empty INTEGER NOT NULL DEFAULT 0,
        errors INTEGER NOT NULL DEFAULT 0,
        finish_reason TEXT
    )""",
    "CREATE INDEX source_runs_source ON source_runs(source, started_at)",
    # Contentless: the text lives in versions; the index holds CJK characters as single tokens.
    "CREATE VIRTUAL TABLE articles_fts USING fts5(title, body, content='', tokenize='unicode61 remove_diacritics 2')",
]


@migration("0001_core")
def _core(db: sqlite_utils.Database) -> None:
    for statement in CORE_SCHEMA:
        db.execute(statement)


@migration("0002_outbox")
def _outbox(db: sqlite_utils.Database) -> None:
    # A message is queued once; each channel it goes to has its own delivery row, marked sent only after that
    # channel accepted it. Channels are known by a hash of their URL, so no secret is stored.
    db.execute(
        """CREATE TABLE outbox (
            id INTEGER PRIMARY KEY,
            kind TEXT NOT NULL,
            created_at TEXT NOT NULL,
            since TEXT,
            until TEXT,
            title TEXT NOT NULL,
            summary TEXT,
            payload TEXT NOT NULL,
            html_path TEXT
        )"""
    )
    db.execute("CREATE INDEX outbox_kind_until ON outbox(kind, until)")
    db.execute(
        """CREATE TABLE outbox_deliveries (
            id INTEGER PRIMARY KEY,
            message_id INTEGER NOT NULL REFERENCES outbox(id),
            channel TEXT NOT NULL,
            scheme TEXT,
            status TEXT NOT NULL DEFAULT 'pending',
            attempts INTEGER NOT NULL DEFAULT 0,
            last_error TEXT,
            last_attempt_at TEXT,
            sent_at TEXT,
            claimed_by INTEGER,
            UNIQUE (message_id, channel)
        )"""
    )
    db.execute("CREATE INDEX outbox_deliveries_channel ON outbox_deliveries(channel, status)")


@migration("0003_source_health")
def _source_health(db: sqlite_utils.Database) -> None:
    db.execute(
        """CREATE TABLE source_health (
            source TEXT PRIMARY KEY,
            state TEXT NOT NULL,
            reason TEXT,
            since TEXT NOT NULL,
            checked_at TEXT NOT NULL
        )"""
    )


@migration("0004_near_duplicates")
def _near_duplicates(db: sqlite_utils.Database) -> None:
    # The near-duplicate index: one MinHash signature per article and its LSH band keys. Keys lead the
    # primary key because a rebuild writes its band rows sorted by key.
    db.execute(
        """CREATE TABLE dedupe_entries (
            article_id INTEGER PRIMARY KEY REFERENCES articles(id),
            signature BLOB NOT NULL,
            text_length INTEGER NOT NULL
        )"""
    )
    db.execute(
        """CREATE TABLE dedupe_bands (
            band INTEGER NOT NULL,
            key INTEGER NOT NULL,
            article_id INTEGER NOT NULL,
            PRIMARY KEY (key, band, article_id)
        ) WITHOUT ROWID"""
    )
    db.execute("CREATE INDEX dedupe_bands_article ON dedupe_bands(article_id)")
    db.execute(
        """CREATE TABLE figure_conflicts (
            id INTEGER PRIMARY KEY,
            cluster_id INTEGER NOT NULL REFERENCES clusters(id),
            indicator TEXT NOT NULL,
            article_id INTEGER NOT NULL REFERENCES articles(id),
            value REAL,
            unit TEXT,
            text TEXT,
            other_article_id INTEGER NOT NULL REFERENCES articles(id),
            other_value REAL,
            other_unit TEXT,
            other_text TEXT,
            detected_at TEXT NOT NULL
        )"""
    )
    db.execute("CREATE INDEX figure_conflicts_cluster ON figure_conflicts(cluster_id)")
    db.execute("CREATE INDEX figure_conflicts_article ON figure_conflicts(article_id)")
    db.execute("CREATE INDEX figure_conflicts_other_article ON figure_conflicts(other_article_id)")
