"""Which months of a report come from kept counts and which are counted from the records (victimcare/reports/kept.py)."""

from __future__ import annotations

from datetime import date

from victimcare.reports import kept, measures

TODAY = date(2026, 10, 15)
EVERY_MONTH = {year * 100 + month for year in (2025, 2026) for month in range(1, 13)}


def test_whole_months_before_the_current_month_are_read_from_kept_counts():
    parts = kept.split([(date(2026, 4, 1), date(2026, 6, 30)), (date(2026, 7, 1), date(2026, 9, 30))],
                       TODAY, EVERY_MONTH)
    assert parts.months == [202604, 202605, 202606, 202607, 202608, 202609]
    assert parts.days == [] and parts.live == []


def test_part_months_at_the_ends_and_the_current_month_are_counted_from_the_records():
    parts = kept.split([(date(2026, 2, 10), date(2026, 5, 20)), (date(2026, 5, 21), date(2026, 10, 31))],
                       TODAY, EVERY_MONTH)
    assert parts.months == [202603, 202604, 202606, 202607, 202608, 202609]
    assert parts.days == []
    assert parts.live == [(date(2026, 2, 10), date(2026, 2, 28)), (date(2026, 5, 1), date(2026, 5, 31)),
                          (date(2026, 10, 1), date(2026, 10, 31))]


def test_a_month_changed_since_it_was_counted_is_counted_from_the_records():
    parts = kept.split([(date(2026, 1, 1), date(2026, 6, 30))], TODAY, EVERY_MONTH - {202603, 202604})
    assert parts.months == [202601, 202602, 202605, 202606]
    assert parts.live == [(date(2026, 3, 1), date(2026, 4, 30))]


OCTOBER_DAYS = {20261000 + day for day in range(1, 32)}


def test_the_current_month_is_read_from_kept_days_before_today_and_counted_live_from_today():
    parts = kept.split([(date(2025, 10, 1), date(2026, 10, 31))], TODAY, EVERY_MONTH | OCTOBER_DAYS)
    assert parts.months == [202510 + n for n in range(3)] + [202601 + n for n in range(9)]
    assert parts.days == [20261001 + n for n in range(14)]  # 1 to 14 October: today, the 15th, is not kept
    assert parts.live == [(date(2026, 10, 15), date(2026, 10, 31))]


def test_a_day_changed_since_it_was_counted_is_counted_from_the_records():
    parts = kept.split([(date(2026, 10, 1), date(2026, 10, 15))], TODAY, OCTOBER_DAYS - {20261003, 20261004})
    assert parts.days == [20261001, 20261002, *range(20261005, 20261015)]
    assert parts.live == [(date(2026, 10, 3), date(2026, 10, 4)), (date(2026, 10, 15), date(2026, 10, 15))]


def test_kept_days_fill_a_part_month_whose_month_is_not_kept():
    # The day after September ends, before its month is counted whole: its days are still kept.
    september = {20260900 + day for day in range(1, 31)}
    parts = kept.split([(date(2026, 9, 10), date(2026, 9, 30))], date(2026, 10, 1), EVERY_MONTH - {202609} | september)
    assert parts.months == [] and parts.live == []
    assert parts.days == list(range(20260910, 20260931))


def test_nothing_is_read_from_kept_counts_when_counting_live():
    with kept.counted_live():
        assert kept.counted_units() == set()


def test_every_kept_statement_takes_its_month_from_a_date_that_freshness_watches():
    watched = {str(dated) for _, dated in measures.CASE_DATES}
    assert {str(statement.dated) for statement in measures.KEPT} <= watched
    # and every statement is kept under a name of its own
    assert len({statement.source for statement in measures.KEPT}) == len(measures.KEPT)
