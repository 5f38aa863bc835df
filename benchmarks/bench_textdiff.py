"""Speed of alerts.textdiff on real long texts, against a plain character diff of the whole text.

Run: python benchmarks/bench_textdiff.py [--repeats 7] [--quick]   (reads ../shared/corpus)
"""
from __future__ import annotations

import argparse
import difflib
import random
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from timing import median_seconds, repeat_options, repeats_of  # noqa: E402

from alerts.diff_format import diff_html, diff_text  # noqa: E402
from alerts.textdiff import sentence_diff, split_sentences  # noqa: E402

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus"


def seed_bodies() -> list[str]:
    """The article bodies of the seed listing."""
    text = (CORPUS / "seed-listing.txt").read_text(encoding="utf-8")
    bodies = []
    for block in text.split("\n-\n"):
        lines = [line for line in block.strip("-\n").split("\n") if line.strip()]
        if len(lines) >= 3 and lines[0].startswith("【"):
            bodies.append("\n".join(lines[1:-1]))
    return bodies


def edited(body: str, rnd: random.Random) -> str:
    """Three figures changed, one sentence dropped, one added."""
    sentences = split_sentences(body)
    numbered = [i for i, s in enumerate(sentences) if re.search(r"\d", s)]
    for i in rnd.sample(numbered, min(3, len(numbered))):
        sentences[i] = re.sub(r"\d+", lambda m: str(int(m.group()) + 7), sentences[i], count=1)
    if len(sentences) > 3:
        sentences.pop(rnd.randrange(len(sentences)))
    sentences.insert(rnd.randrange(len(sentences) + 1), "全年新增签约项目120个，协议引资86亿元。")
    return "".join(sentences)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    repeat_options(parser, 7)
    args = parser.parse_args()
    repeats = repeats_of(args)
    if not CORPUS.exists():
        print(f"skipped: {CORPUS} is absent (the shared corpus sits beside the repository)")
        return
    rnd = random.Random(1)
    pairs = [(body, edited(body, rnd)) for body in seed_bodies()]
    chars = sum(len(a) + len(b) for a, b in pairs)
    longest = max(pairs, key=lambda p: len(p[0]))

    def ours():
        for old, new in pairs:
            diff_text(old, new)

    def baseline():  # the naive way: one character-level diff of the whole text
        for old, new in pairs:
            difflib.SequenceMatcher(None, old, new, autojunk=False).get_opcodes()

    t_ours, t_base = median_seconds(ours, repeats), median_seconds(baseline, repeats)
    t_html = median_seconds(lambda: [diff_html(o, n) for o, n in pairs], repeats)
    t_long = median_seconds(lambda: sentence_diff(*longest), repeats)
    print(f"texts: {len(pairs)} pairs, {chars} characters; longest {len(longest[0])} characters "
          f"({len(split_sentences(longest[0]))} sentences)")
    print(f"diff_text, all pairs:           {t_ours * 1000:8.1f} ms (median of {repeats})")
    print(f"diff_html, all pairs:           {t_html * 1000:8.1f} ms")
    print(f"sentence_diff, longest text:    {t_long * 1000:8.1f} ms")
    print(f"baseline whole-text char diff:  {t_base * 1000:8.1f} ms")
    print(f"ratio diff_text / baseline:     {t_ours / t_base:8.2f}")


if __name__ == "__main__":
    main()
