"""Apprise delivery to real local servers: SMTP (aiosmtpd), an HTTP webhook, and a dead port."""
from __future__ import annotations

import email
import email.policy
import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import apprise
import pytest
from aiosmtpd.controller import Controller
from daily import Mailbox, free_port
from digest_samples import make_digest, many_new

from alerts.delivery import ChannelResult, MissingVariable, channel_kind, deliver, expand_env, redact_url
from alerts.render import render_json

SMTP_USER = "digest-bot"
SMTP_PASSWORD = "p@ss:w/rd#9%x"  # every character that would break a URL if put in raw
FROM_TO = "from=digest@example.com&to=reader@example.com"


@pytest.fixture
def smtp_server():
    """aiosmtpd on 127.0.0.1 accepting mail, with AUTH (over plain SMTP, as a local relay would)."""
    mailbox = Mailbox(credentials=(SMTP_USER, SMTP_PASSWORD))
    controller = Controller(mailbox, hostname="127.0.0.1", port=free_port(),
                            authenticator=mailbox.authenticate, auth_require_tls=False)
    controller.start()
    try:
        yield controller.port, mailbox
    finally:
        controller.stop()


@pytest.fixture
def webhook():
    """An HTTP receiver on 127.0.0.1 that records each POST body and answers 200."""
    received: list[dict] = []

    class Receiver(BaseHTTPRequestHandler):
        def do_POST(self):
            length = int(self.headers.get("Content-Length", 0))
            received.append({"path": self.path, "type": self.headers.get("Content-Type"),
                             "body": self.rfile.read(length)})
            self.send_response(200)
            self.end_headers()

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Receiver)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield server.server_port, received
    finally:
        server.shutdown()
        server.server_close()


def _html_part(message: email.message.EmailMessage) -> str:
    part = message.get_body(preferencelist=("html",))
    assert part is not None, "the mail has no HTML part"
    return part.get_content()


def test_mail_webhook_and_dead_channel_each_get_their_own_result(smtp_server, webhook):
    smtp_port, mailbox = smtp_server
    hook_port, received = webhook
    dead_port = free_port()
    digest = make_digest()
    urls = [
        f"mailto://{SMTP_USER}:${{SMTP_PASSWORD}}@127.0.0.1:{smtp_port}?{FROM_TO}",
        f"json://127.0.0.1:{dead_port}/hook",
        f"json://127.0.0.1:{hook_port}/digest",
    ]
    results = deliver(digest, urls, environ={"SMTP_PASSWORD": SMTP_PASSWORD})

    assert [r.accepted for r in results] == [True, False, True]
    assert results[0].error is None and results[2].error is None
    assert "refused" in results[1].error.lower()
    assert results[0].url_redacted == f"mailto://{SMTP_USER}:${{SMTP_PASSWORD}}@127.0.0.1:{smtp_port}?{FROM_TO}"

    assert mailbox.logins == [(SMTP_USER, SMTP_PASSWORD)]
    assert len(mailbox.messages) == 1
    mail = mailbox.messages[0]
    assert "1 new · 2 changed · 1 removed" in str(mail["Subject"])
    html = _html_part(mail)
    assert "地区生产总值增长" in html and "7%" in html and "6.5%" in html
    assert "<!DOCTYPE html>" in html

    assert len(received) == 1 and received[0]["path"] == "/digest"
    assert received[0]["type"].startswith("application/json")
    payload = json.loads(received[0]["body"])
    assert json.loads(payload["message"]) == json.loads(render_json(digest))
    assert payload["title"].startswith("zhaoshang-watch digest")


def test_a_large_digest_reaches_the_webhook_whole(webhook):
    hook_port, received = webhook
    digest = many_new(1500)
    assert deliver(digest, [f"json://127.0.0.1:{hook_port}/big"])[0].accepted
    message = json.loads(received[0]["body"])["message"]
    assert len(message.encode("utf-8")) > 200_000
    assert json.loads(message) == json.loads(render_json(digest))


def test_a_rejected_login_is_reported_without_the_password(smtp_server):
    smtp_port, mailbox = smtp_server
    wrong = "Wr0ng-S3cret-Pa55"
    results = deliver(make_digest(), [f"mailto://{SMTP_USER}:{wrong}@127.0.0.1:{smtp_port}?{FROM_TO}",
                                      f"mailto://{SMTP_USER}:${{SMTP_PASSWORD}}@127.0.0.1:{smtp_port}?{FROM_TO}"],
                      environ={"SMTP_PASSWORD": SMTP_PASSWORD})
    assert [r.accepted for r in results] == [False, True]
    assert mailbox.logins[0] == (SMTP_USER, wrong)
    for result in results:
        for secret in (wrong, SMTP_PASSWORD):
            assert secret not in result.url_redacted
            assert secret not in (result.error or "")
    assert results[0].error


def test_missing_variable_and_bad_url_do_not_stop_the_others(webhook):
    hook_port, received = webhook
    results = deliver(make_digest(), ["dingtalk://${NO_SUCH_TOKEN}/", "nosuchservice://bob:TopSecret99@host/",
                                      f"json://127.0.0.1:{hook_port}/ok"], environ={})
    assert results[0] == ChannelResult("dingtalk://${NO_SUCH_TOKEN}/", False,
                                       "environment variable NO_SUCH_TOKEN is not set")
    assert not results[1].accepted and "not a usable alert URL" in results[1].error
    assert "TopSecret99" not in results[1].error + results[1].url_redacted
    assert results[2].accepted and len(received) == 1


def test_chat_channels_get_markdown_within_their_size_limit(monkeypatch):
    """WeCom bots take 2048 characters: the markdown is cut to fit, with the "… and N more" line."""
    sent: list[dict] = []
    plugin_class = type(apprise.Apprise.instantiate("wecombot://0123456789abcdef"))

    def fake_send(self, body, title="", **kwargs):
        sent.append({"body": body, "title": title})
        return True

    monkeypatch.setattr(plugin_class, "send", fake_send)
    results = deliver(many_new(300), ["wecombot://0123456789abcdef"])
    assert results[0].accepted, results[0].error
    body = sent[0]["body"]
    assert len(body) <= plugin_class.body_maxlen
    assert "#### Changed" in body and "地区生产总值增长: 7% → 6.5%" in body
    assert body.rstrip().split("\n")[-1].startswith("… and ")


def test_redact_url_hides_passwords_tokens_and_keys():
    assert redact_url("mailtos://user:hunter2@smtp.qq.com:465?to=a@b.cn") == "mailtos://user:****@smtp.qq.com:465?to=a@b.cn"
    assert redact_url("mailto://user:${SMTP_PASS}@smtp.qq.com") == "mailto://user:${SMTP_PASS}@smtp.qq.com"
    token = "3f2a9c1e5b7d40a1b2c3d4e5f6a7b8c9d0e1f2a3b4c5d6e7f8a9b0c1d2e3f4a5"
    assert token not in redact_url(f"dingtalk://{token}/")
    assert redact_url(f"dingtalk://{token}/").startswith("dingtalk://")
    key = "693a91f6-7xxx-4bc4-97a0-0ec2sifa5aaa"
    assert key not in redact_url(f"wecombot://{key}")
    assert redact_url("json://hooks.example.com/api/notify?token=abc&x=1") == "json://hooks.example.com/api/notify?token=****&x=1"
    assert redact_url("dingtalk://${DINGTALK_TOKEN}/") == "dingtalk://${DINGTALK_TOKEN}/"


def test_expand_env_quotes_only_inside_the_userinfo():
    url, values = expand_env("mailto://bot:${PW}@${HOST}:25/${TOKEN}?to=${TO}",
                             {"PW": "a@b:c/d", "HOST": "smtp.example.com", "TOKEN": "t-1", "TO": "x@y.cn"})
    assert url == "mailto://bot:a%40b%3Ac%2Fd@smtp.example.com:25/t-1?to=x@y.cn"
    assert values == ["a@b:c/d", "smtp.example.com", "t-1", "x@y.cn"]
    assert expand_env("${WHOLE}", {"WHOLE": "json://h:1/p?a=b"})[0] == "json://h:1/p?a=b"
    with pytest.raises(MissingVariable, match="NOPE"):
        expand_env("json://${NOPE}/", {})


@pytest.mark.parametrize("url, kind", [
    ("mailto://u:p@smtp.example.com", "html"),
    ("mailtos://u:p@smtp.example.com", "html"),
    ("json://example.com/hook", "json"),
    ("jsons://example.com/hook", "json"),
    ("dingtalk://0123456789abcdef/", "md"),
    ("wecombot://0123456789abcdef", "md"),
    ("feishu://0123456789abcdef", "md"),
])
def test_channel_kind(url, kind):
    assert channel_kind(url, apprise.Apprise.instantiate(url)) == kind
