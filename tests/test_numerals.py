"""Numerals and units: reading Chinese and Arabic numbers, and the base units figures compare in."""
import pytest

from pipeline.numerals import (
    base_unit,
    format_value,
    normalise,
    parse_chinese,
    parse_numeral,
    same_quantity,
    split_multiplier,
    unit_kind,
)


@pytest.mark.parametrize(
    "numeral, value",
    [
        ("七", 7), ("两千", 2000), ("一百二十", 120), ("十", 10), ("十二", 12), ("三点五", 3.5),
        ("零点五", 0.5), ("千", 1000), ("百", 100), ("千亿", 1e11), ("一万二千", 12000),
    ],
)
def test_chinese_numerals(numeral, value):
    assert parse_chinese(numeral) == pytest.approx(value)


@pytest.mark.parametrize("numeral", ["十三五", "", "点"])
def test_chinese_non_numerals_give_none(numeral):
    assert parse_chinese(numeral) is None


@pytest.mark.parametrize(
    "numeral, value",
    [("1,200", 1200), ("3.5", 3.5), ("1.1", 1.1), ("百分之七", 7), ("百分之七点五", 7.5), ("two", None)],
)
def test_parse_numeral(numeral, value):
    assert parse_numeral(numeral) == (None if value is None else pytest.approx(value))


@pytest.mark.parametrize(
    "unit, factor, rest",
    [("亿元", 1e8, "元"), ("万人", 1e4, "人"), ("万亿元", 1e12, "元"), ("千万元", 1e7, "元"),
     ("百万吨", 1e6, "吨"), ("%", 1, "%"), ("个百分点", 1, "个百分点"), ("百分点", 1, "百分点")],
)
def test_split_multiplier(unit, factor, rest):
    assert split_multiplier(unit) == (factor, rest)


def test_normalise_to_base_units():
    assert normalise(120, "亿元") == (pytest.approx(1.2e10), "元")
    assert normalise(1.1, "万人") == (pytest.approx(11000), "人")
    assert normalise(7, "成") == (pytest.approx(70), "%")
    assert normalise(2, "公里") == (pytest.approx(2000), "米")
    assert normalise(5, "万元/亩") == (pytest.approx(50000), "元/亩")


@pytest.mark.parametrize(
    "a, b",
    [((120, "亿元"), (1200000, "万元")), ((1.1, "万人"), (11000, "人")), ((7, "%"), (7, "%")),
     ((7, "成"), (70, "%")), ((1, "公顷"), (15, "亩")), ((3, "吨"), (3000, "公斤"))],
)
def test_rewrites_of_one_quantity_are_the_same(a, b):
    assert same_quantity(*a, *b)


@pytest.mark.parametrize(
    "a, b",
    [((7, "%"), (7, "个百分点")), ((120, "亿元"), (120, "万元")), ((5, "个"), (5, "家")), ((7, "%"), (6.5, "%"))],
)
def test_different_quantities_differ(a, b):
    assert not same_quantity(*a, *b)


def test_percent_and_percentage_points_are_different_dimensions():
    assert base_unit("%") != base_unit("个百分点")
    assert base_unit("亿元") == base_unit("万元") == "元"


@pytest.mark.parametrize("value, text", [(7.0, "7"), (6.5, "6.5"), (-1.0, "-1"), (0.1 + 0.2, "0.3")])
def test_format_value(value, text):
    assert format_value(value) == text


@pytest.mark.parametrize(
    "unit, kind",
    [("%", "rate"), ("个百分点", "points"), ("亿元", "money"), ("万人", "people"), ("公里", "quantity"),
     ("万平方米", "quantity"), ("个月", "duration"), ("家", "count"), ("元/年", "money")],
)
def test_unit_kind(unit, kind):
    assert unit_kind(unit) == kind


@pytest.mark.parametrize(
    "a, b",
    [((1.5, "亿度"), (15000, "万千瓦时")), ((0.2, "GW"), (200, "MW")), ((300, "kW"), (0.3, "兆瓦")),
     ((2, "GWh"), (2000, "MWh")), ((40, "微克/立方米"), (0.04, "毫克/立方米"))],
)
def test_energy_power_and_concentration_units(a, b):
    assert same_quantity(*a, *b)


def test_standard_coal_is_its_own_dimension():
    assert base_unit("万吨标准煤") == "吨标准煤" != base_unit("吨")
    assert unit_kind("MW") == unit_kind("亿度") == "quantity"
    assert unit_kind("万羽") == unit_kind("场次") == "count"
