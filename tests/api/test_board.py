"""/api/v1/board/report: a Board token gets the published, disclosure-controlled measures, nothing else."""

from __future__ import annotations

from datetime import date

import sqlalchemy as sa

from tests.factories import make_case, make_user
from victimcare.models import AuditEvent

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
