"""The scheduled jobs (pipeline/jobs.py) run directly: real crawls of the local portal in child processes,
health alerts and digests delivered to a local webhook."""
from __future__ import annotations

import time
from datetime import datetime, timedelta, timezone

from crawling import archive, write_config
from daily import Webhook, crawl_runs, listing_sources, pid_alive, set_config

from pipeline.jobs import crawl_job, digest_job
from store.db import integrity_ok


def daily_source(portal) -> str:
    """The portal's 招商 listing as a source crawled daily."""
    return listing_sources(portal.base_url, {"changsha-zs": "0 8 * * *"})


def test_a_change_of_source_health_is_alerted_once(portal, tmp_path):
    broken = f"{portal.base_url}/zsyz/no-such-listing.html"
    config = write_config(tmp_path, portal.base_url, sources=f"""
  - name: changsha-zs
    kind: listing
    start_urls: ["{broken}"]
""", crawl="digest:\n  health_runs: 1\n")
    with Webhook() as hook:
        set_config(config, alerts=[hook.url])
        crawl_job(str(config), "changsha-zs")
        crawl_job(str(config), "changsha-zs")
        assert [payload["title"] for payload in hook.received] == [
            # its listing answers 404
            "zhaoshang-watch digest: source changsha-zs is failing: only errors in the last run"]
        config.write_text(config.read_text(encoding="utf-8").replace(broken, portal.url("/zsyz/index.html")),
                          encoding="utf-8")
        crawl_job(str(config), "changsha-zs")
    assert len(hook.received) == 2 and "changsha-zs is ok again" in hook.received[1]["title"]
    assert hook.digests()[1]["health"]["state"] == "ok"


def test_a_quiet_window_is_sent_only_when_asked(portal, tmp_path):
    config = write_config(tmp_path, portal.base_url, sources=daily_source(portal))
    with Webhook() as hook:
        set_config(config, alerts=[hook.url])
        crawl_job(str(config), "changsha-zs")
        digest_job(str(config))
        digest_job(str(config))  # nothing happened since the first digest
        assert len(hook.digests()) == 1
        config.write_text(config.read_text(encoding="utf-8") + "digest:\n  send_empty: true\n", encoding="utf-8")
        digest_job(str(config))
    first, quiet = hook.digests()
    assert len(first["new"]) == 10 and quiet["new"] == quiet["changed"] == quiet["removed"] == []
    db = archive(config)
    windows = list(db.query("SELECT since, until FROM outbox WHERE kind = 'digest' ORDER BY id"))
    db.close()
    assert len(windows) == 2 and windows[1]["since"] == windows[0]["until"], "the skipped window is not lost"


def test_the_digest_job_covers_the_time_since_the_previous_digest(portal, tmp_path):
    config = write_config(tmp_path, portal.base_url, sources=daily_source(portal), crawl="digest:\n  send_empty: true\n")
    with Webhook() as hook:
        set_config(config, alerts=[hook.url])
        crawl_job(str(config), "changsha-zs")
        digest_job(str(config))
        time.sleep(1.0)
        digest_job(str(config))
    first, second = hook.digests()
    assert len(first["new"]) == 10 and second["new"] == []
    db = archive(config)
    windows = list(db.query("SELECT since, until FROM outbox WHERE kind = 'digest' ORDER BY id"))
    db.close()
    assert windows[1]["since"] == windows[0]["until"] <= first["generated_at"]
    assert datetime.fromisoformat(first["since"]) <= datetime.now(timezone.utc) - timedelta(hours=23)


def test_a_crawl_over_the_timeout_is_killed_and_recorded_as_interrupted(portal, tmp_path):
    portal.state.slow["/zsyz/index.html"] = 30.0
    config = write_config(tmp_path, portal.base_url, sources=daily_source(portal),
                          crawl="  timeout: 4\n")
    started = time.monotonic()
    crawl_job(str(config), "changsha-zs")
    assert time.monotonic() - started < 20
    [run] = crawl_runs(config)
    assert run["status"] == "interrupted" and not pid_alive(run["pid"])
    db = archive(config)
    assert db.execute("SELECT status FROM source_runs").fetchone()[0] == "interrupted"
    assert integrity_ok(db)
    db.close()
