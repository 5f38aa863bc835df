"""Chinese full-text search on FTS5: every CJK character is a token, a query term is a phrase of them."""
from __future__ import annotations

import re
import unicodedata

import sqlite_utils

# CJK ideographs (with extension A and compatibility ideographs), kana and hangul: no spaces between words.
_CJK = re.compile(r"([\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff])")
_TERM = re.compile(r'"([^"]+)"|(\S+)')


def index_text(text: str) -> str:
    """The text as the index sees it: width folded, each CJK character a separate token."""
    return _CJK.sub(r" \1 ", unicodedata.normalize("NFKC", text or ""))


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
