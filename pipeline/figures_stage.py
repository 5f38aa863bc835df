"""Second stage: the policy figures of the article body."""
from __future__ import annotations

from typing import Any

from .figures import extract_figures
from .items import ArticleItem


class FiguresStage:
    """Scrapy item pipeline: item.figures = the figures of item.body."""

    def process_item(self, item: Any) -> Any:
        if isinstance(item, ArticleItem):
            item.figures = extract_figures(item.body)
        return item
