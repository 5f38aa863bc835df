"""Diffs of Chinese texts: the changed sentences, with the character-level changes inside each.

Chinese has no spaces between words, so the unit of comparison is the sentence (split on 。！？；
and line breaks), then numbers, Latin words and single characters inside a changed sentence.
Texts are compared in their width-folded form, so full-/half-width and whitespace changes are not
shown, while what is displayed is the original text. alerts/diff_format.py turns the changes into lines.
"""
from __future__ import annotations

import dataclasses
import difflib
import re
from collections import Counter
from dataclasses import dataclass
from typing import Sequence

from rapidfuzz import fuzz, process

from store.textnorm import comparable_text, fold_width

# A sentence ends at these marks (and any closing quotes/brackets after them) or at a line break.
_SENTENCE_END = re.compile(r"([。！？；!?;]+(?:\s*[”’」』）)\]】]|[\"'])*|\n+)")
# One comparison unit: a number, a Latin word or one other character, with trailing whitespace.
_TOKEN = re.compile(r"(?:[0-9０-９]+(?:[.．][0-9０-９]+)*|[A-Za-zＡ-Ｚａ-ｚ]+|\S)(\s*)")
# Sentences this similar (0-1) are shown as one edited sentence, else as a removal and an addition.
PAIR_THRESHOLD = 0.5
# Above this many sentence pairs in one rewritten block, the exact pairing gives way to a windowed one.
_MAX_PAIRING_CELLS = 40_000
_PAIRING_WINDOW = 20


@dataclass(frozen=True)
class Segment:
    """A run of text that is the same in both versions, or only in the old or the new one."""

    op: str  # "equal" | "delete" | "insert"
    text: str


@dataclass(frozen=True)
class SentenceChange:
    """One changed, added or removed sentence, with its character-level segments."""

    kind: str  # "changed" | "added" | "removed"
    old: str
    new: str
    segments: tuple[Segment, ...]
    old_index: int | None = None
    new_index: int | None = None

    def to_dict(self) -> dict:
        """Plain JSON-ready form (the "diff_segments" items of a digest)."""
        return dataclasses.asdict(self) | {"segments": [dataclasses.asdict(s) for s in self.segments]}

    @classmethod
    def from_dict(cls, data: dict) -> "SentenceChange":
        """Inverse of to_dict."""
        return cls(
            kind=data["kind"],
            old=data.get("old", ""),
            new=data.get("new", ""),
            segments=tuple(Segment(s["op"], s["text"]) for s in data.get("segments", ())),
            old_index=data.get("old_index"),
            new_index=data.get("new_index"),
        )


def split_sentences(text: str) -> list[str]:
    """Sentences of a text, each with its end mark, whitespace-only pieces dropped."""
    parts = _SENTENCE_END.split(text or "")
    sentences: list[str] = []
    for i in range(0, len(parts), 2):
        end = parts[i + 1] if i + 1 < len(parts) else ""
        sentence = (parts[i] + ("" if end.startswith("\n") else end)).strip()
        if not comparable_text(sentence):
            continue
        if sentences and not any(ch.isalnum() for ch in sentence):
            # A stray closing quote or mark (e.g. after a space) belongs to the sentence before it.
            sentences[-1] += sentence
        else:
            sentences.append(sentence)
    return sentences


def sentence_diff(old: str, new: str) -> list[SentenceChange]:
    """The changed, added and removed sentences between two versions, in reading order."""
    old_sentences, new_sentences = split_sentences(old), split_sentences(new)
    old_keys = [comparable_text(s) for s in old_sentences]
    new_keys = [comparable_text(s) for s in new_sentences]
    matcher = difflib.SequenceMatcher(None, old_keys, new_keys, autojunk=False)
    changes: list[SentenceChange] = []
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            continue
        pairs = _pair_sentences(old_keys[i1:i2], new_keys[j1:j2])
        changes.extend(_block_changes(old_sentences, new_sentences, i1, i2, j1, j2, pairs))
    return _drop_moves(changes)


def _drop_moves(changes: list[SentenceChange]) -> list[SentenceChange]:
    """A sentence removed in one place and added unchanged in another has only moved: not a change."""
    removed = Counter(comparable_text(c.old) for c in changes if c.kind == "removed")
    added = Counter(comparable_text(c.new) for c in changes if c.kind == "added")
    moved = removed & added
    if not moved:
        return changes
    to_skip = {"removed": Counter(moved), "added": Counter(moved)}
    kept = []
    for change in changes:
        if change.kind in to_skip:
            key = comparable_text(change.old if change.kind == "removed" else change.new)
            if to_skip[change.kind][key] > 0:
                to_skip[change.kind][key] -= 1
                continue
        kept.append(change)
    return kept


def _pair_sentences(old_keys: Sequence[str], new_keys: Sequence[str]) -> list[tuple[int, int]]:
    """Order-keeping pairs (i, j) of similar sentences that maximise the total similarity."""
    n, m = len(old_keys), len(new_keys)
    cutoff = PAIR_THRESHOLD * 100
    if not n or not m:
        return []
    if n * m > _MAX_PAIRING_CELLS:
        return _pair_in_window(old_keys, new_keys, cutoff)
    sim = process.cdist(old_keys, new_keys, scorer=fuzz.ratio, score_cutoff=cutoff)
    best = [[0.0] * (m + 1) for _ in range(n + 1)]
    for i in range(1, n + 1):
        row, prev = best[i], best[i - 1]
        for j in range(1, m + 1):
            score = sim[i - 1][j - 1]
            diagonal = prev[j - 1] + score if score >= cutoff else -1.0
            row[j] = max(prev[j], row[j - 1], diagonal)
    pairs = []
    i, j = n, m
    while i and j:
        score = sim[i - 1][j - 1]
        if score >= cutoff and best[i][j] == best[i - 1][j - 1] + score:
            pairs.append((i - 1, j - 1))
            i, j = i - 1, j - 1
        elif best[i][j] == best[i - 1][j]:
            i -= 1
        else:
            j -= 1
    return pairs[::-1]


def _pair_in_window(old_keys: Sequence[str], new_keys: Sequence[str], cutoff: float) -> list[tuple[int, int]]:
    """Each old sentence paired with the most similar of the next few unpaired new ones."""
    pairs, start = [], 0
    for i, key in enumerate(old_keys):
        hit = process.extractOne(key, new_keys[start:start + _PAIRING_WINDOW], scorer=fuzz.ratio, score_cutoff=cutoff)
        if hit is not None:
            pairs.append((i, start + hit[2]))
            start += hit[2] + 1
    return pairs


def _block_changes(old_s, new_s, i1, i2, j1, j2, pairs) -> list[SentenceChange]:
    """Changes of one rewritten block: removals and additions around the paired sentences."""
    changes: list[SentenceChange] = []
    i, j = i1, j1
    for pi, pj in [(i1 + a, j1 + b) for a, b in pairs] + [(i2, j2)]:
        changes.extend(_removed(old_s[k], k) for k in range(i, pi))
        changes.extend(_added(new_s[k], k) for k in range(j, pj))
        if pi < i2:
            changes.append(_changed(old_s[pi], new_s[pj], pi, pj))
        i, j = pi + 1, pj + 1
    return changes


def _removed(sentence: str, index: int) -> SentenceChange:
    return SentenceChange("removed", sentence, "", (Segment("delete", sentence),), index, None)


def _added(sentence: str, index: int) -> SentenceChange:
    return SentenceChange("added", "", sentence, (Segment("insert", sentence),), None, index)


def _changed(old: str, new: str, old_index: int, new_index: int) -> SentenceChange:
    return SentenceChange("changed", old, new, tuple(char_diff(old, new)), old_index, new_index)


def _tokens(sentence: str) -> tuple[list[str], list[str]]:
    """Display texts (inner whitespace squeezed to one space) and comparison keys of the units."""
    shown, keys = [], []
    for match in _TOKEN.finditer(sentence):
        core = match.group(0)[: len(match.group(0)) - len(match.group(1))]
        shown.append(core + (" " if match.group(1) else ""))
        keys.append(fold_width(core))
    return shown, keys


def char_diff(old: str, new: str) -> list[Segment]:
    """Segments turning one sentence into the other; numbers change as a whole, never digit by digit."""
    old_shown, old_keys = _tokens(old)
    new_shown, new_keys = _tokens(new)
    matcher = difflib.SequenceMatcher(None, old_keys, new_keys, autojunk=False)
    raw: list[tuple[str, str, str]] = []  # (op, old text, new text)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        raw.append((op, "".join(old_shown[i1:i2]), "".join(new_shown[j1:j2])))
    return _merge_segments(_absorb_islands(raw))


def _absorb_islands(raw: list[tuple[str, str, str]]) -> list[tuple[str, str, str]]:
    """A one-character match between two edits is shown as part of the edit: easier to read."""
    out = list(raw)
    for k in range(1, len(out) - 1):
        op, old_text, new_text = out[k]
        if op == "equal" and len(comparable_text(new_text)) <= 1 and out[k - 1][0] != "equal" and out[k + 1][0] != "equal":
            out[k] = ("replace", old_text, new_text)
    return out


def _merge_segments(raw: list[tuple[str, str, str]]) -> list[Segment]:
    """Runs of edits become one deletion followed by one insertion."""
    segments: list[Segment] = []
    deleted, inserted = [], []

    def flush() -> None:
        if deleted:
            segments.append(Segment("delete", "".join(deleted)))
        if inserted:
            segments.append(Segment("insert", "".join(inserted)))
        deleted.clear()
        inserted.clear()

    for op, old_text, new_text in raw:
        if op == "equal":
            flush()
            segments.append(Segment("equal", new_text))
        else:
            if old_text:
                deleted.append(old_text)
            if new_text:
                inserted.append(new_text)
    flush()
    return [s for s in segments if s.text]
