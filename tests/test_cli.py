"""The zswatch command: help with examples, --version, exit codes, and the file-based commands."""
from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from pipeline import __version__
from pipeline.cli import load_commands

CLI = load_commands()
COMMANDS = sorted(CLI.commands)


def run(*args, **kwargs):
    return CliRunner().invoke(CLI, list(args), catch_exceptions=False, **kwargs)


def test_version_and_help():
    assert run("--version").output.strip().endswith(__version__)
    result = run("-h")
    assert result.exit_code == 0
    for name in COMMANDS:
        assert name in result.output


@pytest.mark.parametrize("name", COMMANDS)
def test_every_command_has_help_with_an_example_and_version(name):
    result = run(name, "-h")
    assert result.exit_code == 0
    assert "Example" in result.output, f"`zswatch {name} -h` has no example"
    assert run(name, "--version").output.strip().endswith(__version__)


def test_bad_config_exits_2_naming_key_and_line(tmp_path):
    config = tmp_path / "zswatch.yaml"
    config.write_text("db: a.db\nsources:\n  - name: a\n    kind: listing\n    start_url: [http://x]\n")
    result = run("-c", str(config), "crawl")
    assert result.exit_code == 2
    assert "line 5: sources[0].start_url: unknown key; did you mean 'start_urls'?" in result.output
    result = run("-c", str(tmp_path / "missing.yaml"), "search", "x")
    assert result.exit_code == 2 and "no such config file" in result.output


def test_unknown_command_and_option_exit_2():
    assert run("nope").exit_code == 2
    assert run("search").exit_code == 2


def test_init_writes_a_valid_config_and_refuses_to_overwrite(tmp_path):
    path = tmp_path / "zswatch.yaml"
    assert run("init", str(path)).exit_code == 0
    assert "sources:" in path.read_text()
    assert run("init", str(path)).exit_code == 2
    assert run("init", str(path), "--force").exit_code == 0
    from pipeline.config import load_config

    assert load_config(path).sources


def test_archive_commands_on_a_missing_archive_exit_1(tmp_path):
    config = tmp_path / "zswatch.yaml"
    config.write_text("db: none.db\n")
    result = run("-c", str(config), "search", "长沙")
    assert result.exit_code == 1 and "no archive here yet" in result.output


def test_extract_a_gbk_page(tmp_path):
    html = (
        '<html><head><meta charset="gb2312"><title>长沙出台招商新政_某县人民政府</title></head><body>'
        '<div class="nav"><a href="/">首页</a></div><h1>长沙出台招商新政</h1><div>发布时间：2025-07-07</div>'
        "<div id='zoom'><p>长沙市出台支持先进制造业发展的十条措施，对新引进的重大项目给予奖励。</p>"
        "<p>符合条件的企业最高可获得5000万元资金支持，政策自发布之日起施行。</p></div>"
        "<div class='foot'>版权所有 某县人民政府</div></body></html>"
    )
    page = tmp_path / "page.html"
    page.write_bytes(html.encode("gb18030"))
    result = run("extract", str(page), "--url", "http://www.example.gov.cn/zsyz/1.html", "--json")
    assert result.exit_code == 0
    data = json.loads(result.output)
    assert data["title"] == "长沙出台招商新政"
    assert data["published"] == "2025-07-07"
    assert "5000万元" in data["body"] and "版权所有" not in data["body"]
    assert data["region"] == "长沙"


def test_figures_json_lines_and_compare(tmp_path):
    old, new = tmp_path / "old.txt", tmp_path / "new.txt"
    old.write_text("全区地区生产总值增长7%，项目总投资120亿元。", encoding="utf-8")
    new.write_text("项目总投资1200000万元，全区地区生产总值增长6.5%。", encoding="utf-8")
    lines = [json.loads(line) for line in run("figures", str(old), "--json").output.splitlines()]
    assert {"indicator": "地区生产总值增长", "value": 7.0, "unit": "%"}.items() <= lines[0].items()
    text = old.read_text(encoding="utf-8")
    assert all(text[f["start"] : f["end"]] == f["text"] for f in lines)
    changes = [json.loads(line) for line in run("figures", "--compare", str(old), str(new), "--json").output.splitlines()]
    assert [(c["indicator"], c["old_value"], c["new_value"]) for c in changes] == [("地区生产总值增长", 7.0, 6.5)]
    assert run("figures", "--compare", str(old), "--json").exit_code == 2
