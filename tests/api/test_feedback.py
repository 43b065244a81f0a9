"""Feedback through the API: the 7-point scale, agency impacts, and service recovery when dissatisfied."""

from __future__ import annotations

from datetime import date

import pytest
import sqlalchemy as sa

from tests.factories import make_case, make_user
from victimcare.api import schemas
from victimcare.cases import needs
from victimcare.models import AgencyImpact, Feedback, ServiceRecovery

FEEDBACK = {"stage": "initial", "surveyed_on": "2026-11-10", "answers": {"kept_informed": 2, "treatment": 1}}


@pytest.fixture(autouse=True)
def fixed_today(monkeypatch):
    monkeypatch.setattr(schemas, "today", lambda: date(2026, 11, 20))


def test_feedback_recorded_and_dissatisfaction_starts_service_recovery(api_as, db):
    officer = make_user("officer")
    case = make_case(officer)
    victim = case.victims[0]
    needs.make_referral(case, victim, service_code="victim-support", referred_on=date(2026, 11, 3), by=officer)
    db.session.commit()
    client = api_as(make_user("vcu"))
    url = f"/api/v1/cases/{case.id}/victims/{victim.id}/feedback"
    response = client.post(url, json=FEEDBACK)
    assert response.status_code == 201, response.json
    assert response.json["answers"]["kept_informed"] == 2 and response.json["service_recovery"] is False
    again = client.post(url, json=FEEDBACK)
    assert again.status_code == 409 and list(again.json["errors"]) == ["stage"]
    unhappy = client.post(url, json={**FEEDBACK, "surveyed_on": "2026-11-11", "answers": {"kept_informed": 7},
                                     "impacts": {"victim-support": {"impact": "negative", "comment": "No call"}}})
    assert unhappy.status_code == 201 and unhappy.json["service_recovery"] is True
    assert db.session.scalar(sa.select(sa.func.count()).select_from(ServiceRecovery)) == 1
    assert db.session.scalar(sa.select(AgencyImpact.impact)) == "negative"


@pytest.mark.parametrize(("change", "field"), [
    ({"answers": {"kept_informed": 8}}, "answers.kept_informed"),
    ({"answers": {"kept_informed": "2"}}, "answers.kept_informed"),
    ({"answers": {}}, "answers"),
    ({"answers": {"mood": 3}}, "answers.mood"),
    ({"stage": "whenever"}, "stage"),
    ({"impacts": {"victim-support": {"impact": "meh"}}}, "impacts.victim-support.value.impact"),
    ({"impacts": {"refuge": {"impact": "positive"}}}, "impacts"),
])
def test_bad_feedback_names_the_field(api_as, db, change, field):
    case = make_case(make_user("officer"))
    response = api_as(make_user("vcu")).post(f"/api/v1/cases/{case.id}/victims/{case.victims[0].id}/feedback",
                                             json={**FEEDBACK, **change})
    assert response.status_code == 422 and list(response.json["errors"]) == [field], response.json
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Feedback)) == 0


def test_only_the_victim_care_unit_records_feedback_on_open_cases(api_as, db):
    officer = make_user("officer")
    case, closed = make_case(officer), make_case(officer, status="closed")
    assert api_as(officer).post(f"/api/v1/cases/{case.id}/victims/{case.victims[0].id}/feedback",
                                json=FEEDBACK).status_code == 403
    assert api_as(make_user("vcu")).post(f"/api/v1/cases/{closed.id}/victims/{closed.victims[0].id}/feedback",
                                         json=FEEDBACK).status_code == 404
