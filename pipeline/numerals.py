"""Arabic and Chinese numerals, unit multipliers, and the base units figures are compared in.

A figure keeps its value and unit as written ("120亿元" -> 120, "亿元"); `normalise` turns that
into a base value and base unit ("元", 1.2e10) so that rewrites of one quantity compare equal.
"""
from __future__ import annotations

import math
import re
from functools import lru_cache

import cn2an

CHINESE_DIGITS = "〇零一二两三四五六七八九"
CHINESE_MAGNITUDES = "十百千万亿"
CHINESE_NUMERAL_CHARS = CHINESE_DIGITS + CHINESE_MAGNITUDES

_ARABIC = re.compile(r"[+-]?\d+(?:,\d{3})*(?:\.\d+)?")
_LONE_MAGNITUDE = {"十": 10.0, "百": 100.0, "千": 1000.0, "万": 1e4, "亿": 1e8}

# Longest first, so that "万亿" wins over "万" and "千万" over "千".
MULTIPLIERS: dict[str, float] = {
    "万亿": 1e12, "千亿": 1e11, "百亿": 1e10, "十亿": 1e9, "亿": 1e8,
    "千万": 1e7, "百万": 1e6, "十万": 1e5, "万": 1e4, "千": 1e3, "百": 1e2,
}
_MULTIPLIER_PREFIX = re.compile("^(?:" + "|".join(sorted(MULTIPLIERS, key=len, reverse=True)) + ")")

# Units that begin with a multiplier character but are units in their own right.
_PROTECTED_UNITS = ("百分点",)

# unit as written (after its multiplier) -> (base unit, factor to the base unit)
_BASE_UNITS: dict[str, tuple[str, float]] = {
    "%": ("%", 1.0), "％": ("%", 1.0), "成": ("%", 10.0), "‰": ("%", 0.1),
    "个百分点": ("个百分点", 1.0), "百分点": ("个百分点", 1.0),
    "公里": ("米", 1e3), "千米": ("米", 1e3), "米": ("米", 1.0), "厘米": ("米", 0.01), "毫米": ("米", 0.001),
    "平方公里": ("平方米", 1e6), "平方千米": ("平方米", 1e6), "公顷": ("平方米", 1e4),
    "亩": ("平方米", 10000.0 / 15.0), "平方米": ("平方米", 1.0),
    "吨": ("克", 1e6), "公斤": ("克", 1e3), "斤": ("克", 500.0), "千克": ("克", 1e3), "克": ("克", 1.0),
    "千瓦时": ("瓦时", 1e3), "千瓦": ("瓦", 1e3), "兆瓦": ("瓦", 1e6), "度": ("瓦时", 1e3),
    "kW": ("瓦", 1e3), "KW": ("瓦", 1e3), "MW": ("瓦", 1e6), "GW": ("瓦", 1e9),
    "kWh": ("瓦时", 1e3), "KWh": ("瓦时", 1e3), "MWh": ("瓦时", 1e6), "GWh": ("瓦时", 1e9),
    "毫克": ("克", 1e-3), "微克": ("克", 1e-6),
    "个位次": ("位次", 1.0), "位次": ("位次", 1.0),
    "个工作日": ("工作日", 1.0), "工作日": ("工作日", 1.0),
    "标箱": ("标准箱", 1.0), "km": ("米", 1e3), "个基点": ("基点", 1.0),
}


# Units a figure may carry after its multiplier. Counters and durations written with a small
# Chinese numeral (两个, 三项, 两个月) are slogans rather than figures, so they are kept apart.
COUNTERS = (
    "个", "家", "项", "件", "所", "台", "座", "条", "套", "栋", "宗", "起", "次", "张", "辆", "架", "艘",
    "只", "头", "份", "篇", "场", "趟", "处", "间", "幢", "块", "例", "支", "种", "款", "类", "部", "册",
    "位", "户", "名", "人", "人次", "场次", "批次", "羽", "颗", "粒", "株", "棵", "列",
)
DURATIONS = ("天", "个工作日", "工作日", "个月", "小时", "分钟")
MEASURES = (
    "个百分点", "百分点", "%", "‰", "成", "倍", "美元", "欧元", "港元", "日元", "英镑", "元",
    "平方公里", "平方千米", "平方米", "立方米", "公顷", "亩", "公里", "千米", "厘米", "毫米", "米",
    "吨标准煤", "吨", "千克", "公斤", "斤", "毫克", "微克", "克", "标准箱", "标箱", "千瓦时", "千瓦", "兆瓦",
    "kWh", "KWh", "MWh", "GWh", "kW", "KW", "MW", "GW", "度", "个位次", "位次", "个基点", "基点", "总吨",
    "km", "点",
)
_KIND_BY_BASE = {
    "": "rate",
    "%": "rate", "倍": "rate", "个百分点": "points", "元": "money", "美元": "money", "欧元": "money",
    "港元": "money", "日元": "money", "英镑": "money", "人": "people", "人次": "people", "名": "people",
    "米": "quantity", "平方米": "quantity", "立方米": "quantity", "克": "quantity", "瓦": "quantity",
    "瓦时": "quantity", "标准箱": "quantity",
    "天": "duration", "个月": "duration", "小时": "duration", "分钟": "duration", "工作日": "duration",
}


@lru_cache(maxsize=4096)
def parse_chinese(numeral: str) -> float | None:
    """Value of a Chinese numeral ("一百二十" -> 120, "两千" -> 2000, "三点五" -> 3.5); None if it is not one."""
    text = numeral.rstrip("点")
    if not text:
        return None
    if text in _LONE_MAGNITUDE:
        return _LONE_MAGNITUDE[text]
    if text[0] in "百千" and len(text) > 1 and text[1] in "万亿":
        # "千亿", "百万": a bare magnitude in front of a larger one
        rest = parse_chinese(text[1:]) if len(text) > 2 else _LONE_MAGNITUDE[text[1]]
        return None if rest is None else _LONE_MAGNITUDE[text[0]] * rest
    try:
        value = cn2an.cn2an(text, "normal")
    except (ValueError, KeyError, IndexError, TypeError):
        return None
    return float(value)


def parse_arabic(numeral: str) -> float | None:
    """Value of an Arabic numeral with optional thousands commas and decimals ("1,200" -> 1200.0)."""
    if not _ARABIC.fullmatch(numeral):
        return None
    return float(numeral.replace(",", ""))


def parse_numeral(numeral: str) -> float | None:
    """Value of an Arabic or Chinese numeral, None when the text is neither."""
    numeral = numeral.strip()
    if not numeral:
        return None
    if numeral[0].isascii():
        return parse_arabic(numeral)
    if numeral.startswith("百分之"):
        return parse_numeral(numeral[3:])
    if all(ch in CHINESE_NUMERAL_CHARS or ch == "点" for ch in numeral):
        return parse_chinese(numeral)
    return None


def split_multiplier(unit: str) -> tuple[float, str]:
    """("亿元") -> (1e8, "元"); a unit without a multiplier gets 1.0 ("百分点" is not 百 x 分点)."""
    if unit.startswith(_PROTECTED_UNITS):
        return 1.0, unit
    match = _MULTIPLIER_PREFIX.match(unit)
    if not match:
        return 1.0, unit
    return MULTIPLIERS[match.group()], unit[match.end():]


def normalise(value: float, unit: str) -> tuple[float, str]:
    """The value in the base unit: (120, "亿元") -> (1.2e10, "元"); (1.1, "万人") -> (11000, "人")."""
    factor, rest = split_multiplier(unit)
    numerator, slash, denominator = rest.partition("/")
    base, unit_factor = _BASE_UNITS.get(numerator, (numerator, 1.0))
    return value * factor * unit_factor, base + slash + denominator


def base_unit(unit: str) -> str:
    """The dimension a unit measures in: "亿元" -> "元", "成" -> "%", "个百分点" stays apart from "%"."""
    return normalise(1.0, unit)[1]


def same_quantity(value_a: float, unit_a: str, value_b: float, unit_b: str) -> bool:
    """True when two written quantities are the same after normalising (120亿元 == 1200000万元)."""
    norm_a, base_a = normalise(value_a, unit_a)
    norm_b, base_b = normalise(value_b, unit_b)
    return base_a == base_b and math.isclose(norm_a, norm_b, rel_tol=1e-9, abs_tol=1e-12)


def unit_kind(unit: str) -> str:
    """What a unit measures: rate, points, money, people, quantity, duration, or count."""
    return _KIND_BY_BASE.get(base_unit(unit).split("/")[0], "count")


def format_value(value: float) -> str:
    """A value without a useless ".0" and without float noise: 7.0 -> "7", 6.5 -> "6.5"."""
    if value == int(value) and abs(value) < 1e15:
        return str(int(value))
    return f"{value:.10g}"
