"""`scrapy crawl <spider>` works from the repository root, with the same pipeline as `zswatch crawl`."""
import subprocess
import sys
from pathlib import Path

from crawling import archive, count, write_config

ROOT = Path(__file__).resolve().parents[1]


def scrapy(*args, cwd=ROOT):
    return subprocess.run(
        [sys.executable, "-m", "scrapy", *args], cwd=cwd, capture_output=True, text=True, timeout=120
    )


def test_scrapy_crawl_a_configured_source(portal, tmp_path):
    config = write_config(tmp_path, portal.base_url)
    result = scrapy("crawl", "listing", "-a", "source=county-gov", "-s", f"ZSWATCH_CONFIG={config}", "-s", "LOG_LEVEL=INFO")
    assert result.returncode == 0, result.stderr[-3000:]
    db = archive(config)
    assert count(db, "SELECT COUNT(*) FROM articles WHERE source = 'county-gov'") == 6
    assert db.execute("SELECT status, trigger FROM crawl_runs").fetchone() == ("ok", "scrapy")
    assert count(db, "SELECT new FROM source_runs") == 6


def test_scrapy_crawl_one_url_without_a_config(portal, tmp_path):
    db_path = tmp_path / "adhoc.db"
    result = scrapy(
        "crawl", "feed", "-a", f"url={portal.base_url}/gov/atom.xml", "-s", f"ZSWATCH_DB={db_path}",
        "-s", "DOWNLOAD_DELAY=0", "-s", "AUTOTHROTTLE_ENABLED=False",
    )
    assert result.returncode == 0, result.stderr[-3000:]
    from store.db import open_archive

    assert count(open_archive(db_path), "SELECT COUNT(*) FROM articles WHERE source = 'adhoc'") == 6


def test_scrapy_crawl_names_a_missing_source(portal, tmp_path):
    config = write_config(tmp_path, portal.base_url)
    result = scrapy("crawl", "listing", "-a", "source=nope", "-s", f"ZSWATCH_CONFIG={config}")
    assert "no source named 'nope'" in result.stderr
    result = scrapy("crawl", "feed", "-a", "source=county-gov", "-s", f"ZSWATCH_CONFIG={config}")
    assert "is a listing source: scrapy crawl listing -a source=county-gov" in result.stderr
