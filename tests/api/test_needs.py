"""A through the API: needs assessments and referrals, under the Code's consent rules."""

from __future__ import annotations

from datetime import date

import pytest
import sqlalchemy as sa

from tests.factories import make_case, make_team, make_user
from victimcare.api import schemas
from victimcare.cases import contracts
from victimcare.models import AuditEvent, NeedsAssessment, Referral


@pytest.fixture(autouse=True)
def fixed_today(monkeypatch):
    monkeypatch.setattr(schemas, "today", lambda: date(2026, 11, 20))


ASSESSMENT = {"assessed_on": "2026-11-03", "risk": "medium", "support_needs": ["emotional"],
              "vps": "taken", "vps_offered_on": "2026-11-03"}


def test_officer_and_vcu_record_assessments(api_as, db):
    officer = make_user("officer")
    case = make_case(officer)
    url = f"/api/v1/cases/{case.id}/victims/{case.victims[0].id}/needs-assessments"
    for client in (api_as(officer), api_as(make_user("vcu"))):
        response = client.post(url, json=ASSESSMENT)
        assert response.status_code == 201, response.json
        assert response.json["support_needs"] == ["emotional"] and response.json["vps"] == "taken"
    assert db.session.scalar(sa.select(sa.func.count()).select_from(NeedsAssessment)) == 2


@pytest.mark.parametrize(("change", "field"), [
    ({"risk": "extreme"}, "risk"), ({"support_needs": ["yachts"]}, "support_needs.0"),
    ({"vps_offered_on": None}, "vps_offered_on"), ({"assessed_on": "2026-11-31"}, "assessed_on"),
])
def test_bad_assessments_name_the_field(api_as, db, change, field):
    officer = make_user("officer")
    case = make_case(officer)
    response = api_as(officer).post(f"/api/v1/cases/{case.id}/victims/{case.victims[0].id}/needs-assessments",
                                    json={**ASSESSMENT, **change})
    assert response.status_code == 422 and list(response.json["errors"]) == [field]


def test_referral_follows_the_victims_consent(api_as, db):
    officer = make_user("officer")
    case = make_case(officer)
    victim = case.victims[0]
    client = api_as(officer)
    url = f"/api/v1/cases/{case.id}/victims/{victim.id}/referrals"
    response = client.post(url, json={"service": "victim-support", "referred_on": "2026-11-03"})
    assert response.status_code == 201 and response.json["consent"] == "automatic"
    assert db.session.scalar(sa.select(AuditEvent.action).where(AuditEvent.record_type == "referral")) == "disclose"
    assert client.post(url, json={"service": "nowhere", "referred_on": "2026-11-03"}).status_code == 422
    contracts.record_contract(victim, by=officer, agreed_on=date(2026, 11, 4), wants_updates=False,
                              referral_consent="refused")
    db.session.commit()
    refused = client.post(url, json={"service": "victim-support", "referred_on": "2026-11-05"})
    assert refused.status_code == 409 and list(refused.json["errors"]) == ["service"]
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Referral)) == 1


def test_support_is_recorded_only_where_the_caller_may(api_as, db):
    officer = make_user("officer", team=make_team("Team A"))
    teammates = make_case(make_user("officer", team=make_team("Team A")))
    other = make_case(make_user("officer", team=make_team("Team B")))
    client = api_as(officer)
    assert client.post(f"/api/v1/cases/{teammates.id}/victims/{teammates.victims[0].id}/needs-assessments",
                       json=ASSESSMENT).status_code == 403
    assert client.post(f"/api/v1/cases/{other.id}/victims/{other.victims[0].id}/needs-assessments",
                       json=ASSESSMENT).status_code == 404


def _referral(api_as, officer):
    case = make_case(officer)
    victim = case.victims[0]
    url = f"/api/v1/cases/{case.id}/victims/{victim.id}/referrals"
    made = api_as(officer).post(url, json={"service": "victim-support", "referred_on": "2026-11-03"})
    assert made.status_code == 201
    return f"{url}/{made.json['id']}", made.json["id"]


def test_referral_status_is_recorded_against_the_version_read(api_as, db):
    officer = make_user("officer")
    url, referral_id = _referral(api_as, officer)
    client = api_as(officer)
    read = client.get(url)
    changed = client.patch(url, json={"status": "accepted", "outcome": "Caseworker assigned"},
                           headers={"If-Match": read.headers["ETag"]})
    assert changed.status_code == 200, changed.json
    assert changed.json["status"] == "accepted" and changed.json["outcome"] == "Caseworker assigned"
    assert changed.headers["ETag"] != read.headers["ETag"]
    # A second writer still holding the first read is refused, and the first change stands.
    stale = client.patch(url, json={"status": "closed"}, headers={"If-Match": read.headers["ETag"]})
    assert stale.status_code == 412
    assert client.patch(url, json={"status": "closed"}).status_code == 428
    db.session.expire_all()
    referral = db.session.get(Referral, referral_id)
    assert referral.status == "accepted" and referral.outcome == "Caseworker assigned"
    assert db.session.scalar(sa.select(AuditEvent.detail).where(
        AuditEvent.record_type == "referral", AuditEvent.action == "alter")) == "status accepted"


@pytest.mark.parametrize(("body", "field"), [
    ({"status": "lost"}, "status"), ({}, "status"), ({"status": "closed", "colour": "red"}, "colour"),
    ({"status": "closed", "outcome": "x" * 2001}, "outcome"),
])
def test_bad_referral_changes_name_the_field_and_change_nothing(api_as, db, body, field):
    officer = make_user("officer")
    url, referral_id = _referral(api_as, officer)
    response = api_as(officer).patch(url, json=body, headers={"If-Match": "*"})
    assert response.status_code == 422 and list(response.json["errors"]) == [field]
    assert db.session.get(Referral, referral_id).status == "sent"


def test_referral_status_only_where_the_caller_may_support(api_as, db):
    officer = make_user("officer", team=make_team("Team A"))
    url, _ = _referral(api_as, officer)
    assert api_as(make_user("board")).patch(url, json={"status": "closed"}, headers={"If-Match": "*"}).status_code == 403
    stranger = make_user("officer", team=make_team("Team B"))
    assert api_as(stranger).patch(url, json={"status": "closed"}, headers={"If-Match": "*"}).status_code == 404
    assert api_as(officer).patch(url.rsplit("/", 1)[0] + "/999999", json={"status": "closed"},
                                 headers={"If-Match": "*"}).status_code == 404
    assert api_as(make_user("vcu")).patch(url, json={"status": "service-started"},
                                          headers={"If-Match": "*"}).status_code == 200
