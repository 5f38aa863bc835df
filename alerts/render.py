"""Render a change digest as JSON (the contract), chat-sized markdown, or a self-contained HTML page."""
from __future__ import annotations

import datetime as dt
import json
from collections import Counter
from functools import lru_cache
from pathlib import Path
from typing import Any, Callable
from urllib.parse import quote, urlsplit

from jinja2 import Environment, FileSystemLoader
from markupsafe import Markup

from alerts import textdiff

TITLE = "zhaoshang-watch digest"
NOTHING_NEW = "Nothing new"
ITEM_SECTIONS = ("changed", "conflicts", "new", "removed")
# Field order of the JSON contract; fields not listed here follow in the order they came.
FIELDS = {
    "digest": ("since", "generated_at", "new", "changed", "removed", "conflicts", "sources"),
    "new": ("article_id", "url", "title", "source", "published", "region", "duplicates"),
    "duplicates": ("url", "source"),
    "changed": ("article_id", "url", "title", "from_version", "to_version", "figure_changes", "diff"),
    "figure_changes": ("indicator", "old", "new", "old_value", "new_value", "old_unit", "new_unit"),
    "removed": ("article_id", "url", "title", "source"),
    "conflicts": ("indicator", "articles"),
    "articles": ("article_id", "url", "source", "text"),
    "sources": ("name", "pages", "new", "changed", "errors", "alert"),
}
# Fields holding lists of records, per record kind (the record kind is the field name).
_LIST_FIELDS = {
    "digest": {"new", "changed", "removed", "conflicts", "sources"},
    "new": {"duplicates"},
    "changed": {"figure_changes"},
    "conflicts": {"articles"},
}
# Inputs for the md/html renderers only, never part of the JSON contract.
RENDER_ONLY_FIELDS = {"diff_segments"}
ITEM_DIFF_CHARS_MD = 600
ITEM_DIFF_CHARS_HTML = 4000


def normalize(digest: dict, *, keep_render_fields: bool = False) -> dict:
    """The digest in contract shape: every section present, fields in contract order."""
    return _ordered(digest or {}, "digest", keep_render_fields)


def _ordered(obj: dict, kind: str, keep_render_fields: bool) -> dict:
    out: dict[str, Any] = {}
    for key in FIELDS[kind]:
        value = obj.get(key)
        if key in _LIST_FIELDS.get(kind, ()):
            out[key] = [_ordered(v, key, keep_render_fields) if isinstance(v, dict) else v for v in (value or [])]
        else:
            out[key] = value
    for key, value in obj.items():
        if key not in out and (keep_render_fields or key not in RENDER_ONLY_FIELDS):
            out[key] = value
    return out


def _jsonable(value: Any) -> Any:
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


def headline(digest: dict) -> str:
    """"3 new · 1 changed · 0 removed", plus conflicts when there are any."""
    d = normalize(digest)
    parts = [f"{len(d['new'])} new", f"{len(d['changed'])} changed", f"{len(d['removed'])} removed"]
    if d["conflicts"]:
        count = len(d["conflicts"])
        parts.append(f"{count} conflict" + ("s" if count > 1 else ""))
    return " · ".join(parts)


def _number(value: Any) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return "" if value is None else str(value)


def figure_change_parts(change: dict) -> tuple[str, str, str]:
    """(indicator, old, new) as written; rebuilt from value and unit when the text is missing."""
    old = change.get("old") or _number(change.get("old_value")) + (change.get("old_unit") or "")
    new = change.get("new") or _number(change.get("new_value")) + (change.get("new_unit") or "")
    return str(change.get("indicator") or "?"), str(old or "—"), str(new or "—")


def figure_change_text(change: dict) -> str:
    """"地区生产总值增长: 7% → 6.5%"."""
    indicator, old, new = figure_change_parts(change)
    return f"{indicator}: {old} → {new}"


def safe_url(url: Any) -> str | None:
    """The URL when it is a web link (http/https), else None: no javascript: or data: links."""
    if not isinstance(url, str) or not url.strip():
        return None
    scheme = urlsplit(url.strip()).scheme.lower()
    return url.strip() if scheme in ("http", "https") else None


def _alerting_sources(d: dict) -> list[dict]:
    return [s for s in d["sources"] if s.get("alert") or (s.get("errors") or 0) > 0]


def _changed_first(items: list[dict]) -> list[dict]:
    """Items with figure changes before items with only text changes, otherwise in the given order."""
    return sorted(items, key=lambda item: not item.get("figure_changes"))


# ---------------------------------------------------------------- markdown

def _md_escape(text: Any) -> str:
    return textdiff.MARKDOWN_STYLE.escape(" ".join(str(text or "").split()))


def _md_link(title: Any, url: Any) -> str:
    label = _md_escape(title) or _md_escape(url) or "(untitled)"
    link = safe_url(url)
    if not link:
        return label
    return f"[{label}]({quote(link, safe=':/?#[]@!$&*+,;=%~-._')})"


def _md_diff(item: dict) -> list[str]:
    if item.get("diff_segments"):
        text = textdiff.format_changes(item["diff_segments"], textdiff.MARKDOWN_STYLE, ITEM_DIFF_CHARS_MD)
    else:
        plain = item.get("diff") or ""
        text = textdiff.restyle_plain_diff(_cut_lines(plain, ITEM_DIFF_CHARS_MD), textdiff.MARKDOWN_STYLE)
    return [line if line.startswith("- ") else "- " + line for line in text.splitlines() if line.strip()]


def _cut_lines(text: str, max_chars: int) -> str:
    """Whole lines up to max_chars, then one "…" line."""
    lines, used = [], 0
    for line in text.splitlines():
        if used + len(line) > max_chars:
            lines.append(textdiff.ELLIPSIS)
            break
        lines.append(line)
        used += len(line) + 1
    return "\n".join(lines)


def _md_changed(item: dict) -> str:
    versions = f" (v{item.get('from_version')} → v{item.get('to_version')})" if item.get("to_version") else ""
    lines = [f"**{_md_link(item.get('title'), item.get('url'))}**{versions}"]
    lines += [f"- **{_md_escape(figure_change_text(fc))}**" for fc in item.get("figure_changes") or []]
    lines += _md_diff(item)
    return "\n".join(lines)


def _md_conflict(item: dict) -> str:
    lines = [f"**{_md_escape(item.get('indicator'))}**"]
    for art in item.get("articles") or []:
        lines.append(f"- {_md_escape(art.get('text'))} · {_md_link(art.get('source') or art.get('url'), art.get('url'))}")
    return "\n".join(lines)


def _md_new(item: dict) -> str:
    bits = [_md_link(item.get("title"), item.get("url"))]
    bits += [_md_escape(item.get(k)) for k in ("source", "published", "region") if item.get(k)]
    copies = Counter(dup.get("source") or dup.get("url") for dup in item.get("duplicates") or [])
    if copies:
        bits.append("also on " + ", ".join(_md_escape(s) + (f" ×{n}" if n > 1 else "") for s, n in copies.items()))
    return "- " + " · ".join(bits)


def _md_removed(item: dict) -> str:
    bits = [_md_link(item.get("title"), item.get("url"))] + ([_md_escape(item["source"])] if item.get("source") else [])
    return "- " + " · ".join(bits)


def _md_source(item: dict) -> str:
    problems = [item["alert"]] if item.get("alert") else []
    if item.get("errors"):
        problems.append(f"{item['errors']} errors")
    return f"- {_md_escape(item.get('name'))}: {_md_escape(' · '.join(problems))}"


_MD_SECTIONS: tuple[tuple[str, str, Callable[[dict], str], str], ...] = (
    ("changed", "Changed", _md_changed, "\n\n"),
    ("conflicts", "Conflicting figures", _md_conflict, "\n\n"),
    ("new", "New", _md_new, "\n"),
    ("removed", "Removed", _md_removed, "\n"),
    ("sources", "Source alerts", _md_source, "\n"),
)


def _size(text: str) -> int:
    return len(text.encode("utf-8"))


def render_markdown(digest: dict, max_bytes: int = 18000) -> str:
    """Chat-sized markdown: headline counts, figure changes first, "… and N more" past max_bytes."""
    d = normalize(digest, keep_render_fields=True)
    sections = {
        "changed": _changed_first(d["changed"]),
        "conflicts": d["conflicts"],
        "new": d["new"],
        "removed": d["removed"],
        "sources": _alerting_sources(d),
    }
    head = f"### {TITLE}\n**{headline(d)}**"
    window = " · ".join(f"{k.replace('_', ' ')} {_md_escape(d[k])}" for k in ("since", "generated_at") if d[k])
    if window:
        head += "\n\n" + window
    if not any(sections[k] for k in ITEM_SECTIONS):
        head += f"\n\n{NOTHING_NEW}"
    out, used = [head], _size(head)
    remaining = sum(len(v) for v in sections.values())
    for key, label, render_item, gap in _MD_SECTIONS:
        items = sections[key]
        for index, item in enumerate(items):
            block = (f"\n\n#### {label} ({len(items)})\n\n" if index == 0 else gap) + render_item(item)
            more = f"\n\n{textdiff.ELLIPSIS} and {remaining - 1} more" if remaining > 1 else ""
            if used + _size(block) + _size(more) > max_bytes:
                return _fit("".join(out) + f"\n\n{textdiff.ELLIPSIS} and {remaining} more", max_bytes)
            out.append(block)
            used += _size(block)
            remaining -= 1
    return _fit("".join(out), max_bytes)


def _fit(text: str, max_bytes: int) -> str:
    """Text cut to max_bytes of UTF-8 at a character boundary (the last resort for tiny limits)."""
    data = text.encode("utf-8")
    if len(data) <= max_bytes:
        return text
    cut = data[: max(0, max_bytes - _size(textdiff.ELLIPSIS))].decode("utf-8", errors="ignore")
    return cut + textdiff.ELLIPSIS if max_bytes >= _size(textdiff.ELLIPSIS) else ""


# ---------------------------------------------------------------- html

@lru_cache(maxsize=1)
def _environment() -> Environment:
    env = Environment(
        loader=FileSystemLoader(Path(__file__).with_name("templates")),
        autoescape=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["safe_url"] = safe_url
    return env


def _html_diff(item: dict) -> Markup | None:
    if item.get("diff_segments"):
        return Markup(textdiff.format_changes(item["diff_segments"], textdiff.HTML_STYLE, ITEM_DIFF_CHARS_HTML))
    if item.get("diff"):
        return Markup(textdiff.restyle_plain_diff(_cut_lines(item["diff"], ITEM_DIFF_CHARS_HTML), textdiff.HTML_STYLE))
    return None


def render_html(digest: dict) -> str:
    """A self-contained HTML page (inline CSS, no scripts, no external resources), content escaped."""
    d = normalize(digest, keep_render_fields=True)
    changed = [
        dict(item, diff_html=_html_diff(item), figures=[figure_change_parts(fc) for fc in item["figure_changes"]])
        for item in _changed_first(d["changed"])
    ]
    context = {
        "title": TITLE,
        "headline": headline(d),
        "digest": d,
        "changed": changed,
        "nothing_new": not any(d[k] for k in ITEM_SECTIONS),
        "alerting": {s.get("name") for s in _alerting_sources(d)},
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
