"""`zswatch import` and `zswatch dedupe --rebuild` at scale, on the labelled corpus of benchmarks/dedupe_corpus.py.

Prints, per size: import time and rate (every stage: figures, dedupe, archive, full-text index) with the peak
memory of the whole process tree; the rebuild's rate; the median time to check one new article against the
archive in the dedupe stage; and the pairwise precision/recall of the archive's clusters against the truth.
Ratios: parallel import against a one-process import, and the check of one article against a full rebuild.
Run: python benchmarks/bench_import.py [--quick]
"""
from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

import dedupe_corpus  # noqa: E402

from pipeline.clustering import ArchiveClusters, fingerprint  # noqa: E402
from store.db import open_archive  # noqa: E402

CORPUS = ROOT.parent / "shared" / "corpus"


def tree_rss_mb(pid: int) -> float:
    """Resident memory of a process and all its descendants, in MB (from /proc)."""
    total, stack = 0, [pid]
    while stack:
        current = stack.pop()
        try:
            status = Path(f"/proc/{current}/status").read_text()
            total += int(next(line.split()[1] for line in status.splitlines() if line.startswith("VmRSS")))
            for task in Path(f"/proc/{current}/task").iterdir():
                stack += [int(child) for child in (task / "children").read_text().split()]
        except (OSError, StopIteration, ValueError):
            continue
    return total / 1024


def run(command: list[str]) -> tuple[float, float, str]:
    """Wall seconds, peak tree memory (MB) and stdout of a child process."""
    started = time.perf_counter()
    child = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=ROOT)
    peak = 0.0
    done = threading.Event()

    def sample() -> None:
        nonlocal peak
        while not done.is_set():
            peak = max(peak, tree_rss_mb(child.pid))
            time.sleep(0.2)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    out, err = child.communicate()
    done.set()
    if child.returncode != 0:
        raise SystemExit(f"{' '.join(command)} failed:\n{err[-2000:]}")
    return time.perf_counter() - started, peak, out


def zswatch(config: Path, *args: str) -> list[str]:
    return [sys.executable, "-m", "pipeline", "-c", str(config), *args]


def pair_scores(db, articles: list[dict]) -> tuple[float, float]:
    id_of = dict(db.execute("SELECT url, id FROM articles").fetchall())
    truth = dedupe_corpus.truth_pairs([{**a, "id": id_of[a["url"]]} for a in articles])
    groups: dict[int, list[int]] = {}
    for article_id, cluster_id in db.execute("SELECT id, cluster_id FROM articles"):
        groups.setdefault(cluster_id, []).append(article_id)
    found = {(a, b) for m in groups.values() for i, a in enumerate(sorted(m)) for b in sorted(m)[i + 1:]}
    return len(found & truth) / max(1, len(found)), len(found & truth) / max(1, len(truth))


def check_times(db_path: Path, probes: list[dict]) -> tuple[list[float], list[float]]:
    """Milliseconds to fingerprint and match each probe article against the archive (nothing written): a first
    pass right after the rebuild, while its writes are still being flushed, then a second pass as a crawl sees it."""
    db = open_archive(db_path, create=False)
    clusters = ArchiveClusters()
    passes = []
    for _ in range(2):
        times = []
        for article in probes:
            started = time.perf_counter()
            clusters.find(db, fingerprint(article["title"], article["body"]))
            times.append((time.perf_counter() - started) * 1000)
        passes.append(times)
    db.close()
    return passes[0], passes[1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", default="10000,25000,50000,100000")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--quick", action="store_true", help="sizes 1000,3000")
    args = parser.parse_args()
    if not (CORPUS / "seed-listing.txt").exists():
        raise SystemExit(f"{CORPUS} is absent: the corpus generator needs ../shared/corpus")
    sizes = [1000, 3000] if args.quick else [int(s) for s in args.sizes.split(",")]
    vocabulary = dedupe_corpus.load_vocabulary(CORPUS, seed=args.seed)
    largest = max(sizes)
    articles = dedupe_corpus.generate(largest + 400, seed=args.seed, vocabulary=vocabulary)
    probes, articles = articles[largest:], articles[:largest]
    rng = random.Random(args.seed)
    reposts = []
    for article in articles[:200]:
        paragraphs, _ = dedupe_corpus.repost(article["body"].split("\n"), rng, "招商", date(2025, 7, 8))
        reposts.append(dict(article, url=article["url"] + "?copy=1", body="\n".join(paragraphs)))
    probes = probes[:200] + reposts  # half new stories, half reposts of archived ones
    print(f"corpus: {largest:,} articles, median body {statistics.median(len(a['body']) for a in articles):,.0f} "
          f"characters; {os.cpu_count()} CPUs")
    print(f"{'articles':>9} {'import s':>9} {'import/s':>9} {'peak MB':>8} {'rebuild s':>10} {'rebuild/s':>10} "
          f"{'check ms':>9} {'precision':>10} {'recall':>7}")
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for size in sizes:
            directory = Path(tmp) / str(size)
            directory.mkdir()
            config = directory / "zswatch.yaml"
            config.write_text("db: archive.db\n", encoding="utf-8")
            jsonl = directory / "articles.jsonl"
            dedupe_corpus.write_jsonl(articles[:size], jsonl)
            seconds, peak, _ = run(zswatch(config, "import", str(jsonl), "--json"))
            rebuild_seconds, _, out = run(zswatch(config, "dedupe", "--rebuild", "--json"))
            rebuild_rate = json.loads(out)["articles_per_second"]
            first_checks, checks = check_times(directory / "archive.db", probes)
            db = open_archive(directory / "archive.db", create=False)
            precision, recall = pair_scores(db, articles[:size])
            db.close()
            rows.append((size, seconds, rebuild_seconds, statistics.median(checks)))
            print(f"{size:>9,} {seconds:>9.1f} {size / seconds:>9.0f} {peak:>8.0f} {rebuild_seconds:>10.1f} "
                  f"{rebuild_rate:>10,.0f} {statistics.median(checks):>9.2f} {precision:>10.4f} {recall:>7.4f}"
                  f"   (check, first pass after the rebuild: {statistics.median(first_checks):.2f} ms)")
        base = rows[0]
        print("\ngrowth against the smallest size (time per article; 1.00 = linear):")
        for size, seconds, rebuild_seconds, check in rows:
            print(f"  {size:>9,}: import {seconds / size / (base[1] / base[0]):.2f} · "
                  f"rebuild {rebuild_seconds / size / (base[2] / base[0]):.2f} · check {check / base[3]:.2f}")
        size, seconds, rebuild_seconds, check = rows[-1]
        print(f"\nratio: checking one article ({check:.2f} ms) against re-running the rebuild for it "
              f"({rebuild_seconds * 1000:,.0f} ms): {rebuild_seconds * 1000 / check:,.0f}x")
        directory = Path(tmp) / "serial"
        directory.mkdir()
        config = directory / "zswatch.yaml"
        config.write_text("db: archive.db\n", encoding="utf-8")
        jsonl = directory / "articles.jsonl"
        small = sizes[0]
        dedupe_corpus.write_jsonl(articles[:small], jsonl)
        serial, _, _ = run(zswatch(config, "import", str(jsonl), "--workers", "1"))
        parallel = rows[0][1]
        print(f"ratio: import of {small:,} with worker processes {parallel:.1f} s vs in one process {serial:.1f} s: "
              f"{serial / parallel:.2f}x")


if __name__ == "__main__":
    main()
