"""C and R in the browser: contract, what matters, key stages, updates due and given."""

from __future__ import annotations

from datetime import date, timedelta
from html import unescape

import sqlalchemy as sa

from tests.factories import make_case, make_user
from victimcare.journey.calendar import add_working_days
from victimcare.models import Contract, PlanProgress, VictimUpdate, WhatMatters


def contract_form(**overrides):
    today = date.today()
    data = {"agreed_on": [str(today.day), str(today.month), str(today.year)], "wants_updates": "yes",
            "methods": ["phone"], "frequency": "fortnightly", "update_within_days": "", "good_times": "Evenings",
            "may_leave_messages": "no", "representative": "", "language": "en", "interpreter_needed": "no",
            "referral_consent": "given", "version": "0"}
    data.update(overrides)
    return data


def day_parts(day: date) -> list[str]:
    return [str(day.day), str(day.month), str(day.year)]


def setup_case(db, **kwargs):
    officer = make_user("officer")
    case = make_case(officer, **kwargs)
    db.session.commit()
    return officer, case, case.victims[0]


def test_agreeing_a_contract_schedules_the_first_regular_update(browser, db):
    officer, case, victim = setup_case(db)
    browser.login(officer)
    url = f"/cases/{case.id}/victims/{victim.id}/contract"
    assert browser.submit(url, contract_form()).status_code == 302
    contract = db.session.scalar(sa.select(Contract))
    assert (contract.revision, contract.frequency, contract.method_codes) == (1, "fortnightly", ["phone"])
    periodic = db.session.scalar(sa.select(VictimUpdate).where(VictimUpdate.kind == "periodic"))
    assert periodic.due_on >= date.today() + timedelta(days=14)


def test_revising_the_contract_keeps_its_history(browser, db):
    officer, case, victim = setup_case(db)
    browser.login(officer)
    url = f"/cases/{case.id}/victims/{victim.id}/contract"
    browser.submit(url, contract_form())
    browser.submit(url, contract_form(frequency="weekly", version="1"))
    revisions = db.session.execute(sa.select(Contract.revision, Contract.frequency).order_by(Contract.revision)).all()
    assert revisions == [(1, "fortnightly"), (2, "weekly")]
    assert "Earlier revisions (1)" in browser.get(f"/cases/{case.id}/victims/{victim.id}").get_data(as_text=True)


def test_a_stale_contract_form_is_not_saved_over_a_newer_revision(browser, db):
    officer, case, victim = setup_case(db)
    browser.login(officer)
    url = f"/cases/{case.id}/victims/{victim.id}/contract"
    browser.submit(url, contract_form())
    html = browser.submit(url, contract_form(frequency="weekly", version="0")).get_data(as_text=True)
    assert "Someone else changed this contract" in html
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Contract)) == 1


def test_no_updates_wanted_is_recorded_as_the_victims_choice_and_nothing_falls_due(browser, db):
    officer, case, victim = setup_case(db)
    browser.login(officer)
    browser.submit(f"/cases/{case.id}/victims/{victim.id}/contract", contract_form(wants_updates="no", methods=[]))
    browser.submit(f"/cases/{case.id}/events/new", {"stage": "arrested", "occurred_on": day_parts(date.today()),
                                                    "notes": ""})
    assert db.session.scalar(sa.select(sa.func.count()).select_from(VictimUpdate)) == 0
    page = browser.get(f"/cases/{case.id}/victims/{victim.id}").get_data(as_text=True)
    assert "The victim chose not to receive updates" in page


def test_contract_needs_a_way_to_contact_a_victim_who_wants_updates(browser, db):
    officer, case, victim = setup_case(db)
    browser.login(officer)
    html = browser.submit(f"/cases/{case.id}/victims/{victim.id}/contract",
                          contract_form(methods=[], update_within_days="9")).get_data(as_text=True)
    assert "Select at least one way to contact the victim" in html
    assert "Enter a number of working days from 0 to 5" in html


def test_what_matters_in_the_victims_words(browser, db):
    officer, case, victim = setup_case(db)
    browser.login(officer)
    url = f"/cases/{case.id}/victims/{victim.id}/what-matters"
    browser.submit(url, {"category": "safety", "in_their_words": "I want to feel safe at home again"},
                   page=f"/cases/{case.id}/victims/{victim.id}")
    item = db.session.scalar(sa.select(WhatMatters))
    assert (item.category, item.in_their_words) == ("safety", "I want to feel safe at home again")
    html = unescape(browser.get(f"/cases/{case.id}/victims/{victim.id}").get_data(as_text=True))
    assert "I want to feel safe at home again" in html


def test_empty_what_matters_is_explained(browser, db):
    officer, case, victim = setup_case(db)
    browser.login(officer)
    html = unescape(browser.submit(f"/cases/{case.id}/victims/{victim.id}/what-matters",
                                   {"category": "", "in_their_words": ""},
                                   page=f"/cases/{case.id}/victims/{victim.id}").get_data(as_text=True))
    assert "Select what it is about" in html
    assert "Enter what matters, in the victim's words" in html


def test_victim_did_not_wish_to_say(browser, db):
    officer, case, victim = setup_case(db)
    browser.login(officer)
    browser.submit(f"/cases/{case.id}/victims/{victim.id}/contract", contract_form())
    browser.submit(f"/cases/{case.id}/victims/{victim.id}/what-matters/declined", {},
                   page=f"/cases/{case.id}/victims/{victim.id}")
    assert db.session.scalar(sa.select(Contract.what_matters_declined)) is True
    assert "did not wish to say" in browser.get(f"/cases/{case.id}/victims/{victim.id}").get_data(as_text=True)


def test_a_key_stage_makes_updates_due_by_the_codes_deadline_for_each_victim(browser, db):
    officer = make_user("officer")
    standard = make_case(officer, offence="theft")
    db.session.commit()
    browser.login(officer)
    event_day = date.today() - timedelta(days=1)
    response = browser.submit(f"/cases/{standard.id}/events/new",
                              {"stage": "arrested", "occurred_on": day_parts(event_day), "notes": "Suspect in custody"})
    assert response.status_code == 302
    update = db.session.scalar(sa.select(VictimUpdate))
    assert update.due_on == add_working_days(event_day, 5)
    assert update.kind == "key-stage"


def test_enhanced_rights_victim_is_owed_an_update_within_one_working_day(browser, db):
    officer = make_user("officer")
    case = make_case(officer, offence="rape")
    db.session.commit()
    browser.login(officer)
    event_day = date.today()
    browser.submit(f"/cases/{case.id}/events/new", {"stage": "charged", "occurred_on": day_parts(event_day),
                                                    "notes": ""})
    assert db.session.scalar(sa.select(VictimUpdate.due_on)) == add_working_days(event_day, 1)


def test_key_stage_in_the_future_or_unknown_is_refused(browser, db):
    officer, case, _ = setup_case(db)
    browser.login(officer)
    html = browser.submit(f"/cases/{case.id}/events/new", {"stage": "sentenced-to-death",
                                                           "occurred_on": day_parts(date.today() + timedelta(days=2))}
                          ).get_data(as_text=True)
    assert "Not a valid choice" in html
    assert "Date it happened must be today or in the past" in html


def test_giving_an_update_records_the_victims_views_and_progress_on_what_matters(browser, db):
    officer, case, victim = setup_case(db)
    browser.login(officer)
    browser.submit(f"/cases/{case.id}/victims/{victim.id}/what-matters",
                   {"category": "justice", "in_their_words": "I want him charged"},
                   page=f"/cases/{case.id}/victims/{victim.id}")
    browser.submit(f"/cases/{case.id}/events/new", {"stage": "arrested", "occurred_on": day_parts(date.today())})
    update = db.session.scalar(sa.select(VictimUpdate))
    item = db.session.scalar(sa.select(WhatMatters))
    url = f"/cases/{case.id}/updates/{update.id}"
    response = browser.submit(url, {"update-given_on": day_parts(date.today()), "update-method": "phone",
                                    "update-what_was_said": "Suspect arrested and interviewed",
                                    "update-victims_views": "Relieved; wants to know about bail",
                                    "update-version": str(update.version), "update-submit": "Save update",
                                    f"progress-{item.id}": "Arrest made; file to CPS next"})
    assert response.status_code == 302
    db.session.expire_all()
    update = db.session.get(VictimUpdate, update.id)
    assert update.given_at is not None and update.given_by_id == officer.id
    assert update.victims_views == "Relieved; wants to know about bail"
    assert db.session.scalar(sa.select(PlanProgress.progress)) == "Arrest made; file to CPS next"
    case_page = unescape(browser.get(f"/cases/{case.id}").get_data(as_text=True))
    assert "Victim's views: Relieved; wants to know about bail" in case_page


def test_an_update_without_the_victims_views_is_refused_and_input_kept(browser, db):
    officer, case, victim = setup_case(db)
    browser.login(officer)
    browser.submit(f"/cases/{case.id}/events/new", {"stage": "arrested", "occurred_on": day_parts(date.today())})
    update = db.session.scalar(sa.select(VictimUpdate))
    html = unescape(browser.submit(f"/cases/{case.id}/updates/{update.id}", {
        "update-given_on": day_parts(date.today()), "update-method": "phone",
        "update-what_was_said": "Told about the arrest", "update-victims_views": "",
        "update-version": str(update.version), "update-submit": "Save update"}).get_data(as_text=True))
    assert "Record the victim's views, or that they had none" in html
    assert "Told about the arrest" in html


def test_due_list_shows_only_my_open_updates_soonest_first(browser, db):
    from victimcare.cases import updates

    officer = make_user("officer")
    other = make_user("officer", team=officer.team)
    mine_late = make_case(officer)
    mine_soon = make_case(officer)
    theirs = make_case(other)
    updates.record_event(mine_soon, stage="charged", occurred_on=date.today(), notes=None, by=officer)
    updates.record_event(mine_late, stage="arrested", occurred_on=date.today() - timedelta(days=30), notes=None,
                         by=officer)
    updates.record_event(theirs, stage="arrested", occurred_on=date.today(), notes=None, by=other)
    db.session.commit()
    browser.login(officer)
    html = browser.get("/updates").get_data(as_text=True)
    assert html.index(mine_late.crime_reference) < html.index(mine_soon.crime_reference)
    assert theirs.crime_reference not in html
    assert "Overdue" in html


def test_supervisor_sees_the_teams_updates(browser, db):
    from victimcare.cases import updates

    officer = make_user("officer")
    supervisor = make_user("supervisor", team=officer.team)
    case = make_case(officer)
    updates.record_event(case, stage="charged", occurred_on=date.today(), notes=None, by=officer)
    db.session.commit()
    browser.login(supervisor)
    assert case.crime_reference in browser.get("/updates").get_data(as_text=True)


def test_an_overdue_update_can_carry_a_reason(browser, db):
    from victimcare.cases import updates

    officer, case, victim = setup_case(db)
    _, [update] = updates.record_event(case, stage="arrested", occurred_on=date.today() - timedelta(days=20),
                                       notes=None, by=officer)
    db.session.commit()
    browser.login(officer)
    response = browser.submit(f"/cases/{case.id}/updates/{update.id}", {
        "late-reason": "Victim abroad until 1 December", "late-version": str(update.version),
        "late-submit": "Save reason"})
    assert response.status_code == 302
    db.session.expire_all()
    assert db.session.get(VictimUpdate, update.id).overdue_reason == "Victim abroad until 1 December"


def test_a_no_further_action_update_must_say_whether_the_right_to_review_was_explained(browser, db):
    officer, case, victim = setup_case(db)
    browser.login(officer)
    browser.submit(f"/cases/{case.id}/events/new", {"stage": "no-further-action",
                                                    "occurred_on": day_parts(date.today())})
    update = db.session.scalar(sa.select(VictimUpdate))
    url = f"/cases/{case.id}/updates/{update.id}"
    assert "Victims' Right to Review" in unescape(browser.get(url).get_data(as_text=True))
    fields = {"update-given_on": day_parts(date.today()), "update-method": "phone",
              "update-what_was_said": "No further action, and why", "update-victims_views": "Disappointed",
              "update-version": str(update.version), "update-submit": "Save update"}
    html = unescape(browser.submit(url, fields).get_data(as_text=True))
    assert "Select whether you told the victim how to ask for a review" in html
    assert browser.submit(url, {**fields, "update-told_right_to_review": "yes"}).status_code == 302
    db.session.expire_all()
    assert db.session.get(VictimUpdate, update.id).told_right_to_review is True


def test_other_updates_do_not_ask_about_the_right_to_review(browser, db):
    officer, case, victim = setup_case(db)
    browser.login(officer)
    browser.submit(f"/cases/{case.id}/events/new", {"stage": "arrested", "occurred_on": day_parts(date.today())})
    update = db.session.scalar(sa.select(VictimUpdate))
    assert "Right to Review" not in browser.get(f"/cases/{case.id}/updates/{update.id}").get_data(as_text=True)
