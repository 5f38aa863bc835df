"""The words and patterns policy-figure extraction reads: numerals with their units, the approximation,
target and direction words before a number, and the text that makes a number not a figure."""
from __future__ import annotations

import re

from pipeline.numerals import COUNTERS, DURATIONS, MEASURES

UNITS = sorted(set(COUNTERS + DURATIONS + MEASURES), key=len, reverse=True)
RANK_UNITS = ("位", "名")
CLOCK_UNITS = ("小时", "分钟")
SMALL_COUNT_UNITS = frozenset(COUNTERS + DURATIONS + ("度",))  # 一度, 两度: "once", not energy
BARE_MULTIPLIERS = frozenset(("万", "亿", "万亿", "十万", "百万", "千万"))

# --- the candidate pattern (run on width-folded text) ---------------------------------------------

NUMBER = r"(?:\d+(?:,\d{3})*(?:\.\d+)?|[〇零一二两三四五六七八九十百千万亿]+(?:点[〇零一二三四五六七八九]+)?)"
MULTIPLIER = "万亿|千亿|百亿|十亿|亿|千万|百万|十万|万|千"
CANDIDATE = re.compile(
    r"(?P<pct>百分之|千分之)?(?P<neg>[-−])?(?P<num>" + NUMBER + r")"
    r"(?:[ ]?(?P<rsep>[-~～—–至到])[ ]?(?P<num2>" + NUMBER + r"))?"
    r"(?P<ap1>余|多)?"
    r"(?:[ ]?(?P<mult>" + MULTIPLIER + "))?"
    r"(?P<ap2>余|多)?"
    r"(?:[  ]?(?P<unit>" + "|".join(map(re.escape, UNITS)) + r"))?"
    r"(?P<per>/(?:年|月|天|日|人|户|亩|吨|平方米|立方米|个|次|件|台|辆|公斤|千克))?"
    r"(?P<suf>以上|以下|以内|左右|上下(?![\u4e00-\u9fff]))?"
)

# --- words directly before a number that belong to the figure's text ----------------------------

APPROX_BEFORE = (
    "将近", "接近", "大约", "约为", "约合", "约有", "不大于", "不小于", "不到", "不足", "超过", "高达", "多达", "至少", "最多", "不超过",
    "不低于", "不少于", "不高于", "不多于", "低于", "高于", "最高", "最低", "近", "约", "超", "逾",
)
TARGET_WORDS = ("达到", "突破", "控制在", "保持在", "稳定在", "维持在", "达")
UP_WORDS = (
    "增长", "增加", "上涨", "上升", "提高", "提升", "回升", "攀升", "扩大", "提速", "上浮", "上调",
    "跃升", "上扬", "增幅",
)
DOWN_WORDS = (
    "负增长", "压减", "压降", "削减", "下降", "下跌", "减少", "降低", "回落", "下滑", "缩减", "下调", "下浮", "收窄", "缩小", "降幅",
)
TO_VERBS = UP_WORDS + DOWN_WORDS + ("调整", "压缩", "缩短", "延长", "增", "降", "升", "减")
TO_FORMS = tuple(v + t for v in TO_VERBS for t in ("至", "到", "为"))
CHAIN_WORDS = sorted(
    set(APPROX_BEFORE + TARGET_WORDS + UP_WORDS + DOWN_WORDS + TO_FORMS), key=len, reverse=True
)
CHAIN = re.compile("(?:(?:" + "|".join(CHAIN_WORDS) + ")了?)+[ \u3000]?$")
CHAIN_PART = re.compile("(?:" + "|".join(CHAIN_WORDS) + ")")
# 节约/合约/签约/制约/预约: 约 is part of a verb, not "about"
NOT_APPROX_BEFORE_YUE = frozenset("节合签制预履违")


def chain_before(folded: str, start: int) -> tuple[int, str]:
    """Approximation, target and direction words right before the number ("控制在", "增长约")."""
    window = folded[max(0, start - 10):start]
    found = CHAIN.search(window)
    if not found:
        return start, ""
    chain = found.group()
    if chain.startswith("约") and found.start() > 0 and window[found.start() - 1] in NOT_APPROX_BEFORE_YUE:
        chain = chain[1:]
        chain = chain if CHAIN.fullmatch(chain) else ""
    return start - len(chain), chain


def read_chain(chain: str) -> tuple[str, str, str]:
    """(approx, target, direction) from a chain such as "增长约" or "力争突破"."""
    approx = target = direction = ""
    for part in CHAIN_PART.findall(chain):
        if part in APPROX_BEFORE:
            approx += part
        elif part in TARGET_WORDS or part in TO_FORMS:
            target += part
        elif part in DOWN_WORDS:
            direction = "down"
        elif part in UP_WORDS and direction != "down":
            direction = "up"
    return approx, target, direction


# Ratios written without a unit ("容积率1.2-2.0", "城乡居民收入比1.89"): the subject makes the number a figure.
UNITLESS_SUBJECT = re.compile(
    r"(?:容积率|系数|收入比|指数|PMI)(?:为|是|达到|达|控制在|保持在|不大于|不小于|不超过|不低于|不高于|约|[:：])?$"
)

# --- text that makes a candidate not a figure -----------------------------------------------------

QUOTED = re.compile(r"“[^“”\n]{1,30}”|\"[^\"\n]{1,30}\"|「[^「」\n]{1,30}」|『[^『』\n]{1,30}』")
BOOK_TITLE = re.compile(r"《[^《》\n]{0,80}》")
CATEGORY_HEADS = ("项目", "企业", "楼宇", "园区", "单位", "工业", "规模", "产业", "大户", "级")
CHENG_FOLLOWERS = frozenset("为立功果效本员就交绩熟型片品长都不规")
VAGUE_BEFORE = frozenset("数几上成")
MAGNITUDE_APPROX = frozenset("近上超逾约")
VAGUE_NUMERALS = frozenset("成数几十百千万亿")  # 成千上万, 数以万计: no number is meant
ASCII_WORD = re.compile(r"[A-Za-z0-9._#]")
HAN = re.compile(r"[\u4e00-\u9fff]")
