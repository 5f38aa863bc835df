from pathlib import Path

import pytest

from pipeline.cli_tools import example_config
from pipeline.config import ALL_KEYS, ConfigError, load_config, parse_config

MINIMAL = """db: a.db
sources:
  - name: portal-a
    kind: listing
    start_urls: [https://example.gov.cn/list_1.html]
"""


def test_example_config_is_valid_and_mentions_every_key():
    config = parse_config(example_config(), "conf/zswatch.yaml")
    assert config.db == Path("conf/archive.db")
    assert [s.kind for s in config.sources] == ["listing", "feed", "sitemap"]
    text = example_config()
    for key in ALL_KEYS:
        assert key.rsplit(".", 1)[-1] + ":" in text, key


def test_minimal_config_takes_defaults():
    config = parse_config(MINIMAL, "z.yaml")
    assert config.timezone == "Asia/Shanghai"
    assert config.crawl.max_pages == 5
    assert config.source("portal-a").start_urls == ("https://example.gov.cn/list_1.html",)


@pytest.mark.parametrize(
    "addition, expected",
    [
        ("    shedule: '0 * * * *'\n", "line 6: sources[0].shedule: unknown key; did you mean 'schedule'?"),
        ("    schedule: '0 25 * * *'\n", "line 6: sources[0].schedule: '0 25 * * *' is not a valid cron"),
        ("    kind2: feed\n", "sources[0].kind2: unknown key"),
        ("crawl:\n  max_pages: yes\n", "line 7: crawl.max_pages: expected an integer"),
        ("crawl:\n  delay: -1\n", "crawl.delay: -1 must be 0 or more"),
        ("timezone: Mars/Olympus\n", "timezone: 'Mars/Olympus' is not a known time zone"),
        ("digest_schedule: daily\n", "digest_schedule: 'daily' is not a valid cron expression"),
    ],
)
def test_bad_config_names_key_and_line(addition, expected):
    with pytest.raises(ConfigError) as error:
        parse_config(MINIMAL + addition, "z.yaml")
    assert expected in str(error.value)
    assert str(error.value).startswith("z.yaml, line ")


def test_missing_field_and_bad_kind():
    with pytest.raises(ConfigError, match=r"sources\[0\].start_urls: missing"):
        parse_config("db: a.db\nsources:\n  - name: a\n    kind: listing\n", "z.yaml")
    with pytest.raises(ConfigError, match=r"sources\[0\].kind: 'rss' must be one of listing, feed, sitemap"):
        parse_config(MINIMAL.replace("kind: listing", "kind: rss"), "z.yaml")
    with pytest.raises(ConfigError, match="must start with http"):
        parse_config(MINIMAL.replace("https://", "ftp://"), "z.yaml")


def test_duplicate_source_names_and_unknown_source():
    twice = MINIMAL + MINIMAL.split("sources:\n", 1)[1]
    with pytest.raises(ConfigError, match="used twice"):
        parse_config(twice, "z.yaml")
    with pytest.raises(ConfigError, match="no source named 'nope'"):
        parse_config(MINIMAL, "z.yaml").source("nope")


def test_unreadable_files(tmp_path):
    with pytest.raises(ConfigError, match="no such config file"):
        load_config(tmp_path / "missing.yaml")
    empty = tmp_path / "empty.yaml"
    empty.write_text("")
    with pytest.raises(ConfigError, match="empty"):
        load_config(empty)
    broken = tmp_path / "broken.yaml"
    broken.write_text("db: [unclosed\n")
    with pytest.raises(ConfigError, match="not valid YAML"):
        load_config(broken)
