"""Ranges written with the unit on both ends ("5%-6%", "3000元至5000元", "5000万元至1亿元"): the second
amount is the range's upper value, converted into the unit of the first."""
from __future__ import annotations

import re

from pipeline.figure_words import MULTIPLIER, NUMBER, UNITS
from pipeline.numerals import normalise, parse_numeral

_SECOND = re.compile(
    r"[ ]?[-~～—–至到][ ]?(?P<num>" + NUMBER + r")(?:[ ]?(?P<mult>" + MULTIPLIER + r"))?"
    r"[ ]?(?P<unit>" + "|".join(map(re.escape, UNITS)) + r")"
    r"(?P<per>/[\u4e00-\u9fff]{1,3})?(?P<suf>以上|以下|以内|左右)?"
)


def range_end(folded: str, end: int, value: float, unit: str) -> tuple[float, int, str] | None:
    """(upper in `unit`, end of the range, suffix) when an amount of the same unit follows at `end`."""
    m = _SECOND.match(folded, end)
    if m is None or _followed_by_word(folded, m.end()):
        return None
    upper = parse_numeral(m.group("num"))
    if upper is None:
        return None
    second_unit = (m.group("mult") or "") + m.group("unit") + (m.group("per") or "")
    upper_base, base = normalise(upper, second_unit)
    factor, first_base = normalise(1.0, unit)
    if base != first_base or upper_base <= value * factor:
        return None
    return upper_base / factor, m.end(), m.group("suf") or ""


def shared_unit(folded: str, end: int, mult: str) -> str:
    """The unit of a range that writes it once, on the second amount ("3亿—5亿元"); empty when there is none."""
    m = _SECOND.match(folded, end)
    if m is None or m.group("mult") != mult or m.group("per") or _followed_by_word(folded, m.end()):
        return ""
    return m.group("unit")


def _followed_by_word(folded: str, end: int) -> bool:
    """"5%-6%" then "G" or "级": the second amount belongs to a name or a class, not to the range."""
    after = folded[end:end + 1]
    return (after.isascii() and after.isalpha()) or after in ("级", "号")
