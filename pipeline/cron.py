"""Cron expressions as users write them, turned into APScheduler triggers."""
from __future__ import annotations

import re

from apscheduler.triggers.cron import CronTrigger

# crontab counts weekdays from Sunday = 0 (7 also Sunday); APScheduler 3.x from Monday = 0.
# Names mean the same in both, so numbers are rewritten as names.
_WEEKDAY_NAMES = ["sun", "mon", "tue", "wed", "thu", "fri", "sat", "sun"]
_NUMBER = re.compile(r"\d+")


def _weekday_field(field: str) -> str:
    def name(match: re.Match[str]) -> str:
        number = int(match.group())
        if number > 7:
            raise ValueError(f"day of week {number} is out of range 0-7")
        return _WEEKDAY_NAMES[number]

    parts = []
    for part in field.split(","):
        body, _, step = part.partition("/")
        body = _NUMBER.sub(name, body)
        parts.append(f"{body}/{step}" if step else body)
    return ",".join(parts)


def cron_trigger(expression: str, timezone) -> CronTrigger:
    """A trigger for a 5-field crontab line, or 6 fields with seconds first; raises ValueError."""
    fields = expression.split()
    if len(fields) not in (5, 6):
        raise ValueError(f"expected 5 fields (minute hour day month weekday) or 6 with seconds first, got {len(fields)}")
    second = fields.pop(0) if len(fields) == 6 else "0"
    minute, hour, day, month, weekday = fields
    if weekday not in ("*", "?"):
        weekday = _weekday_field(weekday)
    return CronTrigger(
        second=second, minute=minute, hour=hour, day=day, month=month, day_of_week=weekday, timezone=timezone
    )
