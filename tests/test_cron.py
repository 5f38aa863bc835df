from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from pipeline.cron import cron_trigger

SHANGHAI = ZoneInfo("Asia/Shanghai")


def next_fire(expression, now):
    return cron_trigger(expression, SHANGHAI).get_next_fire_time(None, now)


def test_weekday_numbers_follow_crontab():
    saturday = datetime(2026, 11, 28, 9, 0, tzinfo=SHANGHAI)
    assert next_fire("0 8 * * 0", saturday).day == 29  # Sunday
    assert next_fire("0 8 * * 7", saturday).day == 29
    assert next_fire("0 8 * * 1-5", saturday).day == 30  # Monday
    assert next_fire("0 8 * * 6", saturday).day == 5  # next Saturday


def test_six_fields_have_seconds_first_and_timezone_is_kept():
    now = datetime(2026, 11, 28, 9, 0, 1, tzinfo=SHANGHAI)
    fire = next_fire("*/5 * * * * *", now)
    assert fire.second == 5 and fire.utcoffset().total_seconds() == 8 * 3600


@pytest.mark.parametrize("bad", ["* * * *", "0 25 * * *", "0 8 * * 8", "a b c d e"])
def test_bad_expressions_raise(bad):
    with pytest.raises(ValueError):
        cron_trigger(bad, SHANGHAI)
