"""The README documents every command, option-bearing config key and archive table."""
from pathlib import Path

import pytest

from pipeline.cli import load_commands
from pipeline.config import ALL_KEYS

README = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")


SECTIONS = {key.rsplit(".", 1)[0] for key in ALL_KEYS if "." in key}


@pytest.mark.parametrize("name", sorted(load_commands().commands))
def test_every_command_is_in_the_readme(name):
    assert f"`zswatch {name}" in README, f"README.md does not document `zswatch {name}`"


@pytest.mark.parametrize("key", [k for k in ALL_KEYS if k not in SECTIONS])
def test_every_config_key_is_in_the_readme(key):
    assert f"`{key}`" in README, f"README.md's config reference lacks `{key}`"


@pytest.mark.parametrize("table", ["articles", "versions", "figures", "figure_changes", "clusters", "crawl_runs"])
def test_archive_tables_are_in_the_readme(table):
    assert f"| `{table}` |" in README
