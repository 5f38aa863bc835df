"""Vocabulary of the labelled corpus: sentence and title templates from the real seed listing and real pages.

A template keeps the literal text and marks what a story redraws: numbers ("#…", months and days kept apart)
and the seed listing's place names ("@role").
"""
from __future__ import annotations

import json
import random
import re
from dataclasses import dataclass
from pathlib import Path

DEFAULT_CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus"

# Place names of the seed listing (all of it is about Changsha), and what each stands for.
_SEED_PLACES = {
    "湖南省": "province", "湖南": "province_short", "长沙市": "city", "长沙": "city_short",
    "天心区": "district", "雨花区": "district", "宁乡市": "district", "宁乡县": "district",
    "天心": "district_short", "雨花": "district_short", "宁乡": "district_short",
}
_TO_FULL = str.maketrans({",": "，", ":": "：", ";": "；", "(": "（", ")": "）", "!": "！", "?": "？"})
_SENTENCE_END = re.compile(r"(?<=[。！？])|\n")
_CLAUSE_END = re.compile(r"(?<=[，；])")
_PLACE_SPLIT = re.compile("(" + "|".join(sorted(_SEED_PLACES, key=len, reverse=True)) + ")")
_NUMBER_SPLIT = re.compile(r"(\d+(?:\.\d+)?)")


@dataclass(frozen=True)
class Vocabulary:
    """Sentence and title templates: tuples of literal text, numbers ("#…") and places ("@role")."""

    sentences: tuple[tuple[str, ...], ...]
    titles: tuple[tuple[str, ...], ...]
    filler: str
    """Characters to draw edits from."""


def _template(text: str) -> tuple[str, ...]:
    parts: list[str] = []
    for chunk in _PLACE_SPLIT.split(text):
        if chunk in _SEED_PLACES:
            parts.append("@" + _SEED_PLACES[chunk])
            continue
        pieces = _NUMBER_SPLIT.split(chunk)
        for i, piece in enumerate(pieces):
            if not piece:
                continue
            if i % 2 == 0:
                parts.append(piece)
                continue
            # The unit after a number says what may replace it: a month stays a month.
            unit = pieces[i + 1][:1] if i + 1 < len(pieces) else ""
            parts.append("#" + {"月": "m", "日": "d", "号": "d"}.get(unit, "") + piece)
    return tuple(parts)


def _seed_listing(path: Path) -> tuple[list[str], list[str]]:
    lines = path.read_text(encoding="utf-8").splitlines()
    titles, bodies = [], []
    for i, line in enumerate(lines[:-1]):
        if line.startswith("【") and "】" in line:
            titles.append(line.split("】", 1)[1])
            bodies.append(lines[i + 1])
    return titles, bodies


def load_vocabulary(corpus_dir: Path = DEFAULT_CORPUS, seed: int = 0, recombined: int = 30000) -> Vocabulary:
    """Templates from the seed listing and the real-page gold bodies and titles under corpus_dir."""
    titles, bodies = _seed_listing(corpus_dir / "seed-listing.txt")
    pages = corpus_dir / "real-pages"
    for line in (pages / "gold-bodies.jsonl").read_text(encoding="utf-8").splitlines():
        bodies.append(json.loads(line).get("body") or "")
    for line in (pages / "gold.jsonl").read_text(encoding="utf-8").splitlines():
        record = json.loads(line)
        if record.get("kind") == "article" and record.get("title"):
            titles.append(record["title"])
    sentences = []
    for body in bodies:
        # The seed listing has stray "?" where characters were lost.
        for sentence in _SENTENCE_END.split(body.replace("?", "").translate(_TO_FULL)):
            sentence = sentence.strip()
            if 12 <= len(sentence) <= 160:
                sentences.append(sentence if sentence[-1] in "。！？" else sentence + "。")
    rng = random.Random(seed)
    clauses = [[c for c in _CLAUSE_END.split(s) if c] for s in sentences]
    multi = [c for c in clauses if len(c) >= 2]
    mixed = set()
    while len(mixed) < recombined:
        head, tail = rng.choice(multi), rng.choice(multi)
        cut_head, cut_tail = rng.randrange(1, len(head)), rng.randrange(1, len(tail))
        mixed.add("".join(head[:cut_head]) + "".join(tail[cut_tail:]))
    pieces = [p for t in titles for p in re.split(r"[ ：:，]", t.translate(_TO_FULL)) if 4 <= len(p) <= 20]
    filler = "".join(sorted({ch for s in sentences for ch in s if "\u4e00" <= ch <= "\u9fff"}))
    return Vocabulary(
        sentences=tuple(_template(s) for s in sentences + sorted(mixed)),
        titles=tuple(_template(p) for p in pieces),
        filler=filler,
    )


def redraw(number: str, rng: random.Random) -> str:
    """Another number of the same shape: years stay years, months months, decimals keep their places."""
    if number[0] == "m":
        return str(rng.randint(1, 12))
    if number[0] == "d":
        return str(rng.randint(1, 28))
    if "." in number:
        whole, frac = number.split(".")
        return f"{rng.uniform(0.1, 10 ** min(len(whole), 4)):.{len(frac)}f}"
    value = int(number)
    if 1990 <= value <= 2030:
        return str(rng.randint(2015, 2025))
    return str(rng.randint(1, 10 ** min(len(number), 5) - 1))
