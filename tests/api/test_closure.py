"""E and S through the API: closure is refused while anything is owed, and a supervisor decides."""

from __future__ import annotations

from datetime import date

import sqlalchemy as sa

from tests.factories import make_case, make_team, make_user
from victimcare.cases import closure, contracts, updates
from victimcare.models import AuditEvent, Case, ClosureStep


def ready_case(db, officer):
    """A case whose end-of-investigation work is done: what mattered assessed, final update given."""
    case = make_case(officer)
    victim = case.victims[0]
    item = contracts.add_what_matters(victim, category="justice", in_their_words="I want him charged", by=officer)
    closure.assess_what_matters(case, item, outcome="partly-met", explanation="Charged; trial pending", by=officer)
    final = closure.start_final_update(case, victim.id, date.today())
    updates.give_update(final, given_on=date.today(), method="phone", what_was_said="Charged",
                        victims_views="Pleased", progress={}, by=officer)
    db.session.commit()
    return case


def test_closure_is_refused_with_each_blocker_while_work_is_owed(api_as, db):
    officer = make_user("officer")
    case = make_case(officer)
    contracts.add_what_matters(case.victims[0], category="safety", in_their_words="Feel safe", by=officer)
    db.session.commit()
    response = api_as(officer).post(f"/api/v1/cases/{case.id}/closure-request", json={"outcome": "Charged"})
    assert response.status_code == 409
    problems = response.json["errors"]["closure"]
    assert len(problems) >= 2 and all(isinstance(p, str) for p in problems)
    assert db.session.get(Case, case.id).status == "open"


def test_request_then_a_supervisor_approves(api_as, db):
    team = make_team("Team A")
    officer, supervisor = make_user("officer", team=team), make_user("supervisor", team=team)
    case = ready_case(db, officer)
    response = api_as(officer).post(f"/api/v1/cases/{case.id}/closure-request", json={"outcome": "Charged"})
    assert response.status_code == 201, response.json
    assert (response.json["step"], response.json["case_status"]) == ("requested", "closure-requested")
    client = api_as(supervisor)
    assert client.post(f"/api/v1/cases/{case.id}/closure-decision",
                       json={"decision": "return"}).json["errors"] == {
        "actions": ["Enter the actions required before the case can close"]}
    response = client.post(f"/api/v1/cases/{case.id}/closure-decision", json={"decision": "approve"})
    assert response.status_code == 201 and response.json["case_status"] == "closed"
    assert response.json["by"] == supervisor.username
    again = client.post(f"/api/v1/cases/{case.id}/closure-decision", json={"decision": "approve"})
    assert again.status_code == 409 and list(again.json["errors"]) == ["status"]
    assert [s.step for s in db.session.scalars(sa.select(ClosureStep).order_by(ClosureStep.id))] == [
        "requested", "approved"]


def test_a_returned_case_reopens_for_the_officer(api_as, db):
    team = make_team("Team A")
    officer, supervisor = make_user("officer", team=team), make_user("supervisor", team=team)
    case = ready_case(db, officer)
    api_as(officer).post(f"/api/v1/cases/{case.id}/closure-request", json={"outcome": "Charged"})
    response = api_as(supervisor).post(f"/api/v1/cases/{case.id}/closure-decision",
                                       json={"decision": "return", "actions": "Offer a VPS first"})
    assert response.status_code == 201
    assert (response.json["step"], response.json["reason"], response.json["case_status"]) == (
        "returned", "Offer a VPS first", "open")


def test_who_may_decide(api_as, db):
    team = make_team("Team A")
    officer, supervisor = make_user("officer", team=team), make_user("supervisor", team=team)
    case = ready_case(db, officer)
    officer_client = api_as(officer)
    etag = officer_client.get(f"/api/v1/cases/{case.id}").headers["ETag"]
    officer_client.post(f"/api/v1/cases/{case.id}/closure-request", json={"outcome": "Charged"},
                        headers={"If-Match": etag})
    decision = {"decision": "approve"}
    assert officer_client.post(f"/api/v1/cases/{case.id}/closure-decision", json=decision).status_code == 403
    other_team = api_as(make_user("supervisor", team=make_team("Team B")))
    assert other_team.post(f"/api/v1/cases/{case.id}/closure-decision", json=decision).status_code == 404
    stale = api_as(supervisor).post(f"/api/v1/cases/{case.id}/closure-decision", json=decision,
                                    headers={"If-Match": etag})
    assert stale.status_code == 412
    assert db.session.get(Case, case.id).status == "closure-requested"


def test_a_supervisor_does_not_review_their_own_case(api_as, db):
    supervisor = make_user("supervisor")
    case = ready_case(db, supervisor)
    client = api_as(supervisor)
    assert client.post(f"/api/v1/cases/{case.id}/closure-request", json={"outcome": "NFA"}).status_code == 201
    response = client.post(f"/api/v1/cases/{case.id}/closure-decision", json={"decision": "approve"})
    assert response.status_code == 403 and list(response.json["errors"]) == ["decision"]


def test_a_closed_case_is_reopened_with_a_reason(api_as, db):
    team = make_team("Team A")
    officer = make_user("officer", team=team)
    case = make_case(officer, status="closed")
    client = api_as(officer)
    etag = client.get(f"/api/v1/cases/{case.id}").headers["ETag"]
    blank = client.post(f"/api/v1/cases/{case.id}/reopen", json={"reason": "  "})
    assert blank.status_code == 422 and list(blank.json["errors"]) == ["reason"]
    response = client.post(f"/api/v1/cases/{case.id}/reopen", json={"reason": "New evidence"},
                           headers={"If-Match": etag})
    assert response.status_code == 201, response.json
    assert (response.json["step"], response.json["reason"], response.json["case_status"]) == (
        "reopened", "New evidence", "open")
    assert db.session.scalar(sa.select(AuditEvent.detail).where(AuditEvent.case_id == case.id,
                                                                AuditEvent.action == "alter")) == "closure reopened"
    again = client.post(f"/api/v1/cases/{case.id}/reopen", json={"reason": "Again"})
    assert again.status_code == 409 and list(again.json["errors"]) == ["status"]


def test_who_may_reopen(api_as, db):
    team = make_team("Team A")
    officer = make_user("officer", team=team)
    case = make_case(officer, status="closed")
    client = api_as(officer)
    etag = client.get(f"/api/v1/cases/{case.id}").headers["ETag"]
    db.session.get(Case, case.id).area = "Torfaen"  # someone else changes the case meanwhile
    db.session.commit()
    body = {"reason": "New evidence"}
    assert client.post(f"/api/v1/cases/{case.id}/reopen", json=body, headers={"If-Match": etag}).status_code == 412
    assert api_as(make_user("officer", team=team)).post(f"/api/v1/cases/{case.id}/reopen",
                                                        json=body).status_code == 403
    assert api_as(make_user("officer", team=make_team("Team B"))).post(f"/api/v1/cases/{case.id}/reopen",
                                                                      json=body).status_code == 404
    assert api_as(make_user("vcu")).post(f"/api/v1/cases/{case.id}/reopen", json=body).status_code == 403
    db.session.expire_all()  # read what the requests left, not this session's copy
    assert db.session.get(Case, case.id).status == "closed"


def test_the_end_of_the_investigation_done_through_the_api(api_as, db):
    """E without the web: what mattered is assessed item by item and the final update given, then closure is asked."""
    officer = make_user("officer")
    case = make_case(officer)
    victim = case.victims[0]
    client = api_as(officer)
    base = f"/api/v1/cases/{case.id}/victims/{victim.id}"
    item = client.post(f"{base}/what-matters", json={"category": "justice", "in_their_words": "See him charged"})
    assert item.status_code == 201
    blocked = client.post(f"/api/v1/cases/{case.id}/closure-request", json={"outcome": "Charged"})
    assert blocked.status_code == 409

    item_url = f"{base}/what-matters/{item.json['id']}"
    read = client.get(item_url)
    assert read.status_code == 200 and read.json["outcome"] is None
    assessment = {"outcome": "met", "explanation": "Charged with burglary"}
    assessed = client.put(f"{item_url}/assessment", json=assessment, headers={"If-Match": read.headers["ETag"]})
    assert assessed.status_code == 200, assessed.json
    assert (assessed.json["outcome"], assessed.json["outcome_explanation"]) == ("met", "Charged with burglary")
    # An assessment based on the older read is refused, and the first one stands.
    stale = client.put(f"{item_url}/assessment", json={**assessment, "outcome": "not-met"},
                       headers={"If-Match": read.headers["ETag"]})
    assert stale.status_code == 412 and client.get(item_url).json["outcome"] == "met"

    final = client.post(f"{base}/final-update")
    assert final.status_code == 201 and final.json["kind"] == "final" and final.json["given_on"] is None
    assert client.post(f"{base}/final-update").json["id"] == final.json["id"]  # the open one, not a second
    given = client.post(f"/api/v1/cases/{case.id}/updates/{final.json['id']}/given", headers={"If-Match": "*"},
                        json={"given_on": date.today().isoformat(), "method": "phone",
                              "what_was_said": "He has been charged", "victims_views": "Relieved"})
    assert given.status_code == 201, given.json
    requested = client.post(f"/api/v1/cases/{case.id}/closure-request", json={"outcome": "Charged"})
    assert requested.status_code == 201, requested.json
    assert db.session.scalar(sa.select(sa.func.count()).select_from(AuditEvent).where(
        AuditEvent.record_type == "what-matters", AuditEvent.action == "alter")) == 1


def test_bad_end_of_investigation_input_is_refused_by_field(api_as, db):
    officer = make_user("officer")
    case = make_case(officer)
    victim = case.victims[0]
    client = api_as(officer)
    base = f"/api/v1/cases/{case.id}/victims/{victim.id}"
    item_id = client.post(f"{base}/what-matters", json={"category": "safety", "in_their_words": "Feel safe"}).json["id"]
    url = f"{base}/what-matters/{item_id}/assessment"
    for body, field in (({"outcome": "sort-of", "explanation": "x"}, "outcome"),
                        ({"outcome": "met", "explanation": "   "}, "explanation"),
                        ({"outcome": "met"}, "explanation")):
        response = client.put(url, json=body, headers={"If-Match": "*"})
        assert response.status_code == 422 and list(response.json["errors"]) == [field], response.json
    assert client.put(url, json={"outcome": "met", "explanation": "Safe"}).status_code == 428
    other = make_case(make_user("officer", team=make_team("Team B")))
    assert client.post(f"/api/v1/cases/{other.id}/victims/{other.victims[0].id}/final-update").status_code == 404
    assert client.post(f"/api/v1/cases/{case.id}/victims/{other.victims[0].id}/final-update").status_code == 404
    assert api_as(make_user("board")).post(f"{base}/final-update").status_code == 403
