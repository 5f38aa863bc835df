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

from bisect import bisect_right
from dataclasses import dataclass, fields

from pipeline.figure_indicators import IndicatorState, context_around, indicator_of, sentence_breaks
from pipeline.figure_ranges import range_end, shared_unit
from pipeline.figure_words import (
    ASCII_WORD,
    BARE_MULTIPLIERS,
    BOOK_TITLE,
    CANDIDATE,
    CATEGORY_HEADS,
    CHENG_FOLLOWERS,
    CLOCK_UNITS,
    HAN,
    MAGNITUDE_APPROX,
    NOT_APPROX_BEFORE_YUE,
    QUOTED,
    RANK_UNITS,
    SMALL_COUNT_UNITS,
    VAGUE_BEFORE,
    UNITLESS_SUBJECT,
    VAGUE_NUMERALS,
    chain_before,
    read_chain,
)
from pipeline.numerals import CHINESE_NUMERAL_CHARS, normalise, parse_numeral, unit_kind
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


def extract_figures(text: str) -> list[Figure]:
    """All policy figures in `text`, in order; offsets index the text as given."""
    if not text:
        return []
    folded = _fold_keeping_offsets(text)
    excluded = _excluded_spans(folded)
    breaks = sentence_breaks(folded)
    figures: list[Figure] = []
    state = IndicatorState()
    covered = 0
    for match in CANDIDATE.finditer(folded):
        if match.start() < covered:
            continue  # the upper end of a range already read ("5%-6%")
        if not match.group("num")[0].isdigit() and not (match["unit"] or match["mult"] or match["pct"]):
            continue  # a Chinese numeral with nothing after it (一般, 三农): the most common candidate
        figure = _figure_from_match(text, folded, match, excluded, breaks, state)
        if figure is not None:
            figures.append(figure)
            covered = figure.end
    return figures


# Characters whose width folding changes length (ligatures, invisible marks) are kept as they are.
_FOLD_TABLE: dict[int, str] = {}
_FOLD_TABLE_SEEN: set[str] = set()


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


def _excluded_spans(folded: str) -> list[tuple[int, int]]:
    """Book titles always; quoted text when it is a name (has words besides figures). Disjoint, sorted."""
    spans = [(m.start(), m.end()) for m in BOOK_TITLE.finditer(folded)]
    for m in QUOTED.finditer(folded):
        if HAN.search(CANDIDATE.sub("", m.group()[1:-1])):
            spans.append((m.start(), m.end()))
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def _inside(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    """Whether [start, end) lies within one of the sorted, disjoint spans."""
    index = bisect_right(spans, (start, float("inf"))) - 1
    return index >= 0 and spans[index][0] <= start and end <= spans[index][1]


def _figure_from_match(text, folded, m, excluded, breaks, state) -> Figure | None:
    """The figure a candidate match stands for, or None when it is not a figure."""
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
    if not unit_written and mult and not m.group("num2"):
        unit_written = shared_unit(folded, m.end(), mult)
    if not unit_written and not (
        (not chinese and mult in BARE_MULTIPLIERS) or _unitless_ratio(folded, m, chinese or mult)
    ):
        return None
    start = m.start()
    end = m.end()
    before_char = folded[start - 1] if start else ""
    after = folded[end:end + 3]

    if not _acceptable(m, number, chinese, unit_written, mult, before_char, after):
        return None
    lone = chinese and not mult and number in ("百", "千", "万", "亿")
    magnitude_word = "上" if lone and before_char == "上" else ""  # 上千家: an approximation like 近千家
    start -= len(magnitude_word)
    if lone and number in ("万", "亿"):
        number, mult = "一", number  # 万余人 -> 1 万人: the multiplier stays in the unit
    value = parse_numeral(number)
    if value is None:
        return None
    if m.group("neg"):
        value = -value
    rank = before_char == "第"
    if rank:
        if unit_written not in RANK_UNITS or m.group("num2"):
            return None  # 第五届, 第三条, 第一批: ordinals, not ranks
        start -= 1
    elif chinese and not mult and value < 10 and unit_written in SMALL_COUNT_UNITS:
        return None  # 两个维护, 三项制度, 五个方面: slogans and enumerations
    upper = None
    if m.group("num2"):
        upper = parse_numeral(m.group("num2"))
        if upper is None or upper <= value:
            return None

    chain_start, chain = chain_before(folded, start)
    approx, target, direction = read_chain(chain)
    approx += magnitude_word
    suffix = m.group("suf") or ""
    for word in (m.group("ap1"), m.group("ap2"), suffix):
        if word:
            approx = approx + word if approx else word
    if unit_written in CLOCK_UNITS and not (suffix == "以内" or folded[end:end + 1] == "内" or target or approx):
        return None  # 24小时自助服务, 15分钟生活圈: clock phrases, not limits
    if _inside(excluded, chain_start, end):
        return None

    unit = mult + unit_written + (m.group("per") or "")
    if upper is None and not suffix:
        second = range_end(folded, end, value, unit)
        if second is not None:
            upper, end, suffix = second
            approx = approx + suffix if approx else suffix
    sentence = bisect_right(breaks, start)
    indicator, direction = indicator_of(folded, chain_start, end, chain, direction, state, sentence)

    if value < 0 and direction == "up":
        value, direction = -value, "down"  # 增长-2.3% is a fall of 2.3%, like 下降2.3%
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
        context=context_around(folded, chain_start, end, breaks),
    )


def _unitless_ratio(folded: str, m, chinese_or_multiplied: bool | str) -> bool:
    """A plain number right after a ratio's name: 容积率1.2-2.0, 收入比为1.89."""
    if chinese_or_multiplied or m.group("pct"):
        return False
    subject_end = chain_before(folded, m.start())[0]
    return bool(UNITLESS_SUBJECT.search(folded, max(0, subject_end - 10), subject_end))


def _split_chinese_multiplier(run: str) -> tuple[str, str]:
    """"一百二十亿" -> ("一百二十", "亿"); "五万" -> ("五", "万"); "千亿" -> ("千", "亿")."""
    if "点" in run:
        return run, ""
    if run.endswith("万") and "亿" in run[:-1]:
        whole = parse_numeral(run)  # 三亿二千万: one amount in 亿, as 3.2亿
        return (f"{whole / 1e8:.12g}", "亿") if whole is not None else ("", "")
    for mult in ("万亿", "亿", "万"):
        if run.endswith(mult) and len(run) > len(mult):
            return run[: -len(mult)], mult
    return run, ""


def _acceptable(m, number, chinese, unit, mult, before_char, after) -> bool:
    """Rules that say a numeral with a unit is still not a figure."""
    if before_char and ASCII_WORD.match(before_char) and not m.group("neg"):
        return False  # PM2.5, G107, B2地块
    if before_char == "+" and m.start() > 1 and m.string[m.start() - 2].isdigit():
        return False  # K1523+500: a road marker
    if after[:1].isascii() and after[:1].isalpha():
        return False  # 5G, 3D
    if not unit and after[:1] in "-~～—–至到" and after[1:2].isdigit():
        return False  # "2万到25万吨级": the first half of a range
    if after[:1] == "级" or after[:1] == "号":
        return False  # 万吨级泊位, 5A级, 1号线
    if unit == "成" and after[:1] in CHENG_FOLLOWERS:
        return False
    if unit == "人" and after[:1] == "民":
        return False
    if m.group("suf") in ("以上", "以下") and after.startswith(CATEGORY_HEADS):
        return False  # 10亿元以上项目
    if unit == "点" and (chinese or "." not in number):
        return False  # 下午3点, 三点建议: a clock time or a count of points, not an index level
    if chinese:
        lone = number in ("百", "千", "万", "亿") and not mult
        two_before = m.string[m.start() - 2] if m.start() > 1 else ""
        if before_char == "约" and two_before in NOT_APPROX_BEFORE_YUE:
            before_char = two_before  # 签约亿元以上项目: 约 ends a verb
        if lone and before_char in MAGNITUDE_APPROX and not (two_before and two_before in VAGUE_NUMERALS):
            return True  # 近千家, 上万人, 超百亿元; not 成千上万
        if lone and not m.group("ap1"):
            return False  # 千家万户, 万家丽路
        if number[0] in "十百千万" and before_char in VAGUE_BEFORE:
            return False  # 数十家, 几百个, 成千上万
        if before_char in CHINESE_NUMERAL_CHARS:
            return False
    if before_char == "过" and after.startswith(CATEGORY_HEADS):
        return False  # 过50亿元项目: a class of projects, not a value
    return True
