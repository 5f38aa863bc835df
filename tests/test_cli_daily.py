"""`zswatch digest`, `status`, `schedule` and `serve` as users run them (child processes), with mail to a local
aiosmtpd server and JSON to a local webhook."""
from __future__ import annotations

import json

import pytest
from aiosmtpd.controller import Controller
from crawling import zswatch
from daily import Mailbox, Webhook, free_port, set_config

from alerts.digest import build_digest
from alerts.digest_shape import FIELDS, headline
from alerts.render import render_json
from pipeline.config import load_config
from pipeline.scheduler import create_scheduler, sync_jobs, wanted_jobs
from store.db import open_archive


@pytest.fixture
def smtp():
    """aiosmtpd on 127.0.0.1; yields (mailto URL, mailbox)."""
    mailbox = Mailbox()
    controller = Controller(mailbox, hostname="127.0.0.1", port=free_port())
    controller.start()
    try:
        yield f"mailto://127.0.0.1:{controller.port}?from=zswatch@example.com&to=reader@example.com", mailbox
    finally:
        controller.stop()


def test_digest_formats(day):
    as_json = zswatch(day.config, "digest", "--since", day.before_second, "--format", "json")
    assert as_json.returncode == 0, as_json.stderr
    data = json.loads(as_json.stdout)
    assert list(data) == list(FIELDS["digest"]) and data["since"] == day.before_second
    db = open_archive(day.db, create=False)
    expected = build_digest(db, day.before_second)
    db.close()
    assert data["new"] == json.loads(render_json(expected))["new"] and len(data["new"]) == 1
    assert [item["url"] for item in data["changed"]] == [item["url"] for item in expected["changed"]]
    assert len(data["changed"]) >= 2 and len(data["removed"]) == 1
    markdown = zswatch(day.config, "digest", "--since", day.before_second)
    assert markdown.returncode == 0 and "地区生产总值增长: 4% → 4.5%" in markdown.stdout
    html = zswatch(day.config, "digest", "--since", day.before_second, "--format", "html")
    assert html.stdout.lstrip().startswith("<!DOCTYPE html>") and "<ins>4.5%</ins>" in html.stdout
    window = zswatch(day.config, "digest", "--since", day.before_first, "--until", day.before_second,
                     "--format", "json")
    first_day = json.loads(window.stdout)
    copies = sum(len(entry["duplicates"]) for entry in first_day["new"])
    assert first_day["changed"] == [] and len(first_day["new"]) + copies == 16


def test_send_mails_the_digest_and_posts_the_json_once(day, smtp):
    mail_url, mailbox = smtp
    with Webhook() as hook:
        set_config(day.config, alerts=[mail_url, hook.url])
        sent = zswatch(day.config, "digest", "--since", day.before_second, "--format", "json", "--send")
        assert sent.returncode == 0, sent.stderr
        assert sent.stderr.count(": sent") == 2
        again = zswatch(day.config, "digest", "--since", day.after_second, "--send")
        assert again.returncode == 0, again.stderr
    assert len(mailbox.messages) == 2 and len(hook.received) == 2, "each digest once per channel"
    mail = mailbox.messages[0]
    assert headline(json.loads(sent.stdout)) in str(mail["Subject"])
    page = mail.get_body(preferencelist=("html",)).get_content()
    assert "地区生产总值增长" in page and "<del>4%</del>" in page and "<ins>4.5%</ins>" in page
    posted = hook.digests()[0]
    assert posted == json.loads(sent.stdout) | {"generated_at": posted["generated_at"]}
    assert {"old": "4%", "new": "4.5%"}.items() <= next(
        fc for item in posted["changed"] for fc in item["figure_changes"] if fc["indicator"] == "地区生产总值增长").items()
    assert hook.digests()[1]["new"] == [] and "0 new" in str(mailbox.messages[1]["Subject"])


def test_send_to_a_dead_channel_exits_1_and_keeps_the_digest(day):
    dead_port = free_port()
    set_config(day.config, alerts=[f"json://127.0.0.1:{dead_port}/hook"])
    failed = zswatch(day.config, "digest", "--since", day.before_second, "--send")
    assert failed.returncode == 1 and "kept in the outbox" in failed.stderr
    with Webhook(dead_port) as hook:
        later = zswatch(day.config, "digest", "--since", day.after_second, "--send")
    assert later.returncode == 0, later.stderr
    kept, new = hook.digests()
    assert kept["since"] == day.before_second and len(kept["changed"]) >= 2, "the kept digest first"
    assert new["since"] == day.after_second and new["changed"] == []


@pytest.mark.parametrize("args, message", [
    (["digest", "--since", "last tuesday"], "--since 'last tuesday' is not an ISO 8601"),
    (["digest", "--since", "2025-07-10", "--until", "soon"], "--until 'soon'"),
    (["digest", "--since", "2025-07-10", "--format", "pdf"], "pdf"),
    (["digest", "--since", "2025-07-10", "--send"], "--send needs alert channels"),
    (["digest"], "--since"),
    (["schedule"], "nothing to schedule"),
])
def test_bad_usage_exits_2_with_a_message(day, args, message):
    result = zswatch(day.config, *args)
    assert result.returncode == 2 and message in result.stderr, result.stderr


def test_status_shows_last_runs_health_and_next_runs(day):
    set_config(day.config, extra='timezone: Asia/Shanghai\ndigest_schedule: "0 8 * * *"\n')
    before = json.loads(zswatch(day.config, "status", "--json").stdout)
    assert before["daemon_pid"] is None and before["digest"]["next_run"].endswith("T08:00:00+08:00")
    assert before["digest"]["next_run_from"] == "config"
    sources = {row["name"]: row for row in before["sources"]}
    assert sources["changsha-zs"]["last_run"]["new"] == 1 and sources["changsha-zs"]["last_run"]["status"] == "ok"

    config = load_config(day.config)
    scheduler = create_scheduler(config)
    scheduler.start(paused=True)
    sync_jobs(scheduler, wanted_jobs(config, day.config))
    scheduler.shutdown(wait=False)
    after = json.loads(zswatch(day.config, "status", "--json").stdout)
    assert after["digest"]["next_run"].endswith("T08:00:00+08:00") and after["digest"]["next_run_from"] == "job store"
    text = zswatch(day.config, "status")
    assert text.returncode == 0 and "not running" in text.stdout and "changsha-zs" in text.stdout
    assert "pages" in text.stdout and "next" in text.stdout


@pytest.mark.parametrize("name", ["digest", "status", "schedule", "serve"])
def test_every_command_has_help_with_an_example(day, name):
    result = zswatch(day.config, name, "--help")
    assert result.returncode == 0 and "Example" in result.stdout and "zswatch" in result.stdout
