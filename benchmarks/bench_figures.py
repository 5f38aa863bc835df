"""Speed of policy-figure extraction over the seed listing text, against a plain regex baseline.

Run from the repository root: python benchmarks/bench_figures.py [--mb 4] [--repeats 5] [--quick]
Prints median MB/s (UTF-8) and chars/s for extract_figures and for a single re.finditer over the
same text, and the ratio between them, plus the time to compare two versions of a report.
"""
from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from timing import median_seconds, repeat_options, repeats_of  # noqa: E402

from pipeline.figure_changes import compare_texts  # noqa: E402
from pipeline.figures import extract_figures  # noqa: E402

SEED_LISTING = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "seed-listing.txt"
BASELINE = re.compile(r"\d+(\.\d+)?(%|亿元|万元|人|个)")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mb", type=float, default=4.0, help="size of the repeated text in MB (UTF-8)")
    repeat_options(parser, 5)
    args = parser.parse_args()
    args.repeats = repeats_of(args)
    if not SEED_LISTING.exists():
        print(f"{SEED_LISTING} is absent: the shared corpus sits beside the repository", file=sys.stderr)
        return 1
    seed = SEED_LISTING.read_text(encoding="utf-8")
    copies = max(1, int(args.mb * 1e6 / len(seed.encode("utf-8"))))
    text = "\n".join([seed] * copies)
    megabytes = len(text.encode("utf-8")) / 1e6
    chars = len(text)

    # articles are extracted one at a time in the pipeline, so time per article body, not one huge string
    articles = [line for line in seed.split("\n") if len(line) > 200] * copies
    figures = sum(len(extract_figures(a)) for a in articles[: len(articles) // copies])
    extract_time = median_seconds(lambda: [extract_figures(a) for a in articles], args.repeats)
    article_chars = sum(len(a) for a in articles)
    article_mb = sum(len(a.encode("utf-8")) for a in articles) / 1e6
    whole_time = median_seconds(lambda: extract_figures(text), args.repeats)
    baseline_time = median_seconds(lambda: sum(1 for _ in BASELINE.finditer(text)), args.repeats)

    print(f"text: {megabytes:.2f} MB, {chars:,} chars ({copies} copies of the seed listing); "
          f"{figures} figures per copy; median of {args.repeats} runs")
    print(f"extract_figures per article : {article_mb / extract_time:8.2f} MB/s  {article_chars / extract_time:12,.0f} chars/s")
    print(f"extract_figures whole text  : {megabytes / whole_time:8.2f} MB/s  {chars / whole_time:12,.0f} chars/s")
    print(f"regex baseline (finditer)   : {megabytes / baseline_time:8.2f} MB/s  {chars / baseline_time:12,.0f} chars/s")
    print(f"ratio extract / baseline    : {baseline_time / whole_time:8.3f} (1.0 = as fast as the bare regex)")
    per_article = 2500 / (article_chars / extract_time)
    print(f"100,000 articles of 2,500 chars: {100_000 * per_article:,.0f} s of extraction on one core")

    report = seed.split("\n")[2]
    edited = report.replace("增长7%", "增长6.5%", 1).replace("腾地1871亩", "腾地1900亩")
    compare_time = median_seconds(lambda: compare_texts(report, edited), args.repeats)
    print(f"compare_texts on a {len(report):,}-char report ({len(extract_figures(report))} figures): "
          f"{compare_time * 1000:.1f} ms")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
