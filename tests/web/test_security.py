"""Headers, CSRF and error pages."""

from __future__ import annotations

import pytest

from tests.factories import make_user


def test_every_response_carries_security_headers(browser):
    response = browser.get("/login")
    csp = response.headers["Content-Security-Policy"]
    assert "frame-ancestors 'none'" in csp
    assert "script-src 'self'" in csp
    assert "unsafe-inline" not in csp
    assert response.headers["Referrer-Policy"] == "same-origin"
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["X-Frame-Options"] == "DENY"
    assert response.headers["Cache-Control"] == "no-store"


def test_pages_have_no_inline_script(browser):
    html = browser.get("/login").get_data(as_text=True)
    assert "<script>" not in html
    assert 'script type="module" src="/static/' in html


@pytest.mark.parametrize(("path", "page"), [
    ("/login", "/login"),
    ("/logout", "/"),
    ("/admin/users/new", "/admin/users/new"),
])
def test_a_post_without_a_csrf_token_gets_400_and_a_clear_page(path, page, browser, db):
    admin = make_user("admin")
    db.session.commit()
    if path != "/login":
        browser.login(admin)
    response = browser.post(path, data={"username": "x"})
    assert response.status_code == 400
    assert "Your form could not be sent" in response.get_data(as_text=True)


def test_a_post_with_a_forged_csrf_token_is_refused(browser, db):
    admin = make_user("admin")
    db.session.commit()
    browser.login(admin)
    response = browser.post("/logout", data={"csrf_token": "forged"})
    assert response.status_code == 400
    assert browser.get("/admin/users").status_code == 200  # still signed in


def test_unknown_pages_get_a_404_page_that_leaks_nothing(browser):
    response = browser.get("/no/such/page?token=secret")
    html = response.get_data(as_text=True)
    assert response.status_code == 404
    assert "Page not found" in html
    assert "secret" not in html


def test_an_unexpected_error_gets_a_500_page_without_details(test_database, tmp_path):
    from tests.conftest import TEST_CONFIG, Browser
    from victimcare import create_app

    def boom():
        raise RuntimeError("database password is hunter2")

    boom.permission = "public"
    app = create_app({**TEST_CONFIG, "DATABASE_URL": test_database.fresh(tmp_path) if not test_database.is_postgres
                      else test_database.url})
    app.add_url_rule("/boom", "boom", boom)
    response = Browser(app).get("/boom")
    assert response.status_code == 500
    html = response.get_data(as_text=True)
    assert "Sorry, there is a problem with the service" in html
    assert "hunter2" not in html


def test_health_probes(browser):
    assert browser.get("/healthz").get_json() == {"status": "ok"}
    assert browser.get("/readyz").get_json() == {"status": "ok", "database": "ok"}


def test_readyz_reports_an_unreachable_database(tmp_path):
    from victimcare import create_app

    app = create_app({"SECRET_KEY": "x", "DATABASE_URL": "postgresql://nobody@127.0.0.1:1/none"})
    response = app.test_client().get("/readyz")
    assert response.status_code == 503
    assert response.get_json()["database"] == "unreachable"


def test_a_null_character_in_a_form_or_query_gets_a_clear_400_and_saves_nothing(browser, db):
    """PostgreSQL cannot store NUL in text: it must be refused before it reaches the database."""
    from tests.factories import make_case
    from victimcare.models import WhatMatters

    officer = make_user("officer")
    case = make_case(officer)
    db.session.commit()
    browser.login(officer)
    victim = case.victims[0]
    url = f"/cases/{case.id}/victims/{victim.id}/what-matters"
    response = browser.submit(url, {"category": "safety", "in_their_words": "Feel\x00safe"},
                              page=f"/cases/{case.id}/victims/{victim.id}")
    assert response.status_code == 400
    assert "null character" in response.get_data(as_text=True)
    assert db.session.query(WhatMatters).count() == 0
    response = browser.get("/cases/?q=a\x00b")
    assert response.status_code == 400
