"""The place-name lists behind region detection."""
from __future__ import annotations

from spiders.extraction.gazetteer import AMBIGUOUS, PLACES, PREFECTURES, PROVINCES


def test_all_provincial_divisions_are_listed():
    assert len(PROVINCES) == 34
    assert {"北京", "内蒙古", "新疆", "香港", "湖南"} <= PROVINCES


def test_prefectures_cover_the_country_in_short_form():
    assert len(PREFECTURES) > 300
    assert {"长沙", "呼和浩特", "巴彦淖尔", "德宏"} <= PREFECTURES
    assert not any(name.endswith("市") for name in PREFECTURES)


def test_ambiguous_names_are_places():
    assert AMBIGUOUS <= PLACES
