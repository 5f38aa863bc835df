"""Shared fixtures: the real corpus from ../shared, a local portal on 127.0.0.1, and temporary archives."""
from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.demo.server import PortalServer, default_state

SHARED_CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus"
REAL_PAGES = SHARED_CORPUS / "real-pages"


def require_corpus(path: Path = SHARED_CORPUS) -> Path:
    """The path in ../shared/corpus, or a skip that says why."""
    if not path.exists():
        pytest.skip(f"{path} is absent: the shared real-page corpus sits beside the repository (../shared/corpus)")
    return path


@pytest.fixture
def portal():
    """The demo portal with its faults (soft-404, tracking links, a 503, a redirect, robots.txt) on 127.0.0.1."""
    with PortalServer(default_state(faults=True)) as server:
        yield server


@pytest.fixture
def archive_path(tmp_path: Path) -> Path:
    return tmp_path / "archive.db"
