"""Working days in England and Wales: Monday to Friday, less the bank holidays (shared/domain.md §3)."""

from __future__ import annotations

from datetime import date, timedelta
from functools import lru_cache

import holidays


@lru_cache(maxsize=64)
def bank_holidays(year: int) -> frozenset[date]:
    # Wales shares England's bank holidays; subdiv="WLS" keeps Scotland's and Northern Ireland's out.
    return frozenset(holidays.country_holidays("GB", subdiv="WLS", years=year))


def is_working_day(day: date) -> bool:
    return day.weekday() < 5 and day not in bank_holidays(day.year)


def next_working_day(day: date) -> date:
    """The first working day after `day`."""
    day += timedelta(days=1)
    while not is_working_day(day):
        day += timedelta(days=1)
    return day


def on_or_after(day: date) -> date:
    """`day` itself when it is a working day, otherwise the next one."""
    return day if is_working_day(day) else next_working_day(day)


def add_working_days(event: date, n: int) -> date:
    """Due date for "within n working days of an event": the end of the n-th working day after it.

    An event on a weekend or bank holiday counts from the next working day, as if it happened then.
    n = 0 means the (working) day of the event itself.
    """
    if n < 0:
        raise ValueError("n must not be negative")
    day = on_or_after(event)
    for _ in range(n):
        day = next_working_day(day)
    return day


def working_days_between(start: date, end: date) -> int:
    """How many working days follow `start` up to and including `end` (0 when end <= start)."""
    count = 0
    day = start
    while day < end:
        day += timedelta(days=1)
        count += is_working_day(day)
    return count
