"""The demo portal's articles, built from the bundled seed listing (a real 招商 listing page)."""
from __future__ import annotations

import datetime
import re
from dataclasses import dataclass, replace
from importlib import resources

SEED_FILE = "seed-listing.txt"
_TAG = re.compile(r"^【([^】]+)】")
_SENTENCE_END = re.compile(r"(?<=[。！？!?])")


@dataclass(frozen=True)
class DemoArticle:
    """An article as the demo portal serves it: paragraphs joined with newlines."""

    slug: str
    title: str
    body: str
    date: str
    source_label: str = "长沙市投资促进局"

    @property
    def tag(self) -> str | None:
        """The 【…】 label that opens the title, if any."""
        match = _TAG.match(self.title)
        return match.group(1) if match else None

    def with_body(self, body: str) -> "DemoArticle":
        """The same article with another body."""
        return replace(self, body=body)


def split_paragraphs(text: str, sentences_per_paragraph: int = 3) -> str:
    """A run-on text as paragraphs of a few sentences each."""
    sentences = [s for s in _SENTENCE_END.split(text.strip()) if s.strip()]
    groups = [sentences[i : i + sentences_per_paragraph] for i in range(0, len(sentences), sentences_per_paragraph)]
    return "\n".join("".join(group).strip() for group in groups)


def parse_seed_listing(text: str) -> list[DemoArticle]:
    """The articles of the seed listing: blocks of "-", title, body, date."""
    lines = text.split("\n")
    articles = []
    for index, line in enumerate(lines):
        if line.strip() != "-" or index + 3 >= len(lines):
            continue
        title, body, date = lines[index + 1].strip(), lines[index + 2].strip(), lines[index + 3].strip()
        if title.startswith("【") and re.fullmatch(r"\d{4}-\d{2}-\d{2}", date):
            articles.append(
                DemoArticle(slug=f"{len(articles) + 1:04d}", title=title, body=split_paragraphs(body), date=date)
            )
    return articles


def seed_articles() -> list[DemoArticle]:
    """The bundled seed listing's articles."""
    text = resources.files("pipeline").joinpath("data", SEED_FILE).read_text(encoding="utf-8")
    return parse_seed_listing(text)


def report_sections(article: DemoArticle, parts: int) -> list[DemoArticle]:
    """A long report cut into `parts` shorter notices, each a distinct article of its own."""
    paragraphs = article.body.split("\n")
    size = max(1, len(paragraphs) // parts)
    sections = []
    for number in range(parts):
        chunk = paragraphs[number * size : (number + 1) * size if number < parts - 1 else None]
        if not chunk:
            break
        sections.append(
            DemoArticle(
                slug=f"{article.slug}-{number + 1}",
                title=f"{_TAG.sub('', article.title)}（摘编之{number + 1}）",
                body="\n".join(chunk),
                date=article.date,
                source_label="区人民政府办公室",
            )
        )
    return sections


def repost_of(article: DemoArticle, slug: str, tag: str, source_label: str) -> DemoArticle:
    """The same article as another portal reposts it a day later: another title tag, a 来源 line."""
    title = _TAG.sub(f"【{tag}】", article.title)
    date = (datetime.date.fromisoformat(article.date) + datetime.timedelta(days=1)).isoformat()
    return DemoArticle(slug=slug, title=title, body=article.body, date=date, source_label=source_label)
