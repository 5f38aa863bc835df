"""Text normalisation shared by versioning, near-duplicate matching and figure extraction."""
from __future__ import annotations

import hashlib
import re
import unicodedata

_WHITESPACE = re.compile(r"\s+")
# Zero-width and BOM characters survive NFKC and would make invisible differences count.
_INVISIBLE = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u00ad]")


def fold_width(text: str) -> str:
    """Full-width letters, digits and punctuation to half-width (NFKC), invisible characters removed."""
    return _INVISIBLE.sub("", unicodedata.normalize("NFKC", text))


def squeeze_whitespace(text: str) -> str:
    """Runs of whitespace to one space, ends stripped."""
    return _WHITESPACE.sub(" ", text).strip()


def comparable_text(text: str) -> str:
    """The form two texts are compared in: width folded, whitespace removed."""
    return _WHITESPACE.sub("", fold_width(text))


def content_hash(title: str, body: str) -> str:
    """Hash of the normalised title + body; equal hashes mean the same version."""
    key = comparable_text(title or "") + "\n" + comparable_text(body or "")
    return hashlib.sha256(key.encode("utf-8")).hexdigest()
