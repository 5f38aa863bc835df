"""The digest in the shape of the contract (every section, fields in order), and what every rendering of it shows:
the headline counts, figure changes as written, safe links, and which sources to call out."""
from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

from alerts.diff_format import ELLIPSIS

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


def alerting_sources(d: dict) -> list[dict]:
    """The sources a reader should look at: those with an alert or errors."""
    return [s for s in d["sources"] if s.get("alert") or (s.get("errors") or 0) > 0]


def is_quiet(digest: dict) -> bool:
    """Nothing to tell: no new, changed, removed or conflicting items and no source to look at."""
    d = normalize(digest)
    return not any(d[section] for section in ITEM_SECTIONS) and not alerting_sources(d)


def changed_first(items: list[dict]) -> list[dict]:
    """Items with figure changes before items with only text changes, otherwise in the given order."""
    return sorted(items, key=lambda item: not item.get("figure_changes"))


def cut_lines(text: str, max_chars: int) -> str:
    """Whole lines up to max_chars, then one "…" line."""
    lines, used = [], 0
    for line in text.splitlines():
        if used + len(line) > max_chars:
            lines.append(ELLIPSIS)
            break
        lines.append(line)
        used += len(line) + 1
    return "\n".join(lines)
