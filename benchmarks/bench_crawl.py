"""Crawl throughput on the local portal: pages per second of `zswatch crawl`, against a fetch-only baseline.

The baseline is the same Scrapy crawl with the item pipeline switched off (fetch, parse listings, extract pages),
so the ratio is the cost of normalising, figure extraction and archiving. Run: python benchmarks/bench_crawl.py
"""
from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from pipeline.demo.content import seed_articles  # noqa: E402
from pipeline.demo.server import PortalServer, PortalState  # noqa: E402
from store.db import open_archive  # noqa: E402


def portal_state(articles: int) -> PortalState:
    """A portal with `articles` distinct articles (seed articles with numbered titles and bodies)."""
    seeds = seed_articles()
    generated = []
    for index in range(articles):
        seed = seeds[index % len(seeds)]
        generated.append(
            replace(seed, slug=f"{index:05d}", title=f"{seed.title}（第{index}期）", body=f"第{index}期。\n{seed.body}")
        )
    return PortalState(zs=generated, gov=[], faults=False)


def run_crawl(directory: Path, base_url: str, pages: int, pipeline: bool) -> tuple[float, int]:
    """Seconds and pages of one crawl in a child process: `zswatch crawl`, or Scrapy with no item pipeline."""
    start_url = f"{base_url}/zsyz/index.html"
    if pipeline:
        config = directory / "zswatch.yaml"
        config.write_text(
            f"db: archive.db\nsources:\n  - name: bench\n    kind: listing\n    start_urls: [\"{start_url}\"]\n"
            f"    max_pages: {pages}\ncrawl:\n  delay: 0\n  autothrottle: false\n  concurrency: 8\n",
            encoding="utf-8",
        )
        command = [sys.executable, "-m", "pipeline", "-c", str(config), "crawl"]
    else:
        settings = {
            "ITEM_PIPELINES": "{}", "ZSWATCH_DB": str(directory / "archive.db"), "ZSWATCH_MAX_PAGES": pages,
            "DOWNLOAD_DELAY": 0, "AUTOTHROTTLE_ENABLED": "False", "CONCURRENT_REQUESTS_PER_DOMAIN": 8,
            "LOG_LEVEL": "WARNING",
        }
        command = [sys.executable, "-m", "scrapy", "crawl", "listing", "-a", f"url={start_url}"]
        for key, value in settings.items():
            command += ["-s", f"{key}={value}"]
    started = time.perf_counter()
    result = subprocess.run(command, capture_output=True, text=True, cwd=ROOT)
    elapsed = time.perf_counter() - started
    if result.returncode != 0:
        raise SystemExit(result.stderr[-2000:])
    db = open_archive(directory / "archive.db", create=False)
    crawled = db.execute("SELECT SUM(pages) FROM source_runs").fetchone()[0]
    db.close()
    return elapsed, crawled


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--articles", type=int, default=400)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--quick", action="store_true", help="100 articles, 1 repeat")
    args = parser.parse_args()
    if args.quick:
        args.articles, args.repeats = 100, 1
    listing_pages = -(-args.articles // 4)
    results: dict[str, list[float]] = {"zswatch crawl": [], "fetch only (baseline)": []}
    pages_seen = 0
    for _ in range(args.repeats):
        for label, pipeline in (("zswatch crawl", True), ("fetch only (baseline)", False)):
            with PortalServer(portal_state(args.articles)) as server, tempfile.TemporaryDirectory() as tmp:
                elapsed, pages_seen = run_crawl(Path(tmp), server.base_url, listing_pages, pipeline)
                results[label].append(pages_seen / elapsed)
    print(f"local portal: {args.articles} articles + {listing_pages} listing pages = {pages_seen} pages; "
          f"median of {args.repeats}, process start included")
    for label, rates in results.items():
        print(f"  {label:<24} {statistics.median(rates):7.1f} pages/s")
    ratio = statistics.median(results["zswatch crawl"]) / statistics.median(results["fetch only (baseline)"])
    print(f"  ratio zswatch / baseline: {ratio:.2f}")


if __name__ == "__main__":
    main()
