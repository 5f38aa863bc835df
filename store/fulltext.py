"""Chinese full-text search on FTS5: every character is a token, a query term is a phrase of them.

Chinese has no spaces between words, so the index cannot know words; a term matches wherever its characters
stand in a row, for any length of term (长沙, 营商环境) and for Latin and digits alike (5G, 2025).
"""
from __future__ import annotations

import re
import unicodedata

import numpy as np
import sqlite_utils

from .textnorm import codepoints, fold_width, from_codepoints

_TERM = re.compile(r'"([^"]+)"|(\S+)')
_SPACE = np.uint32(ord(" "))


def index_text(text: str) -> str:
    """The text as the index sees it: width folded, a space after every character."""
    codes = codepoints(fold_width(text or ""))
    spaced = np.full(2 * len(codes), _SPACE, dtype=np.uint32)
    spaced[0::2] = codes
    return from_codepoints(spaced)


def match_expression(query: str) -> str:
    """An FTS5 MATCH expression: every whitespace-separated term (or "quoted phrase") must occur."""
    phrases = []
    for quoted, bare in _TERM.findall(query):
        tokens = [char for char in fold_width(quoted or bare) if char.isalnum()]
        if tokens:
            phrases.append('"' + " ".join(tokens) + '"')
    return " AND ".join(phrases)


class PendingIndex:
    """Index writes held back to the end of a batch: FTS5 flushes its pending terms at every savepoint,
    so writing them one article at a time among other statements costs a segment each."""

    def __init__(self) -> None:
        self.removals: list[tuple[int, str, str]] = []
        self.additions: list[tuple[int, str, str]] = []

    def mark(self) -> tuple[int, int]:
        return len(self.removals), len(self.additions)

    def rollback(self, mark: tuple[int, int]) -> None:
        """Forget what was held back since `mark` (its rows were rolled back)."""
        del self.removals[mark[0]:], self.additions[mark[1]:]

    def flush(self, db: sqlite_utils.Database) -> None:
        db.conn.executemany(
            "INSERT INTO articles_fts (articles_fts, rowid, title, body) VALUES ('delete', ?, ?, ?)",
            [(i, index_text(t), index_text(b)) for i, t, b in self.removals],
        )
        db.conn.executemany(
            "INSERT INTO articles_fts (rowid, title, body) VALUES (?, ?, ?)",
            [(i, index_text(t), index_text(b)) for i, t, b in self.additions],
        )
        self.removals.clear()
        self.additions.clear()


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
