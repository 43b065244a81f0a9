"""Wilson intervals and significance markers for the Board's satisfaction figures."""

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from victimcare.reports.statistics import age_band, significant_change, wilson_interval


def test_known_interval():
    # 81 of 263 (a textbook example): 0.2553 to 0.3662
    interval = wilson_interval(81, 263)
    assert interval.low == pytest.approx(0.2553, abs=1e-4)
    assert interval.high == pytest.approx(0.3662, abs=1e-4)


@given(st.integers(min_value=1, max_value=5000).flatmap(
    lambda n: st.tuples(st.integers(min_value=0, max_value=n), st.just(n))))
def test_the_interval_holds_the_observed_share_and_stays_in_0_to_1(pair):
    successes, total = pair
    interval = wilson_interval(successes, total)
    assert 0.0 <= interval.low <= interval.share <= interval.high <= 1.0


def test_more_data_narrows_the_interval():
    assert (wilson_interval(500, 1000).high - wilson_interval(500, 1000).low) < \
        (wilson_interval(5, 10).high - wilson_interval(5, 10).low)


def test_only_non_overlapping_intervals_are_significant():
    assert significant_change(wilson_interval(50, 100), wilson_interval(55, 100)) is None
    assert significant_change(wilson_interval(500, 1000), wilson_interval(700, 1000)) == "up"
    assert significant_change(wilson_interval(700, 1000), wilson_interval(500, 1000)) == "down"
    assert significant_change(wilson_interval(0, 0), wilson_interval(5, 10)) is None


def test_impossible_counts_are_refused():
    with pytest.raises(ValueError):
        wilson_interval(11, 10)


@pytest.mark.parametrize(("born", "band"), [
    (date(2010, 1, 1), "Under 18"), (date(2008, 11, 24), "18 to 24"), (date(1990, 6, 1), "35 to 44"),
    (date(1940, 1, 1), "75 and over"), (None, "Not known"),
])
def test_age_bands(born, band):
    assert age_band(born, date(2026, 11, 24)) == band
