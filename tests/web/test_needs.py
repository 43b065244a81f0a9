"""A: needs assessments with history, and referrals under the Code's consent rules."""

from __future__ import annotations

from datetime import date, timedelta
from html import unescape

import sqlalchemy as sa

from tests.factories import make_case, make_user
from victimcare.cases import contracts
from victimcare.models import NeedsAssessment, Referral


def day_parts(day: date) -> list[str]:
    return [str(day.day), str(day.month), str(day.year)]


def needs_form(**overrides):
    data = {"assessed_on": day_parts(date.today()), "risk": "medium", "vulnerability_notes": "Lives alone",
            "support_needs": ["emotional", "safety"], "special_measures": ["screens"], "vps": "taken",
            "vps_offered_on": day_parts(date.today()), "notes": ""}
    data.update(overrides)
    return data


def agree_contract(victim, officer, consent):
    contracts.record_contract(victim, by=officer, agreed_on=date.today(), wants_updates=True, methods="phone",
                              frequency="28-days", referral_consent=consent)


def test_a_needs_assessment_is_recorded_and_a_review_keeps_the_first(browser, db):
    officer = make_user("officer")
    case = make_case(officer)
    victim = case.victims[0]
    db.session.commit()
    browser.login(officer)
    url = f"/cases/{case.id}/victims/{victim.id}/needs"
    assert browser.submit(url, needs_form()).status_code == 302
    assert browser.submit(url, needs_form(risk="high")).status_code == 302
    rows = db.session.execute(sa.select(NeedsAssessment.risk, NeedsAssessment.support_needs)
                              .order_by(NeedsAssessment.id)).all()
    assert rows == [("medium", "emotional,safety"), ("high", "emotional,safety")]
    page = browser.get(f"/cases/{case.id}/victims/{victim.id}").get_data(as_text=True)
    assert "High" in page and "Screens" in page and "(1 earlier)" in page


def test_a_vps_offered_needs_its_date(browser, db):
    officer = make_user("officer")
    case = make_case(officer)
    db.session.commit()
    browser.login(officer)
    html = browser.submit(f"/cases/{case.id}/victims/{case.victims[0].id}/needs",
                          needs_form(vps_offered_on=["", "", ""], risk="")).get_data(as_text=True)
    assert "Enter the date the VPS was offered" in html
    assert "Select the level of risk" in html


def test_a_burglary_victim_is_referred_unless_they_opted_out(browser, db):
    officer = make_user("officer")
    case = make_case(officer, offence="burglary-residential")
    victim = case.victims[0]
    db.session.commit()
    browser.login(officer)
    response = browser.submit(f"/cases/{case.id}/victims/{victim.id}/referrals",
                              {"service": "victim-support", "referred_on": day_parts(date.today())})
    assert response.status_code == 302
    assert db.session.scalar(sa.select(Referral.consent)) == "automatic"


def test_a_sexual_offence_victim_is_referred_only_with_explicit_consent(browser, db):
    officer = make_user("officer")
    case = make_case(officer, offence="sexual-assault")
    victim = case.victims[0]
    db.session.commit()
    browser.login(officer)
    url = f"/cases/{case.id}/victims/{victim.id}/referrals"
    html = unescape(browser.submit(url, {"service": "new-pathways", "referred_on": day_parts(date.today())}
                                   ).get_data(as_text=True))
    assert "only with their explicit consent" in html
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Referral)) == 0
    agree_contract(db.session.merge(victim), officer, "given")
    db.session.commit()
    assert browser.submit(url, {"service": "new-pathways", "referred_on": day_parts(date.today())}).status_code == 302


def test_a_refusal_is_recorded_and_is_not_a_failure(browser, db):
    officer = make_user("officer")
    case = make_case(officer, offence="theft", reported_on=date.today() - timedelta(days=20))
    victim = case.victims[0]
    agree_contract(victim, officer, "refused")
    db.session.commit()
    browser.login(officer)
    html = unescape(browser.submit(f"/cases/{case.id}/victims/{victim.id}/referrals",
                                   {"service": "victim-support", "referred_on": day_parts(date.today())}
                                   ).get_data(as_text=True))
    assert "does not want to be referred" in html
    page = browser.get(f"/cases/{case.id}/victims/{victim.id}").get_data(as_text=True)
    assert "Victim declined referral" in page
    assert "Overdue" not in page.split('id="needs"')[1].split('id="updates"')[0]


def test_a_referral_not_made_within_two_working_days_shows_overdue(browser, db):
    officer = make_user("officer")
    case = make_case(officer, reported_on=date.today() - timedelta(days=10))
    db.session.commit()
    browser.login(officer)
    page = browser.get(f"/cases/{case.id}/victims/{case.victims[0].id}").get_data(as_text=True)
    assert "Overdue" in page.split('id="needs"')[1].split('id="updates"')[0]


def test_referral_to_an_unknown_service_is_refused(browser, db):
    officer = make_user("officer")
    case = make_case(officer)
    db.session.commit()
    browser.login(officer)
    html = browser.submit(f"/cases/{case.id}/victims/{case.victims[0].id}/referrals",
                          {"service": "acme-support", "referred_on": day_parts(date.today())}).get_data(as_text=True)
    assert "Not a valid choice" in html
