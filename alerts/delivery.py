"""Deliver a digest through Apprise, one channel at a time, reporting what each channel accepted.

Mail gets the HTML page, JSON/form/XML webhooks get the digest JSON as the message body, every other
channel (DingTalk, WeCom, Feishu, Telegram …) gets chat-sized markdown. `${VAR}` in a URL is read
from the environment, so secrets need not sit in the config. Nothing secret reaches our messages.
"""
from __future__ import annotations

import logging
import os
import re
from dataclasses import dataclass
from typing import Mapping, Sequence
from urllib.parse import parse_qsl, quote, unquote

import apprise

from alerts.digest_shape import TITLE, headline
from alerts.markdown_digest import render_markdown
from alerts.render import render_html, render_json

WEBHOOK_SCHEMES = {"json", "jsons", "form", "forms", "xml", "xmls"}
MARKDOWN_MAX_BYTES = 18000
ERROR_MAX_CHARS = 500
MASK = "****"
_PLACEHOLDER = re.compile(r"\$\{([A-Za-z_][A-Za-z0-9_]*)\}")
# Query parameters whose values are credentials whatever they look like.
_SECRET_PARAM = re.compile(r"pass|pwd|secret|token|key|auth|sig|cred|access|webhook", re.I)
# A path part or host that looks like an API token or webhook key: long, no dots, has a digit.
_TOKEN_LIKE = re.compile(r"(?=[^.]*\d)[A-Za-z0-9_\-+=~:]{12,}")
_LOG_LINE = re.compile(r"^(DEBUG|INFO|WARNING|ERROR|CRITICAL)\|(.*)$")


@dataclass(frozen=True)
class ChannelResult:
    """What one channel did with the digest: accepted, or not and why (secrets removed)."""

    url_redacted: str
    accepted: bool
    error: str | None


class MissingVariable(LookupError):
    """A `${VAR}` in an alert URL names an environment variable that is not set."""


def expand_env(url: str, environ: Mapping[str, str] | None = None) -> tuple[str, list[str]]:
    """The URL with `${VAR}` replaced from the environment, and the values put in (to hide later).

    Values inside user:password@ are percent-encoded so that "@", ":" or "/" in a password keep the
    URL whole; elsewhere they go in as they are (a whole URL, host or token may be kept in a variable).
    """
    env = os.environ if environ is None else environ
    netloc_end = _netloc_span(url)[1]
    userinfo_end = url.rfind("@", 0, netloc_end)
    values: list[str] = []

    def replace(match: re.Match) -> str:
        name = match.group(1)
        if name not in env:
            raise MissingVariable(f"environment variable {name} is not set")
        value = env[name]
        values.append(value)
        return quote(value, safe="") if match.start() < userinfo_end else value

    return _PLACEHOLDER.sub(replace, url), values


def _netloc_span(url: str) -> tuple[int, int]:
    """Start and end offsets of the part between "://" and the first "/", "?" or "#"."""
    start = url.find("://")
    start = 0 if start < 0 else start + 3
    end = len(url)
    for mark in "/?#":
        pos = url.find(mark, start)
        if pos != -1:
            end = min(end, pos)
    return start, end


def _mask(value: str) -> str:
    if not value or _PLACEHOLDER.fullmatch(value):
        return value
    return MASK


def _mask_token(value: str) -> str:
    if _PLACEHOLDER.fullmatch(value) or not _TOKEN_LIKE.fullmatch(value):
        return value
    return value[:2] + MASK


def redact_url(url: str) -> str:
    """The URL with passwords, keys and tokens masked; `${VAR}` placeholders are shown as they are."""
    start, end = _netloc_span(url)
    head, netloc, rest = url[:start], url[start:end], url[end:]
    userinfo, at, hostport = netloc.rpartition("@")
    if at:
        user, colon, password = userinfo.partition(":")
        userinfo = user + (colon + _mask(password) if colon else "")
    host, colon, port = hostport.partition(":")
    netloc = userinfo + at + _mask_token(host) + colon + (port if port.isdigit() else _mask_token(port))
    path, qmark, query = rest.partition("?")
    query, hashmark, fragment = query.partition("#")
    if not qmark:
        path, hashmark, fragment = path.partition("#")
    path = "/".join(_mask_token(part) for part in path.split("/"))
    if qmark:
        pairs = []
        for pair in query.split("&"):
            key, eq, value = pair.partition("=")
            masked = _mask(value) if _SECRET_PARAM.search(unquote(key)) else _mask_token(value)
            pairs.append(key + eq + masked)
        query = "&".join(pairs)
    return head + netloc + path + qmark + query + hashmark + _mask_token(fragment)


def _secrets_of(url: str, values: Sequence[str]) -> list[str]:
    """Every piece of the URL redact_url() would hide, plus the values taken from the environment."""
    start, end = _netloc_span(url)
    userinfo, at, hostport = url[start:end].rpartition("@")
    found = [v for v in values if len(v) >= 3]
    if at and ":" in userinfo:
        found.append(userinfo.partition(":")[2])
    found += [part for part in re.split(r"[/:@?&=#]", url[start:]) if _TOKEN_LIKE.fullmatch(part)]
    found += [value for key, value in parse_qsl(url.partition("?")[2]) if _SECRET_PARAM.search(key)]
    expanded = set()
    for secret in found:
        if len(secret) >= 3:
            expanded.update({secret, unquote(secret), quote(secret, safe=""), quote(secret)})
    return sorted(expanded, key=len, reverse=True)


def _scrub(text: str, secrets: Sequence[str]) -> str:
    for secret in secrets:
        text = text.replace(secret, MASK)
    return text


def channel_kind(url: str, plugin: object | None = None) -> str:
    """"json" for webhooks, "html" for mail (a plugin whose preferred format is HTML), else "md"."""
    scheme = url.partition("://")[0].lower()
    if scheme in WEBHOOK_SCHEMES:
        return "json"
    if scheme in ("mailto", "mailtos") or _preferred_format(plugin) == apprise.NotifyFormat.HTML:
        return "html"
    return "md"


def _preferred_format(plugin: object | None) -> object | None:
    formats = getattr(plugin, "notify_format", None)
    if isinstance(formats, (tuple, list)):
        return formats[0] if formats else None
    return formats


class _Bodies:
    """Each rendering of the digest made once, however many channels use it."""

    def __init__(self, digest: dict):
        self.digest = digest
        self._cache: dict[tuple[str, int], str] = {}

    def get(self, kind: str, max_bytes: int = 0) -> str:
        key = (kind, max_bytes if kind == "md" else 0)
        if key not in self._cache:
            if kind == "json":
                self._cache[key] = render_json(self.digest)
            elif kind == "html":
                self._cache[key] = render_html(self.digest)
            else:
                self._cache[key] = render_markdown(self.digest, max_bytes=max_bytes)
        return self._cache[key]


_FORMATS = {"json": apprise.NotifyFormat.TEXT, "html": apprise.NotifyFormat.HTML, "md": apprise.NotifyFormat.MARKDOWN}


def _markdown_budget(plugin: object, title: str) -> int:
    """Bytes of markdown the channel takes: its body limit (in characters, so bytes are safe) less the title."""
    limit = getattr(plugin, "body_maxlen", MARKDOWN_MAX_BYTES) or MARKDOWN_MAX_BYTES
    if not getattr(plugin, "title_maxlen", 1):
        limit -= len(title.encode("utf-8")) + 4  # the title is put into the body
    return max(200, min(MARKDOWN_MAX_BYTES, limit))


def _failure_reason(log: str) -> str | None:
    """Warnings and errors from Apprise's log, with the exception detail it logs at debug level."""
    reasons: list[str] = []
    for line in log.splitlines():
        match = _LOG_LINE.match(line)
        if not match:
            continue
        level, message = match.groups()
        if level in ("WARNING", "ERROR", "CRITICAL") or message.startswith(("Socket Exception", "Response Details")):
            if message.strip() and message not in reasons:
                reasons.append(message.strip())
    return "; ".join(reasons)[:ERROR_MAX_CHARS] or None


def _deliver_one(url: str, bodies: _Bodies, title: str, environ: Mapping[str, str] | None) -> ChannelResult:
    url = url.strip()
    shown = redact_url(url)
    try:
        expanded, values = expand_env(url, environ)
    except MissingVariable as exc:
        return ChannelResult(shown, False, str(exc))
    secrets = _secrets_of(expanded, values)
    notifier = apprise.Apprise()
    with apprise.LogCapture(level=logging.DEBUG, fmt="%(levelname)s|%(message)s") as log:
        try:
            added = notifier.add(expanded)
        except Exception as exc:  # a plugin may raise on a malformed URL
            added, log_extra = False, f"{type(exc).__name__}: {exc}"
        else:
            log_extra = ""
        if not added:
            reason = _failure_reason(log.getvalue()) or log_extra or "no Apprise service understands it"
            return ChannelResult(shown, False, _scrub(f"not a usable alert URL: {reason}", secrets))
        plugin = notifier[0]
        kind = channel_kind(expanded, plugin)
        body = bodies.get(kind, _markdown_budget(plugin, title))
        try:
            accepted = bool(notifier.notify(body=body, title=title, body_format=_FORMATS[kind]))
            crash = ""
        except Exception as exc:  # a dead channel must never stop the others
            accepted, crash = False, f"{type(exc).__name__}: {exc}"
    if accepted:
        return ChannelResult(shown, True, None)
    reason = _failure_reason(log.getvalue()) or crash or "the channel did not accept the digest"
    return ChannelResult(shown, False, _scrub(reason, secrets))


def deliver(
    digest: dict,
    urls: Sequence[str],
    *,
    title: str | None = None,
    environ: Mapping[str, str] | None = None,
) -> list[ChannelResult]:
    """Send the digest to each Apprise URL in turn; one result per URL, in order."""
    title = title or f"{TITLE}: {headline(digest)}"
    bodies = _Bodies(digest)
    return [_deliver_one(url, bodies, title, environ) for url in urls]
