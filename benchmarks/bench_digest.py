"""Speed of build_digest on a synthetic archive (a busy day and a long backlog), against the store queries alone.

The baseline is store.changes' four window queries; the ratio is what the digest adds on top (diffs of the
changed articles, health judgement, entry building).

Run: python benchmarks/bench_digest.py [--repeats 5] [--quick]   (medians over repeats)
"""
from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from timing import against_baseline, median_ms, repeat_options, repeats_of  # noqa: E402

from alerts.digest import build_digest  # noqa: E402
from alerts.markdown_digest import render_markdown  # noqa: E402
from store import articles, changes, figures, runs  # noqa: E402
from store.db import open_archive, transaction  # noqa: E402
from store.textnorm import content_hash  # noqa: E402

SINCE = "2026-11-27T00:00:00+00:00"
SEEN = "2026-11-27T08:00:00+00:00"
EDITED = "2026-11-27T14:00:00+00:00"
PARAGRAPH = ("全区地区生产总值增长7%，总投资120亿元的重点项目正在加快建设。新增城镇就业11310人，"
             "全年新增学位6040个，腾地1871亩。坚持稳中求进工作总基调，持续优化营商环境。")


def build_archive(path: Path, new: int, changed: int, sources: int = 8) -> None:
    """`new` articles first seen in the window, `changed` of them edited once, runs for `sources` sources."""
    db = open_archive(path)
    with transaction(db):
        for i in range(new):
            body = "\n".join(f"第{p + 1}段。{PARAGRAPH}" for p in range(12)) + f"\n编号{i}。"
            title = f"【长沙招商】重点项目公告第{i}号"
            record = articles.PageRecord(
                url=f"https://zs{i % sources}.example.cn/zsyz/art_{i}.html", source=f"portal-{i % sources}",
                title=title, body=body, content_hash=content_hash(title, body), seen_at=SEEN,
                published="2026-11-27", region="长沙")
            article_id = articles.insert_article(db, record)
            version_id = articles.add_version(db, article_id, record, None)
            if i < changed:
                edited = body.replace("增长7%", "增长6.5%", 1).replace("120亿元", "150亿元", 1)
                record2 = articles.PageRecord(**{**record.__dict__, "body": edited, "seen_at": EDITED,
                                                 "content_hash": content_hash(title, edited)})
                state = articles.current_state(db, record.url)
                new_version = articles.add_version(db, article_id, record2, state)
                figures.write_changes(db, article_id, version_id, new_version, [
                    {"kind": "changed", "indicator": "地区生产总值增长", "old_value": 7.0, "old_unit": "%",
                     "old_text": "7%", "new_value": 6.5, "new_unit": "%", "new_text": "6.5%"},
                    {"kind": "changed", "indicator": "总投资", "old_value": 120.0, "old_unit": "亿元",
                     "old_text": "120亿元", "new_value": 150.0, "new_unit": "亿元", "new_text": "150亿元"}], EDITED)
    for _ in range(4):
        run_id = runs.start_run(db, [f"portal-{s}" for s in range(sources)])
        for s in range(sources):
            runs.update_source(db, runs.start_source(db, run_id, f"portal-{s}"),
                               {"pages": 40, "links": 30, "new": new // sources}, status="ok")
        runs.finish_run(db, run_id, "ok")
    db.close()


def store_queries(db) -> None:
    """The baseline: the four window queries of store.changes that the digest is built from."""
    changes.new_stories(db, SINCE)
    changes.changed_articles(db, SINCE)
    changes.removed_articles(db, SINCE)
    changes.source_activity(db, SINCE)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    repeat_options(parser, 5, quick_help="3 repeats, the busy day only")
    args = parser.parse_args()
    repeats = repeats_of(args)
    sizes = [("busy day (300 new, 60 changed)", 300, 60)]
    if not args.quick:
        sizes.append(("backlog (3000 new, 600 changed)", 3000, 600))
    with tempfile.TemporaryDirectory() as directory:
        for label, new, changed in sizes:
            path = Path(directory) / f"bench-{new}.db"
            build_archive(path, new, changed)
            db = open_archive(path, create=False)
            base = median_ms(lambda: store_queries(db), repeats)
            took = median_ms(lambda: build_digest(db, SINCE), repeats)
            digest = build_digest(db, SINCE)
            md = median_ms(lambda: render_markdown(digest), repeats)
            print(f"{label}: baseline store queries {base:.1f} ms (median of {repeats})")
            print(against_baseline("build_digest", took, base, width=17, digits=1)
                  + f"   ({took / max(changed, 1):.2f} ms per changed article)")
            print(against_baseline("render_markdown", md, base, width=17, digits=1))
            db.close()


if __name__ == "__main__":
    main()
