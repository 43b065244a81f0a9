"""Administrators manage accounts; they never see case content."""

from __future__ import annotations

import sqlalchemy as sa

from tests.factories import make_case, make_user
from victimcare.models import AuditEvent, Team, User


def new_user_form(**overrides):
    data = {"username": "c.jones", "display_name": "PC Cerys Jones", "role": "officer", "team": "Caerphilly CID",
            "password": "Gwent-Victim-Care-77", "confirm": "Gwent-Victim-Care-77"}
    data.update(overrides)
    return data


def test_admin_creates_an_officer_and_the_team_is_created_with_them(browser, db):
    admin = make_user("admin")
    db.session.commit()
    browser.login(admin)
    response = browser.submit("/admin/users/new", new_user_form())
    assert response.status_code == 302
    user = db.session.scalar(sa.select(User).where(User.username == "c.jones"))
    assert user.role == "officer"
    assert user.team.name == "Caerphilly CID"
    assert db.session.scalar(sa.select(AuditEvent).where(AuditEvent.record_type == "user",
                                                         AuditEvent.record_id == str(user.id))).action == "admin"


def test_bad_user_details_are_explained_by_each_field_and_input_is_kept(browser, db):
    admin = make_user("admin")
    db.session.commit()
    browser.login(admin)
    html = browser.submit("/admin/users/new", new_user_form(
        username="", role="", password="short", confirm="different")).get_data(as_text=True)
    assert "There is a problem" in html
    assert "Enter a username" in html
    assert "Select a role" in html
    assert "Passwords must match" in html
    assert 'value="PC Cerys Jones"' in html
    assert db.session.scalar(sa.select(sa.func.count()).select_from(User)) == 1


def test_common_password_is_refused_by_the_password_field(browser, db):
    admin = make_user("admin")
    db.session.commit()
    browser.login(admin)
    html = browser.submit("/admin/users/new", new_user_form(password="password1234", confirm="password1234")
                          ).get_data(as_text=True)
    assert 'id="password-error"' in html
    assert "less common password" in html


def test_officer_without_a_team_is_refused(browser, db):
    admin = make_user("admin")
    db.session.commit()
    browser.login(admin)
    html = browser.submit("/admin/users/new", new_user_form(team="")).get_data(as_text=True)
    assert 'id="team-error"' in html


def test_duplicate_username_is_refused(browser, db):
    admin = make_user("admin")
    make_user("officer", username="c.jones")
    db.session.commit()
    browser.login(admin)
    html = browser.submit("/admin/users/new", new_user_form()).get_data(as_text=True)
    assert "A user called c.jones already exists" in html
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Team).where(Team.name == "Caerphilly CID")) == 0


def test_deactivate_and_reactivate(browser, db):
    admin = make_user("admin")
    officer = make_user("officer")
    db.session.commit()
    browser.login(admin)
    browser.submit(f"/admin/users/{officer.id}/deactivate", {"version": officer.version}, page="/admin/users")
    db.session.refresh(officer)
    assert officer.active is False
    browser.submit(f"/admin/users/{officer.id}/reactivate", {"version": officer.version}, page="/admin/users")
    db.session.refresh(officer)
    assert officer.active is True


def test_a_stale_deactivation_does_not_overwrite_a_newer_change(browser, db):
    """Two admins act on the same account: the one working from an old page is told, not obeyed."""
    admin = make_user("admin")
    officer = make_user("officer")
    db.session.commit()
    stale_version = officer.version
    officer.display_name = "Renamed meanwhile"
    db.session.commit()
    browser.login(admin)
    response = browser.submit(f"/admin/users/{officer.id}/deactivate", {"version": stale_version},
                              page="/admin/users", follow_redirects=True)
    assert "changed by someone else" in response.get_data(as_text=True)
    db.session.refresh(officer)
    assert officer.active is True


def test_admin_cannot_open_cases(browser, db):
    admin = make_user("admin")
    case = make_case(make_user("officer"))
    db.session.commit()
    browser.login(admin)
    assert browser.get(f"/cases/{case.id}").status_code == 403
    assert browser.get("/cases/").status_code == 403


def test_admin_changes_a_configurable_timescale_and_new_key_stages_use_it(browser, db):
    from datetime import date

    from victimcare.cases import updates
    from victimcare.models import TimescaleSetting

    admin = make_user("admin")
    officer = make_user("officer")
    case = make_case(officer, offence="theft")
    db.session.commit()
    browser.login(admin)
    response = browser.submit("/admin/timescales/passed-to-cps", {"standard_days": "3", "enhanced_days": "1"})
    assert response.status_code == 302
    db.session.expire_all()
    assert db.session.get(TimescaleSetting, "passed-to-cps").standard_days == 3
    _, [update] = updates.record_event(case, stage="passed-to-cps", occurred_on=date(2026, 11, 23), notes=None,
                                       by=officer)
    assert update.due_on == date(2026, 11, 26)


def test_a_code_timescale_cannot_be_changed_and_bad_numbers_are_explained(browser, db):
    admin = make_user("admin")
    db.session.commit()
    browser.login(admin)
    response = browser.get("/admin/timescales/arrested", follow_redirects=True)
    assert "set by the Victims" in response.get_data(as_text=True)
    html = browser.submit("/admin/timescales/filed", {"standard_days": "-1", "enhanced_days": "9"}
                          ).get_data(as_text=True)
    assert "Enter a whole number of working days from 0 to 20" in html
