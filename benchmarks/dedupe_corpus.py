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
import sys
import time
from datetime import date, timedelta
from pathlib import Path
from typing import Iterable, Iterator

from corpus_reposts import repost
from corpus_vocabulary import DEFAULT_CORPUS, Vocabulary, load_vocabulary, redraw

FIELDS = ("url", "source", "title", "published", "body", "truth_cluster")

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
_TITLE_LABELS = ["招商", "招商引资", "投资促进", "经济", "要闻"]
_SERIES_TOPICS = ["经济运行情况", "规模以上工业生产情况", "招商引资工作进展", "固定资产投资情况", "外贸进出口情况"]


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
                out.append(redraw(part[1:], self.rng))
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
