"""Reposts of a story as portals make them: a source header or footer, half-width punctuation, a few edited
characters, one changed figure, a trimmed paragraph, or a summary of the first third."""
from __future__ import annotations

import random
import re
from datetime import date

from corpus_vocabulary import redraw

_MEDIA = ["湖南日报", "长沙晚报", "新华网", "人民网", "中国新闻网", "经济日报", "红网", "澎湃新闻", "中国经济网", "央广网"]
_PEOPLE = ["张伟", "王芳", "李娜", "刘洋", "陈静", "杨帆", "赵磊", "黄敏", "周婷", "吴迪", "徐明", "孙丽"]
_TO_HALF = str.maketrans({"，": ",", "：": ":", "；": ";", "（": "(", "）": ")", "！": "!", "？": "?"})
_NUMBER = re.compile(r"\d+(?:\.\d+)?")


def _header(rng: random.Random, day: date) -> str:
    media, person = rng.choice(_MEDIA), rng.choice(_PEOPLE)
    return rng.choice([
        f"来源：{media}", f"来源：{media}  编辑：{person}", f"{day.isoformat()} 10:{rng.randint(10, 59)}  来源：{media}",
        f"文章来源：{media}", f"本文转自：{media}", f"原标题：{rng.choice(['', '【关注】'])}{media}报道", f"来源 | {media}",
    ])


def _footer(rng: random.Random) -> str:
    media, person = rng.choice(_MEDIA), rng.choice(_PEOPLE)
    return rng.choice([
        f"（责任编辑：{person}）", f"责任编辑：{person}", f"编辑：{person}  审核：{rng.choice(_PEOPLE)}",
        f"（来源：{media}）", f"稿源：{media}", f"（编辑 {person}）",
    ])


def _edit_characters(body: str, rng: random.Random, filler: str) -> str:
    chars = list(body)
    for _ in range(rng.randint(1, 5)):
        at = rng.randrange(len(chars))
        if not "\u4e00" <= chars[at] <= "\u9fff":
            continue
        roll = rng.random()
        if roll < 0.6:
            chars[at] = rng.choice(filler)
        elif roll < 0.8:
            del chars[at]
        else:
            chars.insert(at, rng.choice(filler))
    return "".join(chars)


def _change_figure(body: str, rng: random.Random) -> str:
    numbers = list(_NUMBER.finditer(body))
    if not numbers:
        return body
    hit = rng.choice(numbers)
    value = hit.group()
    new = value
    while new == value:
        new = redraw(value, rng)
    return body[: hit.start()] + new + body[hit.end():]


def _summary(paragraphs: list[str]) -> list[str]:
    """The first third of the text, cut at the sentence end nearest to it."""
    text = "\n".join(paragraphs)
    target = len(text) // 3
    ends = [m.end() for m in re.finditer(r"[。！？]", text)] or [target]
    cut = min(ends, key=lambda e: abs(e - target))
    return text[:cut].split("\n")


def repost(
    paragraphs: list[str], rng: random.Random, filler: str, day: date, may_summarise: bool = True
) -> tuple[list[str], str]:
    """A repost's paragraphs and the names of what changed (a summary is never summarised again)."""
    changes = []
    while not changes:
        changes = [name for name, p in (
            ("header", 0.4), ("footer", 0.35), ("width", 0.4), ("edits", 0.4), ("figure", 0.25),
            ("trim", 0.25), ("summary", 0.15 if may_summarise else 0.0),
        ) if rng.random() < p]
    if "trim" in changes and "summary" in changes:
        changes.remove(rng.choice(["trim", "summary"]))
    out = list(paragraphs)
    if "summary" in changes:
        out = _summary(out)
    if "trim" in changes:
        # A trimmed paragraph is one of several, not the bulk of the story.
        total = sum(map(len, out))
        small = [i for i in range(1, len(out)) if len(out[i]) <= 0.3 * total]
        if small:
            del out[rng.choice(small)]
        else:
            changes.remove("trim")
    if "figure" in changes:
        at = rng.randrange(len(out))
        out[at] = _change_figure(out[at], rng)
    if "edits" in changes:
        at = rng.randrange(len(out))
        out[at] = _edit_characters(out[at], rng, filler)
    if "width" in changes:
        out = [p.translate(_TO_HALF) for p in out]
    if "header" in changes:
        out.insert(0, _header(rng, day))
    if "footer" in changes:
        out.append(_footer(rng))
    return out, "+".join(changes)
