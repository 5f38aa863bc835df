"""Canonical article URLs: one article gets one row however it was linked."""
from __future__ import annotations

import re
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from w3lib.url import canonicalize_url

# Parameters added by share buttons, campaigns, WeChat and analytics; they never select content.
TRACKING_PARAMETERS = frozenset(
    {
        "from", "spm", "share", "share_from", "share_token", "sharetype", "share_type", "shareid", "share_id",
        "sharer", "sharesource", "scene", "clicktime", "enterid", "isappinstalled", "wxfrom", "wx_share",
        "fbclid", "gclid", "yclid", "msclkid", "mc_cid", "mc_eid", "_hsenc", "_hsmi", "ref", "ref_src",
        "referer", "referrer", "fromsource", "from_source", "tt_from", "tt_medium", "utm", "vd_source",
        "chksm", "mpshare", "srcid", "refer",
    }
)
_TRACKING_PREFIXES = ("utm_", "hmsr", "hmpl", "hmcu", "hmkw", "hmci")
_DEFAULT_PORTS = {"http": 80, "https": 443}
_DOUBLE_SLASH = re.compile(r"/{2,}")


def is_tracking_parameter(name: str) -> bool:
    """True for a query parameter that only tracks where a click came from."""
    lowered = name.lower()
    return lowered in TRACKING_PARAMETERS or lowered.startswith(_TRACKING_PREFIXES)


def canonical_url(url: str) -> str:
    """Scheme and host lower-cased, default port, fragment and tracking parameters dropped, query sorted."""
    parts = urlsplit(url.strip())
    scheme = parts.scheme.lower()
    host = (parts.hostname or "").lower()
    port = parts.port
    netloc = host if port in (None, _DEFAULT_PORTS.get(scheme)) else f"{host}:{port}"
    if parts.username:
        netloc = f"{parts.username}{':' + parts.password if parts.password else ''}@{netloc}"
    query = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if not is_tracking_parameter(k)]
    path = _DOUBLE_SLASH.sub("/", parts.path) or "/"
    cleaned = urlunsplit((scheme, netloc, path, urlencode(query), ""))
    return canonicalize_url(cleaned, keep_fragments=False)
