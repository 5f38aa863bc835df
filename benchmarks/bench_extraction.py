"""Extraction speed over the 32 real article pages, against trafilatura.extract alone in the same process.

Run: python benchmarks/bench_extraction.py [--repeats N] [--quick]
Prints median pages/s and MB/s of extract_page and of trafilatura.extract, and their ratio.
"""
from __future__ import annotations

import argparse
import json
import statistics
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

import trafilatura  # noqa: E402
from timing import repeat_options, repeats_of, timings  # noqa: E402

from spiders.extraction import extract_page  # noqa: E402

REAL_PAGES = REPO.parent / "shared" / "corpus" / "real-pages"


def article_pages() -> list[tuple[str, bytes]]:
    """(file name, bytes) of the real article pages."""
    rows = [json.loads(line) for line in (REAL_PAGES / "gold.jsonl").read_text(encoding="utf-8").splitlines() if line]
    return [(row["file"], (REAL_PAGES / row["file"]).read_bytes()) for row in rows if row["kind"] == "article"]


def timed(run, pages: list[tuple[str, bytes]], repeats: int) -> list[float]:
    """Seconds for one pass over all pages, once per repeat (after one warm-up pass)."""

    def one_pass() -> None:
        for name, body in pages:
            run(name, body)

    return timings(one_pass, repeats, warm_up=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    repeat_options(parser, 7)
    args = parser.parse_args()
    args.repeats = repeats_of(args)
    if not REAL_PAGES.exists():
        sys.exit(f"real pages not found at {REAL_PAGES}")
    pages = article_pages()
    megabytes = sum(len(body) for _, body in pages) / 1e6

    ours = timed(lambda name, body: extract_page("http://example.org/" + name, body), pages, args.repeats)
    stock = timed(lambda name, body: trafilatura.extract(body), pages, args.repeats)

    print(f"{len(pages)} pages, {megabytes:.2f} MB, {args.repeats} repeats (median of passes)")
    for label, times in (("extract_page", ours), ("trafilatura.extract", stock)):
        median = statistics.median(times)
        print(f"{label:22} {len(pages) / median:8.1f} pages/s {megabytes / median:7.2f} MB/s "
              f"(pass {median * 1000:.0f} ms, min {min(times) * 1000:.0f} ms, max {max(times) * 1000:.0f} ms)")
    print(f"speed ratio extract_page / trafilatura.extract: {statistics.median(stock) / statistics.median(ours):.2f}x")


if __name__ == "__main__":
    main()
