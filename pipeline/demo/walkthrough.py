"""`zswatch demo`: serve the demo portal, crawl it, edit it, crawl again, and show what zswatch saw."""
from __future__ import annotations

import shutil
import time
from datetime import datetime, timezone
from pathlib import Path
from typing import Callable

from store import changes, conflicts as conflict_rows
from store.db import open_archive

from ..runner import crawl_in_child
from .content import DemoArticle
from .server import PortalServer, PortalState, default_state

NEW_ARTICLE = DemoArticle(
    slug="0011",
    title="【长沙招商】长沙经开区集中签约12个重大项目 总投资286亿元",
    body=(
        "7月10日，长沙经开区举行重大项目集中签约仪式，12个项目现场签约，总投资286亿元，涵盖智能网联汽车、"
        "工程机械和新能源材料等领域。\n"
        "其中，智能网联汽车零部件项目总投资达120亿元，预计达产后年产值超200亿元，新增就业岗位3000个。\n"
        "经开区负责人表示，将对签约项目实行专班服务，确保项目早开工、早投产、早见效。"
    ),
    date="2025-07-10",
)


def config_text(base_url: str, db_name: str = "archive.db") -> str:
    """The demo's config: the two demo sites, polite but quick on 127.0.0.1."""
    return f"""# zswatch demo config: the bundled demo portal on {base_url}
db: {db_name}
timezone: Asia/Shanghai
sources:
  - name: changsha-zs
    kind: listing
    start_urls: ["{base_url}/zsyz/index.html"]
    region: 长沙
    schedule: "0 */6 * * *"
  - name: county-gov
    kind: listing
    start_urls: ["{base_url}/gov/list.jsp"]
    schedule: "30 */6 * * *"
crawl:
  delay: 0
  retries: 2
  download_timeout: 10
"""


def edit_portal(state: PortalState) -> list[str]:
    """The edits between the two crawls; returns what was done, for the user."""
    state.edit("0001", lambda body: body.replace("地区生产总值增长4%", "地区生产总值增长4.5%").replace("第64位", "第58位"))
    state.edit("0004", lambda body: body.replace("重点建设", "加快建设", 1))
    state.edit("r0005", lambda body: body.replace("总投资120亿元", "总投资150亿元"))
    state.add(NEW_ARTICLE)
    state.remove("0010")
    return [
        "edited 0001: 地区生产总值增长4% → 4.5%, 第64位 → 第58位",
        "edited 0004: 重点建设 → 加快建设 (wording only)",
        "edited the county site's repost of 0005: 总投资120亿元 → 150亿元 (the original still says 120)",
        f"published a new article: {NEW_ARTICLE.title}",
        "took down 0010 (now 404; the listing still links it)",
    ]


def _crawl(config_path: Path, say: Callable[[str], None], label: str) -> None:
    started = time.monotonic()
    result = crawl_in_child(config_path, timeout=120, trigger="demo")
    if result is None:
        raise RuntimeError("the demo crawl did not finish in 120 s")
    say(f"\n{label} ({time.monotonic() - started:.1f} s):")
    for row in result.sources:
        say(
            f"  {row['source']:<12} pages {row['pages']:>3} · new {row['new']:>2} · changed {row['changed']:>2} · "
            f"unchanged {row['unchanged']:>2} · skipped {row['not_articles'] + row['empty']} · errors {row['errors']}"
        )


def _report(db_path: Path, since: str, say: Callable[[str], None]) -> int | None:
    """Print what the second crawl found; returns the id of a changed article worth a look."""
    db = open_archive(db_path, create=False)
    try:
        new = changes.new_stories(db, since)
        changed = changes.changed_articles(db, since)
        removed = changes.removed_articles(db, since)
        conflicts = conflict_rows.conflicts_since(db, since)
    finally:
        db.close()
    say(f"\nWhat changed on the portal: {len(new)} new · {len(changed)} changed · {len(removed)} removed")
    for story in new:
        copies = f" (+{len(story['duplicates'])} copies)" if story["duplicates"] else ""
        say(f"  new      [{story['article_id']}] {story['title']}{copies}")
    for article in changed:
        say(f"  changed  [{article['article_id']}] {article['title']}  v{article['from_version']} → v{article['to_version']}")
        for change in article["figure_changes"]:
            if change["kind"] == "changed":
                say(f"             {change['indicator']}: {change['old_text']} → {change['new_text']}")
    for article in removed:
        say(f"  removed  [{article['article_id']}] {article['title']}")
    for conflict in conflicts:
        say(f"  conflict {conflict['indicator']}: {conflict['text']} ({conflict['source']}, [{conflict['article_id']}]) "
            f"vs {conflict['other_text']} ({conflict['other_source']}, [{conflict['other_article_id']}])")
    with_figures = [article["article_id"] for article in changed if article["figure_changes"]]
    return with_figures[0] if with_figures else None


def run_demo(directory: Path, say: Callable[[str], None]) -> tuple[Path, int | None]:
    """The whole walk-through; returns the demo config's path and a changed article's id."""
    if directory.exists():
        shutil.rmtree(directory)
    directory.mkdir(parents=True)
    state = default_state(faults=True)
    with PortalServer(state) as server:
        config_path = directory / "zswatch.yaml"
        config_path.write_text(config_text(server.base_url), encoding="utf-8")
        say(f"Demo portal on {server.base_url}: a UTF-8 招商 portal (/zsyz/) and a GBK government site (/gov/),")
        say("with a soft-404, tracking links, a 503, a redirect and a robots.txt-disallowed link, like real portals.")
        _crawl(config_path, say, "First crawl")
        say("\nEditing the portal:")
        for line in edit_portal(state):
            say(f"  {line}")
        # Archive times have one-second resolution: start the second crawl in a fresh second.
        time.sleep(1.0)
        second_started = datetime.now(timezone.utc).isoformat(timespec="seconds")
        _crawl(config_path, say, "Second crawl")
        changed_id = _report(directory / "archive.db", second_started, say)
        forbidden = state.requested("/private/")
        say(f"\nrobots.txt: {len(forbidden)} request(s) to the disallowed /private/ path.")
    return config_path, changed_id
