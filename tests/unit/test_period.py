"""The Board report's comparison period: the one just before, whole months against whole months."""

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from victimcare.reports.measures import Period


@pytest.mark.parametrize(("start", "end", "previous"), [
    # A quarter against the quarter before, though the two have different numbers of days.
    (date(2026, 7, 1), date(2026, 9, 30), (date(2026, 4, 1), date(2026, 6, 30))),
    (date(2026, 1, 1), date(2026, 3, 31), (date(2025, 10, 1), date(2025, 12, 31))),
    # A month against the month before; March against February.
    (date(2026, 3, 1), date(2026, 3, 31), (date(2026, 2, 1), date(2026, 2, 28))),
    # A year against the year before.
    (date(2026, 1, 1), date(2026, 12, 31), (date(2025, 1, 1), date(2025, 12, 31))),
    # Twelve months across a year end.
    (date(2025, 11, 1), date(2026, 10, 31), (date(2024, 11, 1), date(2025, 10, 31))),
    # Not whole months: the same number of days just before.
    (date(2026, 11, 10), date(2026, 11, 19), (date(2026, 10, 31), date(2026, 11, 9))),
    (date(2026, 11, 1), date(2026, 11, 15), (date(2026, 10, 17), date(2026, 10, 31))),
])
def test_previous_period(start, end, previous):
    assert Period(start, end).previous() == Period(*previous)


@given(st.dates(min_value=date(2000, 1, 1), max_value=date(2090, 1, 1)), st.integers(0, 1200))
def test_the_previous_period_ends_the_day_before_and_never_overlaps(start, days):
    period = Period(start, date.fromordinal(start.toordinal() + days))
    before = period.previous()
    assert before.end.toordinal() == start.toordinal() - 1
    assert before.start <= before.end
