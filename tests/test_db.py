import threading

import pytest

from store.db import ArchiveError, integrity_ok, open_archive, transaction
from store.migrations import MIGRATIONS, migrate


def test_open_creates_wal_archive_with_busy_timeout(archive_path):
    db = open_archive(archive_path)
    assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert db.execute("PRAGMA busy_timeout").fetchone()[0] == 30000
    assert {"articles", "versions", "figures", "figure_changes", "clusters", "crawl_runs"} <= set(db.table_names())
    assert integrity_ok(db)


def test_migrations_run_once(archive_path):
    open_archive(archive_path).close()
    db = open_archive(archive_path)
    assert migrate(db) == []
    names = [row[0] for row in db.execute("SELECT name FROM _migrations")]
    assert names == [name for name, _ in MIGRATIONS]


def test_transaction_rolls_back_every_row_on_error(archive_path):
    db = open_archive(archive_path)
    with pytest.raises(RuntimeError):
        with transaction(db):
            db.execute("INSERT INTO clusters (created_at, updated_at) VALUES ('t', 't')")
            db["clusters"].insert({"created_at": "u", "updated_at": "u"})
            raise RuntimeError("boom")
    assert db.execute("SELECT COUNT(*) FROM clusters").fetchone()[0] == 0
    with transaction(db):
        db.execute("INSERT INTO clusters (created_at, updated_at) VALUES ('t', 't')")
        db["clusters"].insert({"created_at": "u", "updated_at": "u"})
    assert db.execute("SELECT COUNT(*) FROM clusters").fetchone()[0] == 2


def test_missing_and_corrupt_archives_are_clear_errors(tmp_path):
    with pytest.raises(ArchiveError, match="no archive here yet"):
        open_archive(tmp_path / "none.db", create=False)
    corrupt = tmp_path / "corrupt.db"
    corrupt.write_bytes(b"this is not sqlite" * 200)
    with pytest.raises(ArchiveError, match="not a readable SQLite archive"):
        open_archive(corrupt)


def test_a_second_writer_waits_for_the_first(archive_path):
    open_archive(archive_path).close()
    locked = threading.Event()

    def hold_lock():
        first = open_archive(archive_path)
        with transaction(first):
            first.execute("INSERT INTO clusters (created_at, updated_at) VALUES ('a', 'a')")
            locked.set()
            threading.Event().wait(0.3)
        first.close()

    thread = threading.Thread(target=hold_lock)
    thread.start()
    locked.wait(5)
    second = open_archive(archive_path)
    with transaction(second):  # waits for the first writer instead of failing with "database is locked"
        second.execute("INSERT INTO clusters (created_at, updated_at) VALUES ('b', 'b')")
    thread.join()
    assert [row[0] for row in second.execute("SELECT created_at FROM clusters ORDER BY id")] == ["a", "b"]
