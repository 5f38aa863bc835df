"""Turn page bytes into text: BOM, HTTP charset, <meta> charset, then detection when the labels lie."""
from __future__ import annotations

import codecs
import re
from typing import Any, Mapping

from charset_normalizer import from_bytes

_BOMS = (
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_CHARSET_PARAM = re.compile(r"""charset\s*=\s*["']?\s*([\w.:-]+)""", re.IGNORECASE)
_META_CHARSET = re.compile(
    rb"""<meta[^>]+charset\s*=\s*["']?\s*([\w.:-]+)""", re.IGNORECASE
)
# GB2312 and GBK are subsets of GB18030; decoding with the superset never loses characters.
_SUPERSETS = {"gb2312": "gb18030", "gbk": "gb18030", "ascii": "utf-8", "iso8859-1": "cp1252"}
_WESTERN = {"cp1252", "iso8859-1", "latin-1", "iso8859-15"}
_HIGH_BYTE = re.compile(rb"[\x80-\xff]")
_HEAD_BYTES = 16384
_DETECT_BYTES = 64 * 1024


def content_type(headers: Mapping[str, Any] | None) -> str | None:
    """The Content-Type header from a plain dict or Scrapy ``Headers`` (bytes, lists), as str."""
    if not headers:
        return None
    for key, value in headers.items():
        name = key.decode("latin-1") if isinstance(key, bytes) else str(key)
        if name.lower() != "content-type":
            continue
        if isinstance(value, (list, tuple)):
            value = value[-1] if value else None
        if isinstance(value, bytes):
            value = value.decode("latin-1")
        return value
    return None


def canonical_codec(label: str | None) -> str | None:
    """Python's name for a charset label, widened to its superset; None when unknown."""
    if not label:
        return None
    try:
        name = codecs.lookup(label.strip().strip("\"'")).name
    except LookupError:
        return None
    return _SUPERSETS.get(name, name)


def declared_codecs(body: bytes, headers: Mapping[str, Any] | None = None) -> list[str]:
    """Charsets the response claims, most authoritative first (HTTP header, then <meta>)."""
    found: list[str] = []
    header = content_type(headers)
    if header:
        match = _CHARSET_PARAM.search(header)
        if match:
            found.append(match.group(1))
    found.extend(m.group(1).decode("ascii", "ignore") for m in _META_CHARSET.finditer(body[:_HEAD_BYTES]))
    codecs_ = [canonical_codec(label) for label in found]
    return list(dict.fromkeys(c for c in codecs_ if c))


def _strict(body: bytes, codec: str) -> str | None:
    try:
        return body.decode(codec)
    except (UnicodeDecodeError, LookupError):
        return None


def _detect(body: bytes) -> str | None:
    best = from_bytes(body[:_DETECT_BYTES]).best()
    return canonical_codec(best.encoding) if best else None


def decode_html(body: bytes, headers: Mapping[str, Any] | None = None) -> tuple[str, str]:
    """Decode a page; returns (text, codec actually used). Never raises on bad bytes."""
    for bom, codec in _BOMS:
        if body.startswith(bom):
            return body[len(bom):].decode(codec, "replace"), codec
    declared = declared_codecs(body, headers)
    # Pages saved from a browser keep their GB2312 label but are UTF-8; valid UTF-8 with
    # multibyte sequences is practically never a legacy encoding, so it wins over the label.
    as_utf8 = _strict(body, "utf-8")
    if as_utf8 is not None and (not declared or not body.isascii()):
        return as_utf8, "utf-8"
    # Servers default to a Western single-byte label that decodes anything; distrust it.
    if any(c in _WESTERN for c in declared) and _strict(body, "gb18030") is not None:
        declared = [c for c in declared if c not in _WESTERN] or ["gb18030"]
    for codec in declared:
        text = _strict(body, codec)
        if text is not None:
            return text, codec
    # Nothing decodes cleanly. A few stray bytes keep a page in its codec; otherwise GB18030
    # (the likeliest legacy codec of a Chinese site), then the detector's guess.
    if _mostly_utf8(body):
        return body.decode("utf-8", "replace"), "utf-8"
    for codec in declared:
        if codec != "utf-8" and _few_errors(body, codec):
            return body.decode(codec, "replace"), codec
    if _strict(body, "gb18030") is not None:
        return body.decode("gb18030"), "gb18030"
    codec = _detect(body) or "gb18030"
    return body.decode(codec, "replace"), codec


def _few_errors(body: bytes, codec: str) -> bool:
    """True when decoding a sample with ``codec`` replaces at most 5% of its non-ASCII characters (or two)."""
    sample = body[:_DETECT_BYTES].decode(codec, "replace")
    non_ascii = sum(1 for ch in sample if ord(ch) > 127)
    return sample.count("\ufffd") <= max(2, 0.05 * non_ascii)


def _mostly_utf8(body: bytes) -> bool:
    """True when under 10% of the non-ASCII bytes are invalid as UTF-8 (legacy CJK bytes fail far more)."""
    sample = body[:_DETECT_BYTES]
    non_ascii = len(_HIGH_BYTE.findall(sample)) or 1
    errors = sample.decode("utf-8", "replace").count("\ufffd")
    return errors / non_ascii < 0.1
