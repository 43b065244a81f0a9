"""Giving a key-stage update through the API, and saying why one is late: the web's rules and audit."""

from __future__ import annotations

from datetime import date

import pytest
import sqlalchemy as sa

from tests.factories import make_case, make_team, make_user
from victimcare.api import schemas
from victimcare.cases import contracts, updates
from victimcare.models import AuditEvent, PlanProgress, VictimUpdate

GIVEN = {"given_on": "2026-11-19", "method": "phone", "what_was_said": "He was arrested and bailed",
         "victims_views": "Relieved"}


@pytest.fixture(autouse=True)
def fixed_today(monkeypatch):
    monkeypatch.setattr(schemas, "today", lambda: date(2026, 11, 20))


def owed(db, officer, stage="arrested", occurred_on=date(2026, 11, 9)):
    """A case with one update owed for `stage` (from 9 November: late by the 20th), and the victim's one
    what-matters item."""
    case = make_case(officer)
    item = contracts.add_what_matters(case.victims[0], category="justice", in_their_words="Catch him", by=officer)
    _, [update] = updates.record_event(case, stage=stage, occurred_on=occurred_on, notes=None, by=officer)
    db.session.commit()
    return case, update, item


def test_an_update_is_given_with_the_etag_and_listed_on_the_case(api_as, db):
    officer = make_user("officer")
    case, update, item = owed(db, officer)
    client = api_as(officer)
    read = client.get(f"/api/v1/cases/{case.id}/updates/{update.id}")
    assert read.status_code == 200 and read.json["given_on"] is None and read.json["stage"] == "arrested"
    response = client.post(f"/api/v1/cases/{case.id}/updates/{update.id}/given", headers={"If-Match": read.headers["ETag"]},
                           json={**GIVEN, "progress": [{"what_matters_id": item.id, "progress": "Arrested"}]})
    assert response.status_code == 201, response.json
    assert (response.json["given_on"], response.json["given_by"], response.json["told_right_to_review"]) == (
        "2026-11-19", officer.username, None)
    assert response.headers["ETag"] != read.headers["ETag"]
    assert db.session.scalar(sa.select(PlanProgress.progress)) == "Arrested"
    assert db.session.scalar(sa.select(AuditEvent.detail).where(AuditEvent.record_type == "update",
                                                                AuditEvent.action == "alter")) == \
        "key-stage update given"
    listed = client.get(f"/api/v1/cases/{case.id}/updates").json["items"]
    assert [(u["id"], u["given_on"], u["what_was_said"]) for u in listed] == [
        (update.id, "2026-11-19", GIVEN["what_was_said"])]
    again = client.post(f"/api/v1/cases/{case.id}/updates/{update.id}/given", headers={"If-Match": "*"}, json=GIVEN)
    assert again.status_code == 409 and list(again.json["errors"]) == ["given_on"]


def test_a_stale_or_missing_if_match_changes_nothing(api_as, db):
    officer = make_user("officer")
    case, update, _ = owed(db, officer)
    client = api_as(officer)
    etag = client.get(f"/api/v1/cases/{case.id}/updates/{update.id}").headers["ETag"]
    late = client.put(f"/api/v1/cases/{case.id}/updates/{update.id}/overdue-reason", headers={"If-Match": etag},
                      json={"reason": "Victim in hospital"})
    assert late.status_code == 200 and late.json["overdue_reason"] == "Victim in hospital"
    url = f"/api/v1/cases/{case.id}/updates/{update.id}/given"
    assert client.post(url, headers={"If-Match": etag}, json=GIVEN).status_code == 412
    assert client.post(url, json=GIVEN).status_code == 428
    db.session.expire_all()  # read what the requests left, not this session's copy
    assert db.session.get(VictimUpdate, update.id).given_at is None


def test_no_further_action_needs_the_right_to_review_answer(api_as, db):
    officer = make_user("officer")
    case, update, _ = owed(db, officer, stage="no-further-action")
    client = api_as(officer)
    url = f"/api/v1/cases/{case.id}/updates/{update.id}/given"
    missing = client.post(url, headers={"If-Match": "*"}, json=GIVEN)
    assert missing.status_code == 422 and list(missing.json["errors"]) == ["told_right_to_review"]
    response = client.post(url, headers={"If-Match": "*"}, json={**GIVEN, "told_right_to_review": True})
    assert response.status_code == 201 and response.json["told_right_to_review"] is True


@pytest.mark.parametrize(("change", "field"), [
    ({"told_right_to_review": True}, "told_right_to_review"),  # asked only about no further action
    ({"method": "pigeon"}, "method"),
    ({"given_on": "2026-11-21"}, "given_on"),
    ({"what_was_said": "  "}, "what_was_said"),
    ({"victims_views": None}, "victims_views"),
    ({"progress": [{"what_matters_id": 999999, "progress": "x"}]}, "progress"),
    ({"progress": [{"what_matters_id": "1", "progress": "x"}]}, "progress.0.what_matters_id"),
    ({"said": "hello"}, "said"),
])
def test_bad_updates_name_the_field_and_give_nothing(api_as, db, change, field):
    officer = make_user("officer")
    case, update, _ = owed(db, officer)
    response = api_as(officer).post(f"/api/v1/cases/{case.id}/updates/{update.id}/given",
                                    headers={"If-Match": "*"}, json={**GIVEN, **change})
    assert response.status_code == 422 and list(response.json["errors"]) == [field], response.json
    db.session.expire_all()  # read what the requests left, not this session's copy
    assert db.session.get(VictimUpdate, update.id).given_at is None


def test_a_reason_only_for_an_update_past_its_day(api_as, db):
    officer = make_user("officer")
    case, update, _ = owed(db, officer, occurred_on=date(2026, 11, 19))  # due 26 November: not late on the 20th
    client = api_as(officer)
    url = f"/api/v1/cases/{case.id}/updates/{update.id}/overdue-reason"
    early = client.put(url, headers={"If-Match": "*"}, json={"reason": "Busy"})
    assert early.status_code == 409 and list(early.json["errors"]) == ["reason"]
    blank = client.put(url, headers={"If-Match": "*"}, json={"reason": " "})
    assert blank.status_code == 422 and list(blank.json["errors"]) == ["reason"]
    db.session.expire_all()  # read what the requests left, not this session's copy
    assert db.session.get(VictimUpdate, update.id).overdue_reason is None


def test_who_may_read_and_give_updates(api_as, db):
    team = make_team("Team A")
    officer = make_user("officer", team=team)
    case, update, _ = owed(db, officer)
    url = f"/api/v1/cases/{case.id}/updates/{update.id}"
    # A teammate reads the case's updates but may not give them; another team does not find the case.
    teammate = api_as(make_user("officer", team=team))
    assert teammate.get(url).status_code == 200
    assert teammate.post(f"{url}/given", headers={"If-Match": "*"}, json=GIVEN).status_code == 403
    assert api_as(make_user("officer", team=make_team("Team B"))).get(url).status_code == 404
    # The Victim Care Unit and the Board see no investigative detail.
    assert api_as(make_user("vcu")).get(f"/api/v1/cases/{case.id}/updates").status_code == 403
    assert api_as(make_user("board")).get(url).status_code == 403
    assert api_as(make_user("supervisor", team=team)).post(f"{url}/given", headers={"If-Match": "*"},
                                                           json=GIVEN).status_code == 201
