"""The Board report from counts kept per month and day: equal to the report counted from the records, for
any period and breakdown; after a change to a counted month's records, read as counted (and said to be)
until the next refresh counts that month again (victimcare/reports/kept.py, freshness.py)."""

from __future__ import annotations

import csv
import io
import zipfile
from contextlib import nullcontext
from datetime import date, timedelta

import sqlalchemy as sa
from flask import current_app
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from victimcare.models import BoardCount, Case, Contract, Victim
from victimcare.reports import board, kept, measures
from victimcare.seed import seed_cases
from victimcare.timeutil import as_utc

UNTIL = date(2026, 10, 31)  # the seed's last day and the reports' date: October is the current month
YEAR = measures.Period(date(2025, 11, 1), date(2026, 10, 31))
PERIODS = [YEAR, measures.Period(date(2026, 7, 1), date(2026, 9, 30)), measures.Period(date(2026, 3, 1), date(2026, 3, 31)),
           measures.Period(date(2026, 2, 10), date(2026, 5, 20)), measures.Period(date(2026, 9, 15), date(2026, 11, 14)),
           # the current month, kept day by day: to today, to mid-month, from mid-month
           measures.Period(date(2026, 10, 1), date(2026, 10, 31)),
           measures.Period(date(2026, 10, 1), date(2026, 10, 15)),
           measures.Period(date(2026, 10, 12), date(2026, 10, 31))]


def _seed(db, cases: int = 300) -> None:
    seed_cases(cases, seed=11, until=UNTIL)
    db.session.commit()


def _report(period, breakdown="area", *, live=False):
    with kept.counted_live() if live else nullcontext():
        return board.build(period, breakdown=breakdown, threshold=10, today=UNTIL)


def _raw(report, key: str) -> tuple[int, int]:
    """A measure's raw (unprotected) met and total for the whole period."""
    table = next(t for t in report.tables if t.key == key)
    return table.met.counts[-1][0], table.total.counts[-1][0]


def test_the_report_from_kept_counts_equals_the_report_counted_from_the_records(db):
    _seed(db)
    refreshed = kept.refresh(measures.KEPT, today=UNTIL)
    assert 202511 in refreshed.months and 202609 in refreshed.months and 202610 not in refreshed.months
    # the days of the current month before today are kept; today is counted from the records
    assert refreshed.days == list(range(20261001, 20261031))
    for period in PERIODS:
        for breakdown in measures.BREAKDOWNS:
            assert _report(period, breakdown) == _report(period, breakdown, live=True), (period, breakdown)

    @settings(max_examples=10, deadline=None, suppress_health_check=list(HealthCheck))
    @given(start=st.dates(date(2024, 11, 1), date(2026, 10, 31)), days=st.integers(0, 500),
           breakdown=st.sampled_from(list(measures.BREAKDOWNS)))
    def any_period(start, days, breakdown):
        period = measures.Period(start, start + timedelta(days=days))
        assert _report(period, breakdown) == _report(period, breakdown, live=True)

    any_period()
    # The kept counts are what the report read: spoil one and the report no longer agrees.
    spoilt = db.session.scalar(sa.select(sa.func.min(BoardCount.id)).where(
        BoardCount.source == "victims", BoardCount.measure == "contract", BoardCount.breakdown == "area",
        BoardCount.month == 202603))
    db.session.execute(sa.update(BoardCount).where(BoardCount.id == spoilt).values(total=BoardCount.total + 1000))
    assert _raw(_report(YEAR), "contract")[1] == _raw(_report(YEAR, live=True), "contract")[1] + 1000


def _victim_reported_in(db, month_start: date, **where) -> Victim:
    return db.session.scalars(sa.select(Victim).join(Case, Case.id == Victim.case_id).where(
        Case.reported_on.between(month_start, month_start + timedelta(days=27)), *where.values())
        .order_by(Victim.id)).first()


def test_a_change_to_an_old_month_is_read_as_counted_and_said_to_be_until_the_next_refresh(db):
    _seed(db)
    kept.refresh(measures.KEPT, today=UNTIL)
    assert 202603 in kept.fresh_months()
    report = _report(YEAR)
    before = _raw(report, "acknowledged")
    assert report.as_counted.at is not None and report.as_counted.changed == 0

    victim = _victim_reported_in(db, date(2026, 3, 1), acknowledged=Victim.acknowledged_on.is_not(None))
    victim.acknowledged_on = None
    db.session.commit()

    assert 202603 not in kept.fresh_months()
    # Until the next refresh the report reads March as counted, and says that records have changed since.
    stale = _report(YEAR)
    assert _raw(stale, "acknowledged") == before and stale.as_counted.changed >= 1
    with current_app.test_request_context():
        page = board.render_html(stale)  # the PDF's page
    assert "Figures for the days before today are as counted at" in page
    assert f"Records in {stale.as_counted.changed} of the months and days this report covers have changed" in page
    # The CSV download says the same in its about.csv.
    about = list(csv.DictReader(io.StringIO(
        zipfile.ZipFile(io.BytesIO(board.csv_zip(stale))).read("about.csv").decode())))
    assert about == [{"period_start": "2025-11-01", "period_end": "2026-10-31", "previous_period_start": "2024-11-01",
                      "previous_period_end": "2025-10-31", "breakdown": "area", "withheld_below": "10",
                      "counted_at": as_utc(stale.as_counted.at).replace(microsecond=0).isoformat(),
                      "months_and_days_changed_since": str(stale.as_counted.changed)}]
    assert about[0]["counted_at"].endswith("+00:00")  # UTC, said so
    assert _raw(_report(YEAR, live=True), "acknowledged") == (before[0] - 1, before[1])
    refreshed = kept.refresh(measures.KEPT, today=UNTIL)
    # March, and the other months the case's records count in (its updates due, its closure): only those.
    assert 202603 in refreshed.months and len(refreshed.months) < 6
    assert set(refreshed.months) <= kept.fresh_months()
    current = _report(YEAR)
    assert _raw(current, "acknowledged") == (before[0] - 1, before[1]) and current.as_counted.changed == 0
    assert current == _report(YEAR, live=True)


def test_a_record_reached_through_its_victim_and_a_moved_date_change_both_months(db):
    _seed(db)
    kept.refresh(measures.KEPT, today=UNTIL)
    contract_before = _raw(_report(YEAR), "contract")
    with_contract = db.session.scalars(sa.select(Contract).join(Victim, Victim.id == Contract.victim_id)
                                       .join(Case, Case.id == Victim.case_id)
                                       .where(Case.reported_on.between(date(2026, 1, 1), date(2026, 1, 28)))
                                       .order_by(Contract.victim_id)).first()
    for contract in db.session.scalars(sa.select(Contract).where(Contract.victim_id == with_contract.victim_id)):
        db.session.delete(contract)
    db.session.commit()
    assert 202601 not in kept.fresh_months()
    assert 202601 in kept.refresh(measures.KEPT, today=UNTIL).months
    assert _raw(_report(YEAR), "contract") == (contract_before[0] - 1, contract_before[1])

    by_month = _report(YEAR, "month")
    case = db.session.get(Case, _victim_reported_in(db, date(2026, 4, 1)).case_id)
    case.reported_on = date(2026, 5, 10)
    db.session.commit()
    assert {202604, 202605} & kept.fresh_months() == set()
    assert {202604, 202605} <= set(kept.refresh(measures.KEPT, today=UNTIL).months)
    moved = _report(YEAR, "month")
    assert moved == _report(YEAR, "month", live=True)
    assert moved != by_month


def test_a_change_to_a_day_of_the_current_month_is_kept_again_by_the_next_refresh(db):
    _seed(db)
    kept.refresh(measures.KEPT, today=UNTIL)
    october = measures.Period(date(2026, 10, 1), date(2026, 10, 31))
    before = _raw(_report(october), "acknowledged")
    victim = _victim_reported_in(db, date(2026, 10, 1), acknowledged=Victim.acknowledged_on.is_not(None))
    day = db.session.get(Case, victim.case_id).reported_on
    victim.acknowledged_on = None
    db.session.commit()

    changed = kept.day_number(day)
    assert changed not in kept.fresh_months()
    assert any(unit in kept.fresh_months() for unit in range(20261001, 20261031))  # not every day
    stale = _report(october)
    assert _raw(stale, "acknowledged") == before and stale.as_counted.changed >= 1
    refreshed = kept.refresh(measures.KEPT, today=UNTIL)
    assert changed in refreshed.days and changed in kept.fresh_months()
    for period in (YEAR, october, measures.Period(date(2026, 10, 1), day)):
        assert _report(period) == _report(period, live=True), period
    assert _raw(_report(october), "acknowledged") == (before[0] - 1, before[1])
    assert _report(YEAR, "month") == _report(YEAR, "month", live=True)


def test_when_a_month_ends_the_next_refresh_keeps_it_whole_and_drops_its_days(db):
    _seed(db)
    kept.refresh(measures.KEPT, today=UNTIL)
    november = date(2026, 11, 1)
    october = measures.Period(date(2026, 10, 1), date(2026, 10, 31))
    # read the day after October ends, before any refresh: its days are kept, the 31st counted live
    on_november = board.build(october, breakdown="area", threshold=10, today=november)
    with kept.counted_live():
        assert on_november == board.build(october, breakdown="area", threshold=10, today=november)
    refreshed = kept.refresh(measures.KEPT, today=november)
    assert 202610 in refreshed.months and refreshed.days == []
    assert not db.session.scalar(sa.select(sa.func.count()).select_from(BoardCount).where(BoardCount.month > 999_999))
    assert kept.split([(october.start, october.end)], november, kept.fresh_months()).months == [202610]
    for period in (october, YEAR, measures.Period(date(2025, 10, 1), date(2026, 9, 30))):
        with_today = board.build(period, breakdown="offence", threshold=10, today=november)
        with kept.counted_live():
            assert with_today == board.build(period, breakdown="offence", threshold=10, today=november), period
