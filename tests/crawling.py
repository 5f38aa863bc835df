"""Helpers for tests that run real crawls: a config for the local portal, and `zswatch crawl` in a child process."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from store.db import open_archive


def write_config(directory: Path, base_url: str, *, sources: str | None = None, crawl: str = "") -> Path:
    """A config for the portal's two listing sites (or the given `sources:` block) with fast crawl settings."""
    sources = sources or f"""
  - name: changsha-zs
    kind: listing
    start_urls: ["{base_url}/zsyz/index.html"]
    region: 长沙
  - name: county-gov
    kind: listing
    start_urls: ["{base_url}/gov/list.jsp"]
"""
    path = directory / "zswatch.yaml"
    path.write_text(
        f"db: archive.db\nsources:{sources}\ncrawl:\n  delay: 0\n  retries: 2\n  download_timeout: 5\n{crawl}",
        encoding="utf-8",
    )
    return path


def zswatch(config: Path, *args: str, timeout: float = 120) -> subprocess.CompletedProcess:
    """Run the zswatch command in a child process (the Twisted reactor runs once per process)."""
    return subprocess.run(
        [sys.executable, "-m", "pipeline", "-c", str(config), *args],
        capture_output=True,
        text=True,
        timeout=timeout,
    )


def crawl(config: Path, *sources: str) -> dict:
    """One `zswatch crawl --json`; fails the test with the child's stderr when it does not exit 0."""
    result = zswatch(config, "crawl", "--json", *sources)
    assert result.returncode == 0, result.stderr[-3000:]
    data = json.loads(result.stdout)
    data["log"] = result.stderr
    data["by_source"] = {row["source"]: row for row in data["sources"]}
    return data


def archive(config: Path):
    """The archive of a config written by write_config, opened."""
    return open_archive(config.parent / "archive.db", create=False)


def count(db, sql: str, params=()) -> int:
    """The single number a COUNT query returns."""
    return db.execute(sql, params).fetchone()[0]
