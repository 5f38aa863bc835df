"""The YAML config: loaded, validated against a schema, and turned into frozen dataclasses."""
from __future__ import annotations

import difflib
import zoneinfo
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable

import yaml

from .cron import cron_trigger

DEFAULT_CONFIG_PATH = Path("zswatch.yaml")
SOURCE_KINDS = ("listing", "feed", "sitemap")
SELECTOR_KEYS = ("links", "next_page", "title", "date", "body")


class ConfigError(Exception):
    """A config problem, with the file, line and key it concerns."""


@dataclass(frozen=True)
class Source:
    """One site to watch: its kind, start URLs and optional schedule, region, page limit and selectors."""

    name: str
    kind: str
    start_urls: tuple[str, ...]
    schedule: str | None = None
    region: str | None = None
    max_pages: int | None = None
    selectors: dict[str, str] = field(default_factory=dict)
    enabled: bool = True


@dataclass(frozen=True)
class CrawlOptions:
    """The `crawl:` section: page limits, politeness, retries and the scheduled crawl's time limit."""

    max_pages: int = 5
    download_timeout: float = 30.0
    max_page_mb: float = 16.0
    retries: int = 3
    delay: float = 0.5
    concurrency: int = 4
    autothrottle: bool = True
    user_agent: str = ""
    timeout: float = 3600.0


@dataclass(frozen=True)
class DedupeOptions:
    """The `dedupe:` section: whether reposts are matched, and the matcher's overrides."""

    enabled: bool = True
    threshold: float | None = None  # None: the matcher's default
    min_summary_share: float | None = None


@dataclass(frozen=True)
class RevisitOptions:
    """The `revisit:` section: how long known articles are re-fetched hourly, daily and weekly."""

    enabled: bool = True
    hourly_for_days: float = 1
    daily_for_days: float = 30
    weekly_for_days: float = 365
    batch: int = 200


@dataclass(frozen=True)
class DigestOptions:
    """The `digest:` section: runs a source's health is judged by, the markdown size limit, quiet days."""

    health_runs: int = 3
    max_markdown_bytes: int = 18000
    send_empty: bool = False


@dataclass(frozen=True)
class Config:
    """A validated config file."""

    db: Path
    timezone: str = "Asia/Shanghai"
    sources: tuple[Source, ...] = ()
    alerts: tuple[str, ...] = ()
    digest_schedule: str | None = None
    crawl: CrawlOptions = CrawlOptions()
    dedupe: DedupeOptions = DedupeOptions()
    revisit: RevisitOptions = RevisitOptions()
    digest: DigestOptions = DigestOptions()
    path: Path | None = None

    def source(self, name: str) -> Source:
        """The source with this name; a ConfigError that lists the known ones otherwise."""
        for source in self.sources:
            if source.name == name:
                return source
        known = ", ".join(s.name for s in self.sources) or "none"
        raise ConfigError(f"no source named {name!r} in {self.path} (sources: {known})")


# A key's spec: (python type(s), required, extra check). Nested mappings are dicts of specs.
Check = Callable[[Any], str | None]


def _positive(value: Any) -> str | None:
    return None if value > 0 else "must be greater than 0"


def _non_negative(value: Any) -> str | None:
    return None if value >= 0 else "must be 0 or more"


def _cron(value: str) -> str | None:
    try:
        cron_trigger(value, zoneinfo.ZoneInfo("UTC"))
    except ValueError as exc:
        return f"is not a valid cron expression: {exc}"
    return None


def _timezone(value: str) -> str | None:
    try:
        zoneinfo.ZoneInfo(value)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        return "is not a known time zone (for example Asia/Shanghai)"
    return None


def _http_url(value: str) -> str | None:
    return None if value.startswith(("http://", "https://")) else "must start with http:// or https://"


def _kind(value: str) -> str | None:
    return None if value in SOURCE_KINDS else f"must be one of {', '.join(SOURCE_KINDS)}"


def _fraction(value: float) -> str | None:
    return None if 0 <= value <= 1 else "must be between 0 and 1"


NUMBER = (int, float)
CRAWL_SPEC = {
    "max_pages": (int, False, _positive),
    "download_timeout": (NUMBER, False, _positive),
    "max_page_mb": (NUMBER, False, _positive),
    "retries": (int, False, _non_negative),
    "delay": (NUMBER, False, _non_negative),
    "concurrency": (int, False, _positive),
    "autothrottle": (bool, False, None),
    "user_agent": (str, False, None),
    "timeout": (NUMBER, False, _positive),
}
DEDUPE_SPEC = {
    "enabled": (bool, False, None),
    "threshold": (NUMBER, False, _fraction),
    "min_summary_share": (NUMBER, False, _fraction),
}
REVISIT_SPEC = {
    "enabled": (bool, False, None),
    "hourly_for_days": (NUMBER, False, _non_negative),
    "daily_for_days": (NUMBER, False, _non_negative),
    "weekly_for_days": (NUMBER, False, _non_negative),
    "batch": (int, False, _positive),
}
DIGEST_SPEC = {
    "health_runs": (int, False, _positive),
    "max_markdown_bytes": (int, False, _positive),
    "send_empty": (bool, False, None),
}
SELECTORS_SPEC = {key: (str, False, None) for key in SELECTOR_KEYS}
SOURCE_SPEC = {
    "name": (str, True, None),
    "kind": (str, True, _kind),
    "start_urls": ([str], True, _http_url),
    "schedule": (str, False, _cron),
    "region": (str, False, None),
    "max_pages": (int, False, _positive),
    "selectors": (SELECTORS_SPEC, False, None),
    "enabled": (bool, False, None),
}
CONFIG_SPEC = {
    "db": (str, True, None),
    "timezone": (str, False, _timezone),
    "sources": ([SOURCE_SPEC], False, None),
    "alerts": ([str], False, None),
    "digest_schedule": (str, False, _cron),
    "crawl": (CRAWL_SPEC, False, None),
    "dedupe": (DEDUPE_SPEC, False, None),
    "revisit": (REVISIT_SPEC, False, None),
    "digest": (DIGEST_SPEC, False, None),
}
# Every key a user may write, for the docs test: "section.key" paths.
ALL_KEYS = sorted(
    [key for key in CONFIG_SPEC]
    + [f"crawl.{k}" for k in CRAWL_SPEC]
    + [f"dedupe.{k}" for k in DEDUPE_SPEC]
    + [f"revisit.{k}" for k in REVISIT_SPEC]
    + [f"digest.{k}" for k in DIGEST_SPEC]
    + [f"sources[].{k}" for k in SOURCE_SPEC]
    + [f"sources[].selectors.{k}" for k in SELECTOR_KEYS]
)

_TYPE_NAMES = {str: "a string", int: "an integer", bool: "true or false", float: "a number"}


class _Validator:
    """Checks a YAML node tree against a spec, naming the file, line and key of the first problem."""

    def __init__(self, path: str):
        self.path = path

    def error(self, node: yaml.Node, key: str, message: str) -> ConfigError:
        return ConfigError(f"{self.path}, line {node.start_mark.line + 1}: {key}: {message}")

    def scalar(self, node: yaml.Node, key: str, expected: Any) -> Any:
        if not isinstance(node, yaml.ScalarNode):
            raise self.error(node, key, f"expected {self._describe(expected)}")
        value = yaml.safe_load(yaml.serialize(node))
        types = expected if isinstance(expected, tuple) else (expected,)
        # bool is an int subclass in Python, but `max_pages: yes` is a mistake, not 1.
        if isinstance(value, bool) and bool not in types:
            value = None
        if expected is str and isinstance(value, (int, float)) and not isinstance(value, bool):
            value = node.value
        if value is None or not isinstance(value, types):
            raise self.error(node, key, f"expected {self._describe(expected)}, got {node.value!r}")
        return value

    def mapping(self, node: yaml.Node, spec: dict, prefix: str) -> dict[str, Any]:
        if not isinstance(node, yaml.MappingNode):
            raise self.error(node, prefix or "config", "expected a mapping of keys to values")
        result: dict[str, Any] = {}
        for key_node, value_node in node.value:
            key = key_node.value
            full_key = f"{prefix}{key}"
            if key not in spec:
                hint = difflib.get_close_matches(key, list(spec), n=1)
                suggestion = f"; did you mean {hint[0]!r}?" if hint else f"; known keys: {', '.join(spec)}"
                raise self.error(key_node, full_key, f"unknown key{suggestion}")
            expected, _, check = spec[key]
            value = self.value(value_node, full_key, expected)
            if check is not None:
                for item in value if isinstance(value, list) else [value]:
                    problem = check(item)
                    if problem:
                        raise self.error(value_node, full_key, f"{item!r} {problem}")
            result[key] = value
        for key, (_, required, _) in spec.items():
            if required and key not in result:
                raise self.error(node, f"{prefix}{key}", "missing (this key is required)")
        return result

    def value(self, node: yaml.Node, key: str, expected: Any) -> Any:
        if isinstance(expected, dict):
            return self.mapping(node, expected, f"{key}.")
        if isinstance(expected, list):
            if not isinstance(node, yaml.SequenceNode):
                raise self.error(node, key, "expected a list")
            return [self.value(child, f"{key}[{i}]", expected[0]) for i, child in enumerate(node.value)]
        return self.scalar(node, key, expected)

    @staticmethod
    def _describe(expected: Any) -> str:
        if isinstance(expected, tuple):
            return "a number"
        return _TYPE_NAMES.get(expected, str(expected))


def parse_config(text: str, path: str | Path = "<config>") -> Config:
    """Validate YAML text and build a Config; raises ConfigError naming the key and line."""
    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError as exc:
        raise ConfigError(f"{path}: not valid YAML: {exc}") from exc
    if root is None:
        raise ConfigError(f"{path}: the file is empty; `zswatch init` writes an example")
    raw = _Validator(str(path)).mapping(root, CONFIG_SPEC, "")
    base = Path(path).parent if str(path) != "<config>" else Path(".")
    sources = tuple(_source(entry) for entry in raw.get("sources", []))
    names = [s.name for s in sources]
    duplicated = sorted({n for n in names if names.count(n) > 1})
    if duplicated:
        raise ConfigError(f"{path}: sources: the name {duplicated[0]!r} is used twice; names must be unique")
    return Config(
        db=(base / raw["db"]) if not Path(raw["db"]).is_absolute() else Path(raw["db"]),
        timezone=raw.get("timezone", "Asia/Shanghai"),
        sources=sources,
        alerts=tuple(raw.get("alerts", [])),
        digest_schedule=raw.get("digest_schedule"),
        crawl=CrawlOptions(**raw.get("crawl", {})),
        dedupe=DedupeOptions(**raw.get("dedupe", {})),
        revisit=RevisitOptions(**raw.get("revisit", {})),
        digest=DigestOptions(**raw.get("digest", {})),
        path=Path(path) if str(path) != "<config>" else None,
    )


def _source(entry: dict[str, Any]) -> Source:
    entry = dict(entry)
    entry["start_urls"] = tuple(entry["start_urls"])
    return Source(**entry)


def load_config(path: str | Path) -> Config:
    """Read and validate a config file."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ConfigError(f"{path}: no such config file; `zswatch init` writes an example") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path}: cannot read the config: {exc}") from exc
    return parse_config(text, path)
