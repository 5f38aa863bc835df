"""Render a change digest as JSON (the contract), chat-sized markdown, or a self-contained HTML page."""
from __future__ import annotations

import datetime as dt
import json
from functools import lru_cache
from pathlib import Path
from typing import Any, Callable

from jinja2 import Environment, FileSystemLoader
from markupsafe import Markup

from alerts.diff_format import HTML_STYLE, format_changes, restyle_plain_diff
from alerts.digest_shape import (
    ITEM_SECTIONS,
    TITLE,
    alerting_sources,
    changed_first,
    cut_lines,
    figure_change_parts,
    headline,
    normalize,
    safe_url,
)
from alerts.markdown_digest import render_markdown

ITEM_DIFF_CHARS_HTML = 4000


def _jsonable(value: Any) -> Any:
    """Dates, sets, tuples and paths as JSON values; anything else is an error."""
    if isinstance(value, (dt.datetime, dt.date, dt.time)):
        return value.isoformat()
    if isinstance(value, (set, frozenset, tuple)):
        return list(value)
    if isinstance(value, Path):
        return str(value)
    raise TypeError(f"{type(value).__name__} is not JSON serializable")


def render_json(digest: dict) -> str:
    """The digest JSON of the contract: all sections present, stable key order, UTF-8 kept."""
    return json.dumps(normalize(digest), ensure_ascii=False, indent=2, default=_jsonable)


@lru_cache(maxsize=1)
def _environment() -> Environment:
    """The Jinja environment of the HTML template: autoescaped, with the safe_url filter."""
    env = Environment(
        loader=FileSystemLoader(Path(__file__).with_name("templates")),
        autoescape=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["safe_url"] = safe_url
    return env


def _html_diff(item: dict) -> Markup | None:
    """The item's diff as HTML, from its sentence changes when it has them, else from the plain diff."""
    if item.get("diff_segments"):
        return Markup(format_changes(item["diff_segments"], HTML_STYLE, ITEM_DIFF_CHARS_HTML))
    if item.get("diff"):
        return Markup(restyle_plain_diff(cut_lines(item["diff"], ITEM_DIFF_CHARS_HTML), HTML_STYLE))
    return None


def render_html(digest: dict) -> str:
    """A self-contained HTML page (inline CSS, no scripts, no external resources), content escaped."""
    d = normalize(digest, keep_render_fields=True)
    changed = [
        dict(item, diff_html=_html_diff(item), figures=[figure_change_parts(fc) for fc in item["figure_changes"]])
        for item in changed_first(d["changed"])
    ]
    context = {
        "title": TITLE,
        "headline": headline(d),
        "digest": d,
        "changed": changed,
        "nothing_new": not any(d[k] for k in ITEM_SECTIONS),
        "alerting": {s.get("name") for s in alerting_sources(d)},
    }
    return _environment().get_template("digest.html").render(context)


RENDERERS: dict[str, Callable[[dict], str]] = {
    "json": render_json,
    "md": render_markdown,
    "markdown": render_markdown,
    "html": render_html,
}


def render(digest: dict, fmt: str) -> str:
    """The digest in one format: "json", "md" or "html"."""
    try:
        renderer = RENDERERS[fmt.lower()]
    except (KeyError, AttributeError):
        raise ValueError(f"unknown digest format {fmt!r}: use json, md or html") from None
    return renderer(digest)
