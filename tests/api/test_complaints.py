"""Complaints and service recovery through the API: a supervisor of the case's team does both."""

from __future__ import annotations

from datetime import date

import pytest
import sqlalchemy as sa

from tests.factories import make_case, make_team, make_user
from victimcare.api import schemas
from victimcare.models import AuditEvent, Complaint, ServiceRecovery
from victimcare.vcu import feedback

COMPLAINT = {"received_on": "2026-11-12", "about": "not-kept-informed", "notes": "Nobody rang back"}
CLOSE = {"what_was_done": "Apologised and updated", "lessons_learnt": "Ring back the same day",
         "lesson_theme": "communication"}


@pytest.fixture(autouse=True)
def fixed_today(monkeypatch):
    monkeypatch.setattr(schemas, "today", lambda: date(2026, 11, 20))


@pytest.mark.parametrize("status", ["open", "closed"])
def test_a_supervisor_records_and_lists_complaints_on_open_and_closed_cases(api_as, db, status):
    team = make_team("Team A")
    case = make_case(make_user("officer", team=team), status=status)
    supervisor = make_user("supervisor", team=team)
    client = api_as(supervisor)
    response = client.post(f"/api/v1/cases/{case.id}/complaints", json=COMPLAINT)
    assert response.status_code == 201, response.json
    assert (response.json["about"], response.json["outcome"], response.json["recorded_by"]) == (
        "not-kept-informed", "open", supervisor.username)
    listed = client.get(f"/api/v1/cases/{case.id}/complaints").json
    assert [c["id"] for c in listed["items"]] == [response.json["id"]] and listed["next_cursor"] is None
    audited = db.session.execute(sa.select(AuditEvent.action, AuditEvent.record_type).where(
        AuditEvent.case_id == case.id).order_by(AuditEvent.id)).all()
    assert audited == [("collect", "complaint"), ("consult", "complaint-list")]


@pytest.mark.parametrize(("change", "field"), [
    ({"about": "weather"}, "about"), ({"outcome": "shrugged"}, "outcome"),
    ({"received_on": "2026-11-21"}, "received_on"), ({"received_on": None}, "received_on"),
])
def test_bad_complaints_name_the_field(api_as, db, change, field):
    team = make_team("Team A")
    case = make_case(make_user("officer", team=team))
    response = api_as(make_user("supervisor", team=team)).post(f"/api/v1/cases/{case.id}/complaints",
                                                               json={**COMPLAINT, **change})
    assert response.status_code == 422 and list(response.json["errors"]) == [field]
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Complaint)) == 0


def test_only_the_cases_supervisors_record_complaints(api_as, db):
    team = make_team("Team A")
    officer = make_user("officer", team=team)
    case = make_case(officer)
    assert api_as(officer).post(f"/api/v1/cases/{case.id}/complaints", json=COMPLAINT).status_code == 403
    assert api_as(make_user("vcu")).get(f"/api/v1/cases/{case.id}/complaints").status_code == 403
    other = api_as(make_user("supervisor", team=make_team("Team B")))
    assert other.post(f"/api/v1/cases/{case.id}/complaints", json=COMPLAINT).status_code == 404


def dissatisfied(db, officer):
    case = make_case(officer)
    feedback.record_feedback(case, case.victims[0], stage="initial", surveyed_on=date(2026, 11, 10),
                             answers={"kept_informed": 7}, comments="Never heard back", consent_to_use=False,
                             impacts={}, source="phone", by=None)
    db.session.commit()
    return case, db.session.scalar(sa.select(ServiceRecovery).where(ServiceRecovery.case_id == case.id))


def test_a_supervisor_lists_and_closes_service_recovery_with_its_lesson_theme(api_as, db):
    team = make_team("Team A")
    case, item = dissatisfied(db, make_user("officer", team=team))
    supervisor = make_user("supervisor", team=team)
    client = api_as(supervisor)
    listed = client.get("/api/v1/service-recovery").json["items"]
    assert [(r["id"], r["feedback"]["answers"]["kept_informed"]) for r in listed] == [(item.id, 7)]
    read = client.get(f"/api/v1/service-recovery/{item.id}")
    response = client.post(f"/api/v1/service-recovery/{item.id}/close", json=CLOSE,
                           headers={"If-Match": read.headers["ETag"]})
    assert response.status_code == 201, response.json
    assert (response.json["status"], response.json["lesson_theme"]) == ("done", "communication")
    assert client.get("/api/v1/service-recovery").json["items"] == []
    assert [r["id"] for r in client.get("/api/v1/service-recovery?status=done").json["items"]] == [item.id]
    again = client.post(f"/api/v1/service-recovery/{item.id}/close", json=CLOSE)
    assert again.status_code == 409 and list(again.json["errors"]) == ["status"]
    stale = client.post(f"/api/v1/service-recovery/{item.id}/close", json=CLOSE,
                        headers={"If-Match": read.headers["ETag"]})
    assert stale.status_code == 412
    assert db.session.scalar(sa.select(AuditEvent.detail).where(AuditEvent.record_type == "service-recovery",
                                                                AuditEvent.action == "alter")) == \
        "service recovery recorded"
    assert db.session.scalar(sa.select(AuditEvent.case_id).where(
        AuditEvent.record_type == "service-recovery-list")) == case.id


@pytest.mark.parametrize(("change", "fields"), [
    ({"lesson_theme": "weather"}, ["lesson_theme"]),
    ({"what_was_done": " ", "lessons_learnt": ""}, ["lessons_learnt", "what_was_done"]),
])
def test_bad_closures_name_each_field(api_as, db, change, fields):
    team = make_team("Team A")
    _, item = dissatisfied(db, make_user("officer", team=team))
    response = api_as(make_user("supervisor", team=team)).post(f"/api/v1/service-recovery/{item.id}/close",
                                                               json={**CLOSE, **change})
    assert response.status_code == 422 and sorted(response.json["errors"]) == fields, response.json
    db.session.expire_all()  # read what the requests left, not this session's copy
    assert db.session.get(ServiceRecovery, item.id).status == "open"


def test_service_recovery_is_the_teams_supervisors_alone(api_as, db):
    team = make_team("Team A")
    officer = make_user("officer", team=team)
    _, item = dissatisfied(db, officer)
    other = api_as(make_user("supervisor", team=make_team("Team B")))
    assert other.get(f"/api/v1/service-recovery/{item.id}").status_code == 404
    assert other.post(f"/api/v1/service-recovery/{item.id}/close", json=CLOSE).status_code == 404
    assert other.get("/api/v1/service-recovery").json["items"] == []
    assert api_as(officer).get("/api/v1/service-recovery").status_code == 403
    assert api_as(make_user("vcu")).post(f"/api/v1/service-recovery/{item.id}/close", json=CLOSE).status_code == 403
