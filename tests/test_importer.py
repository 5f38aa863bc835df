"""`zswatch import`: JSON lines through normalize, figures, dedupe and archive, with bad lines reported."""
from __future__ import annotations

import json
import signal
import subprocess
import sys
import time

import pytest
from corpus import generated_articles, pairs_within
from crawling import count, zswatch

from pipeline.importer import parse_line
from store.db import integrity_ok, open_archive

NOW = "2026-11-28T00:00:00+00:00"


def write_config(tmp_path):
    config = tmp_path / "zswatch.yaml"
    config.write_text("db: archive.db\n", encoding="utf-8")
    return config


def archive_pairs(db):
    groups = {}
    for article_id, cluster_id in db.execute("SELECT id, cluster_id FROM articles"):
        groups.setdefault(cluster_id, []).append(article_id)
    return pairs_within(groups.values())


@pytest.mark.parametrize(
    "line, problem",
    [
        ("{not json", "not JSON"),
        ("[1, 2]", "not a JSON object"),
        ('{"url": "http://a.cn/1", "source": "s"}', 'missing "body"'),
        ('{"url": "ftp://a.cn/1", "source": "s", "body": "x"}', "must start with http"),
        ('{"url": "http://a.cn/1", "body": "x"}', 'missing "source"'),
        ('{"url": "http://a.cn/1", "source": "s", "body": "x", "published": "someday"}', '"published" is not a date'),
    ],
)
def test_bad_lines_say_why(line, problem):
    with pytest.raises(ValueError, match=problem):
        parse_line(line, None, NOW)


def test_dates_and_urls_are_normalised():
    item = parse_line(
        json.dumps({"url": "http://A.cn/1.html?utm_source=x", "source": "s", "body": "正文", "published": "2025年7月7日"}),
        None, NOW,
    )
    assert (item.url, item.published, item.seen_at) == ("http://a.cn/1.html", "2025-07-07", NOW)
    assert parse_line('{"url": "http://a.cn/2", "body": "b", "published": "2025-7-8T09:00"}', "d", NOW).published == "2025-07-08"


def test_import_clusters_reposts_reports_bad_lines_and_is_idempotent(tmp_path):
    corpus, articles = generated_articles(600, seed=5)
    jsonl = tmp_path / "backfill.jsonl"
    lines = [json.dumps({k: a[k] for k in ("url", "source", "title", "published", "body")}, ensure_ascii=False)
             for a in articles]
    lines.insert(10, "{broken")
    lines.insert(20, json.dumps({"url": "http://x.cn/a", "source": "s"}))
    jsonl.write_text("\n".join(lines) + "\n", encoding="utf-8")
    config = write_config(tmp_path)

    result = zswatch(config, "import", str(jsonl), "--json", "--workers", "2")
    assert result.returncode == 0, result.stderr[-2000:]
    summary = json.loads(result.stdout)
    assert (summary["lines"], summary["new"], summary["bad"]) == (602, 600, 2)
    assert "line 11: not JSON" in result.stderr and 'line 21: missing "body"' in result.stderr

    db = open_archive(tmp_path / "archive.db")
    assert count(db, "SELECT COUNT(*) FROM dedupe_entries") == 600
    assert count(db, "SELECT COUNT(*) FROM figures") > 600
    by_url = {a["url"]: a for a in articles}
    id_of = {url: article_id for article_id, url in db.execute("SELECT id, url FROM articles")}
    truth = corpus.truth_pairs([{**a, "id": id_of[a["url"]]} for a in by_url.values()])
    found = archive_pairs(db)
    precision = len(found & truth) / max(1, len(found))
    recall = len(found & truth) / max(1, len(truth))
    assert precision >= 0.99 and recall >= 0.98, (precision, recall)

    again = json.loads(zswatch(config, "import", str(jsonl), "--json").stdout)
    assert (again["new"], again["changed"], again["unchanged"]) == (0, 0, 600)
    assert count(db, "SELECT COUNT(*) FROM versions") == 600

    rebuilt = json.loads(zswatch(config, "dedupe", "--rebuild", "--json").stdout)
    assert rebuilt["articles"] == 600
    assert len(archive_pairs(db) ^ found) <= 0.02 * len(found)  # the rebuild agrees with incremental matching
    clusters = json.loads(zswatch(config, "clusters", "--json", "-n", "10000").stdout)
    assert clusters and all(row["size"] >= 2 for row in clusters)
    assert sum(row["size"] for row in clusters) == rebuilt["articles_in_them"]


def test_killed_import_leaves_the_archive_and_index_consistent(tmp_path):
    _, articles = generated_articles(3000, seed=9)
    jsonl = tmp_path / "big.jsonl"
    jsonl.write_text("\n".join(json.dumps(a, ensure_ascii=False) for a in articles) + "\n", encoding="utf-8")
    config = write_config(tmp_path)
    child = subprocess.Popen([sys.executable, "-m", "pipeline", "-c", str(config), "import", str(jsonl), "--workers", "1"],
                             stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    db_path = tmp_path / "archive.db"
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        time.sleep(0.1)
        if db_path.exists():
            try:
                done = count(open_archive(db_path), "SELECT COUNT(*) FROM articles")
            except Exception:
                continue
            if done >= 400:
                break
    child.send_signal(signal.SIGKILL)
    child.wait(10)
    db = open_archive(db_path)
    imported = count(db, "SELECT COUNT(*) FROM articles")
    assert 400 <= imported < 3000
    assert integrity_ok(db)
    assert count(db, "SELECT COUNT(*) FROM dedupe_entries") == imported
    assert count(db, "SELECT COUNT(*) FROM articles WHERE cluster_id IS NULL OR cluster_id NOT IN (SELECT id FROM clusters)") == 0
    assert count(db, "SELECT COUNT(*) FROM articles_fts") == imported
    finished = json.loads(zswatch(config, "import", str(jsonl), "--json").stdout)
    assert finished["new"] == 3000 - imported and finished["unchanged"] == imported
