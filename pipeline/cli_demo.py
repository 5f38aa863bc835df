"""`zswatch demo`: the bundled demo portal, crawled twice with edits in between, offline."""
from __future__ import annotations

import time
from pathlib import Path

import click

from .cli import cli, command

EXPLORE = """
Explore the demo archive next:
  zswatch -c {config} search 营商环境
  zswatch -c {config} show {changed_id} --diff
  zswatch -c {config} figure-changes
  zswatch -c {config} clusters
  zswatch -c {config} digest --since {since} --format md
  zswatch -c {config} serve           # Datasette on the archive
"""


@command(cli, "demo")
@click.option(
    "--dir", "directory", type=click.Path(file_okay=False, path_type=Path), default="zswatch-demo",
    show_default=True, help="Where the demo config and archive are written (replaced if present).",
)
def demo(directory: Path) -> None:
    """Serve a bundled demo portal on 127.0.0.1, crawl it, edit it, crawl again, and show what changed.

    Works offline in well under a minute; the archive stays in --dir to explore.

    \b
    Example:
        zswatch demo && zswatch -c zswatch-demo/zswatch.yaml search 营商环境
    """
    from .demo.walkthrough import run_demo

    started = time.monotonic()
    since = time.strftime("%Y-%m-%d", time.gmtime())
    config_path, changed_id = run_demo(directory, click.echo)
    click.echo(f"\nDemo finished in {time.monotonic() - started:.1f} s.")
    click.echo(EXPLORE.format(config=config_path, changed_id=changed_id or 1, since=since))
