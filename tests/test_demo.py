"""`zswatch demo`: the bundled portal, crawled twice with edits in between, offline and in well under a minute."""
import re
import subprocess
import sys
import time


def test_demo_walks_through_new_changed_removed_and_conflicting(tmp_path):
    started = time.monotonic()
    result = subprocess.run(
        [sys.executable, "-m", "pipeline", "demo", "--dir", str(tmp_path / "demo")],
        capture_output=True, text=True, timeout=120,
    )
    elapsed = time.monotonic() - started
    assert result.returncode == 0, result.stderr[-3000:]
    out = result.stdout
    assert elapsed < 60
    assert re.search(r"changsha-zs\s+pages\s+\d+ · new 10 ·", out) and re.search(r"county-gov\s+pages\s+\d+ · new\s+6 ·", out)
    assert "What changed on the portal: 1 new · 3 changed · 1 removed" in out
    assert "地区生产总值增长: 4% → 4.5%" in out and "总投资: 120亿元 → 150亿元" in out
    assert re.search(r"conflict 总投资: 150亿元 \(county-gov, \[\d+\]\) vs 120亿元 \(changsha-zs", out)
    assert "0 request(s) to the disallowed /private/ path" in out
    shown = re.search(r"zswatch -c (\S+) show (\d+) --diff", out)
    show = subprocess.run([sys.executable, "-m", "pipeline", "-c", shown.group(1), "show", shown.group(2)],
                          capture_output=True, text=True, timeout=60)
    assert "→" in show.stdout  # the suggested article is one with figure changes
    assert (tmp_path / "demo" / "archive.db").exists()
