"""Sign-in, sign-out and sessions."""

from __future__ import annotations

from datetime import timedelta

import sqlalchemy as sa

from tests.factories import PASSWORD, make_user
from victimcare.models import AuditEvent, UserSession
from victimcare.timeutil import utcnow


def test_sign_in_takes_the_user_home(browser, db):
    user = make_user("officer")
    db.session.commit()
    response = browser.submit("/login", {"username": user.username, "password": PASSWORD})
    assert response.status_code == 302
    assert response.headers["Location"] == "/"
    assert "Your cases" in browser.get("/").get_data(as_text=True)


def test_wrong_password_shows_the_error_by_the_field_and_keeps_the_username(browser, db):
    user = make_user("officer")
    db.session.commit()
    response = browser.submit("/login", {"username": user.username, "password": "wrong-password-123"})
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "There is a problem" in html  # the error summary
    assert 'id="password-error"' in html  # the message by the field
    assert f'value="{user.username}"' in html


def test_empty_fields_are_explained(browser):
    html = browser.submit("/login", {"username": "", "password": ""}).get_data(as_text=True)
    assert "Enter your username" in html
    assert "Enter your password" in html


def test_deactivated_user_cannot_sign_in(browser, db):
    user = make_user("officer", active=False)
    db.session.commit()
    response = browser.submit("/login", {"username": user.username, "password": PASSWORD})
    assert response.status_code == 200
    assert "Enter a correct username and password" in response.get_data(as_text=True)


def test_failed_sign_ins_are_audited(browser, db):
    user = make_user("officer")
    db.session.commit()
    browser.submit("/login", {"username": user.username, "password": "not-the-password"})
    events = db.session.scalars(sa.select(AuditEvent).where(AuditEvent.action == "sign-in-failed")).all()
    assert [e.user_id for e in events] == [user.id]


def test_sixth_failed_sign_in_for_an_account_is_refused(browser, db):
    user = make_user("officer")
    db.session.commit()
    for _ in range(5):
        assert browser.submit("/login", {"username": user.username, "password": "nope-nope-nope"}).status_code == 200
    response = browser.submit("/login", {"username": user.username, "password": PASSWORD})
    assert response.status_code == 429
    assert "Too many attempts" in response.get_data(as_text=True)


def test_failed_sign_ins_from_one_address_are_limited_across_accounts(browser, db):
    for i in range(5):
        browser.submit("/login", {"username": f"nobody{i}", "password": "nope-nope-nope"})
    user = make_user("officer")
    db.session.commit()
    assert browser.submit("/login", {"username": user.username, "password": PASSWORD}).status_code == 429


def test_successful_sign_ins_do_not_count_towards_the_limit(app, db):
    from tests.conftest import Browser

    user = make_user("officer")
    db.session.commit()
    for _ in range(7):
        fresh = Browser(app)
        assert fresh.submit("/login", {"username": user.username, "password": PASSWORD}).status_code == 302


def test_sign_in_does_not_redirect_off_site(browser, db):
    user = make_user("officer")
    db.session.commit()
    response = browser.submit("/login?next=//evil.example/", {"username": user.username, "password": PASSWORD},
                              page="/login")
    assert response.headers["Location"] == "/"


def test_sign_in_returns_to_the_page_asked_for(browser, db):
    user = make_user("officer")
    db.session.commit()
    response = browser.submit("/login?next=/cases/", {"username": user.username, "password": PASSWORD},
                              page="/login")
    assert response.headers["Location"] == "/cases/"


def test_signing_out_ends_the_session_on_the_server(app, browser, db):
    """A copy of the cookie taken before sign-out no longer works after it."""
    from tests.conftest import Browser

    user = make_user("officer")
    db.session.commit()
    browser.login(user)
    cookie = browser.client.get_cookie("victimcare_session")
    thief = Browser(app)
    thief.client.set_cookie("victimcare_session", cookie.value)
    assert thief.get("/cases/").status_code == 200
    browser.submit("/logout", {}, page="/")
    assert thief.get("/cases/").status_code == 302
    assert browser.get("/cases/").status_code == 302


def test_deactivating_a_user_ends_their_sessions(browser, db):
    from victimcare.accounts import set_active

    user = make_user("officer")
    db.session.commit()
    browser.login(user)
    assert browser.get("/cases/").status_code == 200
    set_active(db.session.get(type(user), user.id), False)
    db.session.commit()
    assert browser.get("/cases/").status_code == 302
    assert db.session.scalar(sa.select(sa.func.count()).select_from(UserSession)
                             .where(UserSession.user_id == user.id, UserSession.ended_at.is_(None))) == 0


def _age_session(db, user, *, idle: timedelta = timedelta(0), age: timedelta = timedelta(0)):
    row = db.session.scalar(sa.select(UserSession).where(UserSession.user_id == user.id))
    row.last_seen_at = utcnow() - idle
    row.created_at = utcnow() - age
    db.session.commit()


def test_session_times_out_after_30_minutes_idle(browser, db):
    user = make_user("officer")
    db.session.commit()
    browser.login(user)
    _age_session(db, user, idle=timedelta(minutes=29), age=timedelta(minutes=29))
    assert browser.get("/cases/").status_code == 200
    _age_session(db, user, idle=timedelta(minutes=31), age=timedelta(minutes=31))
    response = browser.get("/cases/")
    assert response.status_code == 302
    assert "/login" in response.headers["Location"]
    assert "session timed out" in browser.get("/login").get_data(as_text=True)


def test_session_ends_after_12_hours_even_when_active(browser, db):
    user = make_user("officer")
    db.session.commit()
    browser.login(user)
    _age_session(db, user, idle=timedelta(minutes=1), age=timedelta(hours=12, minutes=1))
    assert browser.get("/cases/").status_code == 302


def test_session_cookie_is_httponly_and_samesite_lax(browser, db):
    user = make_user("officer")
    db.session.commit()
    response = browser.login(user)
    cookie = response.headers["Set-Cookie"]
    assert "HttpOnly" in cookie
    assert "SameSite=Lax" in cookie
    assert "Secure" not in cookie  # plain HTTP in the test


def test_session_cookie_is_secure_over_https(app, db):
    from tests.conftest import csrf_token_from

    user = make_user("officer")
    db.session.commit()
    client = app.test_client()
    with app.app_context():
        page = client.get("/login", base_url="https://localhost")
    with app.app_context():
        response = client.post("/login", base_url="https://localhost",
                               headers={"Referer": "https://localhost/login"}, data={
            "username": user.username, "password": PASSWORD,
            "csrf_token": csrf_token_from(page.get_data(as_text=True))})
    assert response.status_code == 302
    assert "Secure" in response.headers["Set-Cookie"]
