"""`zswatch clusters` and `zswatch dedupe --rebuild`: the near-duplicate clusters of the archive."""
from __future__ import annotations

import time

import click

from store import dedupe as dedupe_rows
from store.db import transaction, utc_now

from .cli import UsageProblem, cli, command, emit_json, get_archive, get_config
from .clustering import ArchiveClusters
from .dedupe_stage import thresholds_from
from .recording import refresh_all_conflicts


@command(cli, "clusters")
@click.option("--min-size", default=2, show_default=True, help="Only clusters with at least this many articles.")
@click.option("-n", "--limit", default=100, show_default=True, help="At most this many clusters.")
@click.option("--json", "as_json", is_flag=True, help="Print the clusters as JSON.")
@click.pass_context
def clusters(ctx: click.Context, min_size: int, limit: int, as_json: bool) -> None:
    """Stories published more than once: each near-duplicate cluster with its size and canonical article.

    \b
    Examples:
        zswatch clusters
        zswatch clusters --min-size 3 --json
    """
    rows = dedupe_rows.clusters_summary(get_archive(ctx), min_size, limit)
    if as_json:
        emit_json(rows)
        return
    if not rows:
        click.echo(f"No cluster has {min_size} or more articles.")
        return
    for row in rows:
        click.echo(f"cluster {row['id']:<6} {row['size']:>3} articles  [{row['canonical_article_id']}] {row['title']}"
                   f"  ({row['sources']})")
    click.echo("\n`zswatch show ID` lists an article's copies.")


@command(cli, "dedupe")
@click.option("--rebuild", is_flag=True, help="Recluster the whole archive from its own tables.")
@click.option("--threshold", type=click.FloatRange(0, 1), default=None, help="Override dedupe.threshold for this rebuild.")
@click.option("--min-summary-share", type=click.FloatRange(0, 1), default=None, help="Override dedupe.min_summary_share.")
@click.option("--json", "as_json", is_flag=True, help="Print the rebuild's summary as JSON.")
@click.pass_context
def dedupe(ctx: click.Context, rebuild: bool, threshold: float | None, min_summary_share: float | None, as_json: bool) -> None:
    """Recluster every article: the only way an article moves to another cluster after it was placed.

    \b
    Example:
        zswatch dedupe --rebuild --threshold 0.85
    """
    if not rebuild:
        raise UsageProblem("nothing to do: pass --rebuild to recluster the archive")
    config = get_config(ctx)
    thresholds = thresholds_from(
        config.dedupe.threshold if threshold is None else threshold,
        config.dedupe.min_summary_share if min_summary_share is None else min_summary_share,
    )
    db = get_archive(ctx)
    started = time.perf_counter()
    with transaction(db):
        index = ArchiveClusters(thresholds).rebuild(
            db, utc_now(), lambda count: click.echo(f"read {count:,} articles", err=True)
        )
        conflicts = refresh_all_conflicts(db, utc_now())
    seconds = time.perf_counter() - started
    groups = [members for members in index.clusters().values() if len(members) > 1]
    summary = {
        "articles": len(index),
        "clusters": len(index.clusters()),
        "clusters_with_copies": len(groups),
        "articles_in_them": sum(len(members) for members in groups),
        "conflicts": conflicts,
        "seconds": round(seconds, 2),
        "articles_per_second": round(len(index) / seconds, 1) if seconds else None,
    }
    if as_json:
        emit_json(summary)
        return
    click.echo(f"Reclustered {summary['articles']:,} articles in {seconds:.1f} s "
               f"({summary['articles_per_second'] or 0:,.0f}/s): {len(groups):,} stories with copies "
               f"({summary['articles_in_them']:,} articles), {conflicts} figure conflicts.")
