"""Key-stage events through the API: the updates due come from the web's one due-date function."""

from __future__ import annotations

from datetime import date

import pytest
import sqlalchemy as sa

from tests.factories import make_case, make_team, make_user
from victimcare.api import schemas
from victimcare.cases import contracts
from victimcare.models import AuditEvent, KeyStageEvent, VictimUpdate


@pytest.fixture(autouse=True)
def new_year(monkeypatch):
    monkeypatch.setattr(schemas, "today", lambda: date(2027, 1, 4))


def test_an_arrest_on_christmas_eve_is_due_by_the_codes_working_days(api_as, db):
    """Enhanced rights: 1 working day (29 Dec 2026); standard: 5 working days (5 Jan 2027)."""
    officer = make_user("officer")
    case = make_case(officer, victims=2)
    enhanced, standard = case.victims
    enhanced.enhanced_rights = True
    db.session.commit()
    response = api_as(officer).post(f"/api/v1/cases/{case.id}/events",
                                    json={"type": "arrested", "occurred_on": "2026-12-24"})
    assert response.status_code == 201, response.json
    assert response.json["type"] == "arrested" and response.json["occurred_on"] == "2026-12-24"
    assert response.json["updates_due"] == [{"victim_id": enhanced.id, "due_on": "2026-12-29"},
                                            {"victim_id": standard.id, "due_on": "2027-01-05"}]
    stored = db.session.scalars(sa.select(VictimUpdate.due_on).order_by(VictimUpdate.victim_id)).all()
    assert stored == [date(2026, 12, 29), date(2027, 1, 5)]
    assert db.session.scalar(sa.select(AuditEvent.record_type).where(AuditEvent.action == "collect")) == \
        "key-stage-event"


def test_a_victim_who_wants_no_updates_is_owed_none(api_as, db):
    officer = make_user("officer")
    case = make_case(officer, victims=2)
    contracts.record_contract(case.victims[1], by=officer, agreed_on=date(2026, 11, 3), wants_updates=False,
                             frequency="key-stages")
    db.session.commit()
    response = api_as(officer).post(f"/api/v1/cases/{case.id}/events",
                                    json={"type": "charged", "occurred_on": "2026-12-24"})
    assert [u["victim_id"] for u in response.json["updates_due"]] == [case.victims[0].id]


@pytest.mark.parametrize(("payload", "field"), [
    ({"type": "sneezed", "occurred_on": "2026-12-24"}, "type"),
    ({"type": "arrested", "occurred_on": "2026-12-32"}, "occurred_on"),
    ({"type": "arrested", "occurred_on": "2027-02-01"}, "occurred_on"),
    ({"type": "arrested"}, "occurred_on"),
    ({"type": "arrested", "occurred_on": "2026-12-24", "by": "me"}, "by"),
])
def test_bad_events_name_the_field_and_record_nothing(api_as, db, payload, field):
    officer = make_user("officer")
    case = make_case(officer)
    response = api_as(officer).post(f"/api/v1/cases/{case.id}/events", json=payload)
    assert response.status_code == 422 and list(response.json["errors"]) == [field]
    assert db.session.scalar(sa.select(sa.func.count()).select_from(KeyStageEvent)) == 0


def test_events_only_on_cases_the_caller_may_change(api_as, db):
    officer = make_user("officer", team=make_team("Team A"))
    other = make_case(make_user("officer", team=make_team("Team B")))
    teammates = make_case(make_user("officer", team=make_team("Team A")))
    client = api_as(officer)
    event = {"type": "arrested", "occurred_on": "2026-12-24"}
    assert client.post(f"/api/v1/cases/{other.id}/events", json=event).status_code == 404
    assert client.post(f"/api/v1/cases/{teammates.id}/events", json=event).status_code == 403
    assert api_as(make_user("vcu")).post(f"/api/v1/cases/{other.id}/events", json=event).status_code == 403


def test_updates_due_and_overdue_are_the_callers_own_and_audited(api_as, db):
    officer, teammate = make_user("officer"), make_user("officer")
    case, theirs = make_case(officer), make_case(teammate)
    client = api_as(officer)
    for occurred in ("2026-12-21", "2026-12-31"):  # due 30 Dec 2026 (late by 4 Jan) and 8 Jan 2027
        client.post(f"/api/v1/cases/{case.id}/events", json={"type": "bailed", "occurred_on": occurred})
    api_as(teammate).post(f"/api/v1/cases/{theirs.id}/events", json={"type": "bailed", "occurred_on": "2026-12-21"})

    everything = client.get("/api/v1/updates").json["items"]
    assert [(u["due_on"], u["overdue"], u["stage"]) for u in everything] == [
        ("2026-12-30", True, "bailed"), ("2027-01-08", False, "bailed")]
    assert everything[0]["crime_reference"] == case.crime_reference
    assert [u["due_on"] for u in client.get("/api/v1/updates?status=overdue").json["items"]] == ["2026-12-30"]
    assert [u["due_on"] for u in client.get("/api/v1/updates?status=due").json["items"]] == ["2027-01-08"]
    first = client.get("/api/v1/updates?limit=1").json
    second = client.get("/api/v1/updates", query_string={"limit": 1, "cursor": first["next_cursor"]}).json
    assert [first["items"][0]["due_on"], second["items"][0]["due_on"]] == ["2026-12-30", "2027-01-08"]
    assert second["next_cursor"] is None
    listed = db.session.scalars(sa.select(AuditEvent).where(AuditEvent.record_type == "update-list")).all()
    assert {(e.case_id, e.user_id) for e in listed} == {(case.id, officer.id)}
    assert client.get("/api/v1/updates?status=late").status_code == 422
    assert api_as(make_user("vcu")).get("/api/v1/updates").status_code == 403


def test_the_cases_events_with_the_updates_they_made_due(api_as, db):
    officer = make_user("officer")
    case = make_case(officer)
    client = api_as(officer)
    client.post(f"/api/v1/cases/{case.id}/events", json={"type": "arrested", "occurred_on": "2026-12-24"})
    client.post(f"/api/v1/cases/{case.id}/events", json={"type": "charged", "occurred_on": "2026-12-31"})
    events = client.get(f"/api/v1/cases/{case.id}/events").json["items"]
    assert [(e["type"], e["updates_due"][0]["due_on"], e["updates_due"][0]["given_on"]) for e in events] == [
        ("arrested", "2027-01-05", None), ("charged", "2027-01-08", None)]
    assert api_as(make_user("vcu")).get(f"/api/v1/cases/{case.id}/events").status_code == 403
    other = make_case(make_user("officer", team=make_team("Team B")))
    assert client.get(f"/api/v1/cases/{other.id}/events").status_code == 404
