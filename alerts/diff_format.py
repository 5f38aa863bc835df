"""Diffs as lines people read: plain text, markdown or HTML, capped at a number of visible characters.

Changes come from alerts/textdiff.py; long unchanged stretches are cut to some context around each edit.
"""
from __future__ import annotations

import html
import re
import sys
from dataclasses import dataclass
from typing import Callable, Iterable, Sequence

from alerts.textdiff import Segment, SentenceChange, sentence_diff

CONTEXT_CHARS = 30
ELLIPSIS = "…"
# A cut sentence is only shown when at least this many of its characters fit.
_MIN_PARTIAL = 10


def trim_context(segments: Sequence[Segment], context: int = CONTEXT_CHARS) -> list[Segment]:
    """Long unchanged stretches shortened to `context` characters on each side of an edit."""
    out = []
    last = len(segments) - 1
    for k, seg in enumerate(segments):
        text = seg.text
        if seg.op == "equal" and len(text) > context:
            if k == 0 and k != last:
                text = ELLIPSIS + text[-context:]
            elif k == last and k != 0:
                text = text[:context] + ELLIPSIS
            elif 0 < k < last and len(text) > 2 * context + 1:
                text = text[:context] + ELLIPSIS + text[-context:]
        out.append(Segment(seg.op, text))
    return out


@dataclass(frozen=True)
class Style:
    """How one output format marks edits and lines."""

    delete: tuple[str, str]
    insert: tuple[str, str]
    prefixes: dict
    line: tuple[str, str]
    escape: Callable[[str], str]
    joiner: str
    marks_visible: bool = True
    mark_whole_lines: bool = True


_MD_SPECIAL = re.compile(r"([\\`*_~\[\]<>])")

TEXT_STYLE = Style(("[-", "-]"), ("{+", "+}"), {"changed": "~ ", "removed": "- ", "added": "+ "},
                    ("", ""), lambda s: s, "\n", mark_whole_lines=False)
MARKDOWN_STYLE = Style(("~~", "~~"), ("**", "**"), {"changed": "- ", "removed": "- ", "added": "- "},
                        ("", ""), lambda s: _MD_SPECIAL.sub(r"\\\1", s), "\n")
_DEL_CSS = "background:#ffe3e3;color:#a11;text-decoration:line-through"
_INS_CSS = "background:#dcf5dc;color:#075e07;text-decoration:none;font-weight:bold"
HTML_STYLE = Style((f'<del style="{_DEL_CSS}">', "</del>"), (f'<ins style="{_INS_CSS}">', "</ins>"),
                    {"changed": "", "removed": "", "added": ""},
                    ('<p class="diff-line" style="margin:0 0 .4em 0">', "</p>"), html.escape, "\n", marks_visible=False)


def format_changes(changes: Iterable[SentenceChange | dict], style: Style = TEXT_STYLE,
                   max_chars: int = 2000, context: int = CONTEXT_CHARS) -> str:
    """Changes as lines in a style, at most `max_chars` visible characters, cut with "…" and a count."""
    items = [c if isinstance(c, SentenceChange) else SentenceChange.from_dict(c) for c in changes]
    lines: list[str] = []
    used = 0
    for k, change in enumerate(items):
        segments = trim_context(change.segments, context) if change.kind == "changed" else change.segments
        unshown = len(items) - k
        reserve = len(_more(unshown)) + 1 if unshown > 1 else 0
        line, size, complete = _format_line(change.kind, segments, style, max_chars - used - reserve)
        if complete:
            lines.append(line)
            used += size + 1
            continue
        if size - len(style.prefixes[change.kind]) >= _MIN_PARTIAL:
            lines.append(line)
            used += size + 1
            unshown -= 1
        if unshown and used + len(_more(unshown)) <= max_chars:
            lines.append(style.line[0] + style.escape(_more(unshown)) + style.line[1])
        break
    return style.joiner.join(lines)


def _more(count: int) -> str:
    return f"{ELLIPSIS} (+{count} more)"


def _format_line(kind: str, segments: Sequence[Segment], style: Style, budget: int) -> tuple[str, int, bool]:
    """One change as a line within `budget` visible characters: (markup, visible size, complete?)."""
    prefix = style.prefixes[kind]
    pieces, size = [style.line[0] + prefix], len(prefix)
    for seg in segments:
        marks = {"delete": style.delete, "insert": style.insert}.get(seg.op, ("", ""))
        if kind != "changed" and not style.mark_whole_lines:
            marks = ("", "")  # the line prefix already says it
        mark_cost = len(marks[0]) + len(marks[1]) if style.marks_visible else 0
        if size + len(seg.text) + mark_cost > budget:
            room = budget - size - mark_cost - len(ELLIPSIS)
            if room > 0:
                pieces.append(marks[0] + style.escape(seg.text[:room]) + marks[1])
                size += room + mark_cost
            pieces.append(style.escape(ELLIPSIS) + style.line[1])
            return "".join(pieces), size + len(ELLIPSIS), False
        pieces.append(marks[0] + style.escape(seg.text) + marks[1])
        size += len(seg.text) + mark_cost
    pieces.append(style.line[1])
    return "".join(pieces), size, True


def diff_text(old: str, new: str, max_chars: int = 2000) -> str:
    """Plain-text diff: "~ …总投资[-120-]{+150+}亿元", "- removed sentence", "+ added sentence"."""
    return format_changes(sentence_diff(old, new), TEXT_STYLE, max_chars)


def diff_markdown(old: str, new: str, max_chars: int = 2000) -> str:
    """Markdown list of changed sentences: ~~old~~ then **new** inline."""
    return format_changes(sentence_diff(old, new), MARKDOWN_STYLE, max_chars)


def diff_html(old: str, new: str, max_chars: int = 4000) -> str:
    """HTML paragraphs with <del>/<ins> (inline styles, content escaped)."""
    return format_changes(sentence_diff(old, new), HTML_STYLE, max_chars)


_INLINE_MARK = re.compile(r"\[-(.*?)-\]|\{\+(.*?)\+\}")
_PLAIN_KINDS = {"~ ": "changed", "- ": "removed", "+ ": "added"}


def restyle_plain_diff(diff: str, style: Style) -> str:
    """A diff_text() result in another style, for digests that carry only the plain "diff" string."""
    lines = []
    for line in (diff or "").splitlines():
        kind = _PLAIN_KINDS.get(line[:2])
        if kind is None:
            lines.append(style.line[0] + style.escape(line) + style.line[1])
            continue
        body = line[2:]
        if kind == "changed":
            segments = _parse_inline_marks(body)
        else:
            segments = [Segment("delete" if kind == "removed" else "insert", body)]
        lines.append(_format_line(kind, segments, style, budget=sys.maxsize)[0])
    return style.joiner.join(lines)


def _parse_inline_marks(text: str) -> list[Segment]:
    """Segments of a plain-text changed line: "[-old-]" deleted, "{+new+}" inserted, the rest equal."""
    segments, pos = [], 0
    for match in _INLINE_MARK.finditer(text):
        if match.start() > pos:
            segments.append(Segment("equal", text[pos:match.start()]))
        if match.group(1) is not None:
            segments.append(Segment("delete", match.group(1)))
        else:
            segments.append(Segment("insert", match.group(2)))
        pos = match.end()
    if pos < len(text):
        segments.append(Segment("equal", text[pos:]))
    return segments
