"""The Victim Care Unit's queue through the API: every victim followed up, claimed, attempted."""

from __future__ import annotations

from datetime import date

import pytest
import sqlalchemy as sa

from tests.factories import make_case, make_user
from victimcare.api import schemas
from victimcare.models import AuditEvent, FollowUp
from victimcare.vcu.services import create_follow_up


@pytest.fixture(autouse=True)
def fixed_today(monkeypatch):
    monkeypatch.setattr(schemas, "today", lambda: date(2026, 11, 20))


def queue_of(db, officer, count=3):
    cases = [make_case(officer, area=area) for area in ("Newport", "Torfaen", "Newport")[:count]]
    for case in cases:
        create_follow_up(case, case.victims[0])
    db.session.commit()
    return cases


def test_the_queue_pages_by_cursor_filters_and_audits(api_as, db):
    cases = queue_of(db, make_user("officer"))
    vcu = make_user("vcu")
    client = api_as(vcu)
    first = client.get("/api/v1/follow-ups", query_string={"limit": 2}).json
    second = client.get("/api/v1/follow-ups", query_string={"limit": 2, "cursor": first["next_cursor"]}).json
    ids = [f["case_id"] for f in first["items"] + second["items"]]
    assert sorted(ids) == sorted(c.id for c in cases) and second["next_cursor"] is None
    newport = client.get("/api/v1/follow-ups", query_string={"area": "Newport"}).json["items"]
    assert {f["area"] for f in newport} == {"Newport"} and len(newport) == 2
    listed = db.session.scalars(sa.select(AuditEvent).where(AuditEvent.record_type == "follow-up-queue")).all()
    assert {e.user_id for e in listed} == {vcu.id}
    assert api_as(make_user("officer")).get("/api/v1/follow-ups").status_code == 403


def test_claim_release_and_attempts(api_as, db):
    [case] = queue_of(db, make_user("officer"), count=1)
    follow_up = db.session.scalar(sa.select(FollowUp).where(FollowUp.case_id == case.id))
    me, colleague = api_as(make_user("vcu", username="v.one")), api_as(make_user("vcu"))
    response = me.post(f"/api/v1/follow-ups/{follow_up.id}/claim")
    assert response.status_code == 200 and response.json["claimed_by"] == "v.one"
    taken = colleague.post(f"/api/v1/follow-ups/{follow_up.id}/claim")
    assert taken.status_code == 409 and list(taken.json["errors"]) == ["claim"]
    assert colleague.post(f"/api/v1/follow-ups/{follow_up.id}/release").status_code == 409
    attempt = {"attempted_on": "2026-11-05", "method": "phone", "outcome": "no-answer"}
    for _ in range(3):
        response = me.post(f"/api/v1/follow-ups/{follow_up.id}/attempts", json=attempt)
        assert response.status_code == 201
    assert response.json["status"] == "letter-needed"
    bad = me.post(f"/api/v1/follow-ups/{follow_up.id}/attempts", json={**attempt, "outcome": "shouted"})
    assert bad.status_code == 422 and list(bad.json["errors"]) == ["outcome"]
    # The contract does not allow messages: leaving one is refused.
    refused = me.post(f"/api/v1/follow-ups/{follow_up.id}/attempts", json={**attempt, "outcome": "message-left"})
    assert refused.status_code == 409 and list(refused.json["errors"]) == ["outcome"]
    assert me.post("/api/v1/follow-ups/999999/claim").status_code == 404
