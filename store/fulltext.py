"""Chinese full-text search on FTS5: every CJK character is a token, a query term is a phrase of them."""
from __future__ import annotations

import re
import unicodedata

import sqlite_utils

from .textnorm import fold_width

# Kana, CJK ideographs (with extension A and compatibility ideographs) and hangul: no spaces between words,
# so each character becomes a token of its own. A translate table does it at C speed.
_CJK_RANGES = ((0x3040, 0x30FF), (0x3400, 0x4DBF), (0x4E00, 0x9FFF), (0xAC00, 0xD7AF), (0xF900, 0xFAFF))
_SPACED = {code: f" {chr(code)} " for low, high in _CJK_RANGES for code in range(low, high + 1)}
_TERM = re.compile(r'"([^"]+)"|(\S+)')


def index_text(text: str) -> str:
    """The text as the index sees it: width folded, each CJK character a separate token."""
    return fold_width(text or "").translate(_SPACED)


def match_expression(query: str) -> str:
    """An FTS5 MATCH expression: every whitespace-separated term (or "quoted phrase") must occur."""
    phrases = []
    for quoted, bare in _TERM.findall(query):
        tokens = [t for t in re.split(r"[\W_]+", index_text(quoted or bare)) if t]
        if tokens:
            phrases.append('"' + " ".join(tokens) + '"')
    return " AND ".join(phrases)


def index_article(db: sqlite_utils.Database, article_id: int, title: str, body: str) -> None:
    """Add an article's current text to the index."""
    db.execute(
        "INSERT INTO articles_fts (rowid, title, body) VALUES (?, ?, ?)",
        [article_id, index_text(title), index_text(body)],
    )


def unindex_article(db: sqlite_utils.Database, article_id: int, title: str, body: str) -> None:
    """Remove an article from the contentless index; title and body must be what was indexed."""
    db.execute(
        "INSERT INTO articles_fts (articles_fts, rowid, title, body) VALUES ('delete', ?, ?, ?)",
        [article_id, index_text(title), index_text(body)],
    )


def search_ids(db: sqlite_utils.Database, query: str, limit: int = 20, offset: int = 0) -> list[int]:
    """Article ids matching query, best first (bm25, title weighted above body)."""
    expression = match_expression(query)
    if not expression:
        return []
    rows = db.execute(
        "SELECT rowid FROM articles_fts WHERE articles_fts MATCH ? ORDER BY bm25(articles_fts, 5.0, 1.0) "
        "LIMIT ? OFFSET ?",
        [expression, limit, offset],
    )
    return [row[0] for row in rows]


def snippet(text: str, query: str, width: int = 60) -> str:
    """A window of text around the first query term, with the terms in 【】 brackets."""
    folded = unicodedata.normalize("NFKC", text)
    terms = [t for quoted, bare in _TERM.findall(query) for t in [unicodedata.normalize("NFKC", quoted or bare)]]
    positions = [folded.find(t) for t in terms if t and folded.find(t) >= 0]
    start = max(0, min(positions) - width // 3) if positions else 0
    window = folded[start : start + width]
    for term in sorted(set(terms), key=len, reverse=True):
        window = window.replace(term, f"【{term}】")
    return ("…" if start else "") + window.replace("\n", " ") + ("…" if start + width < len(folded) else "")
