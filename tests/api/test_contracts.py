"""C through the API: the contract (revisions, If-Match) and what matters, in the victim's words."""

from __future__ import annotations

from datetime import date

import pytest
import sqlalchemy as sa

from tests.factories import make_case, make_user
from victimcare.api import schemas
from victimcare.models import Contract, VictimUpdate

CONTRACT = {"agreed_on": "2026-11-03", "wants_updates": True, "methods": ["phone", "email"], "frequency": "weekly",
            "language": "cy", "referral_consent": "given"}


@pytest.fixture(autouse=True)
def fixed_today(monkeypatch):
    monkeypatch.setattr(schemas, "today", lambda: date(2026, 11, 20))


def test_agree_then_revise_the_contract_with_if_match(api_as, db):
    officer = make_user("officer")
    case = make_case(officer)
    client = api_as(officer)
    url = f"/api/v1/cases/{case.id}/victims/{case.victims[0].id}/contract"
    assert client.get(url).status_code == 404
    first = client.request("PUT", url, json=CONTRACT)
    assert first.status_code == 200, first.json
    assert first.json["revision"] == 1 and first.json["methods"] == ["phone", "email"]
    assert client.get(url).headers["ETag"] == first.headers["ETag"]
    # A weekly contract schedules the periodic update, as in the web.
    assert db.session.scalar(sa.select(VictimUpdate.due_on)) == date(2026, 11, 10)
    assert client.request("PUT", url, json={**CONTRACT, "frequency": "fortnightly"}).status_code == 428
    second = client.request("PUT", url, json={**CONTRACT, "frequency": "fortnightly"},
                            headers={"If-Match": first.headers["ETag"]})
    assert second.status_code == 200 and second.json["revision"] == 2
    stale = client.request("PUT", url, json=CONTRACT, headers={"If-Match": first.headers["ETag"]})
    assert stale.status_code == 412
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Contract)) == 2


@pytest.mark.parametrize(("change", "field"), [
    ({"methods": []}, "methods"),
    ({"methods": ["pigeon"]}, "methods.0"),
    ({"methods": ["representative"]}, "representative"),
    ({"frequency": "hourly"}, "frequency"),
    ({"update_within_days": 9}, "update_within_days"),
    ({"update_within_days": "2"}, "update_within_days"),
    ({"agreed_on": "2026-12-01"}, "agreed_on"),
    ({"wants_updates": "yes"}, "wants_updates"),
])
def test_bad_contracts_name_the_field(api_as, db, change, field):
    officer = make_user("officer")
    case = make_case(officer)
    response = api_as(officer).request("PUT", f"/api/v1/cases/{case.id}/victims/{case.victims[0].id}/contract",
                                       json={**CONTRACT, **change})
    assert response.status_code == 422 and list(response.json["errors"]) == [field]


def test_no_updates_wanted_needs_no_method(api_as, db):
    officer = make_user("officer")
    case = make_case(officer)
    response = api_as(officer).request("PUT", f"/api/v1/cases/{case.id}/victims/{case.victims[0].id}/contract",
                                       json={**CONTRACT, "wants_updates": False, "methods": []})
    assert response.status_code == 200 and response.json["methods"] == []


def test_what_matters_in_the_victims_words(api_as, db):
    officer = make_user("officer")
    case = make_case(officer)
    client = api_as(officer)
    base = f"/api/v1/cases/{case.id}/victims/{case.victims[0].id}"
    response = client.post(f"{base}/what-matters", json={"category": "safety", "in_their_words": "Feel safe at home"})
    assert response.status_code == 201 and response.json["category"] == "safety"
    assert client.post(f"{base}/what-matters", json={"category": "fame", "in_their_words": "x"}).status_code == 422
    assert client.post(f"{base}/what-matters", json={"category": "safety", "in_their_words": "  "}).status_code == 422
    client.request("PUT", f"{base}/contract", json=CONTRACT)
    items = client.get(f"{base}/contract").json["what_matters"]
    assert [i["in_their_words"] for i in items] == ["Feel safe at home"]
