"""`zswatch import`: backfill articles from JSON lines, through the same stages as a crawl."""
from __future__ import annotations

import sys
from pathlib import Path

import click

from .cli import cli, command, emit_json, get_archive, get_config
from .clustering import ArchiveClusters
from .dedupe_stage import thresholds_from
from .importer import ImportSummary, import_lines

SHOWN_PROBLEMS = 50


def progress_line(summary: ImportSummary) -> str:
    """Lines read, their rate, and how many were new, changed, unchanged or bad."""
    return (f"{summary.lines:,} lines ({summary.rate:,.0f}/s) · new {summary.new:,} · changed {summary.changed:,} · "
            f"unchanged {summary.unchanged:,} · bad {summary.bad:,}")


@command(cli, "import")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, allow_dash=True, path_type=Path))
@click.option("--source", default=None, help="Source name for lines that have none.")
@click.option("--workers", type=int, default=None, help="Processes for parsing and figures [default: CPU count].")
@click.option("--json", "as_json", is_flag=True, help="Print the summary as JSON.")
@click.pass_context
def import_(ctx: click.Context, file: Path, source: str | None, workers: int | None, as_json: bool) -> None:
    """Feed articles from FILE.jsonl through normalize, figures, dedupe and archive, without fetching.

    One JSON object a line: {"url", "source", "title", "published", "body"}, optional "region" and "seen_at".
    A bad line is reported by its number and skipped; the rest is imported. Re-importing a file adds nothing.

    \b
    Example:
        zswatch import backfill.jsonl --source old-crawler
    """
    config = get_config(ctx)
    db = get_archive(ctx, must_exist=False)
    clusters = None
    if config.dedupe.enabled:
        clusters = ArchiveClusters(thresholds_from(config.dedupe.threshold, config.dedupe.min_summary_share))
    live = sys.stderr.isatty() and not as_json

    def show(summary: ImportSummary) -> None:
        if live:
            click.echo("\r\033[K" + progress_line(summary), nl=False, err=True)

    with click.open_file(str(file), encoding="utf-8", errors="replace") as lines:
        summary = import_lines(db, lines, clusters, default_source=source, workers=workers, progress=show)
    if live:
        click.echo("\r\033[K", nl=False, err=True)
    for problem in summary.problems[:SHOWN_PROBLEMS]:
        click.echo(problem, err=True)
    if len(summary.problems) > SHOWN_PROBLEMS:
        click.echo(f"… and {len(summary.problems) - SHOWN_PROBLEMS} more bad lines", err=True)
    if as_json:
        emit_json({k: v for k, v in summary.__dict__.items() if k != "problems"} | {"problems": summary.problems})
    else:
        click.echo(f"Imported {progress_line(summary)} in {summary.seconds:.1f} s.")
    if summary.lines and summary.bad == summary.lines:
        sys.exit(1)
