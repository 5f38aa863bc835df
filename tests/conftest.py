"""Shared fixtures: a local portal on 127.0.0.1, temporary archives, and a day of the demo portal archived."""
from __future__ import annotations

from pathlib import Path

import pytest
from daily import Day, day_archive

from pipeline.demo.server import PortalServer, default_state
from store.db import open_archive


@pytest.fixture
def portal():
    """The demo portal with its faults (soft-404, tracking links, a 503, a redirect, robots.txt) on 127.0.0.1."""
    with PortalServer(default_state(faults=True)) as server:
        yield server


@pytest.fixture
def archive_path(tmp_path: Path) -> Path:
    """Where a test's own archive goes (not created yet)."""
    return tmp_path / "archive.db"


@pytest.fixture
def day(tmp_path_factory, tmp_path) -> Day:
    """A private copy of the day archive: two crawls of the demo portal with the demo's edits in between."""
    return day_archive(tmp_path_factory, tmp_path / "day")


@pytest.fixture
def day_db(day: Day):
    """The day archive, open."""
    database = open_archive(day.db, create=False)
    yield database
    database.close()
