"""The digest as chat-sized markdown: headline counts, figure changes first, cut to a byte budget."""
from __future__ import annotations

from collections import Counter
from typing import Any, Callable
from urllib.parse import quote

from alerts.diff_format import ELLIPSIS, MARKDOWN_STYLE, format_changes, restyle_plain_diff
from alerts.digest_shape import (
    ITEM_SECTIONS,
    NOTHING_NEW,
    TITLE,
    alerting_sources,
    changed_first,
    cut_lines,
    figure_change_text,
    headline,
    normalize,
    safe_url,
)

ITEM_DIFF_CHARS_MD = 600


def _md_escape(text: Any) -> str:
    """Text on one line with markdown's special characters escaped."""
    return MARKDOWN_STYLE.escape(" ".join(str(text or "").split()))


def _md_link(title: Any, url: Any) -> str:
    """A markdown link when the URL is a web link, else the escaped label alone."""
    label = _md_escape(title) or _md_escape(url) or "(untitled)"
    link = safe_url(url)
    if not link:
        return label
    return f"[{label}]({quote(link, safe=':/?#[]@!$&*+,;=%~-._')})"


def _md_diff(item: dict) -> list[str]:
    """The item's diff as markdown list lines, from its sentence changes or its plain diff."""
    if item.get("diff_segments"):
        text = format_changes(item["diff_segments"], MARKDOWN_STYLE, ITEM_DIFF_CHARS_MD)
    else:
        plain = item.get("diff") or ""
        text = restyle_plain_diff(cut_lines(plain, ITEM_DIFF_CHARS_MD), MARKDOWN_STYLE)
    return [line if line.startswith("- ") else "- " + line for line in text.splitlines() if line.strip()]


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
        "changed": changed_first(d["changed"]),
        "conflicts": d["conflicts"],
        "new": d["new"],
        "removed": d["removed"],
        "sources": alerting_sources(d),
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
            more = f"\n\n{ELLIPSIS} and {remaining - 1} more" if remaining > 1 else ""
            if used + _size(block) + _size(more) > max_bytes:
                return _fit("".join(out) + f"\n\n{ELLIPSIS} and {remaining} more", max_bytes)
            out.append(block)
            used += _size(block)
            remaining -= 1
    return _fit("".join(out), max_bytes)


def _fit(text: str, max_bytes: int) -> str:
    """Text cut to max_bytes of UTF-8 at a character boundary (the last resort for tiny limits)."""
    data = text.encode("utf-8")
    if len(data) <= max_bytes:
        return text
    cut = data[: max(0, max_bytes - _size(ELLIPSIS))].decode("utf-8", errors="ignore")
    return cut + ELLIPSIS if max_bytes >= _size(ELLIPSIS) else ""
