"""Victims' feedback: by phone, imported from the survey, and service recovery when dissatisfied."""

from __future__ import annotations

import io
from datetime import date

import sqlalchemy as sa

from tests.factories import make_case, make_user
from victimcare.cases import needs
from victimcare.models import AgencyImpact, Feedback, ServiceRecovery

HEADER = "crime_reference,victim_id,surveyed_on,ease_of_contact,actions_taken,kept_informed,treatment,whole_experience,comments"


def today_parts() -> list[str]:
    today = date.today()
    return [str(today.day), str(today.month), str(today.year)]


def test_vcu_records_feedback_with_partner_agency_impact(browser, db):
    officer = make_user("officer")
    vcu = make_user("vcu")
    case = make_case(officer)
    victim = case.victims[0]
    needs.make_referral(case, victim, service_code="victim-support", referred_on=date(2026, 11, 3), by=officer)
    db.session.commit()
    browser.login(vcu)
    url = f"/vcu/victims/{victim.id}/feedback"
    response = browser.submit(url, {"stage": "initial", "surveyed_on": today_parts(), "ease_of_contact": "2",
                                    "actions_taken": "3", "kept_informed": "", "treatment": "1",
                                    "whole_experience": "2", "comments": "Helpful", "consent_to_use": "y",
                                    "impact-victim-support": "positive",
                                    "impact-comment-victim-support": "Called me the next day"})
    assert response.status_code == 302
    feedback = db.session.scalar(sa.select(Feedback))
    assert (feedback.ease_of_contact, feedback.kept_informed, feedback.consent_to_use) == (2, None, True)
    impact = db.session.scalar(sa.select(AgencyImpact))
    assert (impact.service_code, impact.impact, impact.comment) == ("victim-support", "positive",
                                                                    "Called me the next day")
    assert db.session.scalar(sa.select(sa.func.count()).select_from(ServiceRecovery)) == 0


def test_a_dissatisfied_victim_raises_service_recovery_for_the_supervisor(app, browser, db):
    from tests.conftest import Browser

    officer = make_user("officer")
    supervisor = make_user("supervisor", team=officer.team)
    vcu = make_user("vcu")
    case = make_case(officer)
    db.session.commit()
    browser.login(vcu)
    browser.submit(f"/vcu/victims/{case.victims[0].id}/feedback", {
        "stage": "key-stage", "surveyed_on": today_parts(), "kept_informed": "6", "comments": "Nobody rang me"})
    recovery = db.session.scalar(sa.select(ServiceRecovery))
    assert recovery.team_id == officer.team_id and recovery.status == "open"
    sup = Browser(app)
    sup.login(supervisor)
    listing = sup.get("/service-recovery").get_data(as_text=True)
    assert case.crime_reference in listing and "Kept informed (very dissatisfied)" in listing
    html = sup.submit(f"/service-recovery/{recovery.id}", {"what_was_done": "", "lessons_learnt": ""}
                      ).get_data(as_text=True)
    assert "Enter what was done" in html and "Enter what was learnt" in html
    assert "Select what the lesson was mostly about" in html
    sup.submit(f"/service-recovery/{recovery.id}", {"what_was_done": "Apologised; weekly calls agreed",
                                                    "lessons_learnt": "Check contracts at shift handover",
                                                    "lesson_theme": "communication"})
    db.session.expire_all()
    done = db.session.get(ServiceRecovery, recovery.id)
    assert done.status == "done" and done.lesson_theme == "communication"


def test_an_out_of_range_answer_is_refused_by_the_field(browser, db):
    officer = make_user("officer")
    vcu = make_user("vcu")
    case = make_case(officer)
    db.session.commit()
    browser.login(vcu)
    html = browser.submit(f"/vcu/victims/{case.victims[0].id}/feedback", {
        "stage": "", "surveyed_on": today_parts(), "treatment": "9"}).get_data(as_text=True)
    assert "Select when the feedback was given" in html and "Not a valid choice" in html
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Feedback)) == 0


def import_via_page(browser, text: str, skip_invalid: bool = False):
    data = {"file": (io.BytesIO(text.encode()), "survey.csv")}
    if skip_invalid:
        data["skip_invalid"] = "y"
    return browser.submit("/vcu/feedback/import", data, content_type="multipart/form-data")


def test_a_bad_file_is_rejected_with_row_errors_and_nothing_imported(browser, db):
    officer = make_user("officer")
    vcu = make_user("vcu")
    case = make_case(officer)
    victim = case.victims[0]
    db.session.commit()
    text = "\n".join([
        HEADER,
        f"{case.crime_reference},{victim.id},2026-11-01,1,2,3,4,5,fine",
        f"GP/26/999999,{victim.id},2026-11-01,1,2,3,4,5,",
        f"{case.crime_reference},{victim.id},2026-11-02,1,2,9,4,5,",
        f"{case.crime_reference},{victim.id},2026-11-01,1,2,3,4,5,again",
    ])
    browser.login(vcu)
    html = import_via_page(browser, text).get_data(as_text=True)
    assert "line 3: crime_reference: GP/26/999999 is not a known case" in html
    assert "line 4: kept_informed: &#39;9&#39; is not an answer from 1 to 7" in html
    assert "line 5: duplicate: the same victim and survey date as line 2" in html
    assert "nothing was imported" in html
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Feedback)) == 0
    html = import_via_page(browser, text, skip_invalid=True).get_data(as_text=True)
    assert "Imported 1 row; 0 already imported; skipped 3 (lines 3, 4, 5)" in html
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Feedback)) == 1


def test_the_cli_imports_a_good_file_once(app, db, tmp_path):
    officer = make_user("officer")
    case = make_case(officer, victims=2)
    first, second = case.victims
    db.session.commit()
    path = tmp_path / "survey.csv"
    path.write_text("\n".join([HEADER, f"{case.crime_reference},{first.id},2026-10-01,1,1,2,1,1,Great",
                               f"{case.crime_reference},{second.id},2026-10-01,3,4,5,3,4,"]))
    runner = app.test_cli_runner()
    result = runner.invoke(args=["import", "feedback", str(path)])
    assert result.exit_code == 0, result.output
    assert "Imported 2 row(s); 0 already imported and unchanged; skipped 0 row(s)." in result.output
    assert db.session.scalar(sa.select(sa.func.count()).select_from(ServiceRecovery)) == 1  # kept informed: 5
    again = runner.invoke(args=["import", "feedback", str(path)])
    assert "Imported 0 row(s); 2 already imported and unchanged" in again.output
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Feedback)) == 2


def test_the_cli_refuses_a_file_with_errors(app, db, tmp_path):
    path = tmp_path / "bad.csv"
    path.write_text("crime_reference,wrong,header\n")
    result = app.test_cli_runner().invoke(args=["import", "feedback", str(path)])
    assert result.exit_code != 0
    assert "the header must be crime_reference,victim_id" in result.output
