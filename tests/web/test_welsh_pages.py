"""A user who works in Welsh gets Welsh pages, messages, dates, form errors and PDFs."""

from __future__ import annotations

import io
from datetime import date

from bs4 import BeautifulSoup

from tests.factories import make_case, make_user

PERIOD = "start=1&start=11&start=2026&end=30&end=11&end=2026"


def _welsh_user(db, role: str = "officer"):
    user = make_user(role)
    user.locale = "cy"
    return user


def _text(response) -> str:
    return BeautifulSoup(response.get_data(as_text=True), "html.parser").get_text(" ", strip=True)


def test_switching_language_changes_the_home_page_heading(browser, db):
    officer = make_user("officer")
    db.session.commit()
    browser.login(officer)
    assert "Your cases" in _text(browser.get("/"))
    browser.submit("/language", {"locale": "cy", "next": "/"}, page="/")
    home = _text(browser.get("/"))
    assert "Eich achosion" in home and "Your cases" not in home
    assert "Diweddariadau'n ddyledus" in home  # the navigation too


def test_the_case_page_shows_dates_and_reference_data_in_welsh(browser, db):
    officer = _welsh_user(db)
    case = make_case(officer, reported_on=date(2026, 11, 2), offence="burglary-residential")
    db.session.commit()
    browser.login(officer)
    page = _text(browser.get(f"/cases/{case.id}"))
    assert "2 Tachwedd 2026" in page and "November" not in page
    assert "Byrgleriaeth breswyl" in page  # the offence's display name; its stored code is unchanged
    assert "Swyddog yr achos" in page


def test_a_form_error_is_explained_in_welsh(browser, db):
    officer = _welsh_user(db)
    case = make_case(officer)
    db.session.commit()
    browser.login(officer)
    response = browser.submit(f"/cases/{case.id}/events/new", {"stage": "", "notes": ""})
    page = _text(response)
    assert response.status_code == 200
    assert "Mae problem wedi codi" in page  # the error summary's title
    assert "Dewiswch y cam allweddol" in page  # the field's own message
    assert "Rhowch y dyddiad y digwyddodd" in page  # the date field's
    assert "Diwrnod" in page and "Blwyddyn" in page  # and its boxes' labels


def test_the_sign_in_page_explains_errors_in_welsh(browser):
    browser.submit("/language", {"locale": "cy", "next": "/login"}, page="/login")
    page = _text(browser.submit("/login", {"username": "", "password": ""}))
    assert "Rhowch eich enw defnyddiwr" in page and "Rhowch eich cyfrinair" in page


def test_a_flash_message_is_in_welsh(browser, db):
    officer = _welsh_user(db)
    db.session.commit()
    browser.login(officer)
    browser.submit("/logout", {}, page="/")
    assert "Rydych wedi allgofnodi." in _text(browser.get("/login"))


def test_an_error_page_is_in_welsh(browser, db):
    officer = _welsh_user(db)
    db.session.commit()
    browser.login(officer)
    response = browser.get("/cases/999999")
    assert response.status_code == 404
    assert "Heb ddod o hyd i'r dudalen" in _text(response)


def test_the_board_pdf_in_welsh_has_welsh_headings_and_dates(browser, db):
    from pypdf import PdfReader

    board = _welsh_user(db, "board")
    officer = make_user("officer")
    for _ in range(12):
        make_case(officer, area="Newport", reported_on=date(2026, 11, 2))
    db.session.commit()
    browser.login(board)
    response = browser.get(f"/board/report?{PERIOD}&format=pdf")
    assert response.mimetype == "application/pdf"
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(response.data)).pages)
    assert "Cadw at y Cod Dioddefwyr" in text
    assert "Cydymffurfio â'r Cod" in text
    assert "Dioddefwyr sydd â chontract wedi'i gytuno" in text
    assert "1 Tachwedd 2026 i 30 Tachwedd 2026" in text
    assert "Keeping the Victims' Code" not in text


def test_the_board_page_in_welsh(browser, db):
    board = _welsh_user(db, "board")
    db.session.commit()
    browser.login(board)
    response = browser.get(f"/board/report?{PERIOD}&breakdown=area")
    assert BeautifulSoup(response.get_data(as_text=True), "html.parser").html["lang"] == "cy"
    assert "Cydymffurfio â'r Cod" in _text(response)


def test_the_json_api_stays_in_english_for_a_welsh_user(app, db):
    from victimcare.api.tokens import issue_token

    officer = _welsh_user(db)
    case = make_case(officer)
    _, token = issue_token(officer)
    db.session.commit()
    with app.app_context():
        response = app.test_client().post(f"/api/v1/cases/{case.id}/events", json={"type": "nonsense"},
                                          headers={"Authorization": f"Bearer {token}"})
    assert response.status_code == 422
    assert "Mae" not in response.get_data(as_text=True)  # no Welsh in field errors


def _error_prefixes(html: str) -> list[str]:
    """The visually hidden word GOV.UK puts before each field's error message."""
    soup = BeautifulSoup(html, "html.parser")
    return [message.select_one(".govuk-visually-hidden").get_text(strip=True)
            for message in soup.select(".govuk-error-message")]


def test_every_error_message_on_a_welsh_page_starts_with_gwall(browser, db):
    """The date, the checkboxes and the radios of the contract form each say "Gwall:" to a screen reader, as
    the page's title does; no English "Error:" is left anywhere in the page."""
    officer = _welsh_user(db)
    case = make_case(officer)
    db.session.commit()
    browser.login(officer)
    response = browser.submit(f"/cases/{case.id}/victims/{case.victims[0].id}/contract", {})
    html = response.get_data(as_text=True)
    prefixes = _error_prefixes(html)
    assert len(prefixes) >= 3 and set(prefixes) == {"Gwall:"}, prefixes
    assert "<title>Gwall:" in html
    assert "Error" not in html


def test_error_messages_on_an_english_page_start_with_error(browser, db):
    officer = make_user("officer")
    case = make_case(officer)
    db.session.commit()
    browser.login(officer)
    response = browser.submit(f"/cases/{case.id}/victims/{case.victims[0].id}/contract", {})
    prefixes = _error_prefixes(response.get_data(as_text=True))
    assert len(prefixes) >= 3 and set(prefixes) == {"Error:"}, prefixes


def test_the_password_field_shows_and_hides_in_welsh(browser):
    browser.submit("/language", {"locale": "cy", "next": "/login"}, page="/login")
    html = browser.submit("/login", {"username": "", "password": ""}).get_data(as_text=True)
    toggle = BeautifulSoup(html, "html.parser").select_one(".govuk-password-input__toggle")
    assert toggle.get_text(strip=True) == "Dangos" and toggle["aria-label"] == "Dangos y cyfrinair"
    assert "Gwall:" in html and "Error" not in html


def test_the_navigation_is_named_in_welsh(browser, db):
    """GOV.UK's service navigation names its section "Service information" unless told otherwise."""
    officer = _welsh_user(db)
    db.session.commit()
    browser.login(officer)
    html = browser.get("/").get_data(as_text=True)
    assert 'aria-label="Gwybodaeth am y gwasanaeth"' in html and "Service information" not in html
