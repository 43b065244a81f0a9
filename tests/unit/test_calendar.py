"""The working-day calendar behind every Victims' Code deadline."""

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from victimcare.journey.calendar import (
    add_working_days,
    is_working_day,
    next_working_day,
    on_or_after,
    working_days_between,
)

days = st.dates(min_value=date(2021, 1, 1), max_value=date(2030, 12, 31))
counts = st.integers(min_value=0, max_value=40)


@pytest.mark.parametrize(("event", "n", "due"), [
    # domain.md's example: an arrest on Christmas Eve 2026
    (date(2026, 12, 24), 1, date(2026, 12, 29)),
    (date(2026, 12, 24), 5, date(2027, 1, 5)),
    # an ordinary week
    (date(2026, 11, 23), 1, date(2026, 11, 24)),
    (date(2026, 11, 27), 1, date(2026, 11, 30)),  # Friday -> Monday
    # a weekend event counts from the Monday, as if it happened then
    (date(2026, 11, 28), 1, date(2026, 12, 1)),
    (date(2026, 11, 29), 5, date(2026, 12, 7)),
    # Easter 2027: Good Friday 26 March, Easter Monday 29 March
    (date(2027, 3, 25), 1, date(2027, 3, 30)),
    # St David's Day is not a bank holiday in Wales
    (date(2027, 2, 28), 1, date(2027, 3, 2)),
])
def test_due_dates(event, n, due):
    assert add_working_days(event, n) == due


@pytest.mark.parametrize("holiday", [date(2026, 12, 25), date(2026, 12, 28), date(2027, 1, 1),
                                     date(2027, 5, 3), date(2027, 8, 30)])
def test_bank_holidays_in_england_and_wales_are_not_working_days(holiday):
    assert not is_working_day(holiday)


def test_scottish_and_northern_irish_holidays_are_working_days():
    assert is_working_day(date(2027, 1, 4))   # 2 January holiday, Scotland only (substitute)
    assert is_working_day(date(2027, 3, 17))  # St Patrick's Day, Northern Ireland only


@given(days, counts)
def test_a_due_date_is_always_a_working_day(event, n):
    assert is_working_day(add_working_days(event, n))


@given(days, counts)
def test_counting_back_from_the_due_date_gives_n(event, n):
    start = on_or_after(event)
    assert working_days_between(start, add_working_days(event, n)) == n


@given(days, st.integers(min_value=1, max_value=40))
def test_every_day_skipped_is_a_weekend_or_bank_holiday(event, n):
    start = on_or_after(event)
    due = add_working_days(event, n)
    between = [start + timedelta(days=i) for i in range(1, (due - start).days)]
    assert sum(is_working_day(day) for day in between) == n - 1


@given(days)
def test_next_working_day_is_the_first_after(day):
    following = next_working_day(day)
    assert following > day and is_working_day(following)
    assert not any(is_working_day(day + timedelta(days=i)) for i in range(1, (following - day).days))


def test_negative_counts_are_refused():
    with pytest.raises(ValueError):
        add_working_days(date(2026, 1, 1), -1)
