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


def test_a_follow_up_read_with_its_attempts_then_the_victim_reached(api_as, db):
    [case] = queue_of(db, make_user("officer"), count=1)
    follow_up = db.session.scalar(sa.select(FollowUp).where(FollowUp.case_id == case.id))
    client = api_as(make_user("vcu"))
    url = f"/api/v1/follow-ups/{follow_up.id}"
    client.post(f"{url}/attempts", json={"attempted_on": "2026-11-05", "method": "phone", "outcome": "no-answer"})
    read = client.get(url)
    assert read.status_code == 200 and [a["outcome"] for a in read.json["attempts"]] == ["no-answer"]
    assert db.session.scalar(sa.select(AuditEvent.record_type).where(AuditEvent.action == "consult",
                                                                     AuditEvent.victim_id == follow_up.victim_id)) \
        == "follow-up"
    reached = {"reached_on": "2026-11-06", "support_offered": [{"need": "housing", "accepted": True},
                                                               {"need": "finance", "accepted": False}]}
    response = client.post(f"{url}/reached", json=reached, headers={"If-Match": read.headers["ETag"]})
    assert response.status_code == 201, response.json
    assert (response.json["status"], response.json["outcome"], response.json["completed_on"]) == (
        "done", "reached", "2026-11-06")
    assert response.json["support_offered"] == reached["support_offered"]
    assert db.session.scalar(sa.select(AuditEvent.detail).where(AuditEvent.action == "collect",
                                                                AuditEvent.record_type == "follow-up")) == \
        "reached; support accepted for 1 of 2 needs"
    # Done: neither a second call nor a letter completes it again.
    again = client.post(f"{url}/reached", json=reached)
    assert again.status_code == 409 and list(again.json["errors"]) == ["reached_on"]
    stale = client.post(f"{url}/reached", json=reached, headers={"If-Match": read.headers["ETag"]})
    assert stale.status_code == 412


def test_closed_by_letter_only_after_three_unsuccessful_attempts(api_as, db):
    [case] = queue_of(db, make_user("officer"), count=1)
    follow_up = db.session.scalar(sa.select(FollowUp).where(FollowUp.case_id == case.id))
    client = api_as(make_user("vcu"))
    url = f"/api/v1/follow-ups/{follow_up.id}"
    early = client.post(f"{url}/letter", json={"sent_on": "2026-11-08"})
    assert early.status_code == 409 and list(early.json["errors"]) == ["sent_on"]
    for day in (5, 6, 7):
        client.post(f"{url}/attempts", json={"attempted_on": f"2026-11-0{day}", "method": "phone",
                                             "outcome": "no-answer"})
    response = client.post(f"{url}/letter", json={"sent_on": "2026-11-08"})
    assert response.status_code == 201
    assert (response.json["status"], response.json["outcome"], response.json["letter_sent_on"]) == (
        "done", "letter-sent", "2026-11-08")
    assert db.session.scalar(sa.select(AuditEvent.action).where(AuditEvent.record_type == "follow-up",
                                                                AuditEvent.recipients.is_not(None))) == "disclose"


@pytest.mark.parametrize(("body", "field"), [
    ({"reached_on": "2026-11-21"}, "reached_on"),
    ({"reached_on": "2026-11-06", "support_offered": [{"need": "yachts", "accepted": True}]},
     "support_offered.0.need"),
    ({"reached_on": "2026-11-06", "support_offered": [{"need": "housing", "accepted": "yes"}]},
     "support_offered.0.accepted"),
    ({"reached_on": "2026-11-06", "support_offered": [{"need": "housing", "accepted": True},
                                                      {"need": "housing", "accepted": False}]}, "support_offered"),
])
def test_bad_calls_name_the_field_and_change_nothing(api_as, db, body, field):
    [case] = queue_of(db, make_user("officer"), count=1)
    follow_up = db.session.scalar(sa.select(FollowUp).where(FollowUp.case_id == case.id))
    response = api_as(make_user("vcu")).post(f"/api/v1/follow-ups/{follow_up.id}/reached", json=body)
    assert response.status_code == 422 and list(response.json["errors"]) == [field], response.json
    db.session.expire_all()  # read what the requests left, not this session's copy
    assert db.session.get(FollowUp, follow_up.id).status == "open"


def test_only_the_victim_care_unit_works_follow_ups_and_closed_cases_leave_the_queue(api_as, db):
    officer = make_user("officer")
    [case] = queue_of(db, officer, count=1)
    follow_up = db.session.scalar(sa.select(FollowUp).where(FollowUp.case_id == case.id))
    assert api_as(officer).get(f"/api/v1/follow-ups/{follow_up.id}").status_code == 403
    assert api_as(officer).post(f"/api/v1/follow-ups/{follow_up.id}/letter",
                                json={"sent_on": "2026-11-08"}).status_code == 403
    case.status = "closed"
    db.session.commit()
    assert api_as(make_user("vcu")).get(f"/api/v1/follow-ups/{follow_up.id}").status_code == 404
