"""/api/v1/cases: the body other systems are built against, scope, ETags, errors and audit."""

from __future__ import annotations

import copy
from datetime import date

import pytest
import sqlalchemy as sa

from tests.factories import make_case, make_team, make_user
from victimcare.api import schemas
from victimcare.models import AuditEvent, Case, FollowUp

BODY = {
    "crime_reference": "GP/26/000123", "offence": "burglary-residential", "domestic_abuse": False, "hate_crime": None,
    "reported_on": "2026-12-20", "offence_date": "2026-12-19", "area": "Newport",
    "victims": [{"role": "primary", "name": "Alys Pritchard", "date_of_birth": "1980-05-01", "factors": ["intimidated"],
                 "preferred_language": "cy", "phone": "01633 000000", "email": "alys@example.org"}],
}


@pytest.fixture(autouse=True)
def after_christmas(monkeypatch):
    """The example body's dates are in December 2026: let 'not in the future' see them as past."""
    monkeypatch.setattr(schemas, "today", lambda: date(2027, 1, 10))


def body(**changes):
    data = copy.deepcopy(BODY)
    data.update(changes)
    return data


def audit_events(db, **where):
    statement = sa.select(AuditEvent).order_by(AuditEvent.id)
    for key, value in where.items():
        statement = statement.where(getattr(AuditEvent, key) == value)
    return db.session.scalars(statement).all()


def test_create_returns_201_with_the_case_and_each_victims_rights(api_as, db):
    officer = make_user("officer")
    response = api_as(officer).post("/api/v1/cases", json=body(victims=[
        BODY["victims"][0],
        {"role": "secondary", "name": "Ifan Pritchard", "date_of_birth": "2015-03-02"},
        {"role": "secondary", "name": "Gwen Pritchard"},
    ]))
    assert response.status_code == 201, response.json
    case = response.json
    assert response.headers["Location"] == f"/api/v1/cases/{case['id']}"
    assert response.headers["ETag"]
    assert (case["crime_reference"], case["offence"], case["offence_date"], case["officer"]) == (
        "GP/26/000123", "burglary-residential", "2026-12-19", officer.username)
    alys, ifan, gwen = case["victims"]
    assert isinstance(alys["id"], int)
    assert (alys["enhanced_rights"], alys["enhanced_reasons"]) == (True, ["intimidated"])
    assert (ifan["enhanced_rights"], ifan["enhanced_reasons"]) == (True, ["under-18"])
    assert (gwen["enhanced_rights"], gwen["enhanced_reasons"]) == (False, [])
    assert alys["preferred_language"] == "cy" and alys["factors"] == ["intimidated"]
    stored = db.session.get(Case, case["id"])
    assert stored.referral_due_on == date(2026, 12, 23)
    # The web's services ran: the Victim Care Unit follows up every victim, and the collection is audited.
    assert db.session.scalar(sa.select(sa.func.count()).select_from(FollowUp)) == 3
    assert [e.record_type for e in audit_events(db, action="collect")] == ["case", "victim", "victim", "victim"]


def test_a_supervisor_gives_the_case_to_an_officer_in_their_team(api_as, db):
    team = make_team("Team A")
    supervisor, officer = make_user("supervisor", team=team), make_user("officer", team=team)
    outsider = make_user("officer", team=make_team("Team B"))
    client = api_as(supervisor)
    response = client.post("/api/v1/cases", json=body(officer=officer.username))
    assert response.status_code == 201 and response.json["officer"] == officer.username
    response = client.post("/api/v1/cases", json=body(crime_reference="GP/26/000124", officer=outsider.username))
    assert response.status_code == 422 and list(response.json["errors"]) == ["officer"]
    officer_client = api_as(officer)
    response = officer_client.post("/api/v1/cases", json=body(crime_reference="GP/26/000125",
                                                              officer=supervisor.username))
    assert response.status_code == 422


@pytest.mark.parametrize(("change", "field"), [
    ({"colour": "blue"}, "colour"),
    ({"domestic_abuse": "no"}, "domestic_abuse"),
    ({"domestic_abuse": 0}, "domestic_abuse"),
    ({"reported_on": "2026-02-30"}, "reported_on"),
    ({"reported_on": 20261220}, "reported_on"),
    ({"reported_on": "2027-06-01"}, "reported_on"),
    ({"offence_date": "2026-12-21"}, "offence_date"),
    ({"offence": "piracy"}, "offence"),
    ({"hate_crime": "football"}, "hate_crime"),
    ({"area": "Cardiff"}, "area"),
    ({"crime_reference": "12345"}, "crime_reference"),
    ({"crime_reference": None}, "crime_reference"),
    ({"victims": []}, "victims"),
    ({"victims": "Alys"}, "victims"),
])
def test_bad_input_names_each_bad_field(api_as, db, change, field):
    response = api_as(make_user("officer")).post("/api/v1/cases", json=body(**change))
    assert response.status_code == 422, response.json
    assert list(response.json["errors"]) == [field]
    assert all(isinstance(m, str) for m in response.json["errors"][field])
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Case)) == 0


def test_bad_victim_fields_are_named_with_their_position(api_as, db):
    victim = {**BODY["victims"][0], "factors": ["brave"], "preferred_language": "Welsh", "role": "witness",
              "email": "not-an-email", "date_of_birth": "1980-13-01", "nickname": "Al"}
    response = api_as(make_user("officer")).post("/api/v1/cases", json=body(victims=[victim]))
    assert response.status_code == 422
    assert set(response.json["errors"]) == {"victims.0.factors.0", "victims.0.preferred_language", "victims.0.role",
                                            "victims.0.email", "victims.0.date_of_birth", "victims.0.nickname"}


@pytest.mark.parametrize("payload", ["not json", "[1, 2]", "null", '"text"'])
def test_a_body_that_is_not_an_object_is_refused_with_json(api_as, db, payload):
    response = api_as(make_user("officer")).post("/api/v1/cases", data=payload, content_type="application/json")
    assert 400 <= response.status_code < 500 and response.is_json
    assert "errors" in response.json or "message" in response.json


def test_a_duplicate_crime_reference_is_409_with_the_existing_case(api_as, db):
    officer = make_user("officer", team=make_team("Team A"))
    client = api_as(officer)
    first = client.post("/api/v1/cases", json=body()).json
    response = client.post("/api/v1/cases", json=body(reported_on="2026-12-21"))
    assert response.status_code == 409
    assert response.json == {"errors": {"crime_reference": ["A case with this crime reference already exists"]}}
    assert response.headers["Location"] == f"/api/v1/cases/{first['id']}"
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Case)) == 1


def test_a_duplicate_outside_the_callers_scope_gives_no_location(api_as, db):
    api_as(make_user("officer", team=make_team("Team A"))).post("/api/v1/cases", json=body())
    response = api_as(make_user("officer", team=make_team("Team B"))).post("/api/v1/cases", json=body())
    assert response.status_code == 409 and "Location" not in response.headers


def test_read_is_scoped_audited_and_carries_an_etag(api_as, db):
    officer, other = make_user("officer", team=make_team("Team A")), make_user("officer", team=make_team("Team B"))
    case, others = make_case(officer), make_case(other)
    client = api_as(officer)
    response = client.get(f"/api/v1/cases/{case.id}")
    assert response.status_code == 200 and response.json["id"] == case.id
    assert response.headers["ETag"] == f'"cases-{case.id}-v{case.version}"'
    assert client.get(f"/api/v1/cases/{others.id}").status_code == 404
    assert client.get("/api/v1/cases/999999").status_code == 404
    events = audit_events(db, action="consult")
    assert [(e.case_id, e.user_id) for e in events] == [(case.id, officer.id)]


def test_board_and_admin_tokens_reach_no_case(api_as, db):
    case = make_case(make_user("officer"))
    for role in ("board", "admin"):
        client = api_as(make_user(role))
        assert client.get(f"/api/v1/cases/{case.id}").status_code == 403
        assert client.get("/api/v1/cases").status_code == 403
        assert client.post("/api/v1/cases", json=body()).status_code == 403


def test_list_filters_pages_by_cursor_and_audits_each_disclosed_case(api_as, db):
    officer = make_user("officer")
    newport = [make_case(officer, area="Newport", reported_on=date(2026, 11, d)) for d in (2, 3, 4, 5, 6)]
    make_case(officer, area="Torfaen")
    make_case(officer, area="Newport", status="closed")
    make_case(make_user("officer", team=make_team("Team B")), area="Newport")
    client = api_as(officer)
    seen, cursor = [], None
    while True:
        query = {"area": "Newport", "status": "open", "limit": 2, **({"cursor": cursor} if cursor else {})}
        page = client.get("/api/v1/cases", query_string=query).json
        seen += [case["id"] for case in page["items"]]
        cursor = page["next_cursor"]
        if cursor is None:
            break
    assert seen == sorted((c.id for c in newport), reverse=True)
    dated = client.get("/api/v1/cases", query_string={"reported_from": "2026-11-03", "reported_to": "2026-11-04"})
    assert [c["id"] for c in dated.json["items"]] == [newport[2].id, newport[1].id]
    listed = audit_events(db, action="consult", record_type="case-list")
    assert sorted(e.case_id for e in listed) == sorted([c.id for c in newport] + [newport[1].id, newport[2].id])
    assert {e.user_id for e in listed} == {officer.id}


@pytest.mark.parametrize("query", [{"cursor": "nonsense"}, {"cursor": "eyJhZnRlciI6ICJ4In0"}, {"limit": 0},
                                   {"limit": "many"}, {"status": "lost"}, {"reported_from": "2026-13-01"},
                                   {"colour": "blue"}])
def test_bad_list_queries_are_422_naming_the_parameter(api_as, db, query):
    response = api_as(make_user("officer")).get("/api/v1/cases", query_string=query)
    assert response.status_code == 422
    assert list(response.json["errors"]) == list(query)


def test_patch_with_the_current_etag_changes_the_case(api_as, db):
    officer = make_user("officer")
    case = make_case(officer, offence="assault-without-injury")
    client = api_as(officer)
    etag = client.get(f"/api/v1/cases/{case.id}").headers["ETag"]
    response = client.patch(f"/api/v1/cases/{case.id}", json={"domestic_abuse": True, "area": "Torfaen"},
                            headers={"If-Match": etag})
    assert response.status_code == 200, response.json
    assert response.json["domestic_abuse"] is True and response.json["area"] == "Torfaen"
    assert response.json["victims"][0]["enhanced_reasons"][:1] == ["domestic-abuse"]
    assert response.headers["ETag"] != etag
    assert [e.detail for e in audit_events(db, action="alter", record_type="case")] == [
        "changed domestic_abuse, area"]


def test_patch_with_a_stale_etag_is_412_and_changes_nothing(api_as, db):
    officer = make_user("officer")
    case = make_case(officer)
    client = api_as(officer)
    stale = client.get(f"/api/v1/cases/{case.id}").headers["ETag"]
    assert client.patch(f"/api/v1/cases/{case.id}", json={"area": "Torfaen"},
                        headers={"If-Match": stale}).status_code == 200
    response = client.patch(f"/api/v1/cases/{case.id}", json={"area": "Caerphilly"}, headers={"If-Match": stale})
    assert response.status_code == 412 and "message" in response.json
    assert client.patch(f"/api/v1/cases/{case.id}", json={"area": "Caerphilly"}).status_code == 428
    db.session.expire_all()
    assert db.session.get(Case, case.id).area == "Torfaen"


def test_patch_checks_dates_against_the_stored_ones_and_scope(api_as, db):
    officer, teammate = make_user("officer"), make_user("officer")
    case = make_case(officer, reported_on=date(2026, 11, 2))
    client = api_as(officer)
    etag = client.get(f"/api/v1/cases/{case.id}").headers["ETag"]
    response = client.patch(f"/api/v1/cases/{case.id}", json={"offence_date": "2026-11-03"},
                            headers={"If-Match": etag})
    assert response.status_code == 422 and list(response.json["errors"]) == ["offence_date"]
    response = api_as(teammate).patch(f"/api/v1/cases/{case.id}", json={"area": "Torfaen"},
                                      headers={"If-Match": etag})
    assert response.status_code == 403  # a teammate may read the case, not change it
    vcu = api_as(make_user("vcu"))
    assert vcu.patch(f"/api/v1/cases/{case.id}", json={}, headers={"If-Match": etag}).status_code == 403


def test_errors_are_json_never_html(api_as, db):
    client = api_as(make_user("officer"))
    for method, url in (("GET", "/api/v1/nowhere"), ("DELETE", "/api/v1/cases"), ("PUT", "/api/v1/cases/1")):
        response = client.request(method, url)
        assert 400 <= response.status_code < 500 and response.is_json, (method, url)


@pytest.mark.parametrize("case_id", [0, 2**31, 10**30])
def test_an_id_no_case_can_have_is_404_not_an_error(api_as, db, case_id):
    client = api_as(make_user("officer"))
    assert client.get(f"/api/v1/cases/{case_id}").status_code == 404
    assert client.post(f"/api/v1/cases/{case_id}/events", json={}).status_code == 404


def test_control_characters_are_refused_by_name(api_as, db):
    """PostgreSQL cannot store NUL in text: the API says which field, rather than failing."""
    victim = {**BODY["victims"][0], "name": "Alys\x00Pritchard", "address": "1 High St\nNewport"}
    response = api_as(make_user("officer")).post("/api/v1/cases", json=body(victims=[victim]))
    assert response.status_code == 422 and list(response.json["errors"]) == ["victims.0.name"]
