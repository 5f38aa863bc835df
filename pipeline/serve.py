"""`zswatch serve`: Datasette on the archive, read-only, with descriptions, canned queries, Chinese search
and the HTML digests.

This module is also a Datasette plugin: it adds the SQL functions `zh_match(term)` (an FTS5 MATCH expression
in which every CJK character is a token, as the index holds them) and `zh_snippet(text, term)`, and turns the
digest file names of the "digests" query into links.
"""
from __future__ import annotations

import copy
import sys
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

import yaml
from datasette import hookimpl
from datasette.app import Datasette
from datasette.plugins import pm
from markupsafe import Markup, escape

from alerts.outbox import DIGESTS_DIR
from store import fulltext

PLUGIN_NAME = "zswatch"
DIGEST_LINK_COLUMN = "digest_page"
# A MATCH expression that matches nothing: an empty search is not an FTS5 syntax error.
_MATCH_NOTHING = '""'


@lru_cache(maxsize=1)
def _metadata_template() -> dict[str, Any]:
    text = resources.files("pipeline").joinpath("data", "datasette.yaml").read_text(encoding="utf-8")
    return yaml.safe_load(text)


def database_name(db_path: Path) -> str:
    """The name Datasette gives the archive: its file name without the extension."""
    return Path(db_path).stem


def metadata(db_path: Path) -> dict[str, Any]:
    """Datasette metadata for the archive: title, table and column descriptions, canned queries."""
    template = copy.deepcopy(_metadata_template())
    database = {"tables": template.pop("tables"), "queries": template.pop("queries")}
    return {**template, "databases": {database_name(db_path): database}}


def zh_match(term: str | None) -> str:
    """The FTS5 MATCH expression for a search term in any language (Chinese of any length works)."""
    return fulltext.match_expression(term or "") or _MATCH_NOTHING


def zh_snippet(text: str | None, term: str | None) -> str:
    """A window of text around the first search term, the terms in 【】."""
    return fulltext.snippet(text or "", term or "")


@hookimpl
def prepare_connection(conn: Any) -> None:
    conn.create_function("zh_match", 1, zh_match, deterministic=True)
    conn.create_function("zh_snippet", 2, zh_snippet, deterministic=True)


@hookimpl
def render_cell(value: Any, column: str, datasette: Any) -> Markup | None:
    if column != DIGEST_LINK_COLUMN or not isinstance(value, str) or not value:
        return None
    href = datasette.urls.path(f"/{DIGESTS_DIR}/{value}")
    return Markup(f'<a href="{escape(href)}">{escape(value)}</a>')


def register_plugin() -> None:
    """Make this module's hooks known to Datasette (once per process)."""
    if pm.get_plugin(PLUGIN_NAME) is None:
        pm.register(sys.modules[__name__], name=PLUGIN_NAME)


def create_datasette(db_path: Path, digests: Path) -> Datasette:
    """Datasette on the archive: mutable, so that crawls may write while it serves (its connections are read-only)."""
    register_plugin()
    digests.mkdir(parents=True, exist_ok=True)
    return Datasette(
        [str(db_path)],
        metadata=metadata(db_path),
        static_mounts=[(DIGESTS_DIR, str(digests))],
        settings={"sql_time_limit_ms": 5000},
    )


def serve(db_path: Path, digests: Path, host: str = "127.0.0.1", port: int = 8001) -> None:
    """Serve until interrupted."""
    import asyncio

    import uvicorn

    datasette = create_datasette(db_path, digests)
    asyncio.run(datasette.invoke_startup())
    uvicorn.run(datasette.app(), host=host, port=port, log_level="warning", lifespan="on")
