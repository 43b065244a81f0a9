"""E and S: no case closes without its end-of-investigation work and a supervisor's review."""

from __future__ import annotations

from datetime import date
from html import unescape

import sqlalchemy as sa

from tests.factories import make_case, make_user
from victimcare.cases import closure, contracts
from victimcare.models import Case, ClosureStep, VictimUpdate, WhatMatters


def day_parts(day: date) -> list[str]:
    return [str(day.day), str(day.month), str(day.year)]


def journey_case(db):
    officer = make_user("officer")
    supervisor = make_user("supervisor", team=officer.team)
    case = make_case(officer)
    victim = case.victims[0]
    item = contracts.add_what_matters(victim, category="justice", in_their_words="I want him charged", by=officer)
    db.session.commit()
    return officer, supervisor, case, victim, item


def finish_end_of_investigation(browser, case, victim, item):
    browser.submit(f"/cases/{case.id}/closure/assess/{item.id}",
                   {f"item{item.id}-outcome": "partly-met", f"item{item.id}-explanation": "Charged; trial pending",
                    f"item{item.id}-version": str(item.version)}, page=f"/cases/{case.id}/closure")
    response = browser.submit(f"/cases/{case.id}/closure/final-update/{victim.id}", {},
                              page=f"/cases/{case.id}/closure")
    update_url = response.headers["Location"]
    update_id = int(update_url.rsplit("/", 1)[1])
    browser.submit(update_url, {"update-given_on": day_parts(date.today()), "update-method": "phone",
                                "update-what_was_said": "Charged with burglary; first hearing set",
                                "update-victims_views": "Pleased", "update-version": "1",
                                "update-submit": "Save update"})
    return update_id


def test_request_closure_says_exactly_what_is_missing(browser, db):
    officer, _, case, victim, item = journey_case(db)
    browser.login(officer)
    page = unescape(browser.get(f"/cases/{case.id}/closure").get_data(as_text=True))
    assert f"Give {victim.name} a final update on the outcome" in page
    assert f"Assess how far 1 thing that mattered to {victim.name} was met" in page
    response = browser.submit(f"/cases/{case.id}/closure/request", {"outcome": "Charged"},
                              page=f"/cases/{case.id}/closure")
    html = unescape(response.get_data(as_text=True))
    assert "The case cannot close yet" in html
    assert db.session.get(Case, case.id).status == "open"


def test_an_assessment_needs_an_outcome_and_an_explanation(browser, db):
    officer, _, case, victim, item = journey_case(db)
    browser.login(officer)
    html = browser.submit(f"/cases/{case.id}/closure/assess/{item.id}",
                          {f"item{item.id}-outcome": "", f"item{item.id}-explanation": "",
                           f"item{item.id}-version": str(item.version)}, page=f"/cases/{case.id}/closure"
                          ).get_data(as_text=True)
    assert "Select how far it was met" in html
    assert "Explain the assessment" in html


def test_whole_closure_approved_by_a_supervisor(browser, db, app):
    from tests.conftest import Browser

    officer, supervisor, case, victim, item = journey_case(db)
    browser.login(officer)
    finish_end_of_investigation(browser, case, victim, item)
    response = browser.submit(f"/cases/{case.id}/closure/request", {"outcome": "Suspect charged"},
                              page=f"/cases/{case.id}/closure")
    assert response.status_code == 302
    db.session.expire_all()
    assert db.session.get(Case, case.id).status == "closure-requested"
    assert db.session.get(WhatMatters, item.id).outcome == "partly-met"

    reviewer = Browser(app)
    reviewer.login(supervisor)
    assert case.crime_reference in reviewer.get("/").get_data(as_text=True)  # on their review list
    response = reviewer.submit(f"/cases/{case.id}/review", {"decision": "approve", "actions": ""})
    assert response.status_code == 302
    db.session.expire_all()
    closed = db.session.get(Case, case.id)
    assert (closed.status, closed.closed_on) == ("closed", date.today())
    steps = db.session.scalars(sa.select(ClosureStep.step).order_by(ClosureStep.id)).all()
    assert steps == ["requested", "approved"]


def test_a_returned_case_reopens_with_the_actions_shown_to_the_officer(browser, db, app):
    from tests.conftest import Browser

    officer, supervisor, case, victim, item = journey_case(db)
    browser.login(officer)
    finish_end_of_investigation(browser, case, victim, item)
    browser.submit(f"/cases/{case.id}/closure/request", {"outcome": "NFA"}, page=f"/cases/{case.id}/closure")
    reviewer = Browser(app)
    reviewer.login(supervisor)
    html = reviewer.submit(f"/cases/{case.id}/review", {"decision": "return", "actions": ""}).get_data(as_text=True)
    assert "Enter the actions required before the case can close" in html
    reviewer.submit(f"/cases/{case.id}/review", {"decision": "return", "actions": "Tell the victim about VRR"})
    db.session.expire_all()
    assert db.session.get(Case, case.id).status == "open"
    page = browser.get(f"/cases/{case.id}").get_data(as_text=True)
    assert "Tell the victim about VRR" in page


def test_nobody_reviews_a_case_they_are_officer_in_the_case_for(browser, db):
    supervisor = make_user("supervisor")
    case = make_case(supervisor, status="closure-requested")
    db.session.commit()
    browser.login(supervisor)
    html = browser.get(f"/cases/{case.id}/review").get_data(as_text=True)
    assert "Another supervisor must review it" in html
    browser.submit(f"/cases/{case.id}/review", {"decision": "approve"})
    assert db.session.get(Case, case.id).status == "closure-requested"


def test_a_supervisor_from_another_team_cannot_review(browser, db):
    from tests.factories import make_team

    officer = make_user("officer")
    outsider = make_user("supervisor", team=make_team("Team Z"))
    case = make_case(officer, status="closure-requested")
    db.session.commit()
    browser.login(outsider)
    assert browser.get(f"/cases/{case.id}/review").status_code == 404


def test_a_closed_case_reopens_with_a_reason_and_keeps_its_history(browser, db):
    officer = make_user("officer")
    case = make_case(officer, status="closed")
    db.session.commit()
    browser.login(officer)
    html = browser.submit(f"/cases/{case.id}/reopen", {"reason": ""}).get_data(as_text=True)
    assert "Enter why the case is being reopened" in html
    browser.submit(f"/cases/{case.id}/reopen", {"reason": "New witness came forward"})
    db.session.expire_all()
    assert db.session.get(Case, case.id).status == "open"
    assert db.session.scalar(sa.select(ClosureStep.reason)) == "New witness came forward"


def test_final_update_counts_only_once_given(browser, db):
    officer, _, case, victim, _ = journey_case(db)
    browser.login(officer)
    browser.submit(f"/cases/{case.id}/closure/final-update/{victim.id}", {}, page=f"/cases/{case.id}/closure")
    browser.submit(f"/cases/{case.id}/closure/final-update/{victim.id}", {}, page=f"/cases/{case.id}/closure")
    assert db.session.scalar(sa.select(sa.func.count()).select_from(VictimUpdate)
                             .where(VictimUpdate.kind == "final")) == 1
    assert "final update on the outcome" in browser.get(f"/cases/{case.id}/closure").get_data(as_text=True)


def test_a_closed_case_is_read_only_until_reopened(browser, db):
    officer = make_user("officer")
    case = make_case(officer, status="closed")
    db.session.commit()
    browser.login(officer)
    page = browser.get(f"/cases/{case.id}").get_data(as_text=True)
    assert "Record a key stage" not in page and "Reopen the case" in page
    assert browser.get(f"/cases/{case.id}/events/new").status_code == 403
    assert browser.get(f"/cases/{case.id}/edit").status_code == 403


def test_approval_drops_regular_updates_no_longer_owed(browser, db):
    officer, supervisor, case, victim, item = journey_case(db)
    contracts.record_contract(victim, by=officer, agreed_on=date.today(), wants_updates=True, methods="phone",
                              frequency="weekly", referral_consent="given")
    db.session.commit()
    browser.login(officer)
    finish_end_of_investigation(browser, case, victim, item)
    browser.submit(f"/cases/{case.id}/closure/request", {"outcome": "Charged"}, page=f"/cases/{case.id}/closure")
    db.session.expire_all()
    closure.approve(db.session.get(Case, case.id), by=supervisor, today=date.today())
    db.session.commit()
    open_periodic = db.session.scalar(sa.select(sa.func.count()).select_from(VictimUpdate).where(
        VictimUpdate.kind == "periodic", VictimUpdate.given_at.is_(None)))
    assert open_periodic == 0
