"""`zswatch search` and `zswatch show`: reading the archive."""
from __future__ import annotations

import click

from store import queries

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
    if as_json:
        emit_json({**article, "versions": versions, "figure_changes": changes, "copies": copies})
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
            from alerts.textdiff import diff_text

            for line in diff_text(previous["body"], version["body"]).splitlines():
                click.echo(f"      {line}")
        previous = version
    if copies:
        click.echo(f"\nCopies ({len(copies)}):")
        for copy in copies:
            mark = " (canonical)" if copy["canonical"] else ""
            click.echo(f"  [{copy['id']}] {copy['source']}  {copy['url']}{mark}")
