"""A crawl killed with SIGKILL leaves the archive consistent, and the next crawl finishes the job."""
from __future__ import annotations

import signal
import subprocess
import sys
import time

from crawling import archive, count, crawl, write_config

from pipeline.demo.server import zs_path
from store.db import integrity_ok


def assert_consistent(db):
    assert integrity_ok(db)
    assert count(db, "SELECT COUNT(*) FROM articles WHERE current_version_id IS NULL") == 0
    assert count(
        db, "SELECT COUNT(*) FROM articles a WHERE versions_count != (SELECT COUNT(*) FROM versions v WHERE v.article_id = a.id)"
    ) == 0
    assert count(db, "SELECT COUNT(*) FROM versions WHERE article_id NOT IN (SELECT id FROM articles)") == 0
    assert count(db, "SELECT COUNT(*) FROM figures WHERE version_id NOT IN (SELECT id FROM versions)") == 0
    assert count(db, "SELECT COUNT(*) FROM pages WHERE version_id NOT IN (SELECT id FROM versions)") == 0
    assert count(db, "SELECT COUNT(*) FROM articles_fts") == count(db, "SELECT COUNT(*) FROM articles")
    assert count(db, "SELECT COUNT(*) FROM dedupe_entries") == count(db, "SELECT COUNT(*) FROM articles")
    assert count(db, "SELECT COUNT(*) FROM articles WHERE cluster_id NOT IN (SELECT id FROM clusters)") == 0
    assert db.execute("PRAGMA foreign_key_check").fetchall() == []


def test_sigkill_midway_then_next_crawl_completes(portal, tmp_path):
    for article in portal.state.zs[3:]:
        portal.state.slow[zs_path(article)] = 0.6
    config = write_config(tmp_path, portal.base_url, crawl="  concurrency: 1\n")
    child = subprocess.Popen(
        [sys.executable, "-m", "pipeline", "-c", str(config), "crawl"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    db_path = tmp_path / "archive.db"
    deadline = time.monotonic() + 60
    seen = 0
    while time.monotonic() < deadline and seen < 4:
        time.sleep(0.05)
        if db_path.exists():
            try:
                db = archive(config)
                seen = count(db, "SELECT COUNT(*) FROM articles")
                db.close()
            except Exception:
                seen = 0
    child.send_signal(signal.SIGKILL)
    child.wait(10)
    assert 4 <= seen < 16, "the crawl should have been killed partway through"

    db = archive(config)
    killed_with = count(db, "SELECT COUNT(*) FROM articles")
    assert killed_with < 16
    assert_consistent(db)
    assert db.execute("SELECT status FROM crawl_runs").fetchone()[0] == "running"

    portal.state.slow.clear()
    result = crawl(config)
    assert sum(row["new"] for row in result["sources"]) == 16 - killed_with
    assert count(db, "SELECT COUNT(*) FROM articles") == 16
    assert count(db, "SELECT COUNT(*) FROM versions") == 16
    assert_consistent(db)
    statuses = [row[0] for row in db.execute("SELECT status FROM crawl_runs ORDER BY id")]
    assert statuses == ["interrupted", "ok"]
