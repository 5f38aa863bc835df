"""A labelled near-duplicate corpus: Chinese investment-promotion articles, their reposts and hard negatives.

Stories are built from the sentences of the real seed listing and real-page bodies, recombined clause by
clause with their figures and place names redrawn, so distinct stories are distinct. Reposts change what
portals change (source header or footer, title prefix, punctuation width, a few characters, one figure, a
trimmed paragraph, a summary of the first third). Hard negatives are different stories sharing template
paragraphs, near-identical titles over different bodies, and reports of one series with other numbers.

    python benchmarks/dedupe_corpus.py --count 100000 --seed 1 --out corpus.jsonl
"""
from __future__ import annotations

import argparse
import json
import math
import random
import re
import sys
import time
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Iterable, Iterator

DEFAULT_CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus"
FIELDS = ("url", "source", "title", "published", "body", "truth_cluster")

# Place names of the seed listing (all of it is about Changsha), and what each stands for.
_SEED_PLACES = {
    "湖南省": "province", "湖南": "province_short", "长沙市": "city", "长沙": "city_short",
    "天心区": "district", "雨花区": "district", "宁乡市": "district", "宁乡县": "district",
    "天心": "district_short", "雨花": "district_short", "宁乡": "district_short",
}
_PLACES = [
    ("湖南省", "长沙市", "岳麓区"), ("湖南省", "株洲市", "天元区"), ("湖南省", "湘潭市", "雨湖区"),
    ("湖北省", "武汉市", "江夏区"), ("湖北省", "宜昌市", "夷陵区"), ("江西省", "南昌市", "红谷滩区"),
    ("广东省", "佛山市", "顺德区"), ("广东省", "东莞市", "松山湖"), ("广东省", "广州市", "南沙区"),
    ("江苏省", "苏州市", "吴中区"), ("江苏省", "无锡市", "滨湖区"), ("浙江省", "宁波市", "鄞州区"),
    ("浙江省", "湖州市", "德清县"), ("安徽省", "合肥市", "蜀山区"), ("河南省", "郑州市", "金水区"),
    ("四川省", "成都市", "双流区"), ("重庆市", "重庆市", "渝北区"), ("山东省", "青岛市", "黄岛区"),
    ("福建省", "厦门市", "集美区"), ("陕西省", "西安市", "雁塔区"), ("山西省", "太原市", "小店区"),
    ("吉林省", "长春市", "南关区"), ("辽宁省", "大连市", "金州区"), ("贵州省", "贵阳市", "观山湖区"),
    ("云南省", "昆明市", "呈贡区"), ("广西壮族自治区", "南宁市", "青秀区"), ("河北省", "石家庄市", "长安区"),
    ("内蒙古自治区", "呼和浩特市", "赛罕区"), ("黑龙江省", "哈尔滨市", "松北区"), ("甘肃省", "兰州市", "城关区"),
]
_SOURCES = [
    ("changsha-zs", "zs.changsha.example.cn"), ("hunan-zs", "zs.hunan.example.cn"), ("zsyz-portal", "zsyz.example.com"),
    ("invest-china", "invest.example.org"), ("gov-news", "news.example.gov.cn"), ("city-daily", "daily.example.cn"),
    ("econ-net", "econ.example.net"), ("park-news", "park.example.cn"), ("biz-wire", "biz.example.com"),
    ("region-portal", "region.example.gov.cn"), ("xinwen-net", "xinwen.example.cn"),
    ("finance-daily", "fin.example.com"),
]
_MEDIA = ["湖南日报", "长沙晚报", "新华网", "人民网", "中国新闻网", "经济日报", "红网", "澎湃新闻", "中国经济网", "央广网"]
_PEOPLE = ["张伟", "王芳", "李娜", "刘洋", "陈静", "杨帆", "赵磊", "黄敏", "周婷", "吴迪", "徐明", "孙丽"]
_TITLE_LABELS = ["招商", "招商引资", "投资促进", "经济", "要闻"]
_SERIES_TOPICS = ["经济运行情况", "规模以上工业生产情况", "招商引资工作进展", "固定资产投资情况", "外贸进出口情况"]
_TO_HALF = str.maketrans({"，": ",", "：": ":", "；": ";", "（": "(", "）": ")", "！": "!", "？": "?"})
_TO_FULL = str.maketrans({",": "，", ":": "：", ";": "；", "(": "（", ")": "）", "!": "！", "?": "？"})
_NUMBER = re.compile(r"\d+(?:\.\d+)?")
_SENTENCE_END = re.compile(r"(?<=[。！？])|\n")
_CLAUSE_END = re.compile(r"(?<=[，；])")
_PLACE_SPLIT = re.compile("(" + "|".join(sorted(_SEED_PLACES, key=len, reverse=True)) + ")")
_NUMBER_SPLIT = re.compile(r"(\d+(?:\.\d+)?)")


@dataclass(frozen=True)
class Vocabulary:
    """Sentence and title templates: tuples of literal text, numbers ("#…") and places ("@role")."""

    sentences: tuple[tuple[str, ...], ...]
    titles: tuple[tuple[str, ...], ...]
    filler: str
    """Characters to draw edits from."""


def _template(text: str) -> tuple[str, ...]:
    parts: list[str] = []
    for chunk in _PLACE_SPLIT.split(text):
        if chunk in _SEED_PLACES:
            parts.append("@" + _SEED_PLACES[chunk])
            continue
        pieces = _NUMBER_SPLIT.split(chunk)
        for i, piece in enumerate(pieces):
            if not piece:
                continue
            if i % 2 == 0:
                parts.append(piece)
                continue
            # The unit after a number says what may replace it: a month stays a month.
            unit = pieces[i + 1][:1] if i + 1 < len(pieces) else ""
            parts.append("#" + {"月": "m", "日": "d", "号": "d"}.get(unit, "") + piece)
    return tuple(parts)


def _seed_listing(path: Path) -> tuple[list[str], list[str]]:
    lines = path.read_text(encoding="utf-8").splitlines()
    titles, bodies = [], []
    for i, line in enumerate(lines[:-1]):
        if line.startswith("【") and "】" in line:
            titles.append(line.split("】", 1)[1])
            bodies.append(lines[i + 1])
    return titles, bodies


def load_vocabulary(corpus_dir: Path = DEFAULT_CORPUS, seed: int = 0, recombined: int = 30000) -> Vocabulary:
    """Templates from the seed listing and the real-page gold bodies and titles under corpus_dir."""
    titles, bodies = _seed_listing(corpus_dir / "seed-listing.txt")
    pages = corpus_dir / "real-pages"
    for line in (pages / "gold-bodies.jsonl").read_text(encoding="utf-8").splitlines():
        bodies.append(json.loads(line).get("body") or "")
    for line in (pages / "gold.jsonl").read_text(encoding="utf-8").splitlines():
        record = json.loads(line)
        if record.get("kind") == "article" and record.get("title"):
            titles.append(record["title"])
    sentences = []
    for body in bodies:
        # The seed listing has stray "?" where characters were lost.
        for sentence in _SENTENCE_END.split(body.replace("?", "").translate(_TO_FULL)):
            sentence = sentence.strip()
            if 12 <= len(sentence) <= 160:
                sentences.append(sentence if sentence[-1] in "。！？" else sentence + "。")
    rng = random.Random(seed)
    clauses = [[c for c in _CLAUSE_END.split(s) if c] for s in sentences]
    multi = [c for c in clauses if len(c) >= 2]
    mixed = set()
    while len(mixed) < recombined:
        head, tail = rng.choice(multi), rng.choice(multi)
        cut_head, cut_tail = rng.randrange(1, len(head)), rng.randrange(1, len(tail))
        mixed.add("".join(head[:cut_head]) + "".join(tail[cut_tail:]))
    pieces = [p for t in titles for p in re.split(r"[ ：:，]", t.translate(_TO_FULL)) if 4 <= len(p) <= 20]
    filler = "".join(sorted({ch for s in sentences for ch in s if "\u4e00" <= ch <= "\u9fff"}))
    return Vocabulary(
        sentences=tuple(_template(s) for s in sentences + sorted(mixed)),
        titles=tuple(_template(p) for p in pieces),
        filler=filler,
    )


def _redraw(number: str, rng: random.Random) -> str:
    """Another number of the same shape: years stay years, months months, decimals keep their places."""
    if number[0] == "m":
        return str(rng.randint(1, 12))
    if number[0] == "d":
        return str(rng.randint(1, 28))
    if "." in number:
        whole, frac = number.split(".")
        return f"{rng.uniform(0.1, 10 ** min(len(whole), 4)):.{len(frac)}f}"
    value = int(number)
    if 1990 <= value <= 2030:
        return str(rng.randint(2015, 2025))
    return str(rng.randint(1, 10 ** min(len(number), 5) - 1))


class _Story:
    """One story's places; renders templates with fresh figures."""

    def __init__(self, rng: random.Random) -> None:
        province, city, district = rng.choice(_PLACES)
        self.places = {
            "province": province, "province_short": province.rstrip("省市").replace("壮族自治区", "").replace("自治区", ""),
            "city": city, "city_short": city.rstrip("市"), "district": district, "district_short": district[:2],
        }
        self.rng = rng

    def render(self, template: tuple[str, ...]) -> str:
        out = []
        for part in template:
            if part[0] == "#":
                out.append(_redraw(part[1:], self.rng))
            elif part[0] == "@" and part[1:] in self.places:
                out.append(self.places[part[1:]])
            else:
                out.append(part)
        return "".join(out)


def _paragraphs(story: _Story, vocab: Vocabulary, length: int, rng: random.Random) -> list[str]:
    paragraphs, total = [], 0
    while total < length:
        sentences = [story.render(rng.choice(vocab.sentences)) for _ in range(rng.randint(2, 6))]
        paragraphs.append("".join(sentences))
        total += len(paragraphs[-1])
    return paragraphs


def _title(story: _Story, vocab: Vocabulary, rng: random.Random) -> str:
    head, tail = story.render(rng.choice(vocab.titles)), story.render(rng.choice(vocab.titles))
    place = rng.choice([story.places["city_short"], story.places["district"], ""])
    return f"{place}{head} {tail}" if rng.random() < 0.6 else f"{place}{head}"


def _prefix(story: _Story, rng: random.Random) -> str:
    place = rng.choice([story.places["city_short"], story.places["province_short"], story.places["district"]])
    return f"【{place}{rng.choice(_TITLE_LABELS)}】"


def _body_length(rng: random.Random) -> int:
    return int(min(max(rng.lognormvariate(math.log(2500), 0.45), 400), 9000))


# Reposts ------------------------------------------------------------------------------------------------

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
        new = _redraw(value, rng)
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


# The corpus ---------------------------------------------------------------------------------------------

class _Writer:
    """Numbers articles, gives each a source, URL and date."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.articles: list[dict] = []
        self.clusters = 0

    def new_cluster(self) -> int:
        self.clusters += 1
        return self.clusters

    def emit(self, cluster: int, title: str, paragraphs: list[str], day: date, variant: str, source: int) -> None:
        name, domain = _SOURCES[source % len(_SOURCES)]
        number = len(self.articles) + 1
        self.articles.append({
            "id": number,
            "url": f"https://{domain}/{day:%Y/%m%d}/{number}.html",
            "source": name,
            "title": title,
            "published": day.isoformat(),
            "body": "\n".join(paragraphs),
            "truth_cluster": cluster,
            "variant": variant,
        })


def _publish_with_reposts(writer: _Writer, rng: random.Random, vocab: Vocabulary, story: _Story,
                          title: str, paragraphs: list[str], day: date, variant: str) -> None:
    cluster = writer.new_cluster()
    source = rng.randrange(len(_SOURCES))
    writer.emit(cluster, _prefix(story, rng) + title, paragraphs, day, variant, source)
    copies = 0 if rng.random() < 0.5 else min(1 + int(rng.expovariate(0.7)), 7)
    versions = [(paragraphs, False)]
    for k in range(copies):
        # Mostly later, sometimes the same day, now and then dated before the original.
        when = day + timedelta(days=rng.choice([0, 0, 1, 1, 2, 3, 5, 8, -1]))
        # Most reposts copy the original, some copy another repost.
        base, summarised = versions[0] if rng.random() < 0.8 else rng.choice(versions)
        copy, changes = repost(base, rng, vocab.filler, when, may_summarise=not summarised)
        versions.append((copy, summarised or "summary" in changes))
        prefix = _prefix(story, rng) if rng.random() < 0.8 else ""
        writer.emit(cluster, prefix + title, copy, when, f"{variant}-copy:{changes}", source + 1 + k)


def _day(rng: random.Random) -> date:
    return date(2021, 1, 1) + timedelta(days=rng.randrange(1640))


def iter_groups(rng: random.Random, vocab: Vocabulary) -> Iterator[tuple[str, list[tuple[_Story, str, list[str]]]]]:
    """Groups of distinct stories: ("plain", 1 story) or a hard-negative group of several."""
    while True:
        roll = rng.random()
        if roll < 0.76:
            story = _Story(rng)
            yield "plain", [(story, _title(story, vocab, rng), _paragraphs(story, vocab, _body_length(rng), rng))]
        elif roll < 0.86:
            yield "template", _template_group(rng, vocab)
        elif roll < 0.93:
            yield "title", _title_group(rng, vocab)
        else:
            yield "series", _series_group(rng, vocab)


def _template_group(rng: random.Random, vocab: Vocabulary) -> list[tuple[_Story, str, list[str]]]:
    """Stories sharing an opening (and sometimes a closing) template paragraph, with their own substance."""
    story = _Story(rng)
    opening = _paragraphs(story, vocab, rng.randint(80, 450), rng)[0]
    closing = _paragraphs(story, vocab, rng.randint(60, 200), rng)[:1] if rng.random() < 0.4 else []
    group = []
    for _ in range(rng.randint(2, 6)):
        length = _body_length(rng)
        # Boilerplate opens a story; it is not most of it (a summary would otherwise be boilerplate only).
        substance = _paragraphs(story, vocab, max(length, 4 * len(opening)), rng)
        group.append((story, _title(story, vocab, rng), [opening] + substance + closing))
    return group


def _title_group(rng: random.Random, vocab: Vocabulary) -> list[tuple[_Story, str, list[str]]]:
    """Stories under the same or nearly the same title with different bodies."""
    story = _Story(rng)
    title = _title(story, vocab, rng)
    group = []
    for k in range(rng.randint(2, 3)):
        variant = title if k == 0 or rng.random() < 0.5 else title + rng.choice(["（图）", "发布", "出炉"])
        group.append((story, variant, _paragraphs(story, vocab, _body_length(rng), rng)))
    return group


def _series_group(rng: random.Random, vocab: Vocabulary) -> list[tuple[_Story, str, list[str]]]:
    """Reports of one series: the same wording each period, every figure different."""
    story = _Story(rng)
    skeleton: list[list[tuple[str, ...]]] = []
    target, length = _body_length(rng) * 0.6, 0
    while length < target:
        # Reports of a series are made of figure-bearing sentences.
        paragraph = [t for t in rng.sample(vocab.sentences, 40) if any(p[0] == "#" for p in t)][: rng.randint(2, 5)]
        skeleton.append(paragraph)
        length += sum(len(p) for t in paragraph for p in t)
    topic, year = rng.choice(_SERIES_TOPICS), rng.randint(2018, 2024)
    months = rng.randint(3, 11)
    group = []
    for k in range(rng.randint(2, 5)):
        period = f"{year + k}年1-{months}月" if rng.random() < 0.5 else f"{year}年1-{min(months + k, 12)}月"
        paragraphs = ["".join(story.render(t) for t in p) for p in skeleton]
        paragraphs[0] = f"{period}，{paragraphs[0]}"
        group.append((story, f"{period}{story.places['city']}{topic}", paragraphs))
    return group


def generate(count: int, seed: int = 0, vocabulary: Vocabulary | None = None) -> list[dict]:
    """count articles ({id, url, source, title, published, body, truth_cluster, variant}), deterministic per seed."""
    vocab = vocabulary or load_vocabulary()
    rng = random.Random(seed)
    writer = _Writer(rng)
    groups = iter_groups(rng, vocab)
    while len(writer.articles) < count:
        kind, group = next(groups)
        for story, title, paragraphs in group:
            _publish_with_reposts(writer, rng, vocab, story, title, paragraphs, _day(rng), kind)
    return writer.articles[:count]


def truth_pairs(articles: Iterable[dict]) -> set[tuple[int, int]]:
    """Pairs of article ids (smaller first) that belong to one truth cluster."""
    members: dict[int, list[int]] = {}
    for article in articles:
        members.setdefault(article["truth_cluster"], []).append(article["id"])
    return {(a, b) for ids in members.values() for i, a in enumerate(sorted(ids)) for b in sorted(ids)[i + 1:]}


def write_jsonl(articles: Iterable[dict], path: Path) -> int:
    """One `zswatch import` line per article (truth_cluster rides along; import ignores it)."""
    written = 0
    with path.open("w", encoding="utf-8") as out:
        for article in articles:
            out.write(json.dumps({key: article[key] for key in FIELDS}, ensure_ascii=False) + "\n")
            written += 1
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--count", type=int, default=10000)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS, help="the shared corpus directory")
    parser.add_argument("--out", type=Path, required=True, help="JSONL file to write")
    args = parser.parse_args(argv)
    if not (args.corpus / "seed-listing.txt").exists():
        print(f"error: {args.corpus} has no seed-listing.txt (the shared corpus)", file=sys.stderr)
        return 2
    started = time.perf_counter()
    articles = generate(args.count, args.seed, load_vocabulary(args.corpus, args.seed))
    write_jsonl(articles, args.out)
    elapsed = time.perf_counter() - started
    stories = len({a["truth_cluster"] for a in articles})
    print(f"{len(articles)} articles in {stories} stories, {elapsed:.1f}s -> {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
