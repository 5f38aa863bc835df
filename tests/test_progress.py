from pipeline.cli_crawl import summary_line
from pipeline.progress import progress_line

COUNTS = {"pages": 12, "links": 30, "new": 5, "changed": 1, "unchanged": 3, "not_articles": 1, "empty": 1, "errors": 2}


def test_progress_line_sums_up_each_source_and_fits_the_terminal():
    line = progress_line({"portal-a": COUNTS, "county-gov": dict(COUNTS, pages=3)})
    assert line == ("portal-a: 12 pages, 5 new, 1 changed, 2 errors | "
                    "county-gov: 3 pages, 5 new, 1 changed, 2 errors")
    assert len(progress_line({f"source-{i}": COUNTS for i in range(10)}, width=80)) == 80


def test_summary_line_counts_and_skips():
    line = summary_line({"source": "portal-a", "status": "ok", **COUNTS})
    assert line.startswith("portal-a ")
    assert "pages 12 · links 30 · new 5 · changed 1 · unchanged 3 · errors 2 · skipped 2  (ok)" in line
