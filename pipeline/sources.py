"""From the config to a spider's source and the Scrapy settings of a crawl."""
from __future__ import annotations

from typing import Any

from .config import Config, ConfigError, Source, load_config


def crawl_settings(config: Config) -> dict[str, Any]:
    """Scrapy settings derived from the config's `db` and `crawl:` section."""
    crawl = config.crawl
    settings: dict[str, Any] = {
        "ZSWATCH_DB": str(config.db),
        "ZSWATCH_MAX_PAGES": crawl.max_pages,
        "ZSWATCH_DEDUPE_ENABLED": config.dedupe.enabled,
        "ZSWATCH_DEDUPE_THRESHOLD": config.dedupe.threshold,
        "ZSWATCH_DEDUPE_MIN_SUMMARY_SHARE": config.dedupe.min_summary_share,
        "DOWNLOAD_TIMEOUT": crawl.download_timeout,
        "DOWNLOAD_MAXSIZE": int(crawl.max_page_mb * 1024 * 1024),
        "DOWNLOAD_WARNSIZE": int(crawl.max_page_mb * 1024 * 1024),
        "RETRY_TIMES": crawl.retries,
        "DOWNLOAD_DELAY": crawl.delay,
        "AUTOTHROTTLE_START_DELAY": max(crawl.delay, 0.1),
        "CONCURRENT_REQUESTS_PER_DOMAIN": crawl.concurrency,
        "AUTOTHROTTLE_ENABLED": crawl.autothrottle,
    }
    if config.path is not None:
        settings["ZSWATCH_CONFIG"] = str(config.path)
    if crawl.user_agent:
        settings["USER_AGENT"] = crawl.user_agent
    return settings


def resolve_source(crawler: Any, source: Any, kind: str, **kwargs: Any) -> Source:
    """The spider's source: a Source from the runner, `-a source=NAME` from the config, or `-a url=URL` ad hoc."""
    if isinstance(source, Source):
        return source
    url = kwargs.get("url")
    if source is None and url:
        return Source(name=kwargs.get("name") or "adhoc", kind=kind, start_urls=(url,), region=kwargs.get("region"))
    if not source:
        raise ConfigError(f"name a source: scrapy crawl {kind} -a source=NAME (or -a url=URL for a one-off crawl)")
    config = load_config(kwargs.get("config") or crawler.settings.get("ZSWATCH_CONFIG"))
    found = config.source(source)
    if found.kind != kind:
        raise ConfigError(f"source {source!r} is a {found.kind} source: scrapy crawl {found.kind} -a source={source}")
    for key, value in crawl_settings(config).items():
        crawler.settings.set(key, value, priority="spider")
    return found
