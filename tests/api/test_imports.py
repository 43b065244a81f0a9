"""POST /api/v1/imports: the records-system import in one request, with the command line's checks."""

from __future__ import annotations

import copy
import json
from datetime import date

import pytest
import sqlalchemy as sa

from tests.factories import make_team, make_user
from victimcare.api import schemas
from victimcare.cases import rms_import
from victimcare.models import AuditEvent, Case, Victim

CASE = {
    "crime_reference": "GP/26/000123", "offence": "burglary-residential", "domestic_abuse": False, "hate_crime": None,
    "reported_on": "2026-11-20", "offence_date": "2026-11-19", "area": "Newport",
    "victims": [{"role": "primary", "name": "Alys Pritchard", "date_of_birth": "1980-05-01", "factors": ["intimidated"],
                 "preferred_language": "cy", "phone": "01633 000000", "email": "alys@example.org"}],
}


@pytest.fixture(autouse=True)
def fixed_today(monkeypatch):
    monkeypatch.setattr(schemas, "today", lambda: date(2026, 11, 25))


def case(reference="GP/26/000123", **changes):
    data = copy.deepcopy(CASE)
    data.update(crime_reference=reference, **changes)
    return data


def count(db, model) -> int:
    return db.session.scalar(sa.select(sa.func.count()).select_from(model))


def test_a_json_body_creates_the_cases_and_reports_counts(api_as, db):
    officer = make_user("officer")
    response = api_as(officer).post("/api/v1/imports", json={"cases": [case(), case("GP/26/000124")]})
    assert response.status_code == 200, response.json
    assert response.json == {"created": 2, "updated": 0, "unchanged": 0, "skipped": [], "errors": {}}
    assert count(db, Case) == 2 and count(db, Victim) == 2
    summary = db.session.scalar(sa.select(AuditEvent).where(AuditEvent.record_type == "case-import"))
    assert summary.username == officer.username and "created 2" in summary.detail


def test_json_lines_and_csv_bodies_are_taken_by_content_type(api_as, db):
    client = api_as(make_user("officer"))
    lines = json.dumps(case()) + "\n"
    response = client.post("/api/v1/imports", data=lines, content_type="application/x-ndjson")
    assert response.status_code == 200 and response.json["created"] == 1
    header = ",".join(rms_import.CSV_HEADER)
    row = ",".join({"crime_reference": "GP/26/000200", "offence": "theft", "reported_on": "2026-11-20",
                    "offence_date": "2026-11-20", "area": "Torfaen", "victim_name": "Ann Jones"}.get(name, "")
                   for name in rms_import.CSV_HEADER)
    response = client.post("/api/v1/imports", data=f"{header}\n{row}\n", content_type="text/csv")
    assert response.status_code == 200 and response.json["created"] == 1, response.json
    again = client.post("/api/v1/imports", data=lines, content_type="application/x-ndjson")
    assert (again.json["created"], again.json["unchanged"]) == (0, 1)


def test_bad_cases_are_422_by_line_and_field_and_nothing_is_imported(api_as, db):
    client = api_as(make_user("officer"))
    bad = case("GP/26/000124", victims=[{**CASE["victims"][0], "email": "alys"}])
    response = client.post("/api/v1/imports", json={"cases": [case(), bad, case("GP/26/000125", offence="x")]})
    assert response.status_code == 422
    assert response.json["errors"] == {"2": {"victims.0.email": ["Not a valid email address."]},
                                       "3": {"offence": ["Unknown offence code"]}}
    assert count(db, Case) == 0


def test_skip_invalid_imports_the_rest_and_lists_the_skipped(api_as, db):
    client = api_as(make_user("officer"))
    response = client.post("/api/v1/imports?skip_invalid=true",
                           json={"cases": [case(), case("GP/26/000124", area="Narnia")]})
    assert response.status_code == 200
    assert response.json["skipped"] == [{"lines": [2], "crime_reference": "GP/26/000124"}]
    assert response.json["created"] == 1 and list(response.json["errors"]) == ["2"]


def test_a_changed_case_is_updated_and_audited_as_the_tokens_user(api_as, db):
    officer = make_user("officer")
    client = api_as(officer)
    client.post("/api/v1/imports", json={"cases": [case()]})
    response = client.post("/api/v1/imports", json={"cases": [case(area="Torfaen")]})
    assert response.json["updated"] == 1 and count(db, Case) == 1
    alter = db.session.scalar(sa.select(AuditEvent).where(AuditEvent.action == "alter"))
    assert (alter.record_type, alter.username, alter.detail) == ("case", officer.username, "changed area")


@pytest.mark.parametrize("payload, content_type", [
    ("{not json", "application/json"),
    ('{"cases": 3}', "application/json"),
    ('[{"crime_reference": "GP/26/000123"}]', "application/json"),
    ("", "text/csv"),
    ("crime_reference\n", "text/csv"),
    (b"\xff\xfe", "application/x-ndjson"),
])
def test_an_unreadable_body_is_422_naming_what_is_wrong(api_as, db, payload, content_type):
    response = api_as(make_user("officer")).post("/api/v1/imports", data=payload, content_type=content_type)
    assert response.status_code == 422 and response.json["errors"], response.json
    assert count(db, Case) == 0


def test_other_content_types_are_415(api_as, db):
    response = api_as(make_user("officer")).post("/api/v1/imports", data="x", content_type="text/plain")
    assert response.status_code == 415 and response.json["message"]


def test_a_body_over_the_limit_is_413_json(app, api_as, db, monkeypatch):
    monkeypatch.setitem(app.config, "MAX_IMPORT_BYTES", 1000)
    response = api_as(make_user("officer")).post("/api/v1/imports", json={"cases": [case()] * 5})
    assert response.status_code == 413 and response.json == {"message": "The request is too large"}
    assert count(db, Case) == 0


@pytest.mark.parametrize("role, status", [("vcu", 403), ("board", 403), (None, 401)])
def test_those_who_may_not_record_cases_cannot_import_them(api_as, db, role, status):
    client = api_as(make_user(role) if role else None)
    response = client.post("/api/v1/imports", json={"cases": [case()]})
    assert response.status_code == status and count(db, Case) == 0


def test_a_supervisor_imports_only_for_their_team(api_as, db):
    team = make_team("Team A")
    supervisor, officer = make_user("supervisor", team=team), make_user("officer", team=team)
    outsider = make_user("officer", team=make_team("Team B"))
    response = api_as(supervisor).post("/api/v1/imports", json={"cases": [
        case(officer=officer.username), case("GP/26/000124", officer=outsider.username)]})
    assert response.status_code == 422 and list(response.json["errors"]["2"]) == ["officer"]


def test_an_administrator_token_imports_without_reading_cases(api_as, db):
    admin, officer = make_user("admin"), make_user("officer")
    client = api_as(admin)
    response = client.post("/api/v1/imports", json={"cases": [case(officer=officer.username)]})
    assert response.status_code == 200 and response.json["created"] == 1
    assert client.get("/api/v1/cases").status_code == 403


def test_the_openapi_document_describes_the_import(api_as):
    document = api_as().get("/api/v1/openapi.json").json
    operation = document["paths"]["/api/v1/imports"]["post"]
    assert set(operation["requestBody"]["content"]) == {"application/json", "application/x-ndjson", "text/csv"}
    assert {"200", "413", "415", "422"} <= set(operation["responses"])
