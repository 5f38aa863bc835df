"""Ranges with the unit written on both ends (pipeline/figure_ranges.py)."""
import pytest

from pipeline.figure_ranges import range_end, shared_unit


@pytest.mark.parametrize(
    "text, value, unit, upper, suffix",
    [
        ("4%-9%", 4, "%", 9, ""),
        ("4%~9%左右", 4, "%", 9, "左右"),
        ("4%至9%", 4, "%", 9, ""),
        ("2000元到6000元", 2000, "元", 6000, ""),
        ("800万元至3亿元", 800, "万元", 30000, ""),
        ("2万元 - 5万 元", 2, "万元", 5, ""),
    ],
)
def test_second_amount_is_the_upper_value_in_the_first_unit(text, value, unit, upper, suffix):
    first_end = text.index(unit[-1]) + 1
    found = range_end(text + "。", first_end, value, unit)
    assert found is not None
    assert (found[0], found[1], found[2]) == (pytest.approx(upper), len(text), suffix)


@pytest.mark.parametrize(
    "text, value, unit",
    [
        ("9%-4%", 9, "%"),             # not increasing: two separate amounts
        ("4%-9个百分点", 4, "%"),       # another dimension
        ("4%至2030年", 4, "%"),         # a date, not an amount
        ("4%-9%G", 4, "%"),            # part of a name
        ("4%,9%", 4, "%"),             # a list, not a range
    ],
)
def test_not_a_range(text, value, unit):
    assert range_end(text, text.index("%") + 1, value, unit) is None


def test_a_unit_written_once_after_two_multiplied_amounts():
    assert shared_unit("3亿—5亿元", 2, "亿") == "元"
    assert shared_unit("3亿—5万元", 2, "亿") == ""        # another multiplier: two amounts
    assert shared_unit("2万到25万吨级", 2, "万") == ""     # a class of berths
