"""`zswatch schedule`, `status`, `digest` and `serve`: the daily loop around the crawls."""
from __future__ import annotations

import logging
import os
import sys
from datetime import datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import click

from alerts.digest import build_digest, to_utc_iso, window_end
from alerts.markdown_digest import render_markdown
from alerts.outbox import digests_dir, queue_digest, send_pending, waiting_for_removed_channels
from alerts.render import render
from store import health as health_rows, outbox as outbox_rows, runs

from .cli import UsageProblem, cli, command, emit_json, fail, get_archive, get_config
from .config import DEFAULT_CONFIG_PATH, Config
from .cron import cron_trigger

FORMATS = ("json", "md", "html")


def _config_path(ctx: click.Context) -> Path:
    """The config file this invocation was given (or the default one)."""
    return Path(ctx.find_root().params.get("config_path") or DEFAULT_CONFIG_PATH)


def _moment(value: str | None, option: str, config: Config) -> str | None:
    """A --since/--until value as a UTC ISO time (config time zone when it has none); bad input is a usage error."""
    if not value:
        return None
    try:
        return to_utc_iso(value, ZoneInfo(config.timezone))
    except ValueError:
        raise UsageProblem(f"{option} {value!r} is not an ISO 8601 date or time (e.g. 2025-07-10 or "
                           "2025-07-10T08:00:00+08:00)") from None


@command(cli, "digest")
@click.option("--since", required=True, help="Start of the window: ISO 8601 date or time (config time zone if none).")
@click.option("--until", default=None, help="End of the window (exclusive) [default: now].")
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="md", show_default=True, help="Output format.")
@click.option("--send", is_flag=True, help="Also deliver it to the config's `alerts` (through the outbox).")
@click.pass_context
def digest(ctx: click.Context, since: str, until: str | None, fmt: str, send: bool) -> None:
    """The change digest of a time window: new stories, changed articles (figure changes first), removed
    articles and source health.

    With --send it is queued in the outbox and sent to every alert channel, together with anything an earlier
    run could not deliver; a channel that fails keeps it for the next run (exit code 1).

    \b
    Examples:
        zswatch digest --since 2025-07-10 --format md
        zswatch digest --since 2025-07-10T08:00:00+08:00 --format json
        zswatch digest --since 2025-07-09 --until 2025-07-10 --send
    """
    config = get_config(ctx)
    since_utc, until_utc = _moment(since, "--since", config), _moment(until, "--until", config)
    if send and not config.alerts:
        raise UsageProblem(f"{config.path}: --send needs alert channels; add Apprise URLs under `alerts:`")
    db = get_archive(ctx)
    if send and not until_utc:
        until_utc = window_end()  # the outbox records where this digest ends; the next one starts there
    result = build_digest(db, since_utc, until_utc, health_runs=config.digest.health_runs)
    if fmt == "md":
        click.echo(render_markdown(result, max_bytes=config.digest.max_markdown_bytes))
    else:
        click.echo(render(result, fmt))
    if not send:
        return
    message_id = queue_digest(db, result, config.alerts, until=until_utc)
    results = send_pending(db, config.alerts)
    for item in results:
        state = "sent" if item.accepted else f"FAILED, kept in the outbox: {item.error}"
        click.echo(f"{item.kind} {item.message_id} → {item.channel}: {state}", err=True)
    orphans = waiting_for_removed_channels(db, config.alerts)
    if orphans:
        click.echo(f"{orphans} message(s) wait for channels that are no longer in the config.", err=True)
    if any(not item.accepted for item in results):
        fail(f"digest {message_id}: some channels did not accept it; the next run retries them")


def _when(moment: Any, zone: ZoneInfo) -> str:
    """A time (datetime or ISO text) in the config's zone, "—" for none."""
    if moment is None:
        return "—"
    if isinstance(moment, str):
        moment = datetime.fromisoformat(moment)
    return moment.astimezone(zone).isoformat(timespec="seconds")


def status_report(config: Config, db: Any) -> dict[str, Any]:
    """Each source's last run, health and next run; the digest's last and next run; the daemon's pid."""
    from .scheduler import DIGEST_JOB, crawl_job_id, daemon_pid, next_run_times

    zone = ZoneInfo(config.timezone)
    last = runs.last_source_runs(db)
    health = health_rows.states(db)
    stored = next_run_times(config)

    def upcoming(job_id: str, schedule: str | None, enabled: bool = True) -> dict[str, Any]:
        # Before the daemon has stored a job, its cron still says when it will run.
        if job_id in stored:
            moment, origin = stored[job_id], "job store"
        elif schedule and enabled:
            moment, origin = cron_trigger(schedule, zone).get_next_fire_time(None, datetime.now(zone)), "config"
        else:
            moment, origin = None, None
        return {"next_run": _when(moment, zone) if moment else None, "next_run_from": origin}

    sources = []
    for source in config.sources:
        run = last.get(source.name)
        state = health.get(source.name)
        sources.append({
            "name": source.name,
            "enabled": source.enabled,
            "schedule": source.schedule,
            "last_run": {k: run[k] for k in ("status", "started_at", "finished_at", *runs.COUNTERS)} if run else None,
            "health": state["state"] if state else None,
            "health_reason": state["reason"] if state else None,
            **upcoming(crawl_job_id(source.name), source.schedule, source.enabled),
        })
    return {
        "daemon_pid": daemon_pid(config),
        "timezone": config.timezone,
        "sources": sources,
        "digest": {
            "schedule": config.digest_schedule,
            "last_until": outbox_rows.last_until(db),
            **upcoming(DIGEST_JOB, config.digest_schedule),
            "undelivered": len(outbox_rows.undelivered(db)),
        },
    }


@command(cli, "status")
@click.option("--json", "as_json", is_flag=True, help="Print the status as JSON.")
@click.pass_context
def status(ctx: click.Context, as_json: bool) -> None:
    """Each source's last run (result and counts), its health, and its next run from the schedule's job store.

    \b
    Examples:
        zswatch status
        zswatch status --json
    """
    config = get_config(ctx)
    report = status_report(config, get_archive(ctx, must_exist=False))
    if as_json:
        emit_json(report)
        return
    pid = report["daemon_pid"]
    click.echo(f"zswatch schedule: {'running (process %s)' % pid if pid else 'not running'} · "
               f"times in {report['timezone']}")
    for row in report["sources"]:
        run = row["last_run"]
        last = (f"last {_when(run['started_at'], ZoneInfo(config.timezone))} {run['status']}: pages {run['pages']} · "
                f"new {run['new']} · changed {run['changed']} · errors {run['errors']}") if run else "never run"
        health = f" · {row['health']}" + (f" ({row['health_reason']})" if row["health_reason"] else "") \
            if row["health"] else ""
        if row["next_run"]:
            upcoming = f" · next {row['next_run']}" + (" once `zswatch schedule` runs"
                                                      if row["next_run_from"] == "config" else "")
        else:
            upcoming = " · disabled" if row["schedule"] else " · no schedule"
        click.echo(f"{row['name']:<20} {last}{health}{upcoming}")
    d = report["digest"]
    click.echo(f"{'digest':<20} last up to {d['last_until'] or '—'}"
               + (f" · next {d['next_run']}" if d["next_run"] else "")
               + (" once `zswatch schedule` runs" if d["next_run_from"] == "config" else "")
               + (f" · {d['undelivered']} deliveries waiting" if d["undelivered"] else ""))


@command(cli, "schedule")
@click.option("-v", "--verbose", is_flag=True, help="Also log APScheduler's own messages.")
@click.pass_context
def schedule(ctx: click.Context, verbose: bool) -> None:
    """Run the crawls and the digest on their crons until stopped (SIGTERM or Ctrl-C stop it cleanly).

    Each source with a `schedule:` is crawled in a child process (killed after crawl.timeout); the digest
    runs on `digest_schedule:`. Next run times are kept across restarts; a run missed while stopped is made
    up once.

    \b
    Example:
        zswatch -c zswatch.yaml schedule
    """
    from .scheduler import AlreadyRunning, run_daemon, wanted_jobs

    config = get_config(ctx)
    path = _config_path(ctx)
    if not wanted_jobs(config, path):
        raise UsageProblem(f"{config.path}: nothing to schedule; give sources a `schedule:` or set `digest_schedule:`")
    logging.basicConfig(stream=sys.stderr, level=logging.INFO, format="%(asctime)s %(message)s")
    logging.getLogger("apscheduler").setLevel(logging.INFO if verbose else logging.WARNING)
    zone = ZoneInfo(config.timezone)

    def ready(outcome: dict[str, Any]) -> None:
        for job_id, moment in sorted(outcome["jobs"].items()):
            click.echo(f"{job_id:<28} next run {_when(moment, zone)}", err=True)
        changed = {k: v for k, v in outcome.items() if k != "jobs" and k != "kept" and v}
        if changed:
            click.echo("job store: " + "; ".join(f"{k} {', '.join(v)}" for k, v in changed.items()), err=True)
        click.echo(f"zswatch schedule running (process {os.getpid()}); SIGTERM or Ctrl-C stops it.",
                   err=True)

    try:
        run_daemon(path, ready=ready)
    except AlreadyRunning as exc:
        fail(str(exc))
    click.echo("zswatch schedule stopped.", err=True)


@command(cli, "serve")
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", default=8001, show_default=True, type=int, help="Port to listen on.")
@click.pass_context
def serve(ctx: click.Context, host: str, port: int) -> None:
    """Datasette on the archive (read-only): tables with descriptions, canned queries (latest changes, figure
    changes by region, clusters, source health, Chinese search) and the HTML digests.

    \b
    Examples:
        zswatch serve
        zswatch -c zswatch-demo/zswatch.yaml serve --port 8080
    """
    from .serve import serve as run_server

    db = get_archive(ctx)  # migrated, so the canned queries find their tables
    directory = digests_dir(db)
    db_file = Path(get_config(ctx).db).resolve()
    click.echo(f"Serving {db_file} on http://{host}:{port}/ (digests at /digests/); Ctrl-C stops.", err=True)
    run_server(db_file, directory, host=host, port=port)
