"""The `zswatch` command: a thin shell over the pipeline, the store and the alerts."""
from __future__ import annotations

import functools
import importlib
import json
import sys
from pathlib import Path
from typing import Any, Callable

import click

from store.db import ArchiveError, open_archive

from . import __version__
from .config import DEFAULT_CONFIG_PATH, Config, ConfigError, load_config

CONTEXT_SETTINGS = {"help_option_names": ["-h", "--help"], "max_content_width": 100}
COMMAND_MODULES = ("cli_archive", "cli_clusters", "cli_crawl", "cli_daily", "cli_demo", "cli_import", "cli_tools")


class UsageProblem(click.UsageError):
    """Bad usage or a bad config: exit code 2."""


def fail(message: str) -> None:
    """A failure that is not the user's input: message on stderr, exit code 1."""
    click.secho(f"Error: {message}", fg="red", err=True)
    sys.exit(1)


def handle_errors(function: Callable[..., Any]) -> Callable[..., Any]:
    """Config problems exit 2, archive problems exit 1, each with a one-line message."""

    @functools.wraps(function)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return function(*args, **kwargs)
        except ConfigError as exc:
            raise UsageProblem(str(exc)) from exc
        except ArchiveError as exc:
            fail(str(exc))

    return wrapper


def command(group: click.Group, name: str | None = None, **kwargs: Any) -> Callable[..., Any]:
    """A subcommand with -h, --version and the error handling of every zswatch command."""

    def decorate(function: Callable[..., Any]) -> click.Command:
        function = handle_errors(function)
        function = click.version_option(__version__, "--version", prog_name="zswatch")(function)
        return group.command(name, context_settings=CONTEXT_SETTINGS, **kwargs)(function)

    return decorate


def get_config(ctx: click.Context) -> Config:
    """The config named by --config (loaded once per invocation)."""
    root = ctx.find_root()
    if "config" not in root.meta:
        root.meta["config"] = load_config(root.params.get("config_path") or DEFAULT_CONFIG_PATH)
    return root.meta["config"]


def get_archive(ctx: click.Context, *, must_exist: bool = True):
    """The archive of the config, opened for this command and closed when it ends."""
    db = open_archive(get_config(ctx).db, create=not must_exist)
    ctx.call_on_close(db.close)
    return db


def emit_json(data: Any) -> None:
    """Data on stdout as JSON (UTF-8, not ASCII-escaped)."""
    click.echo(json.dumps(data, ensure_ascii=False, indent=2, default=str))


@click.group(context_settings=CONTEXT_SETTINGS)
@click.option(
    "-c",
    "--config",
    "config_path",
    type=click.Path(dir_okay=False, path_type=Path),
    envvar="ZSWATCH_CONFIG",
    help="Config file [default: ./zswatch.yaml, or $ZSWATCH_CONFIG].",
)
@click.version_option(__version__, "--version", prog_name="zswatch")
def cli(config_path: Path | None) -> None:
    """Watch Chinese investment-promotion portals: crawl, keep every version, flag changed policy figures.

    \b
    Examples:
        zswatch demo                      # a local demo portal, crawled twice, offline
        zswatch init && zswatch crawl     # your own sources
        zswatch search 营商环境
    """


def load_commands() -> click.Group:
    """The zswatch group with every subcommand registered (each lives in its own module)."""
    for module in COMMAND_MODULES:
        importlib.import_module(f".{module}", __package__)  # importing a module registers its commands
    return cli


def main() -> None:
    """Entry point of the zswatch console script."""
    load_commands()(prog_name="zswatch")

