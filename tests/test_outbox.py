"""The outbox (store/outbox.py, alerts/outbox.py) with real Apprise delivery to local webhooks on 127.0.0.1:
each channel gets each message exactly once, a dead channel gets it when it is back, no secret is stored."""
from __future__ import annotations

import subprocess
import sys

from daily import Webhook, free_port

from alerts.digest import build_digest
from alerts.digest_shape import headline
from alerts.health import FAILING, OK, HealthChange
from alerts.outbox import channel_id, digests_dir, queue_digest, queue_health_alert, send_pending
from store import outbox as rows


def test_a_digest_is_delivered_once_and_kept_as_a_page(day, day_db):
    digest = build_digest(day_db, day.before_second)
    with Webhook() as hook:
        message_id = queue_digest(day_db, digest, [hook.url])
        [result] = send_pending(day_db, [hook.url])
        assert result.accepted and result.message_id == message_id and result.kind == "digest"
        assert send_pending(day_db, [hook.url]) == []
    [received] = hook.digests()
    assert received["changed"][0]["figure_changes"][0]["indicator"] == digest["changed"][0]["figure_changes"][0][
        "indicator"]
    assert "diff_segments" not in received["changed"][0], "webhooks get the JSON contract"
    assert hook.received[0]["title"] == f"zhaoshang-watch digest: {headline(digest)}"
    assert headline(digest).startswith("1 new · ") and headline(digest).endswith(" changed · 1 removed · 1 conflict")
    stored = rows.message(day_db, message_id)
    assert [d["status"] for d in stored["deliveries"]] == ["sent"]
    assert stored["since"] == day.before_second and stored["until"] == digest["generated_at"]
    page = digests_dir(day_db) / stored["html_path"]
    assert page.parent == day.db.parent / "digests"
    html = page.read_text(encoding="utf-8")
    assert "地区生产总值增长" in html and "<ins>4.5%</ins>" in html
    assert rows.last_until(day_db) == stored["until"]


def test_a_dead_channel_gets_every_message_later_exactly_once(day, day_db):
    dead_port = free_port()
    dead_url = f"json://127.0.0.1:{dead_port}/hook"
    with Webhook() as live:
        urls = [dead_url, live.url]
        first_day = build_digest(day_db, day.before_first, day.before_second)
        first = queue_digest(day_db, first_day, urls)
        results = send_pending(day_db, urls)
        assert [(r.message_id, r.accepted) for r in results] == [(first, False), (first, True)]
        assert "refused" in results[0].error.lower()
        second = queue_digest(day_db, build_digest(day_db, day.before_second), urls)
        results = send_pending(day_db, urls)
        assert [(r.message_id, r.accepted) for r in results] == [(first, False), (second, True)], \
            "after a failure the dead channel's other messages wait; the live channel gets only the new one"
        assert rows.message(day_db, second)["deliveries"][0]["status"] == "pending"
        with Webhook(dead_port) as revived:
            results = send_pending(day_db, urls)
            assert [(r.message_id, r.accepted) for r in results] == [(first, True), (second, True)]
            assert send_pending(day_db, urls) == []
    stories = len(first_day["new"])
    assert stories > 1 and [len(d["new"]) for d in revived.digests()] == [stories, 1]
    assert [len(d["new"]) for d in live.digests()] == [stories, 1]
    first_dead = rows.message(day_db, first)["deliveries"][0]
    assert (first_dead["status"], first_dead["attempts"], first_dead["last_error"]) == ("sent", 3, None)
    assert rows.undelivered(day_db) == []


def test_channels_are_stored_without_their_secrets(day, day_db):
    secret = "S3cretPassw0rd-xyz"
    with Webhook() as hook:
        url = hook.url.replace("json://", f"json://bot:{secret}@")
        queue_digest(day_db, build_digest(day_db, day.before_second), [url])
        assert send_pending(day_db, [url])[0].accepted
    assert secret not in str(hook.received[0]["title"])
    stored = day_db.execute("SELECT group_concat(channel || coalesce(scheme, '') || coalesce(last_error, '')) "
                        "FROM outbox_deliveries").fetchone()[0]
    payloads = day_db.execute("SELECT group_concat(payload || title) FROM outbox").fetchone()[0]
    assert secret not in stored and secret not in payloads
    assert channel_id(url) in stored and channel_id(url) != channel_id(hook.url)


def test_a_claim_left_by_a_dead_process_is_taken_back(day, day_db):
    with Webhook() as hook:
        message_id = queue_digest(day_db, build_digest(day_db, day.before_second), [hook.url])
        claim = ("import sys; from store.db import open_archive; from store.outbox import claim; "
                 "print(len(claim(open_archive(sys.argv[1]), sys.argv[2])))")
        child = subprocess.run([sys.executable, "-c", claim, str(day.db), channel_id(hook.url)],
                               capture_output=True, text=True, check=True)
        assert child.stdout.strip() == "1"
        assert rows.message(day_db, message_id)["deliveries"][0]["status"] == "sending"
        assert [r.accepted for r in send_pending(day_db, [hook.url])] == [True]
    assert len(hook.received) == 1


def test_a_claim_held_by_a_live_process_is_left_alone(day, day_db):
    with Webhook() as hook:
        queue_digest(day_db, build_digest(day_db, day.before_second), [hook.url])
        [held] = rows.claim(day_db, channel_id(hook.url))  # this process holds it, as a sending thread would
        assert send_pending(day_db, [hook.url]) == [] and hook.received == []
        rows.release(day_db, [held.id])
        assert [r.accepted for r in send_pending(day_db, [hook.url])] == [True]


def test_health_alerts_name_the_source_and_the_reason(day_db):
    with Webhook() as hook:
        went_failing = HealthChange("portal-a", OK, FAILING, "no article links in the last 3 runs")
        queue_health_alert(day_db, went_failing, [hook.url])
        queue_health_alert(day_db, HealthChange("portal-a", FAILING, OK, None, "no article links in the last 3 runs"),
                           [hook.url])
        assert [r.kind for r in send_pending(day_db, [hook.url])] == ["health", "health"]
    failing, recovered = hook.received
    assert "portal-a is failing: no article links in the last 3 runs" in failing["title"]
    assert "portal-a is ok again" in recovered["title"]
    body = hook.digests()[0]
    assert body["health"] == {"source": "portal-a", "state": FAILING, "previous_state": OK,
                              "reason": "no article links in the last 3 runs"}
    assert body["sources"][0]["alert"] == "no article links in the last 3 runs"
    assert rows.last_until(day_db) is None, "health alerts do not move the digest window"


def test_a_message_without_channels_is_kept_but_sends_nothing(day, day_db):
    message_id = queue_digest(day_db, build_digest(day_db, day.before_second), [])
    assert rows.message(day_db, message_id)["deliveries"] == []
    assert send_pending(day_db, []) == []
    assert (digests_dir(day_db) / rows.message(day_db, message_id)["html_path"]).exists()
