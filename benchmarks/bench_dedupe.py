"""Near-duplicate detection: quality, rebuild throughput and growth, check latency, memory, naive baseline.

Prints pairwise precision / recall / F1 against the generated truth; rebuild throughput (articles/s) at each
size with the growth of the per-article cost; the median time to check one new article against the
largest index; peak memory; and the naive all-pairs rapidfuzz clustering at the largest size it finishes
within the budget, with the ratio against the index at that size (both run here, in this process).

    python benchmarks/bench_dedupe.py            # 10k, 20k, 50k, 100k articles (about ten minutes)
    python benchmarks/bench_dedupe.py --quick    # a small run
"""
from __future__ import annotations

import argparse
import gc
import json
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path
from typing import Iterator

import numpy as np
from rapidfuzz import process
from rapidfuzz.distance import LCSseq

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

import dedupe_corpus  # noqa: E402

from pipeline.dedupe_index import ArticleText, DedupeIndex  # noqa: E402
from pipeline.near_duplicates import DEFAULT_THRESHOLDS, matching_text  # noqa: E402


def read_articles(path: Path, count: int) -> Iterator[dict]:
    """The first count articles of a corpus JSONL file, numbered from 1 in file order."""
    with path.open(encoding="utf-8") as lines:
        for number, line in enumerate(lines, 1):
            if number > count:
                return
            yield {"id": number, **json.loads(line)}


def as_text(article: dict) -> ArticleText:
    """A corpus article as the index takes it."""
    return ArticleText(article["id"], article["title"], article["body"], article["published"])


def pairs_of(groups: dict[int, list[int]]) -> set[tuple[int, int]]:
    """Every pair of ids (smaller first) within one group."""
    found = set()
    for members in groups.values():
        ordered = sorted(members)
        found.update((a, b) for i, a in enumerate(ordered) for b in ordered[i + 1:])
    return found


def pairwise_scores(predicted: dict[int, list[int]], truth: set[tuple[int, int]]) -> tuple[float, float, float]:
    """Pairwise precision, recall and F1 of predicted clusters against truth pairs."""
    found = pairs_of(predicted)
    common = len(found & truth)
    precision = common / len(found) if found else 1.0
    recall = common / len(truth) if truth else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def truth_of(path: Path, count: int) -> set[tuple[int, int]]:
    """The truth pairs of the first count articles of a corpus file."""
    return dedupe_corpus.truth_pairs(read_articles(path, count))


def peak_memory_mb() -> float:
    """The peak resident memory of this process so far."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # kilobytes on Linux


def time_rebuild(path: Path, count: int, repeats: int) -> tuple[float, DedupeIndex]:
    """Median seconds to rebuild from the corpus file (reading and parsing included), and the last index."""
    times, index = [], None
    for _ in range(repeats):
        index = None
        gc.collect()
        started = time.perf_counter()
        index = DedupeIndex.rebuild(as_text(a) for a in read_articles(path, count))
        times.append(time.perf_counter() - started)
    return statistics.median(times), index


def naive_clusters(articles: list[dict]) -> dict[int, list[int]]:
    """All pairs compared with rapidfuzz (the same containment rule, no blocking), joined transitively."""
    texts = [matching_text(a["title"], a["body"]) for a in articles]
    lengths = np.array([len(t) for t in texts])
    parent = list(range(len(texts)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i in range(len(texts) - 1):
        common = process.cdist([texts[i]], texts[i + 1:], scorer=LCSseq.similarity, workers=1)[0]
        shorter = np.minimum(lengths[i], lengths[i + 1:])
        ratio = np.minimum(lengths[i], lengths[i + 1:]) / np.maximum(np.maximum(lengths[i], lengths[i + 1:]), 1)
        hits = (common >= DEFAULT_THRESHOLDS.min_containment * shorter) & (ratio >= DEFAULT_THRESHOLDS.min_length_ratio)
        for j in np.flatnonzero(hits) + i + 1:
            parent[root(int(j))] = root(i)
    groups: dict[int, list[int]] = {}
    for i, article in enumerate(articles):
        groups.setdefault(root(i), []).append(article["id"])
    return groups


def naive_run(path: Path, budget: float) -> tuple[int, float, dict[int, list[int]]]:
    """The largest size the naive approach clusters within budget seconds (its time grows with n squared)."""
    size, best = 100, None
    while True:
        articles = list(read_articles(path, size))
        started = time.perf_counter()
        groups = naive_clusters(articles)
        elapsed = time.perf_counter() - started
        if elapsed > budget and best is not None:
            return best
        best = (size, elapsed, groups)
        target = int(size * (0.8 * budget / max(elapsed, 1e-3)) ** 0.5)
        if target < size * 1.1:
            return best
        size = target


def check_samples(path: Path, count: int, how_many: int, seed: int) -> list[tuple[str, str]]:
    """New articles to check: half reposts of indexed articles, half unrelated stories."""
    rng = random.Random(seed)
    vocab = dedupe_corpus.load_vocabulary(seed=seed + 1)
    chosen = set(rng.sample(range(1, count + 1), how_many // 2))
    samples = []
    for article in (a for a in read_articles(path, count) if a["id"] in chosen):
        paragraphs, _ = dedupe_corpus.repost(article["body"].split("\n"), rng, vocab.filler, date(2025, 1, 1))
        samples.append((article["title"], "\n".join(paragraphs)))
    fresh = dedupe_corpus.generate(how_many - len(samples), seed + 1, vocab)
    samples += [(a["title"], a["body"]) for a in fresh]
    rng.shuffle(samples)
    return samples


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="small sizes, one repeat, short naive budget")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--repeats", type=int, default=None)
    parser.add_argument("--corpus", type=Path, default=dedupe_corpus.DEFAULT_CORPUS)
    args = parser.parse_args(argv)
    if not (args.corpus / "seed-listing.txt").exists():
        print(f"skipped: {args.corpus} is absent (the shared corpus sits beside the repository)")
        return 0
    sizes = [1000, 2000, 5000] if args.quick else [10_000, 20_000, 50_000, 100_000]
    repeats = args.repeats or (1 if args.quick else 3)
    budget = 10.0 if args.quick else 120.0
    with tempfile.TemporaryDirectory() as scratch:
        path = Path(scratch) / "corpus.jsonl"
        # A child process writes the corpus, so that the peak memory below is the dedupe work's own.
        started = time.perf_counter()
        subprocess.run([sys.executable, dedupe_corpus.__file__, "--count", str(sizes[-1]), "--seed", str(args.seed),
                        "--corpus", str(args.corpus), "--out", str(path)], check=True, stdout=subprocess.DEVNULL)
        print(f"corpus: {sizes[-1]} articles generated in {time.perf_counter() - started:.1f}s (seed {args.seed})")

        print(f"\nrebuild (median of {repeats}, reading the JSONL included)")
        header = ("articles", "seconds", "articles/s", "cost/article vs first", "P", "R", "F1")
        print(" ".join(f"{h:>{w}}" for h, w in zip(header, (9, 8, 11, 22, 7, 7, 7))))
        first_cost, index, rebuild_times = None, None, {}
        for size in sizes:
            index = None
            seconds, index = time_rebuild(path, size, repeats)
            rebuild_times[size] = seconds
            first_cost = first_cost or seconds / size
            precision, recall, f1 = pairwise_scores(index.clusters(), truth_of(path, size))
            print(f"{size:>9} {seconds:>8.2f} {size / seconds:>11.0f} {seconds / size / first_cost:>22.2f} "
                  f"{precision:>7.4f} {recall:>7.4f} {f1:>7.4f}")
        print(f"peak memory after the {sizes[-1]} rebuild: {peak_memory_mb():.0f} MB")

        samples = check_samples(path, sizes[-1], 100 if args.quick else 400, args.seed)
        for title, body in samples[:20]:
            index.match(title, body)  # warm-up
        latencies = []
        for title, body in samples:
            started = time.perf_counter()
            index.match(title, body)
            latencies.append(time.perf_counter() - started)
        slice_size = min(2000, sizes[-1])
        texts = index.texts[:slice_size]
        naive_latencies = []
        for title, body in samples[:10]:
            text = matching_text(title, body)
            started = time.perf_counter()
            process.cdist([text], texts, scorer=LCSseq.similarity, workers=1)
            naive_latencies.append((time.perf_counter() - started) * len(index) / slice_size)
        check, naive_check = statistics.median(latencies), statistics.median(naive_latencies)
        print(f"\ncheck one new article against {len(index)}: median {check * 1000:.2f} ms, "
              f"p95 {sorted(latencies)[int(0.95 * len(latencies))] * 1000:.2f} ms ({len(samples)} articles, "
              f"half reposts); naive scan {naive_check * 1000:.0f} ms (from {slice_size} texts): "
              f"x{naive_check / check:.0f}")
        index = None
        gc.collect()

        size, naive_seconds, groups = naive_run(path, budget)
        precision, recall, f1 = pairwise_scores(groups, truth_of(path, size))
        ours, _ = time_rebuild(path, size, repeats)
        print(f"\nnaive all-pairs rapidfuzz (one thread), largest size within {budget:.0f}s: {size} articles in "
              f"{naive_seconds:.1f}s (P {precision:.4f} R {recall:.4f} F1 {f1:.4f}); index rebuild of the same "
              f"{size}: {ours:.3f}s, x{naive_seconds / ours:.0f} faster")
        print(f"peak memory of the whole run: {peak_memory_mb():.0f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
