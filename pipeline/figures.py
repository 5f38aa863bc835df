"""Policy figures in Chinese text: growth rates, shares, money, counts, quantities, people, targets, ranks.

`extract_figures(text)` scans for a numeral (Arabic or Chinese) followed by a unit, then drops what
DESIGN.md says is not a figure: dates and years (年/月/日 are never units here), ordinals (第五届),
names in quotes or book-title marks (“天心软件10条”, 《…2020》), codes (PM2.5, 107国道, 5G),
small Chinese-numeral counts used as slogans (两个维护, 三项制度), threshold classes
(过50亿元项目), and clock phrases (24小时自助…, 15分钟生活圈).

A fall keeps its value as written with ``direction="down"`` ("下降3%" -> 3.0, "%", "down");
`signed_value` gives -3.0, which is what comparisons use.
"""
from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, fields

from pipeline.numerals import (
    CHINESE_NUMERAL_CHARS,
    COUNTERS,
    DURATIONS,
    MEASURES,
    normalise,
    parse_numeral,
    unit_kind,
)
from store.textnorm import fold_width


@dataclass(frozen=True)
class Figure:
    """One policy figure: the value and unit as written, where it is, and what it measures."""

    indicator: str
    value: float
    unit: str
    text: str
    start: int
    end: int
    approx: str = ""            # 近 / 约 / 超 / 逾 / 余 / 多 / 左右 / 以上 / 以下 / 以内 / 不到 …
    upper: float | None = None  # upper value of a range (5-10亿元 -> value 5, upper 10)
    direction: str = ""         # "up" (增长7%), "down" (下降3%), "" for a level (达170亿元, 增长至147亿元)
    target: str = ""            # 达 / 突破 / 控制在 / 增长至 … as written
    kind: str = ""              # rate, points, money, people, count, quantity, duration, rank
    context: str = ""           # words around the figure (digits masked), used to align versions

    def as_json(self) -> dict:
        """Plain values only: what `zswatch figures --json` prints and what the store persists."""
        # Not dataclasses.asdict: it deep-copies every value, which costs more than extracting the figure.
        return {name: getattr(self, name) for name in _FIELD_NAMES}

    @classmethod
    def from_json(cls, data: dict) -> "Figure":
        """Rebuild a Figure from stored plain values; unknown keys are ignored, missing extras default."""
        values = {k: v for k, v in data.items() if k in _FIELD_SET and v is not None}
        values["value"] = float(values["value"])
        values["start"], values["end"] = int(values["start"]), int(values["end"])
        if data.get("upper") is not None:
            values["upper"] = float(data["upper"])
        return cls(**values)

    @property
    def signed_value(self) -> float:
        """The value with a fall made negative: "下降3%" -> -3.0."""
        return -self.value if self.direction == "down" else self.value

    @property
    def normalised(self) -> tuple[float, str]:
        """Signed value in the base unit: "120亿元" -> (1.2e10, "元"), "下降3%" -> (-3.0, "%")."""
        return normalise(self.signed_value, self.unit)


_FIELD_NAMES = tuple(f.name for f in fields(Figure))
_FIELD_SET = frozenset(_FIELD_NAMES)
_UNITS = sorted(set(COUNTERS + DURATIONS + MEASURES), key=len, reverse=True)
_RANK_UNITS = ("位", "名")
_CLOCK_UNITS = ("小时", "分钟")
_SMALL_COUNT_UNITS = frozenset(COUNTERS + DURATIONS)
_BARE_MULTIPLIERS = frozenset(("万", "亿", "万亿", "十万", "百万", "千万"))

# --- the candidate pattern (run on width-folded text) ---------------------------------------------

_NUM = r"(?:\d+(?:,\d{3})*(?:\.\d+)?|[〇零一二两三四五六七八九十百千万亿]+(?:点[〇零一二三四五六七八九]+)?)"
_CANDIDATE = re.compile(
    r"(?P<pct>百分之|千分之)?(?P<neg>[-−])?(?P<num>" + _NUM + r")"
    r"(?:[ ]?(?P<rsep>[-~～—–至到])[ ]?(?P<num2>" + _NUM + r"))?"
    r"(?P<ap1>余|多)?"
    r"(?P<mult>万亿|千亿|百亿|十亿|亿|千万|百万|十万|万|千)?"
    r"(?P<ap2>余|多)?"
    r"(?:[  ]?(?P<unit>" + "|".join(map(re.escape, _UNITS)) + r"))?"
    r"(?P<per>/(?:年|月|天|日|人|户|亩|吨|平方米|个|次|件|台|辆|公斤|千克))?"
    r"(?P<suf>以上|以下|以内|左右|上下(?![\u4e00-\u9fff]))?"
)

# Words directly before a number that belong to the figure's text.
_APPROX_BEFORE = (
    "将近", "接近", "大约", "约为", "不到", "不足", "超过", "高达", "多达", "至少", "最多", "不超过",
    "不低于", "不少于", "不高于", "不多于", "低于", "高于", "近", "约", "超", "逾",
)
_TARGET_WORDS = ("达到", "突破", "控制在", "保持在", "稳定在", "维持在", "达")
_UP_WORDS = (
    "增长", "增加", "上涨", "上升", "提高", "提升", "回升", "攀升", "扩大", "提速", "上浮", "上调",
    "跃升", "上扬", "增幅",
)
_DOWN_WORDS = (
    "下降", "下跌", "减少", "降低", "回落", "下滑", "缩减", "下调", "下浮", "收窄", "缩小", "降幅",
)
_TO_VERBS = _UP_WORDS + _DOWN_WORDS + ("调整", "压缩", "缩短", "延长", "增", "降", "升", "减")
_TO_FORMS = tuple(v + t for v in _TO_VERBS for t in ("至", "到", "为"))
_CHAIN_WORDS = sorted(
    set(_APPROX_BEFORE + _TARGET_WORDS + _UP_WORDS + _DOWN_WORDS + _TO_FORMS), key=len, reverse=True
)
_CHAIN = re.compile("(?:(?:" + "|".join(_CHAIN_WORDS) + ")了?)+[ \u3000]?$")
_CHAIN_PART = re.compile("(?:" + "|".join(_CHAIN_WORDS) + ")")
# 节约/合约/签约/制约/预约: 约 is part of a verb, not "about"
_NOT_APPROX_BEFORE_YUE = frozenset("节合签制预履违")

# --- text that makes a candidate not a figure -----------------------------------------------------

_QUOTED = re.compile(r"“[^“”\n]{1,30}”|\"[^\"\n]{1,30}\"|「[^「」\n]{1,30}」|『[^『』\n]{1,30}』")
_BOOK_TITLE = re.compile(r"《[^《》\n]{0,80}》")
_CATEGORY_HEADS = ("项目", "企业", "楼宇", "园区", "单位", "工业", "规模", "产业", "大户", "级")
_CHENG_FOLLOWERS = frozenset("为立功果效本员就交绩熟型片品长都不规")
_VAGUE_BEFORE = frozenset("数几上成")
_ASCII_WORD = re.compile(r"[A-Za-z0-9._#]")
_HAN = re.compile(r"[\u4e00-\u9fff]")

# --- indicators -----------------------------------------------------------------------------------

_CLAUSE_BREAKS = frozenset("，,。；;：:！!？?\n\r|【】[]")
_SENTENCE_BREAKS = re.compile(r"[。！？!?；;\n]")
_LIST_GAP = re.compile(r"^[、和及与或+ ]*$")
_QUOTE_CHARS = re.compile(r"[“”\"‘’'「」『』《》 \u3000]")
_LONG_PAREN = re.compile(r"[（(][^（）()]{4,}[）)]")
_LEADING_NOISE = re.compile(
    r"^(?:[、（(）)+]|了|其中|同时|此外|另外|以及|并且|截至目前|目前|和|及|与|并|而|但|还|也|全区上下|全区|全县|全市|全省|全镇"
    r"|区内|市内|力争|确保|预计|有望|全年|今年|去年|上年|当年|年内|同期|上半年|下半年|前三季度|[一二三四]季度|未来五年|五年来|近年来"
    r"|到?\d{4}年(?:底|末|以来)?|\d{1,2}(?:[-—~至]\d{1,2})?月份?|\d{1,2}日|位居|位列|跃居|排在)+"
)
_TRAILING_NOISE = re.compile(
    r"(?:的|为|是|有|了|共|由|从|在|已|则|保持|(?<![年平人])均|再次|再|又|仅|已经|累计|共计|合计|总计|完成|实现|预计|力争|确保"
    r"|位居|位列|跃居|排在|居|有望|可|将|在?(?:全[国省市区县])?率先)+$"
)
_GLUE_ONLY = re.compile(r"^(?:同比|环比|年均|平均|比上年同期|比上年|较上年同期|较上年|较去年|比去年|累计|预计|其中|分别|均|共|再|又)*$")
_LIGHT_VERBS = frozenset(("完成", "实现", "新增", "新建", "建成", "引进", "培育", "打造", "启动", "推动", "发放", "安排", "创建", "其中"))
_OBJECT_TAKERS = (
    "等", "包括", "包含", "涉及", "聚集", "吸引", "面向", "给予", "拥有", "共有", "按照", "按", "减按", "新建",
    "引进", "推动", "启动", "抓好", "提供", "发放", "安排", "培育", "打造", "创建", "实施", "部署", "部署了",
    "管控", "排查", "建成", "改造", "建设", "各", "连续",
)
_VERB_STOP = re.compile(
    "|".join(_CHAIN_WORDS) + r"|为|下沉|挂牌|荣获|获批|获评|获得|获|完成|实现|投入|竣工|开工|建成|落户|入驻|拆除|签约|加快|扫尾|成功|全部|已经|已|正在|将|顺利"
    r"|启动|参与|提供|成为|通过|纳入|开通|得到|进行|抢滩|实行|相继|分别|等|的"
)
_AFTER_LEAD = re.compile(r"^(?:的|实现|完成)")
_MAX_INDICATOR = 24
_LOOKBACK = 40
_CONTEXT = 12
_DIGITS = re.compile(r"\d+(?:[.,]\d+)*")


def extract_figures(text: str) -> list[Figure]:
    """All policy figures in `text`, in order; offsets index the text as given."""
    if not text:
        return []
    folded = _fold_keeping_offsets(text)
    excluded = _excluded_spans(folded)
    sentence_breaks = [m.start() for m in _SENTENCE_BREAKS.finditer(folded)]
    figures: list[Figure] = []
    state = _State()
    for match in _CANDIDATE.finditer(folded):
        figure = _figure_from_match(text, folded, match, excluded, sentence_breaks, state)
        if figure is not None:
            figures.append(figure)
    return figures


class _State:
    """What the previous figure left behind for the next one's indicator."""

    __slots__ = ("end", "subject", "indicator", "direction", "sentence")

    def __init__(self) -> None:
        self.end = 0
        self.subject = ""
        self.indicator = ""
        self.direction = ""
        self.sentence = -1


def _fold_keeping_offsets(text: str) -> str:
    """Full-width to half-width, one character for one, so offsets stay valid."""
    folded = fold_width(text)
    if len(folded) == len(text):
        return folded
    for ch in set(text).difference(_FOLD_TABLE_SEEN):
        one = fold_width(ch)
        if len(one) == 1 and one != ch:
            _FOLD_TABLE[ord(ch)] = one
        _FOLD_TABLE_SEEN.add(ch)
    return text.translate(_FOLD_TABLE)


# characters whose width folding changes length (ligatures, invisible marks) are kept as they are
_FOLD_TABLE: dict[int, str] = {}
_FOLD_TABLE_SEEN: set[str] = set()


def _excluded_spans(folded: str) -> list[tuple[int, int]]:
    """Book titles always; quoted text when it is a name (has words besides figures). Disjoint, sorted."""
    spans = [(m.start(), m.end()) for m in _BOOK_TITLE.finditer(folded)]
    for m in _QUOTED.finditer(folded):
        if _HAN.search(_CANDIDATE.sub("", m.group()[1:-1])):
            spans.append((m.start(), m.end()))
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def _inside(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    index = bisect_right(spans, (start, float("inf"))) - 1
    return index >= 0 and spans[index][0] <= start and end <= spans[index][1]


def _figure_from_match(text, folded, m, excluded, sentence_breaks, state) -> Figure | None:
    unit_written = m.group("unit") or ""
    mult = m.group("mult") or ""
    number = m.group("num")
    chinese = not number[0].isdigit()
    if chinese:
        number, run_mult = _split_chinese_multiplier(number)
        if not number:
            return None
        if run_mult:
            if mult:
                return None
            mult = run_mult
    pct = m.group("pct")
    if pct:
        unit_written, mult = ("%" if pct == "百分之" else "‰"), ""
        if m.group("unit") or m.group("mult"):
            return None
    if not unit_written:
        if chinese or mult not in _BARE_MULTIPLIERS:
            return None
    start = m.start()
    end = m.end()
    before_char = folded[start - 1] if start else ""
    after = folded[end:end + 3]

    if not _acceptable(m, number, chinese, unit_written, mult, before_char, after):
        return None
    value = parse_numeral(number)
    if value is None:
        return None
    if m.group("neg"):
        value = -value
    rank = before_char == "第"
    if rank:
        if unit_written not in _RANK_UNITS or m.group("num2"):
            return None  # 第五届, 第三条, 第一批: ordinals, not ranks
        start -= 1
    elif chinese and not mult and value < 10 and unit_written in _SMALL_COUNT_UNITS:
        return None  # 两个维护, 三项制度, 五个方面: slogans and enumerations
    upper = None
    if m.group("num2"):
        upper = parse_numeral(m.group("num2"))
        if upper is None or upper <= value:
            return None

    chain_start, chain = _chain_before(folded, start)
    approx, target, direction = _read_chain(chain)
    suffix = m.group("suf") or ""
    for word in (m.group("ap1"), m.group("ap2"), suffix):
        if word:
            approx = approx + word if approx else word
    if unit_written in _CLOCK_UNITS and not (suffix == "以内" or folded[end:end + 1] == "内" or target or approx):
        return None  # 24小时自助服务, 15分钟生活圈: clock phrases, not limits
    if _inside(excluded, chain_start, end):
        return None

    unit = mult + unit_written + (m.group("per") or "")
    sentence = bisect_right(sentence_breaks, start)
    indicator, subject, own = _indicator(folded, chain_start, end, _direction_words(chain), state, sentence)
    gap = folded[state.end:chain_start] if 0 <= chain_start - state.end <= 4 else "-"
    if not own and not chain and state.sentence == sentence and _LIST_GAP.match(gap):
        indicator, subject, direction = state.indicator, state.subject, state.direction
    state.end, state.subject, state.indicator = end, subject, indicator
    state.direction, state.sentence = direction, sentence

    kind = "rank" if rank else unit_kind(unit)
    return Figure(
        indicator=indicator,
        value=value,
        unit=unit,
        text=text[chain_start:end],
        start=chain_start,
        end=end,
        approx=approx,
        upper=upper,
        direction=direction,
        target=target,
        kind=kind,
        context=_context(folded, chain_start, end, sentence_breaks),
    )


def _split_chinese_multiplier(run: str) -> tuple[str, str]:
    """"一百二十亿" -> ("一百二十", "亿"); "五万" -> ("五", "万"); "千亿" -> ("千", "亿")."""
    if "点" in run:
        return run, ""
    for mult in ("万亿", "亿", "万"):
        if run.endswith(mult) and len(run) > len(mult):
            return run[: -len(mult)], mult
    return run, ""


def _acceptable(m, number, chinese, unit, mult, before_char, after) -> bool:
    """Rules that say a numeral with a unit is still not a figure."""
    if before_char and _ASCII_WORD.match(before_char) and not m.group("neg"):
        return False  # PM2.5, G107, B2地块
    if after[:1].isascii() and after[:1].isalpha():
        return False  # 5G, 3D
    if not unit and after[:1] in "-~～—–至到" and after[1:2].isdigit():
        return False  # "2万到25万吨级": the first half of a range
    if after[:1] == "级" or after[:1] == "号":
        return False  # 万吨级泊位, 5A级, 1号线
    if unit == "成" and after[:1] in _CHENG_FOLLOWERS:
        return False
    if unit == "人" and after[:1] == "民":
        return False
    if chinese:
        if number in ("百", "千", "万", "亿") and not (m.group("ap1") or mult):
            return False  # 千家万户, 万家丽路
        if number[0] in "十百千万" and before_char in _VAGUE_BEFORE:
            return False  # 数十家, 上百个, 成千上万
        if before_char in CHINESE_NUMERAL_CHARS:
            return False
    if before_char == "过" and after.startswith(_CATEGORY_HEADS):
        return False  # 过50亿元项目: a class of projects, not a value
    if m.group("suf") in ("以上", "以下") and after.startswith(_CATEGORY_HEADS):
        return False  # 10亿元以上项目
    return True


def _chain_before(folded: str, start: int) -> tuple[int, str]:
    """Approximation, target and direction words right before the number ("控制在", "增长约")."""
    window = folded[max(0, start - 10):start]
    found = _CHAIN.search(window)
    if not found:
        return start, ""
    chain = found.group()
    if chain.startswith("约") and found.start() > 0 and window[found.start() - 1] in _NOT_APPROX_BEFORE_YUE:
        chain = chain[1:]
        chain = chain if _CHAIN.fullmatch(chain) else ""
    return start - len(chain), chain


def _read_chain(chain: str) -> tuple[str, str, str]:
    """(approx, target, direction) from a chain such as "增长约" or "力争突破"."""
    approx = target = direction = ""
    for part in _CHAIN_PART.findall(chain):
        if part in _APPROX_BEFORE:
            approx += part
        elif part in _TARGET_WORDS or part in _TO_FORMS:
            target += part
        elif part in _DOWN_WORDS:
            direction = "down"
        elif part in _UP_WORDS and direction != "down":
            direction = "up"
    return approx, target, direction


def _direction_words(chain: str) -> str:
    """The direction verbs of a chain as written ("增长" of "增长约"), empty for "增长至"."""
    return "".join(p for p in _CHAIN_PART.findall(chain) if p in _UP_WORDS or p in _DOWN_WORDS)


def _indicator(folded, chain_start, end, verbs, state, sentence) -> tuple[str, str, bool]:
    """(indicator, subject, from_clause): the clause before the figure, cleaned, or the noun it modifies.

    The subject has no direction verb; from_clause is False when the subject was found elsewhere.
    """
    low = max(0, chain_start - _LOOKBACK, state.end if state.sentence == sentence else 0)
    clause = folded[low:chain_start]
    for i in range(len(clause) - 1, -1, -1):
        if clause[i] in _CLAUSE_BREAKS:
            clause = clause[i + 1:]
            break
    subject = _clean(clause)
    lead = clause.strip("、 ") if clause.strip("、 ") in _LIGHT_VERBS else ""
    glue = ""
    if _GLUE_ONLY.match(subject):
        glue, subject = subject.replace("分别", "").replace("其中", ""), ""
    following = _noun_after(folded, end)
    if following and (not subject or lead or subject.endswith(_OBJECT_TAKERS) or subject in _LIGHT_VERBS):
        # the number modifies what follows it: "完成169台锅炉低氮改造", "劳动广场等31个项目"
        subject = (lead or (subject if subject in _LIGHT_VERBS else "")) + following
        return subject + glue + verbs, subject + glue, True
    if not subject:
        if state.sentence == sentence and state.subject:
            return state.subject + glue + verbs, state.subject + glue, False
        return glue + verbs, glue, False
    subject = subject[-_MAX_INDICATOR:]
    return subject + glue + verbs, subject + glue, True


def _clean(clause: str) -> str:
    clause = _QUOTE_CHARS.sub("", clause)
    clause = _LONG_PAREN.sub("", clause)
    clause = clause.replace("分别", "")
    previous = None
    while previous != clause:
        previous = clause
        clause = _LEADING_NOISE.sub("", clause)
        clause = _TRAILING_NOISE.sub("", clause)
    return clause.strip("（()）、 ")


def _noun_after(folded: str, end: int) -> str:
    """The noun phrase a number modifies ("38个集体土地项目拆除清零" -> "集体土地项目")."""
    window = folded[end:end + 14]
    window = _AFTER_LEAD.sub("", window)
    cut = len(window)
    for i, ch in enumerate(window):
        if ch in _CLAUSE_BREAKS or ch == "、" or ch.isdigit() or ch in "“”\"(（":
            cut = i
            break
    window = window[:cut]
    stop = _VERB_STOP.search(window)
    if stop:
        window = window[: stop.start()]
    return window if len(window) >= 2 else ""


def _context(folded, start, end, sentence_breaks) -> str:
    """Up to a dozen characters each side, inside the sentence, digits masked."""
    index = bisect_right(sentence_breaks, start)
    left = sentence_breaks[index - 1] + 1 if index else 0
    right = sentence_breaks[index] if index < len(sentence_breaks) else len(folded)
    before = folded[max(left, start - _CONTEXT):start]
    after = folded[end:min(right, end + _CONTEXT)]
    return _DIGITS.sub("#", before) + "□" + _DIGITS.sub("#", after)
