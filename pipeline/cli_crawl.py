"""`zswatch crawl`: one crawl of all or some sources, with a live line on a terminal and a summary at the end."""
from __future__ import annotations

import sys

import click

from .cli import cli, command, emit_json, get_config
from .runner import crawl_in_process

SUMMARY_COLUMNS = ("pages", "links", "new", "changed", "unchanged", "errors")


def summary_line(row: dict) -> str:
    """One source's result: `portal-a  pages 40 · new 3 · changed 1 · errors 0  (ok)`."""
    counts = " · ".join(f"{column} {row[column]}" for column in SUMMARY_COLUMNS)
    skipped = row.get("not_articles", 0) + row.get("empty", 0)
    extra = f" · skipped {skipped}" if skipped else ""
    return f"{row['source']:<20} {counts}{extra}  ({row['status']})"


@command(cli, "crawl")
@click.argument("sources", nargs=-1)
@click.option("--json", "as_json", is_flag=True, help="Print the run's summary as JSON.")
@click.option("-v", "--verbose", count=True, help="Show Scrapy's log: -v for info, -vv for debug.")
@click.option("--trigger", default="cli", hidden=True)
@click.pass_context
def crawl(ctx: click.Context, sources: tuple[str, ...], as_json: bool, verbose: int, trigger: str) -> None:
    """Crawl all enabled sources now, or only the SOURCES named.

    Exits 0 when the crawl ran, even if some pages failed; the failures are counted and logged.

    \b
    Examples:
        zswatch crawl
        zswatch crawl changsha-zs --json
    """
    config = get_config(ctx)
    log_level = ("WARNING", "INFO", "DEBUG")[min(verbose, 2)]
    progress = sys.stderr.isatty() and not as_json and verbose == 0
    result = crawl_in_process(config, sources, trigger=trigger, progress=progress, log_level=log_level)
    if as_json:
        emit_json({"run_id": result.run_id, "status": result.status, "sources": result.sources})
        return
    for row in result.sources:
        click.echo(summary_line(row))
    errors = sum(row["errors"] for row in result.sources)
    if errors:
        click.echo(f"{errors} page(s) failed; the warnings above say why (zswatch crawl -v for the full log).", err=True)
    if result.status != "ok":
        click.echo(f"The crawl ended early ({result.status}); the next crawl picks up where it stopped.", err=True)
