"""/api/v1/cases/{id}/victims: add, read and change victims, with the web's eligibility rule."""

from __future__ import annotations

from datetime import date

import pytest
import sqlalchemy as sa

from tests.factories import make_case, make_team, make_user
from victimcare.api import schemas
from victimcare.models import AuditEvent, Victim


@pytest.fixture(autouse=True)
def fixed_today(monkeypatch):
    monkeypatch.setattr(schemas, "today", lambda: date(2027, 1, 10))


def test_add_a_victim_who_is_a_child_and_read_it_back(api_as, db):
    officer = make_user("officer")
    case = make_case(officer)
    client = api_as(officer)
    response = client.post(f"/api/v1/cases/{case.id}/victims", json={
        "role": "secondary", "name": "Ifan Pritchard", "date_of_birth": "2015-03-02", "relationship_to_primary": "son",
        "factors": ["vulnerable"]})
    assert response.status_code == 201, response.json
    victim = response.json
    assert (victim["enhanced_rights"], victim["enhanced_reasons"]) == (True, ["under-18", "vulnerable"])
    assert response.headers["Location"] == f"/api/v1/cases/{case.id}/victims/{victim['id']}"
    read = client.get(response.headers["Location"])
    assert read.status_code == 200 and read.json == victim
    assert read.headers["ETag"] == response.headers["ETag"]
    consulted = db.session.scalars(sa.select(AuditEvent).where(AuditEvent.action == "consult")).all()
    assert [(e.record_type, e.victim_id) for e in consulted] == [("victim", victim["id"])]


def test_a_business_needs_a_named_contact_and_has_no_enhanced_rights(api_as, db):
    officer = make_user("officer")
    case = make_case(officer, offence="criminal-damage")
    client = api_as(officer)
    response = client.post(f"/api/v1/cases/{case.id}/victims", json={"kind": "business", "name": "Siop Fach"})
    assert response.status_code == 422 and list(response.json["errors"]) == ["contact_name"]
    response = client.post(f"/api/v1/cases/{case.id}/victims", json={
        "kind": "business", "name": "Siop Fach", "contact_name": "Megan Lewis", "factors": ["intimidated"]})
    assert response.status_code == 201
    assert response.json["enhanced_rights"] is False


def test_victims_of_another_case_or_team_are_not_reached(api_as, db):
    officer = make_user("officer", team=make_team("Team A"))
    mine, other = make_case(officer), make_case(make_user("officer", team=make_team("Team B")))
    client = api_as(officer)
    assert client.get(f"/api/v1/cases/{mine.id}/victims/{other.victims[0].id}").status_code == 404
    assert client.get(f"/api/v1/cases/{other.id}/victims/{other.victims[0].id}").status_code == 404
    assert client.post(f"/api/v1/cases/{other.id}/victims", json={"name": "X"}).status_code == 404


def test_patch_a_victim_with_if_match(api_as, db):
    officer = make_user("officer")
    case = make_case(officer)
    victim = case.victims[0]
    client = api_as(officer)
    url = f"/api/v1/cases/{case.id}/victims/{victim.id}"
    etag = client.get(url).headers["ETag"]
    response = client.patch(url, json={"factors": ["intimidated"], "preferred_language": "pl"},
                            headers={"If-Match": etag})
    assert response.status_code == 200, response.json
    assert response.json["enhanced_reasons"] == ["intimidated"] and response.json["preferred_language"] == "pl"
    assert client.patch(url, json={"name": "Someone Else"}, headers={"If-Match": etag}).status_code == 412
    db.session.expire_all()
    assert db.session.get(Victim, victim.id).name == victim.name


def test_removing_grounds_needs_a_reason(api_as, db):
    officer = make_user("officer")
    case = make_case(officer)
    client = api_as(officer)
    url = f"/api/v1/cases/{case.id}/victims/{case.victims[0].id}"
    etag = client.patch(url, json={"factors": ["intimidated"]}, headers={"If-Match": "*"}).headers["ETag"]
    response = client.patch(url, json={"factors": []}, headers={"If-Match": etag})
    assert response.status_code == 422 and list(response.json["errors"]) == ["grounds_change_reason"]
    response = client.patch(url, json={"factors": [], "grounds_change_reason": "Says she is not afraid to give "
                                                                               "evidence"},
                            headers={"If-Match": etag})
    assert response.status_code == 200 and response.json["enhanced_rights"] is False


def test_an_enhanced_rights_ground_is_added_with_its_reason(api_as, db):
    officer = make_user("officer")
    case = make_case(officer)  # a burglary victim of 46: standard rights from the facts on record
    victim = case.victims[0]
    client = api_as(officer)
    url = f"/api/v1/cases/{case.id}/victims/{victim.id}"
    etag = client.get(url).headers["ETag"]
    response = client.post(f"{url}/enhanced-grounds", json={"reason": "persistently-targeted",
                                                            "note": "Third burglary this year"},
                           headers={"If-Match": etag})
    assert response.status_code == 201, response.json
    assert (response.json["enhanced_rights"], response.json["enhanced_reasons"]) == (True, ["persistently-targeted"])
    assert db.session.scalar(sa.select(AuditEvent.detail).where(AuditEvent.record_type == "enhanced-ground")) == \
        "added ground persistently-targeted"
    stale = client.post(f"{url}/enhanced-grounds", json={"reason": "vulnerable", "note": "x"},
                        headers={"If-Match": etag})
    assert stale.status_code == 412
    assert db.session.scalar(sa.select(Victim.enhanced_reasons).where(Victim.id == victim.id)) == \
        "persistently-targeted"


@pytest.mark.parametrize(("body", "field"), [
    ({"reason": "famous", "note": "x"}, "reason"), ({"reason": "vulnerable", "note": " "}, "note"),
    ({"reason": "vulnerable"}, "note"),
])
def test_bad_grounds_name_the_field(api_as, db, body, field):
    officer = make_user("officer")
    case = make_case(officer)
    response = api_as(officer).post(f"/api/v1/cases/{case.id}/victims/{case.victims[0].id}/enhanced-grounds",
                                    json=body)
    assert response.status_code == 422 and list(response.json["errors"]) == [field]
    assert db.session.scalar(sa.select(Victim.enhanced_rights).where(Victim.id == case.victims[0].id)) is False


def test_grounds_are_added_by_the_officer_in_the_case_only(api_as, db):
    team = make_team("Team A")
    case = make_case(make_user("officer", team=team))
    url = f"/api/v1/cases/{case.id}/victims/{case.victims[0].id}/enhanced-grounds"
    body = {"reason": "vulnerable", "note": "Learning disability"}
    assert api_as(make_user("officer", team=team)).post(url, json=body).status_code == 403
    assert api_as(make_user("vcu")).post(url, json=body).status_code == 403
    assert api_as(make_user("supervisor", team=make_team("Team B"))).post(url, json=body).status_code == 404
