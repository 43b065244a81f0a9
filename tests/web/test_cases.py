"""Recording a case and its victims in the browser."""

from __future__ import annotations

from datetime import date, timedelta
from html import unescape

import sqlalchemy as sa

from tests.factories import make_case, make_team, make_user
from victimcare.models import AuditEvent, Case, EnhancedGround, Victim


def case_form(**overrides):
    data = {"crime_reference": "gp/26/012345", "offence": "burglary-residential", "domestic_abuse": "no",
            "hate_crime": "", "reported_on": ["20", "11", "2026"], "offence_from": ["19", "11", "2026"],
            "offence_to": ["", "", ""], "area": "Newport"}
    data.update(overrides)
    return data


def victim_form(**overrides):
    data = {"role": "primary", "kind": "person", "name": "Alys Pritchard", "contact_name": "",
            "relationship_to_primary": "", "date_of_birth": ["1", "5", "1980"], "address": "1 Stow Hill, Newport",
            "phone": "01633 000000", "email": "alys@example.org", "preferred_language": "cy", "other_language": "",
            "interpreter_needed": "no", "communication_needs": "", "declines_intimidated": "no"}
    data.update(overrides)
    return data


def test_officer_records_a_case_and_is_its_officer(browser, db):
    officer = make_user("officer")
    db.session.commit()
    browser.login(officer)
    response = browser.submit("/cases/new", {**case_form(), "officer": officer.id})
    assert response.status_code == 302
    case = db.session.scalar(sa.select(Case))
    assert case.crime_reference == "GP/26/012345"
    assert (case.officer_id, case.team_id) == (officer.id, officer.team_id)
    assert response.headers["Location"] == f"/cases/{case.id}/victims/new"
    assert db.session.scalar(sa.select(AuditEvent.action).where(AuditEvent.record_type == "case")) == "collect"


def test_bad_case_details_are_explained_by_each_field_and_kept(browser, db):
    officer = make_user("officer")
    db.session.commit()
    browser.login(officer)
    future = date.today() + timedelta(days=3)
    html = browser.submit("/cases/new", {**case_form(
        crime_reference="12345", offence="", area="",
        reported_on=[str(future.day), str(future.month), str(future.year)],
        offence_from=["30", "2", "2026"]), "officer": officer.id}).get_data(as_text=True)
    assert "Crime reference must be like GP/26/012345" in html
    assert "Select the offence" in html
    assert "Select the area" in html
    assert "Date reported must be today or in the past" in html
    assert "Date of the offence must be a real date" in html
    assert 'value="12345"' in html
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Case)) == 0


def test_an_unknown_offence_is_refused(browser, db):
    officer = make_user("officer")
    db.session.commit()
    browser.login(officer)
    html = browser.submit("/cases/new", {**case_form(offence="jaywalking"), "officer": officer.id}
                          ).get_data(as_text=True)
    assert "Not a valid choice" in html
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Case)) == 0


def test_offence_after_the_report_is_refused(browser, db):
    officer = make_user("officer")
    db.session.commit()
    browser.login(officer)
    html = browser.submit("/cases/new", {**case_form(offence_from=["21", "11", "2026"]), "officer": officer.id}
                          ).get_data(as_text=True)
    assert "Date of the offence must be on or before the date reported" in html


def test_a_duplicate_crime_reference_is_refused_by_the_field(browser, db):
    officer = make_user("officer")
    existing = make_case(officer)
    db.session.commit()
    browser.login(officer)
    html = browser.submit("/cases/new", {**case_form(crime_reference=existing.crime_reference),
                                         "officer": officer.id}).get_data(as_text=True)
    assert f"A case with crime reference {existing.crime_reference} already exists" in html


def test_an_officer_cannot_record_a_case_for_someone_else(browser, db):
    officer = make_user("officer")
    colleague = make_user("officer")
    db.session.commit()
    browser.login(officer)
    html = browser.submit("/cases/new", {**case_form(), "officer": colleague.id}).get_data(as_text=True)
    assert "Not a valid choice" in html


def test_a_supervisor_gives_a_case_to_an_officer_in_their_team(browser, db):
    team = make_team("Team A")
    supervisor = make_user("supervisor", team=team)
    officer = make_user("officer", team=team)
    db.session.commit()
    browser.login(supervisor)
    assert browser.submit("/cases/new", {**case_form(), "officer": officer.id}).status_code == 302
    assert db.session.scalar(sa.select(Case.officer_id)) == officer.id


def test_controlling_behaviour_is_always_domestic_abuse(browser, db):
    officer = make_user("officer")
    db.session.commit()
    browser.login(officer)
    browser.submit("/cases/new", {**case_form(offence="controlling-behaviour", domestic_abuse="no"),
                                  "officer": officer.id})
    assert db.session.scalar(sa.select(Case.domestic_abuse)) is True


def test_adding_a_victim_derives_enhanced_rights_with_reasons(browser, db):
    officer = make_user("officer")
    case = make_case(officer, victims=0, offence="assault-without-injury", domestic_abuse=True)
    db.session.commit()
    browser.login(officer)
    response = browser.submit(f"/cases/{case.id}/victims/new", victim_form(factors=["vulnerable"]))
    assert response.status_code == 302
    victim = db.session.scalar(sa.select(Victim))
    assert victim.enhanced_rights
    assert victim.enhanced_reason_codes == ["domestic-abuse", "vulnerable", "intimidated"]
    assert victim.preferred_language == "cy"
    html = browser.get(f"/cases/{case.id}").get_data(as_text=True)
    assert "Enhanced rights" in html and "Vulnerable" in html and "Domestic abuse" in html


def test_a_child_victim_has_enhanced_rights_for_being_under_18(browser, db):
    officer = make_user("officer")
    case = make_case(officer, victims=0, offence="theft", reported_on=date(2026, 11, 2))
    db.session.commit()
    browser.login(officer)
    browser.submit(f"/cases/{case.id}/victims/new", victim_form(date_of_birth=["3", "11", "2008"]))
    assert db.session.scalar(sa.select(Victim.enhanced_reasons)) == "under-18"


def test_bad_victim_details_are_explained(browser, db):
    officer = make_user("officer")
    case = make_case(officer, victims=0, reported_on=date(2026, 11, 2))
    db.session.commit()
    browser.login(officer)
    html = browser.submit(f"/cases/{case.id}/victims/new", victim_form(
        name="", date_of_birth=["3", "11", "2026"], email="not-an-email", kind="business",
        preferred_language="other", other_language="Polish!")).get_data(as_text=True)
    html = unescape(html)
    assert "Enter the victim's name" in html
    assert "Date of birth must be before the date of the offence" in html
    assert "Enter an email address like name@example.org" in html
    assert "Enter the business's named point of contact" in html
    assert "Enter the language as a two-letter code" in html
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Victim)) == 0


def test_a_business_victim_has_a_point_of_contact_and_no_enhanced_rights(browser, db):
    officer = make_user("officer")
    case = make_case(officer, victims=0, offence="wounding-with-intent")
    db.session.commit()
    browser.login(officer)
    browser.submit(f"/cases/{case.id}/victims/new", victim_form(kind="business", name="Stow Hill Stores Ltd",
                                                                contact_name="Dai Jones"))
    victim = db.session.scalar(sa.select(Victim))
    assert (victim.contact_name, victim.enhanced_rights, victim.date_of_birth) == ("Dai Jones", False, None)


def test_two_people_editing_one_victim_the_second_is_told_and_keeps_their_input(browser, db, app):
    from tests.conftest import Browser

    officer = make_user("officer")
    supervisor = make_user("supervisor", team=officer.team)
    case = make_case(officer)
    victim = case.victims[0]
    db.session.commit()
    first, second = Browser(app), Browser(app)
    first.login(officer)
    second.login(supervisor)
    url = f"/cases/{case.id}/victims/{victim.id}/edit"
    seen_version = victim.version
    assert first.submit(url, victim_form(name="First Editor", version=seen_version)).status_code == 302
    response = second.submit(url, victim_form(name="Second Editor", version=seen_version))
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "Someone else changed this record" in html
    assert 'value="Second Editor"' in html
    db.session.expire_all()
    assert db.session.get(Victim, victim.id).name == "First Editor"


def test_a_teammate_can_read_but_not_change_a_case(browser, db):
    officer = make_user("officer")
    teammate = make_user("officer", team=officer.team)
    case = make_case(officer)
    db.session.commit()
    browser.login(teammate)
    assert browser.get(f"/cases/{case.id}").status_code == 200
    assert "Change case details" not in browser.get(f"/cases/{case.id}").get_data(as_text=True)
    assert browser.submit(f"/cases/{case.id}/edit", case_form(), page="/").status_code == 403


def test_manual_ground_is_kept_when_eligibility_is_recomputed(db):
    from victimcare.cases import services

    officer = make_user("officer")
    case = make_case(officer, offence="theft")
    victim = case.victims[0]
    services.add_enhanced_ground(victim, reason="vulnerable", note="Officer's assessment at scene", by=officer)
    services.update_victim(victim, name="Renamed")
    assert victim.enhanced_reason_codes == ["vulnerable"]
    assert db.session.scalar(sa.select(EnhancedGround.note)) == "Officer's assessment at scene"


def test_removing_an_enhanced_rights_ground_needs_a_reason(browser, db):
    officer = make_user("officer")
    case = make_case(officer, victims=0, offence="theft")
    db.session.commit()
    browser.login(officer)
    browser.submit(f"/cases/{case.id}/victims/new", victim_form(factors=["vulnerable"]))
    victim = db.session.scalar(sa.select(Victim))
    url = f"/cases/{case.id}/victims/{victim.id}/edit"
    html = unescape(browser.submit(url, victim_form(version=victim.version)).get_data(as_text=True))
    assert "removes the victim's enhanced-rights grounds (Vulnerable)" in html
    db.session.expire_all()
    assert db.session.get(Victim, victim.id).enhanced_rights is True
    response = browser.submit(url, victim_form(version=victim.version,
                                               grounds_change_reason="Assessed by the VCU: not vulnerable"))
    assert response.status_code == 302
    db.session.expire_all()
    assert db.session.get(Victim, victim.id).enhanced_rights is False
    from victimcare.models import AuditEvent
    details = db.session.scalars(sa.select(AuditEvent.detail).where(AuditEvent.record_type == "victim")).all()
    assert any("grounds removed (vulnerable): Assessed by the VCU" in (d or "") for d in details)


def test_an_officer_adds_a_ground_with_a_reason(browser, db):
    officer = make_user("officer")
    case = make_case(officer, offence="theft")
    victim = case.victims[0]
    db.session.commit()
    browser.login(officer)
    page = f"/cases/{case.id}/victims/{victim.id}"
    browser.submit(f"{page}/grounds", {"reason": "persistently-targeted", "note": ""}, page=page)
    db.session.expire_all()
    assert db.session.get(Victim, victim.id).enhanced_rights is False  # no reason given: nothing added
    browser.submit(f"{page}/grounds", {"reason": "persistently-targeted", "note": "Third burglary this year"},
                   page=page)
    db.session.expire_all()
    assert db.session.get(Victim, victim.id).enhanced_reason_codes == ["persistently-targeted"]
    assert "Third burglary this year" in browser.get(page).get_data(as_text=True)


def test_written_acknowledgement_is_recorded_against_its_deadline(browser, db):
    officer = make_user("officer")
    case = make_case(officer, reported_on=date.today() - timedelta(days=30))
    victim = case.victims[0]
    db.session.commit()
    browser.login(officer)
    page = f"/cases/{case.id}/victims/{victim.id}"
    assert "Overdue" in browser.get(page).get_data(as_text=True).split("Right 3")[1].split("C – Contract")[0]
    today = date.today()
    browser.submit(f"{page}/acknowledgement", {"sent_on": [str(today.day), str(today.month), str(today.year)]},
                   page=page)
    db.session.expire_all()
    assert db.session.get(Victim, victim.id).acknowledged_on == today
    assert "Late" in browser.get(page).get_data(as_text=True).split("Right 3")[1].split("C – Contract")[0]
