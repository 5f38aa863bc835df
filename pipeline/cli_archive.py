"""`zswatch search` and `zswatch show`: reading the archive."""
from __future__ import annotations

import click

from store import conflicts as conflict_rows, queries

from .cli import cli, command, emit_json, fail, get_archive


@command(cli, "search")
@click.argument("query")
@click.option("-n", "--limit", default=20, show_default=True, help="At most this many results.")
@click.option("--json", "as_json", is_flag=True, help="Print the results as JSON.")
@click.pass_context
def search(ctx: click.Context, query: str, limit: int, as_json: bool) -> None:
    """Full-text search of the archive's articles; Chinese works, every term must occur.

    Quote a phrase with spaces in it: "长沙 招商" finds both words anywhere, '"产业 链"' the phrase.

    \b
    Examples:
        zswatch search 营商环境
        zswatch search "智能汽车 长沙" --json
    """
    if not query.strip():
        raise click.BadParameter("give at least one word to search for", param_hint="QUERY")
    results = queries.search(get_archive(ctx), query, limit=limit)
    if as_json:
        emit_json(results)
        return
    if not results:
        click.echo(f"No article matches {query!r}.")
        return
    for row in results:
        click.echo(f"[{row['id']}] {row['title']}  ({row['source']}, {row['published'] or 'undated'})")
        click.echo(f"     {row['snippet']}")
    click.echo(f"\n{len(results)} result(s). `zswatch show ID` prints an article, its versions and copies.")


def _version_line(version: dict) -> str:
    return f"  v{version['number']}  {version['seen_at']}  {version['content_hash'][:12]}  {version['title']}"


def _change_text(change: dict) -> str:
    def side(text, value, unit):
        return text if text else (f"{value:g}{unit}" if value is not None else "—")

    old = side(change["old_text"], change["old_value"], change["old_unit"])
    new = side(change["new_text"], change["new_value"], change["new_unit"])
    label = {"changed": "", "added": " (added)", "removed": " (removed)"}.get(change["kind"], "")
    return f"{change['indicator']}: {old} → {new}{label}"


@command(cli, "show")
@click.argument("article_id", type=int)
@click.option("--diff", is_flag=True, help="Also print what changed between consecutive versions.")
@click.option("--json", "as_json", is_flag=True, help="Print the article, versions, copies and changes as JSON.")
@click.pass_context
def show(ctx: click.Context, article_id: int, diff: bool, as_json: bool) -> None:
    """An article: its versions, its copies on other sites, and its figure changes.

    \b
    Examples:
        zswatch show 12
        zswatch show 12 --diff
    """
    db = get_archive(ctx)
    article = queries.article(db, article_id)
    if article is None:
        fail(f"no article with id {article_id}; `zswatch search` finds ids")
    versions = queries.versions(db, article_id)
    changes = queries.figure_changes(db, article_id)
    copies = queries.copies(db, article_id)
    conflicts = conflict_rows.conflicts_of(db, article_id)
    if as_json:
        emit_json({**article, "versions": versions, "figure_changes": changes, "copies": copies, "conflicts": conflicts})
        return
    click.secho(article["title"], bold=True)
    click.echo(f"{article['url']}\nsource {article['source']} · region {article['region'] or '—'} · "
               f"published {article['published'] or '—'} · status {article['status']}")
    click.echo(f"first seen {article['first_seen']} · last seen {article['last_seen']}")
    click.echo(f"\nVersions ({len(versions)}):")
    by_version: dict[int, list[dict]] = {}
    for change in changes:
        by_version.setdefault(change["to_version"], []).append(change)
    previous = None
    for version in versions:
        click.echo(_version_line(version))
        for change in by_version.get(version["number"], []):
            click.echo(f"      {_change_text(change)}")
        if diff and previous is not None:
            from alerts.diff_format import diff_text

            for line in diff_text(previous["body"], version["body"]).splitlines():
                click.echo(f"      {line}")
        previous = version
    if copies:
        click.echo(f"\nCopies ({len(copies)}):")
        for copy in copies:
            mark = " (canonical)" if copy["canonical"] else ""
            click.echo(f"  [{copy['id']}] {copy['source']}  {copy['url']}{mark}")
    if conflicts:
        click.echo(f"\nConflicts with copies ({len(conflicts)}):")
        for conflict in conflicts:
            click.echo(f"  {conflict['indicator']}: {conflict['text']} here, {conflict['other_text']} in "
                       f"[{conflict['other_article_id']}] ({conflict['other_source']})")


@command(cli, "figure-changes")
@click.option("--since", default=None, help="Only changes detected at or after this ISO 8601 time or date.")
@click.option("--region", default=None, help="Only articles whose region starts with this (长沙 matches 长沙县).")
@click.option("--indicator", default=None, help="Only indicators containing this text.")
@click.option("--all-kinds", is_flag=True, help="Also list figures added to or removed from a version.")
@click.option("-n", "--limit", default=500, show_default=True, help="At most this many changes.")
@click.option("--json", "as_json", is_flag=True, help="Print the changes as JSON.")
@click.pass_context
def figure_changes(ctx, since, region, indicator, all_kinds, limit, as_json) -> None:
    """Policy figures whose value changed between two versions of an article, across the archive.

    \b
    Examples:
        zswatch figure-changes --since 2025-07-01 --region 长沙
        zswatch figure-changes --indicator 总投资 --json
    """
    kinds = ("changed", "added", "removed") if all_kinds else ("changed",)
    rows = queries.figure_changes_across(get_archive(ctx), since, region, indicator, kinds, limit)
    if as_json:
        emit_json(rows)
        return
    if not rows:
        click.echo("No figure changes match.")
        return
    for row in rows:
        click.echo(f"{row['detected_at'][:16]}  [{row['article_id']}] v{row['from_version']}→v{row['to_version']}  "
                   f"{_change_text(row)}  ({row['region'] or '—'}) {row['title']}")
