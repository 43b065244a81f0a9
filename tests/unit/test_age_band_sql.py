"""The age band the Board's SQL works out is the one the plain rule gives, on either database."""

from datetime import date, timedelta

import sqlalchemy as sa
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from victimcare.reports.measures import age_band as age_band_sql
from victimcare.reports.statistics import age_band


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(born=st.dates(date(1900, 1, 1), date(2030, 12, 31)), days=st.integers(0, 110 * 366))
def test_age_band_in_sql_matches_the_rule(db, born, days):
    on = born + timedelta(days=days)
    shown = db.session.scalar(sa.select(age_band_sql(sa.literal(born, sa.Date), sa.literal(on, sa.Date))))
    assert shown == age_band(born, on)


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(on=st.dates(date(1990, 1, 1), date(2030, 12, 31)))
def test_birthdays_on_29_february_and_no_date_of_birth(db, on):
    born = date(1988, 2, 29)
    if on >= born:
        assert db.session.scalar(sa.select(age_band_sql(sa.literal(born, sa.Date), sa.literal(on, sa.Date)))) \
            == age_band(born, on)
    assert db.session.scalar(sa.select(age_band_sql(sa.cast(sa.null(), sa.Date), sa.literal(on, sa.Date)))) == "Not known"
