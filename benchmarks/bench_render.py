"""Speed of the digest renderers on a daily-sized and a very large digest, against plain json.dumps.

Run: python benchmarks/bench_render.py [--repeats 7] [--quick]   (medians over repeats)
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from timing import against_baseline, median_ms, repeat_options, repeats_of  # noqa: E402

from alerts.diff_format import diff_text  # noqa: E402
from alerts.markdown_digest import render_markdown  # noqa: E402
from alerts.render import render_html, render_json  # noqa: E402


def make_digest(new: int, changed: int) -> dict:
    """A digest with `new` new stories and `changed` changed articles, each with a figure change and a diff."""
    old = "全区地区生产总值增长7%。总投资120亿元的项目正在建设。新增学位6040个。" * 3
    text_diff = diff_text(old, old.replace("120亿元", "150亿元").replace("7%", "6.5%"))
    return {
        "since": "2026-11-27T08:00:00+08:00", "generated_at": "2026-11-28T08:00:00+08:00",
        "new": [{"article_id": i, "url": f"https://zs.example.cn/{i}.html", "title": f"【长沙招商】项目公告第{i}号",
                 "source": f"portal-{i % 5}", "published": "2025-07-07", "region": "长沙",
                 "duplicates": [{"url": f"https://b.example.cn/{i}.html", "source": "portal-b"}]} for i in range(new)],
        "changed": [{"article_id": i, "url": f"https://zs.example.cn/c{i}.html", "title": f"政府工作报告修订第{i}版",
                     "from_version": 1, "to_version": 2, "diff": text_diff,
                     "figure_changes": [{"indicator": "地区生产总值增长", "old": "7%", "new": "6.5%", "old_value": 7.0,
                                         "new_value": 6.5, "old_unit": "%", "new_unit": "%"}]} for i in range(changed)],
        "removed": [], "conflicts": [],
        "sources": [{"name": f"portal-{i}", "pages": 40, "new": 3, "changed": 1, "errors": 0, "alert": None}
                    for i in range(5)],
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    repeat_options(parser, 7)
    args = parser.parse_args()
    repeats = repeats_of(args)
    render_html(make_digest(1, 1))  # template compilation is a one-time cost
    for label, digest in (("daily (50 new, 20 changed)", make_digest(50, 20)),
                          ("large (2000 new, 500 changed)", make_digest(2000, 500))):
        base = median_ms(lambda: json.dumps(digest, ensure_ascii=False, indent=2), repeats)
        print(f"{label}: baseline json.dumps {base:.2f} ms (median of {repeats})")
        for name, work in (("render_json", lambda: render_json(digest)),
                           ("render_markdown", lambda: render_markdown(digest)),
                           ("render_html", lambda: render_html(digest))):
            print(against_baseline(name, median_ms(work, repeats), base))
        print(f"  html size {len(render_html(digest).encode()) / 1024:.0f} KiB, "
              f"markdown size {len(render_markdown(digest).encode())} bytes")


if __name__ == "__main__":
    main()
