"""The shared corpus beside the repository (../shared/corpus), and the labelled corpus generator of the benchmarks."""
from __future__ import annotations

import importlib
import json
import re
import sys
from pathlib import Path
from types import ModuleType
from typing import Iterable

import pytest

REPOSITORY = Path(__file__).resolve().parents[1]
SHARED_CORPUS = REPOSITORY.parent / "shared" / "corpus"
REAL_PAGES = SHARED_CORPUS / "real-pages"
SEED_LISTING = SHARED_CORPUS / "seed-listing.txt"
BENCHMARKS = REPOSITORY / "benchmarks"


def require_corpus(path: Path = SHARED_CORPUS) -> Path:
    """The path in ../shared/corpus, or a skip that says why."""
    if not path.exists():
        pytest.skip(f"{path} is absent: the shared real-page corpus sits beside the repository (../shared/corpus)")
    return path


def read_jsonl(path: Path) -> list[dict]:
    """The records of a JSON-lines file of the corpus (skips when it is absent)."""
    text = require_corpus(path).read_text(encoding="utf-8")
    return [json.loads(line) for line in text.splitlines() if line.strip()]


def seed_listing_blocks() -> list[list[str]]:
    """The non-empty lines of each "【…】title" block of the seed listing: title, body, date (and any tail)."""
    blocks = []
    for block in require_corpus(SEED_LISTING).read_text(encoding="utf-8").split("\n-\n"):
        lines = [line for line in block.strip("-\n").split("\n") if line.strip()]
        if len(lines) >= 3 and lines[0].startswith("【"):
            blocks.append(lines)
    return blocks


def seed_bodies(count: int = 10, size: int = 1800) -> list[str]:
    """`count` unrelated bodies of about `size` characters in paragraphs, cut from the seed listing's long texts."""
    listing = require_corpus(SEED_LISTING).read_text(encoding="utf-8")
    text = "".join(line for line in listing.splitlines() if len(line) > 500)
    sentences = [s for s in re.split(r"(?<=。)", text) if len(s) > 10]
    out, current = [], []
    for sentence in sentences:
        current.append(sentence)
        if sum(map(len, current)) > size:
            out.append("\n".join("".join(current[i: i + 4]) for i in range(0, len(current), 4)))
            current = []
    return out[:count]


def load_corpus_generator() -> ModuleType:
    """benchmarks/dedupe_corpus.py, the generator of the labelled near-duplicate corpus."""
    if str(BENCHMARKS) not in sys.path:
        sys.path.insert(0, str(BENCHMARKS))  # the generator imports its sibling modules
    return importlib.import_module("dedupe_corpus")


def generated_articles(count: int, seed: int) -> tuple[ModuleType, list[dict]]:
    """The generator and `count` articles of its labelled corpus for a seed (skips without the shared corpus)."""
    require_corpus(SEED_LISTING)
    generator = load_corpus_generator()
    vocabulary = generator.load_vocabulary(SHARED_CORPUS, seed=seed)
    return generator, generator.generate(count, seed=seed, vocabulary=vocabulary)


def pairs_within(groups: Iterable[Iterable[int]]) -> set[tuple[int, int]]:
    """Every pair of ids (smaller first) that share a group."""
    found = set()
    for members in groups:
        ordered = sorted(members)
        found.update((a, b) for i, a in enumerate(ordered) for b in ordered[i + 1:])
    return found
