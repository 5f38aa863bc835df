from __future__ import annotations

import re

import pytest
from corpus import seed_listing_blocks

from pipeline.near_duplicates import (
    ClusterMember,
    DedupeThresholds,
    canonical_member,
    compact,
    figure_sequence,
    figures_differ,
    is_near_duplicate,
    matching_text,
    strip_furniture,
    strip_title_prefix,
    verify_pair,
)

# Short excerpts of the seed listing.
OPENING = "湖南省长沙市聚焦招商引资和企业发展，通过出台综合性政策文件，全面系统地优化营商环境。"
FIGURES = "全区地区生产总值增长4%，地方一般公共预算收入增长2.6%，城镇居民人均可支配收入增长5%，位居第64位。"


@pytest.fixture(scope="module")
def seed_articles() -> list[tuple[str, str]]:
    """(title, body) of the seed listing's ten articles."""
    return [(lines[0], lines[1]) for lines in seed_listing_blocks()]


def paragraphs_of(body: str, count: int = 6) -> list[str]:
    """A body cut into count paragraphs at sentence ends."""
    sentences = [s for s in re.split(r"(?<=。)", body) if s]
    size = max(len(sentences) // count, 1)
    return ["".join(sentences[i: i + size]) for i in range(0, len(sentences), size)]


def test_matching_text_drops_furniture_prefixes_width_and_punctuation():
    plain = matching_text("【长沙招商】标题", OPENING + "\n" + FIGURES)
    reposted = matching_text(
        "【湖南招商】标题",
        "来源：长沙晚报  编辑：张三\n" + OPENING.replace("，", ",") + "（来源：新华网）\n" + FIGURES + "\n（责任编辑：李四）",
    )
    assert plain == reposted
    assert "，" not in plain and "%" not in plain and " " not in plain
    assert plain.startswith("湖南省长沙市聚焦招商引资")


def test_furniture_is_only_stripped_where_it_is_furniture():
    body = "原标题：旧标题\n来源 | 湖南日报\n记者从市商务局获悉，项目来源于社会资本。\n2025-07-08 10:22 来源: 红网"
    assert strip_furniture(body) == "记者从市商务局获悉,项目来源于社会资本。"
    assert strip_title_prefix("【长沙招商】[要闻] 标题") == "标题"
    assert strip_title_prefix("标题【附件】") == "标题【附件】"


def test_a_short_body_is_compared_with_its_title():
    assert matching_text("【长沙招商】长沙发布招商政策", "详见附件。") == "长沙发布招商政策详见附件"
    assert compact("a，b。c d") == "abcd"


def test_reposts_are_near_duplicates(seed_articles):
    title, body = seed_articles[0]
    original = matching_text(title, body)
    paragraphs = paragraphs_of(body)
    copies = {
        "header and footer": "来源：长沙晚报\n" + body + "\n责任编辑：李四",
        "half-width punctuation": body.replace("，", ",").replace("。", "."),
        "summary": "\n".join(paragraphs)[: len(body) // 3],
        "trimmed paragraph": "\n".join(paragraphs[:2] + paragraphs[3:]),
        "edited characters": body[:300] + "新" + body[301:900] + body[902:],
        "changed figure": body.replace("增长4%", "增长4.5%", 1),
    }
    for change, copy in copies.items():
        verdict = verify_pair(original, matching_text("【湖南招商】" + title[7:], copy))
        assert verdict.duplicate, (change, verdict)
        assert verdict.containment >= 0.9


def test_shared_template_paragraphs_are_not_duplicates(seed_articles):
    template = "为深入贯彻落实省委省政府关于招商引资工作的决策部署，进一步优化营商环境，现将有关情况通报如下。"
    first, second = seed_articles[2][1], seed_articles[4][1]
    verdict = verify_pair(matching_text("", template + first), matching_text("", template + second))
    assert not verdict.duplicate
    # Half of each text is the same boilerplate, and there are no figures to tell them apart.
    boilerplate = re.sub(r"\d", "", seed_articles[0][1][:600])
    a = matching_text("", boilerplate + re.sub(r"\d", "", first[:600]))
    b = matching_text("", boilerplate + re.sub(r"\d", "", second[:600]))
    half_shared = verify_pair(a, b)
    assert not half_shared.duplicate and half_shared.reason == "different text"


def test_near_identical_titles_with_different_bodies_are_not_duplicates(seed_articles):
    (_, body_a), (_, body_b) = seed_articles[3], seed_articles[5]
    a = matching_text("【长沙招商】长沙强音奏响十大重点片区", body_a)
    b = matching_text("【长沙招商】长沙强音奏响十大重点片区（图）", body_b)
    assert not is_near_duplicate(a, b)


def test_the_next_report_of_a_series_is_not_a_duplicate(seed_articles):
    _, body = seed_articles[0]
    report = body[:3000]
    counter = iter(range(7, 10_000, 13))
    next_report = re.sub(r"\d+", lambda m: str(next(counter)), report)
    verdict = verify_pair(matching_text("", report), matching_text("", next_report))
    assert not verdict.duplicate and verdict.reason == "figures differ"
    one_changed = re.sub(r"\d+", lambda m: "99", report, count=1)
    assert verify_pair(matching_text("", report), matching_text("", one_changed)).duplicate


def test_figure_sequence_and_figures_differ():
    assert figure_sequence("增长4.5%重大项目359个") == ["增长4", "4.5", "项目359"]
    text = compact(FIGURES)
    assert figure_sequence(text) == ["增长4", "增长26", "增长5", "居第64"]
    series = ["增长7", "增长31", "增长6", "居第12"]
    assert figures_differ(series, figure_sequence(text))
    assert not figures_differ(figure_sequence(text)[:2], figure_sequence(text))
    assert not figures_differ(["增长9"] + figure_sequence(text)[1:], figure_sequence(text))


def test_turned_down_before_the_comparison():
    assert verify_pair("", "长沙").reason == "empty"
    assert verify_pair("长沙招商引资", "长沙招商引资项目").reason == "too short"
    long_text = compact(OPENING * 10)
    assert verify_pair(long_text[:60], long_text).reason == "lengths differ"
    assert verify_pair(long_text, long_text).reason == "identical"


def test_thresholds_are_parameters():
    a = compact(OPENING * 2 + FIGURES)
    b = a[:40] + "另有改动另有改动" + a[48:]
    assert verify_pair(a, b).duplicate
    assert not verify_pair(a, b, DedupeThresholds(min_containment=0.99)).duplicate
    with pytest.raises(ValueError):
        DedupeThresholds(min_containment=1.5)
    with pytest.raises(ValueError):
        DedupeThresholds(max_verifications=0)


def test_canonical_is_earliest_then_most_complete():
    members = [
        ClusterMember(3, "2025-07-08", 2000),
        ClusterMember(1, "2025-07-07", 700),
        ClusterMember(2, "2025-07-07", 2500),
        ClusterMember(4, None, 9000),
    ]
    assert canonical_member(members) == 2
    assert canonical_member([ClusterMember(4, None, 10), ClusterMember(5, None, 20)]) == 5
    with pytest.raises(ValueError):
        canonical_member([])
