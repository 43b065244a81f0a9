"""/api/v1/board/report: a Board token gets the published, disclosure-controlled measures, nothing else."""

from __future__ import annotations

from datetime import date, timedelta

import sqlalchemy as sa

from tests.factories import make_case, make_user
from victimcare.models import AuditEvent
from victimcare.reports import kept, measures
from victimcare.timeutil import utcnow

PERIOD = {"from": "2026-10-01", "to": "2026-12-31"}


def test_board_report_as_json_withholds_small_numbers_and_names_no_one(api_as, db):
    officer = make_user("officer")
    cases = [make_case(officer, area="Newport", reported_on=date(2026, 11, 2)) for _ in range(12)]
    cases.append(make_case(officer, area="Torfaen", reported_on=date(2026, 11, 2)))
    board = make_user("board")
    response = api_as(board).get("/api/v1/board/report", query_string=PERIOD)
    assert response.status_code == 200, response.json
    report = response.json
    assert (report["period_start"], report["period_end"], report["breakdown"]) == ("2026-10-01", "2026-12-31", "area")
    assert report["withheld_below"] == 10 and report["tables"]
    # nothing kept yet: every figure was counted from the records
    assert (report["counted_at"], report["changed_since_counted"]) == (None, 0)
    text = response.get_data(as_text=True)
    for case in cases:
        assert case.crime_reference not in text and case.victims[0].name not in text
    counts = [value for rows in report["tables"].values() for row in rows
              for key, value in row.items() if key in ("met", "total", "count") and isinstance(value, int)]
    assert all(value == 0 or value >= 10 for value in counts)
    event = db.session.scalar(sa.select(AuditEvent).where(AuditEvent.record_type == "board-report"))
    assert event.action == "disclose" and event.user_id == board.id


def test_only_board_tokens_reach_it_and_the_period_is_checked(api_as, db):
    for role in ("officer", "supervisor", "vcu", "admin"):
        assert api_as(make_user(role)).get("/api/v1/board/report", query_string=PERIOD).status_code == 403
    board = api_as(make_user("board"))
    response = board.get("/api/v1/board/report", query_string={"from": "2026-12-31", "to": "2026-10-01"})
    assert response.status_code == 422 and list(response.json["errors"]) == ["to"]
    response = board.get("/api/v1/board/report", query_string={**PERIOD, "breakdown": "shoe-size"})
    assert response.status_code == 422 and list(response.json["errors"]) == ["breakdown"]
    assert board.get("/api/v1/cases").status_code == 403


def test_dates_outside_the_calendar_the_report_can_compare_are_refused(api_as, db):
    board = api_as(make_user("board"))
    response = board.get("/api/v1/board/report", query_string={"from": "0001-01-01", "to": "0001-06-30"})
    assert response.status_code == 422 and set(response.json["errors"]) == {"from", "to"}


def test_it_says_when_its_kept_counts_were_counted_and_how_many_have_changed_since(api_as, db):
    today = utcnow().date()
    last_month_end = today.replace(day=1) - timedelta(days=1)
    last_month = last_month_end.replace(day=1)  # kept whole by the refresh
    officer = make_user("officer")
    cases = [make_case(officer, area="Newport", reported_on=last_month + timedelta(days=4)) for _ in range(12)]
    kept.refresh(measures.KEPT, today=today)
    board = api_as(make_user("board"))
    query = {"from": last_month.isoformat(), "to": last_month_end.isoformat()}
    report = board.get("/api/v1/board/report", query_string=query).json
    assert report["counted_at"] is not None and report["changed_since_counted"] == 0
    cases[0].victims[0].acknowledged_on = None
    db.session.commit()
    assert board.get("/api/v1/board/report", query_string=query).json["changed_since_counted"] >= 1
