"""`zswatch init`, `extract` and `figures`: tools that work on files, without the archive."""
from __future__ import annotations

import json
from importlib import resources
from pathlib import Path

import click

from .cli import UsageProblem, cli, command, emit_json

EXAMPLE_CONFIG = "example-config.yaml"


def example_config() -> str:
    """The commented example config shipped with zswatch."""
    return resources.files("pipeline").joinpath("data", EXAMPLE_CONFIG).read_text(encoding="utf-8")


@command(cli, "init")
@click.argument("path", type=click.Path(dir_okay=False, path_type=Path), default="zswatch.yaml")
@click.option("--force", is_flag=True, help="Overwrite an existing file.")
def init(path: Path, force: bool) -> None:
    """Write a commented example config to PATH (default ./zswatch.yaml).

    \b
    Example:
        zswatch init && $EDITOR zswatch.yaml && zswatch crawl
    """
    if path.exists() and not force:
        raise UsageProblem(f"{path} exists; pass --force to overwrite it")
    path.write_text(example_config(), encoding="utf-8")
    click.echo(f"Wrote {path}. Edit the sources, then run `zswatch crawl`.")


@command(cli, "extract")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--url", default=None, help="The page's URL (resolves relative links, helps the region).")
@click.option("--region", default=None, help="Region to use when the page names none.")
@click.option("--json", "as_json", is_flag=True, help="Print title, published, body and region as JSON.")
def extract(file: Path, url: str | None, region: str | None, as_json: bool) -> None:
    """Title, published date, body and region of a saved HTML page (any charset).

    \b
    Example:
        zswatch extract page.html --url https://www.example.gov.cn/zsyz/1.html --json
    """
    from spiders.extraction import extract_page

    page = extract_page(url or file.resolve().as_uri(), file.read_bytes(), None, region=region)
    if as_json:
        emit_json({**page.as_json(), "kind": page.kind, "encoding": page.encoding, "reason": page.reason})
        return
    if page.kind != "article":
        click.echo(f"Not an article ({page.kind}): {page.reason}")
        return
    click.secho(page.title or "(no title)", bold=True)
    click.echo(f"published {page.published or '—'} · region {page.region or '—'} · {page.encoding}\n")
    click.echo(page.body)


def _read_text(path: Path) -> str:
    data = path.read_bytes()
    for codec in ("utf-8-sig", "gb18030"):
        try:
            return data.decode(codec)
        except UnicodeDecodeError:
            continue
    return data.decode("utf-8", errors="replace")


@command(cli, "figures")
@click.argument("files", nargs=-1, type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--compare", is_flag=True, help="Two files, OLD and NEW: print the figure changes between them.")
@click.option("--json", "as_json", is_flag=True, help="One JSON object per line.")
def figures(files: tuple[Path, ...], compare: bool, as_json: bool) -> None:
    """Policy figures (indicator, value, unit) in a text file, or the changes between two.

    \b
    Examples:
        zswatch figures report.txt --json
        zswatch figures --compare old.txt new.txt --json
    """
    from .figure_changes import compare_texts
    from .figures import extract_figures

    if compare:
        if len(files) != 2:
            raise UsageProblem("--compare takes two files: OLD NEW")
        changes = compare_texts(_read_text(files[0]), _read_text(files[1]))
        for change in changes:
            click.echo(json.dumps(change.as_json(), ensure_ascii=False) if as_json else change.describe())
        if not as_json and not changes:
            click.echo("No figure changed.")
        return
    if len(files) != 1:
        raise UsageProblem("give one text file (or --compare OLD NEW)")
    for figure in extract_figures(_read_text(files[0])):
        if as_json:
            click.echo(json.dumps(figure.as_json(), ensure_ascii=False))
        else:
            click.echo(f"{figure.indicator}\t{figure.value:g}\t{figure.unit}\t{figure.text}")
