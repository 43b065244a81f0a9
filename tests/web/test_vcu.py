"""The Victim Care Unit's queue and follow-ups."""

from __future__ import annotations

from datetime import date, timedelta
from html import unescape

import sqlalchemy as sa

from tests.factories import make_case, make_user
from tests.web.test_query_counts import count_queries
from victimcare.cases import contracts, services
from victimcare.journey.calendar import add_working_days
from victimcare.models import ContactAttempt, FollowUp, SupportOffer
from victimcare.vcu.services import create_follow_up


def today_parts() -> list[str]:
    today = date.today()
    return [str(today.day), str(today.month), str(today.year)]


def queued(officer, **case_kwargs):
    case = make_case(officer, **case_kwargs)
    return case, create_follow_up(case, case.victims[0])


def attempt(browser, item, outcome, **extra):
    return browser.submit(f"/vcu/follow-ups/{item.id}", {
        "action": "attempt", "attempt-attempted_on": today_parts(), "attempt-method": "phone",
        "attempt-outcome": outcome, "attempt-notes": "", "attempt-version": str(extra.get("version", 1)),
    })


def test_adding_a_victim_puts_them_in_the_queue_due_by_the_vcu_timescale(db):
    officer = make_user("officer")
    case = make_case(officer, victims=0, offence="rape", reported_on=date(2026, 11, 20))
    victim = services.add_victim(case, name="Ffion Hughes", role="primary", kind="person")
    item = db.session.scalar(sa.select(FollowUp).where(FollowUp.victim_id == victim.id))
    assert item.enhanced and item.due_on == add_working_days(date(2026, 11, 20), 2)
    assert (item.area, item.offence_category) == ("Newport", "Sexual offences")


def test_queue_lists_enhanced_rights_victims_first_then_by_due_date(browser, db):
    officer = make_user("officer")
    vcu = make_user("vcu")
    standard_old, _ = queued(officer, offence="theft", reported_on=date(2026, 10, 1))
    standard_new, _ = queued(officer, offence="theft", reported_on=date(2026, 11, 1))
    enhanced_new, _ = queued(officer, offence="rape", reported_on=date(2026, 11, 10))
    db.session.commit()
    browser.login(vcu)
    html = browser.get("/vcu/queue").get_data(as_text=True)
    order = [html.index(case.crime_reference) for case in (enhanced_new, standard_old, standard_new)]
    assert order == sorted(order)


def test_queue_filters_by_area_and_assignee(browser, db):
    officer = make_user("officer")
    vcu = make_user("vcu")
    newport, _ = queued(officer, area="Newport")
    torfaen, item = queued(officer, area="Torfaen")
    item.claimed_by_id = vcu.id
    db.session.commit()
    browser.login(vcu)
    html = browser.get("/vcu/queue?area=Torfaen").get_data(as_text=True)
    assert torfaen.crime_reference in html and newport.crime_reference not in html
    html = browser.get("/vcu/queue?assignee=unclaimed").get_data(as_text=True)
    assert newport.crime_reference in html and torfaen.crime_reference not in html


def test_two_workers_cannot_claim_the_same_victim(app, browser, db):
    from tests.conftest import Browser

    officer = make_user("officer")
    first, second = make_user("vcu"), make_user("vcu")
    _, item = queued(officer)
    db.session.commit()
    browser.login(first)
    browser.submit(f"/vcu/follow-ups/{item.id}/claim", {"version": "1"}, page="/vcu/queue")
    other = Browser(app)
    other.login(second)
    response = other.submit(f"/vcu/follow-ups/{item.id}/claim", {"version": "2"}, page="/vcu/queue",
                            follow_redirects=True)
    assert "has already claimed this follow-up" in response.get_data(as_text=True)
    stale = other.submit(f"/vcu/follow-ups/{item.id}/claim", {"version": "1"}, page="/vcu/queue",
                         follow_redirects=True)
    assert "Someone else changed this follow-up" in stale.get_data(as_text=True)
    db.session.expire_all()
    assert db.session.get(FollowUp, item.id).claimed_by_id == first.id


def test_three_unsuccessful_attempts_ask_for_a_letter(browser, db):
    officer = make_user("officer")
    vcu = make_user("vcu")
    case, item = queued(officer)
    contracts.record_contract(case.victims[0], by=officer, agreed_on=date.today(), wants_updates=True,
                              methods="phone", frequency="28-days", may_leave_messages=True, referral_consent="given")
    db.session.commit()
    browser.login(vcu)
    for outcome in ("no-answer", "message-left", "wrong-number"):
        db.session.expire_all()
        version = db.session.get(FollowUp, item.id).version
        assert attempt(browser, item, outcome, version=version).status_code == 302
    db.session.expire_all()
    item = db.session.get(FollowUp, item.id)
    assert item.status == "letter-needed"
    assert "Letter needed" in browser.get("/vcu/queue").get_data(as_text=True)
    response = browser.submit(f"/vcu/follow-ups/{item.id}", {"action": "letter", "letter-sent_on": today_parts(),
                                                            "letter-version": str(item.version)})
    assert response.status_code == 302
    db.session.expire_all()
    assert (db.session.get(FollowUp, item.id).status, db.session.get(FollowUp, item.id).outcome) == (
        "done", "letter-sent")


def test_a_message_is_not_left_where_the_contract_says_not_to(browser, db):
    officer = make_user("officer")
    vcu = make_user("vcu")
    case, item = queued(officer)
    contracts.record_contract(case.victims[0], by=officer, agreed_on=date.today(), wants_updates=True,
                              methods="phone", frequency="28-days", may_leave_messages=False, referral_consent="given")
    db.session.commit()
    browser.login(vcu)
    html = unescape(attempt(browser, item, "message-left").get_data(as_text=True))
    assert "The victim's contract says not to leave messages" in html
    assert db.session.scalar(sa.select(sa.func.count()).select_from(ContactAttempt)) == 0


def test_reaching_the_victim_records_support_offered_and_accepted(browser, db):
    officer = make_user("officer")
    vcu = make_user("vcu")
    _, item = queued(officer)
    db.session.commit()
    browser.login(vcu)
    attempt(browser, item, "reached")
    response = browser.submit(f"/vcu/follow-ups/{item.id}", {
        "action": "reached", "reached-reached_on": today_parts(), "reached-needs": ["emotional", "housing"],
        "reached-accepted": ["emotional"], "reached-notes": "Would like Victim Support to call",
        "reached-version": "2"})
    assert response.status_code == 302
    offers = db.session.execute(sa.select(SupportOffer.need, SupportOffer.accepted).order_by(SupportOffer.id)).all()
    assert offers == [("emotional", True), ("housing", False)]
    db.session.expire_all()
    assert db.session.get(FollowUp, item.id).status == "done"


def test_support_can_be_accepted_only_for_needs_discussed(browser, db):
    officer = make_user("officer")
    vcu = make_user("vcu")
    _, item = queued(officer)
    db.session.commit()
    browser.login(vcu)
    html = browser.submit(f"/vcu/follow-ups/{item.id}", {
        "action": "reached", "reached-reached_on": today_parts(), "reached-needs": ["emotional"],
        "reached-accepted": ["finance"], "reached-version": "1"}).get_data(as_text=True)
    assert "Support can be accepted only for needs that were discussed" in html


def test_officers_cannot_work_the_queue(browser, db):
    officer = make_user("officer")
    _, item = queued(officer)
    db.session.commit()
    browser.login(officer)
    assert browser.get("/vcu/queue").status_code == 403
    assert browser.submit(f"/vcu/follow-ups/{item.id}/claim", {"version": "1"}, page="/").status_code == 403


def test_a_closed_case_leaves_the_queue(browser, db):
    from victimcare.vcu.services import close_for_case

    officer = make_user("officer")
    vcu = make_user("vcu")
    case, item = queued(officer)
    close_for_case(case.id)
    db.session.commit()
    browser.login(vcu)
    assert case.crime_reference not in browser.get("/vcu/queue").get_data(as_text=True)


def test_the_queue_costs_the_same_with_more_cases(browser, db):
    officer = make_user("officer")
    vcu = make_user("vcu")
    for _ in range(2):
        queued(officer, reported_on=date.today() - timedelta(days=3))
    db.session.commit()
    browser.login(vcu)
    browser.get("/vcu/queue")
    with count_queries() as few:
        browser.get("/vcu/queue")
    for _ in range(20):
        queued(officer, reported_on=date.today() - timedelta(days=3))
    db.session.commit()
    with count_queries() as many:
        browser.get("/vcu/queue")
    assert len(few) == len(many)


def test_the_officer_sees_the_vcus_notes_and_support_on_the_case(browser, db):
    from victimcare.vcu import services as vcu_services

    officer = make_user("officer")
    vcu = make_user("vcu")
    case, item = queued(officer)
    vcu_services.record_reached(item, reached_on=date.today(), offers={"emotional": True, "housing": False},
                                notes="Victim Support to call on Monday", by=vcu)
    db.session.commit()
    browser.login(officer)
    html = browser.get(f"/cases/{case.id}").get_data(as_text=True)
    assert "Victim Support to call on Monday" in html
    assert "Emotional wellbeing: accepted" in html and "Housing: declined" in html


def test_vcu_tracks_a_referral_and_does_not_see_the_investigation(browser, db):
    from victimcare.cases import needs, updates
    from victimcare.models import Referral

    officer = make_user("officer")
    vcu = make_user("vcu")
    case, _ = queued(officer)
    victim = case.victims[0]
    referral = needs.make_referral(case, victim, service_code="victim-support", referred_on=date(2026, 11, 3),
                                   by=officer)
    updates.record_event(case, stage="arrested", occurred_on=date(2026, 11, 4), notes="Suspect in custody", by=officer)
    db.session.commit()
    browser.login(vcu)
    page = f"/cases/{case.id}/victims/{victim.id}"
    browser.submit(f"/cases/{case.id}/referrals/{referral.id}", {"status": "service-started",
                                                                   "outcome": "Weekly visits", "version": "1"},
                   page=page)
    db.session.expire_all()
    updated = db.session.get(Referral, referral.id)
    assert (updated.status, updated.outcome) == ("service-started", "Weekly visits")
    case_page = browser.get(f"/cases/{case.id}").get_data(as_text=True)
    assert "Suspect in custody" not in case_page and "Report of investigation" not in case_page
    assert "Suspect arrested" not in browser.get(page).get_data(as_text=True)
