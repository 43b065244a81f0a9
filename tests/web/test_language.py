"""The language switch: Welsh or English on every page, remembered for the user."""

from __future__ import annotations

import sqlalchemy as sa
from bs4 import BeautifulSoup

from tests.factories import make_user
from victimcare.models import User


def _html_lang(response) -> str:
    return BeautifulSoup(response.get_data(as_text=True), "html.parser").html["lang"]


def _saved_locale(db, user) -> str | None:
    db.session.expire_all()
    return db.session.scalar(sa.select(User.locale).where(User.id == user.id))


def test_english_is_the_default(browser):
    response = browser.get("/login")
    assert _html_lang(response) == "en-GB"
    assert "Skip to main content" in response.get_data(as_text=True)


def test_the_sign_in_page_switches_to_welsh_and_back(browser):
    response = browser.submit("/language", {"locale": "cy", "next": "/login"}, page="/login")
    assert response.status_code == 302
    assert response.headers["Location"] == "/login"
    welsh = browser.get("/login")
    assert _html_lang(welsh) == "cy"
    assert "Neidio i'r prif gynnwys" in welsh.get_data(as_text=True)
    switch = BeautifulSoup(welsh.get_data(as_text=True), "html.parser").find("button", attrs={"name": "locale"})
    assert (switch["value"], switch["lang"], switch.get_text(strip=True)) == ("en", "en", "English")

    browser.submit("/language", {"locale": "en", "next": "/login"}, page="/login")
    assert _html_lang(browser.get("/login")) == "en-GB"


def test_a_signed_in_users_choice_is_saved_and_kept_across_sign_out_and_sign_in(browser, db):
    user = make_user("officer")
    db.session.commit()
    browser.login(user)
    response = browser.submit("/language", {"locale": "cy", "next": "/cases/?status=open"}, page="/")
    assert response.headers["Location"] == "/cases/?status=open"  # back to the page it was made on
    assert _saved_locale(db, user) == "cy"

    browser.submit("/logout", {}, page="/")
    browser.login(user)  # a fresh browser: nothing kept in cookies
    home = browser.get("/")
    assert _html_lang(home) == "cy"
    assert "Allgofnodi" in home.get_data(as_text=True)


def test_a_language_chosen_on_the_sign_in_page_becomes_the_users(browser, db):
    user = make_user("officer")
    db.session.commit()
    browser.submit("/language", {"locale": "cy", "next": "/login"}, page="/login")
    browser.submit("/login", {"username": user.username, "password": "Correct-Horse-Battery-42"})
    assert _saved_locale(db, user) == "cy"
    assert _html_lang(browser.get("/")) == "cy"


def test_a_saved_choice_wins_over_the_sign_in_page(browser, db):
    user = make_user("officer")
    user.locale = "en"
    db.session.commit()
    browser.submit("/language", {"locale": "cy", "next": "/login"}, page="/login")
    browser.submit("/login", {"username": user.username, "password": "Correct-Horse-Battery-42"})
    assert _saved_locale(db, user) == "en"
    assert _html_lang(browser.get("/")) == "en-GB"


def test_an_unknown_language_is_refused_and_changes_nothing(browser, db):
    user = make_user("officer")
    db.session.commit()
    browser.login(user)
    assert browser.submit("/language", {"locale": "fr", "next": "/"}, page="/").status_code == 400
    assert _saved_locale(db, user) is None


def test_the_switch_returns_only_to_a_page_of_this_site(browser):
    response = browser.submit("/language", {"locale": "cy", "next": "//evil.example/"}, page="/login")
    assert response.headers["Location"] == "/"


def test_the_switch_needs_the_forms_csrf_token(browser):
    assert browser.post("/language", data={"locale": "cy", "next": "/login"}).status_code == 400
    assert _html_lang(browser.get("/login")) == "en-GB"


def test_the_api_documentation_stays_in_english_for_a_welsh_user(browser, db):
    user = make_user("officer")
    user.locale = "cy"
    db.session.commit()
    browser.login(user)
    response = browser.get("/api/v1/docs")
    assert response.status_code == 200
    assert _html_lang(response) == "en-GB"
