"""Whether two articles are one story: the text they are compared on, pair verification, the canonical copy.

Reposts keep the story's text in order and add little of their own (a source line, a title prefix, a few
edited characters, one changed figure) or keep only part of it (a trimmed paragraph, the first third as a
summary). So a pair is a near-duplicate when the shorter text appears, in order, almost whole in the longer
one (the longest common subsequence, computed by rapidfuzz), unless their figures disagree wholesale,
which is what the next report of a series looks like.
"""
from __future__ import annotations

import math
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from typing import Iterable

import numpy as np
from rapidfuzz.distance import LCSseq

from store.textnorm import TABLE_END, codepoints, fold_width, from_codepoints


@dataclass(frozen=True)
class DedupeThresholds:
    """When two articles count as one story, and how much work the index does to find out."""

    min_containment: float = 0.9
    """Share of the shorter text that must appear, in order, in the longer one."""
    min_length_ratio: float = 0.2
    """The shorter text must be at least this share of the longer (a summary keeps about a third)."""
    min_chars: int = 50
    """Texts shorter than this (after normalisation) match only when identical."""
    max_changed_figures: int = 2
    """A copy may change this many of the shorter text's numbers, whatever share of them that is."""
    max_changed_share: float = 0.2
    """More changed numbers pass while under this share of them; beyond both it is another report of a series."""
    min_estimated_containment: float = 0.5
    """Candidates whose MinHash-estimated containment is lower are not verified at all."""
    max_verifications: int = 8
    """Most candidates compared character by character for one article, best estimate first (cheap
    turn-downs, such as figures that differ, are not counted)."""
    max_bucket: int = 256
    """Only this many most recent articles of one LSH bucket are candidates (a shared template fills a bucket)."""

    def __post_init__(self) -> None:
        for name in ("min_containment", "min_length_ratio", "max_changed_share", "min_estimated_containment"):
            if not 0.0 <= getattr(self, name) <= 1.0:
                raise ValueError(f"{name} must lie between 0 and 1")
        if self.min_chars < 1 or self.max_changed_figures < 0 or self.max_verifications < 1 or self.max_bucket < 1:
            raise ValueError("min_chars, max_verifications and max_bucket must be positive, max_changed_figures >= 0")


DEFAULT_THRESHOLDS = DedupeThresholds()

# A body shorter than this says too little: the title is compared along with it.
SHORT_BODY_CHARS = 50

_TITLE_PREFIX = re.compile(r"^\s*(?:[【\[〖〔][^】\]〗〕]{1,20}[】\]〗〕]\s*)+")
_FURNITURE_WORDS = (
    "来源|稿源|出处|编辑|责任编辑|责编|主编|编审|审核|审校|校对|初审|复审|终审|原标题|作者|撰稿|供稿|记者|通讯员|"
    "摄影|摄像|图片|发布时间|发布日期|发布者|发布|更新时间|转载自|转自|原文链接|原文|链接|点击数|浏览次数|阅读"
)
# After width folding every colon is ":" and every bracket is ASCII; 【】 survive folding.
_FURNITURE_LINE = re.compile(
    rf"^[(\[【]?\s*(?:本文|文章|信息|新闻|消息|内容)?(?:{_FURNITURE_WORDS})\s*[:|]|^[(\[【]?\s*原标题"
)
_FURNITURE_ANYWHERE = re.compile(rf"(?:{_FURNITURE_WORDS})\s*[:|]")
_FURNITURE_BRACKETED = re.compile(rf"[(\[【]\s*(?:本文|文章)?(?:{_FURNITURE_WORDS})\s*[:\s][^()\[\]【】\n]{{0,40}}[)\]】]")
_FURNITURE_LINE_MAX = 120
_SHORT_FURNITURE_LINE_MAX = 60
_FIGURE_CONTEXT = 2


@lru_cache(maxsize=1)
def _kept_table() -> np.ndarray:
    """Per code point: a letter, digit or mark (kept) rather than punctuation, symbol, space or control."""
    kept = np.ones(TABLE_END + 1, dtype=bool)
    for code in range(TABLE_END):
        kept[code] = unicodedata.category(chr(code))[0] in "LNM"
    return kept


def strip_title_prefix(title: str) -> str:
    """The title without its leading bracketed labels such as 【长沙招商】."""
    return _TITLE_PREFIX.sub("", title or "")


def strip_furniture(text: str) -> str:
    """Width-folded text without source/editor/original-title lines and bracketed (来源:…) notes."""
    kept = []
    for line in fold_width(text or "").splitlines():
        # Plain substring tests first: the patterns are alternations, slow to try at every position.
        if "(" in line or "[" in line or "【" in line:
            line = _FURNITURE_BRACKETED.sub("", line)
        stripped = line.strip()
        if len(stripped) <= _FURNITURE_LINE_MAX and _FURNITURE_LINE.match(stripped):
            continue
        short = len(stripped) <= _SHORT_FURNITURE_LINE_MAX
        if short and (":" in stripped or "|" in stripped) and _FURNITURE_ANYWHERE.search(stripped):
            continue
        kept.append(line)
    return "\n".join(kept)


def compact(text: str) -> str:
    """Letters, digits and marks only: punctuation, symbols and whitespace dropped (no width folding)."""
    codes = codepoints(text)
    return from_codepoints(codes[_kept_table()[np.minimum(codes, TABLE_END)]])


def matching_text(title: str, body: str) -> str:
    """The normalised text two articles are compared on: the body, with the title when the body is short."""
    text = compact(strip_furniture(body))
    if len(text) < SHORT_BODY_CHARS:
        text = compact(fold_width(strip_title_prefix(title))) + text
    return text


def figure_sequence(text: str) -> list[str]:
    """The numbers of a matching text in order, each with the two characters before it.

    The context ties a number to its sentence, "项目359" against "项目19": the next report of a series
    keeps the wording and changes the numbers, and a bare year or small count would too often recur.
    """
    codes = codepoints(text)
    digit = (codes >= 0x30) & (codes <= 0x39)  # fold_width has made every digit ASCII
    if not digit.any():
        return []
    edges = np.flatnonzero(np.diff(np.concatenate(([False], digit, [False])).astype(np.int8)))
    return [text[max(start - _FIGURE_CONTEXT, 0): end] for start, end in zip(edges[::2].tolist(), edges[1::2].tolist())]


@dataclass(frozen=True)
class PairVerdict:
    """The outcome of verifying one pair of matching texts."""

    duplicate: bool
    containment: float
    """Longest common subsequence over the shorter length (0 when the pair was turned down before it)."""
    similarity: float
    """Longest common subsequence over the mean length, as rapidfuzz's Indel similarity."""
    reason: str
    """identical | contained | empty | too short | lengths differ | figures differ | different text."""

    @property
    def compared_text(self) -> bool:
        """Whether the verdict took the character-by-character comparison (the costly step)."""
        return self.reason in ("contained", "different text")


def figures_differ(shorter: list[str], longer: list[str], thresholds: DedupeThresholds = DEFAULT_THRESHOLDS) -> bool:
    """True when the shorter text's numbers, in order, are missing from the longer one wholesale.

    A repost changes a figure or two; the next report of a series keeps the wording and changes them all.
    Comparing the sequences in order keeps a small number that merely recurs elsewhere from counting.
    """
    if not shorter:
        return False
    missing = len(shorter) - LCSseq.similarity(shorter, longer)
    return missing > thresholds.max_changed_figures and missing > thresholds.max_changed_share * len(shorter)


def verify_pair(
    text_a: str,
    text_b: str,
    thresholds: DedupeThresholds = DEFAULT_THRESHOLDS,
    figures_a: list[str] | None = None,
    figures_b: list[str] | None = None,
) -> PairVerdict:
    """Verify two matching texts (see matching_text); figures may be passed in when already counted."""
    if not text_a or not text_b:
        return PairVerdict(False, 0.0, 0.0, "empty")
    if text_a == text_b:
        return PairVerdict(True, 1.0, 1.0, "identical")
    if len(text_a) > len(text_b):
        text_a, text_b, figures_a, figures_b = text_b, text_a, figures_b, figures_a
    shorter, longer = len(text_a), len(text_b)
    if shorter < thresholds.min_chars:
        return PairVerdict(False, 0.0, 0.0, "too short")
    if shorter < thresholds.min_length_ratio * longer:
        return PairVerdict(False, 0.0, 0.0, "lengths differ")
    figures_a = figure_sequence(text_a) if figures_a is None else figures_a
    figures_b = figure_sequence(text_b) if figures_b is None else figures_b
    if figures_differ(figures_a, figures_b, thresholds):
        return PairVerdict(False, 0.0, 0.0, "figures differ")
    # With a cutoff rapidfuzz only explores a band around the diagonal and gives up early: 0 means below it.
    cutoff = math.ceil(thresholds.min_containment * shorter)
    common = LCSseq.similarity(text_a, text_b, score_cutoff=cutoff)
    similarity = 2.0 * common / (shorter + longer)
    if common < cutoff:
        return PairVerdict(False, common / shorter, similarity, "different text")
    return PairVerdict(True, common / shorter, similarity, "contained")


def is_near_duplicate(text_a: str, text_b: str, thresholds: DedupeThresholds = DEFAULT_THRESHOLDS) -> bool:
    """True when two matching texts are one story."""
    return verify_pair(text_a, text_b, thresholds).duplicate


@dataclass(frozen=True)
class ClusterMember:
    """What the canonical choice looks at for one article of a cluster."""

    article_id: int
    published: str | None
    length: int
    """Characters of the article's matching text: more is more complete."""


def canonical_member(members: Iterable[ClusterMember]) -> int:
    """The canonical article: earliest published (ISO 8601; unknown dates last), then longest, then lowest id."""
    best = min(members, key=lambda m: (m.published is None, m.published or "", -m.length, m.article_id), default=None)
    if best is None:
        raise ValueError("a cluster needs at least one member")
    return best.article_id
