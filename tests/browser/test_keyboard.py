"""A whole CARES journey with the keyboard alone: Tab and Shift+Tab to move, Enter and Space to act, and
typing into whichever field has the focus (a <select> takes the typed name of its option). No clicks, and
nothing is filled in that does not have the focus. Every element the focus lands on shows GOV.UK's yellow
focus indicator. The journey is made in English and in Welsh, the language chosen with the switch at the top of
the page, by keyboard too."""

from __future__ import annotations

from datetime import date, timedelta
from urllib.parse import urlsplit

import pytest
import sqlalchemy as sa

from tests.browser.language import LANGUAGES
from tests.factories import make_case
from victimcare.demo import DEMO_PASSWORD
from victimcare.extensions import db
from victimcare.models import Case, CaseStatus, User

MAX_TABS = 200  # Tab presses allowed to reach an element before the journey counts it unreachable

# GOV.UK Frontend's focus state: yellow (#ffdd00) as an outline, box-shadow or background; a radio or
# checkbox draws it on its label's ::before, since the input itself is hidden under its larger target.
FOCUS_VISIBLE = """() => {
    const element = document.activeElement;
    const yellow = value => (value || "").includes("255, 221, 0");
    const styles = [getComputedStyle(element)];
    if (element.matches(".govuk-radios__input, .govuk-checkboxes__input")) {
        styles.push(getComputedStyle(element.nextElementSibling, "::before"));
    }
    return styles.some(s => (s.outlineStyle !== "none" && yellow(s.outlineColor)) || yellow(s.boxShadow)
                            || yellow(s.backgroundColor));
}"""
DESCRIBE_FOCUS = """() => {
    const e = document.activeElement;
    return `${e.tagName.toLowerCase()}${e.id ? "#" + e.id : ""}${e.name ? "[name=" + e.name + "]" : ""}`
           + ` "${(e.innerText || e.value || "").trim().slice(0, 40)}"`;
}"""


class Keyboard:
    """Moves through a page as a keyboard user does, checking that each place the focus lands is visible."""

    def __init__(self, page):
        self.page = page
        self.stops = 0

    def focused(self, selector: str) -> bool:
        return self.page.evaluate("s => document.activeElement.matches(s)", selector)

    def tab_to(self, selector: str, *, back: bool = False) -> None:
        for _ in range(MAX_TABS):
            self.page.keyboard.press("Shift+Tab" if back else "Tab")
            self.stops += 1
            where = self.page.evaluate(DESCRIBE_FOCUS)
            if not where.startswith("body"):
                assert self.page.evaluate(FOCUS_VISIBLE), f"no visible focus on {where} at {self.page.url}"
            if self.focused(selector):
                return
        raise AssertionError(f"the keyboard never reached {selector} on {self.page.url}")

    def type_into(self, selector: str, text: str) -> None:
        self.tab_to(selector)
        self.page.keyboard.type(text)

    def date(self, name: str, day: date) -> None:
        """A GOV.UK date input: the day, month and year boxes in turn."""
        self.type_into(f"[name={name}]", str(day.day))
        for part in (day.month, day.year):
            self.page.keyboard.press("Tab")
            self.page.keyboard.type(str(part))

    def choose_first(self, name: str) -> None:
        """Tab into a group of radios or checkboxes (the focus lands on the first) and select it with Space."""
        self.tab_to(f"[name={name}]")
        self.page.keyboard.press("Space")

    def press(self, selector: str, key: str = "Enter") -> None:
        """Follow a link or press a button, and wait for the page it leads to."""
        self.tab_to(selector)
        with self.page.expect_navigation():
            self.page.keyboard.press(key)
        assert self.page.evaluate("document.readyState") in ("interactive", "complete")


def assert_saved(page, path: str) -> None:
    """The form was accepted: the page it led to is `path`, with no error summary."""
    errors = page.locator(".govuk-error-summary").all_inner_texts()
    assert urlsplit(page.url).path == path and not errors, f"{page.url}: {errors}"


@pytest.fixture
def fresh_case(live_server):
    """A case of the demo officer's, reported three days ago, whose victim has nothing recorded yet."""
    with live_server.app.app_context():
        officer = db.session.scalar(sa.select(User).where(User.username == "officer"))
        case = make_case(officer, reported_on=date.today() - timedelta(days=3))
        db.session.commit()
        ids = case.id, case.victims[0].id
        db.session.remove()
    return ids


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_cares_journey_with_the_keyboard_alone(language, chromium, live_server, fresh_case):
    case_id, victim_id = fresh_case
    context = chromium.new_context()
    page = context.new_page()
    keys = Keyboard(page)
    today = date.today()

    # Sign in.
    page.goto(live_server("/login"))
    keys.type_into("#username", "officer")
    page.keyboard.press("Tab")
    page.keyboard.type(DEMO_PASSWORD)
    with page.expect_navigation():
        page.keyboard.press("Enter")

    # The language the officer works in, chosen with the switch (and saved as theirs).
    page.goto(live_server(f"/cases/{case_id}"))
    if page.evaluate("document.documentElement.lang") != LANGUAGES[language]:
        keys.press(f"form.vc-language button[value={language}]")
    assert page.evaluate("document.documentElement.lang") == LANGUAGES[language]

    # C – the contract, from the case page through the victim's page.
    keys.press(f"main a[href$='/victims/{victim_id}']")
    keys.press("main a[href$='/contract']")
    keys.date("agreed_on", today)
    keys.choose_first("methods")
    keys.choose_first("referral_consent")
    keys.press("main form [type=submit]")
    assert_saved(page, f"/cases/{case_id}/victims/{victim_id}")
    # What matters: the victim did not wish to say.
    keys.press("form[action$='/what-matters/declined'] [type=submit]")

    # A – the needs assessment.
    keys.press("main a[href$='/needs']")
    keys.date("assessed_on", today)
    keys.choose_first("risk")
    keys.press("main form [type=submit]")
    assert_saved(page, f"/cases/{case_id}/victims/{victim_id}")

    # R – a key stage, and the update it makes due.
    keys.press("a.govuk-back-link")
    keys.press("main a[href$='/events/new']")
    keys.tab_to("[name=stage]")
    page.keyboard.type(page.locator("[name=stage] option[value=arrested]").inner_text())  # as the page names it
    keys.date("occurred_on", today)
    keys.press("main form [type=submit]")
    assert_saved(page, f"/cases/{case_id}")
    keys.press("main a[href*='/updates/']")
    keys.date("update-given_on", today)
    keys.choose_first("update-method")
    keys.type_into("[name=update-what_was_said]", "The suspect was arrested today and interviewed.")
    keys.type_into("[name=update-victims_views]", "Relieved, and wants to know about bail conditions.")
    keys.press("main form [type=submit]")
    assert_saved(page, f"/cases/{case_id}")

    # E – the final update, then the request for closure.
    keys.press("main a[href$='/closure']")
    keys.press(f"form[action$='/final-update/{victim_id}'] [type=submit]")
    keys.date("update-given_on", today)
    keys.choose_first("update-method")
    keys.type_into("[name=update-what_was_said]", "The investigation is complete: the suspect was charged.")
    keys.type_into("[name=update-victims_views]", "Satisfied with how she was kept informed.")
    keys.press("main form [type=submit]")
    if "/closure" not in page.url:
        keys.press("main a[href$='/closure']")
    keys.type_into("[name=outcome]", "Suspect charged with burglary; victim told of the outcome.")
    keys.press("form[action$='/closure/request'] [type=submit]")

    with live_server.app.app_context():
        status = db.session.get(Case, case_id).status
        db.session.remove()
    context.close()
    assert status == CaseStatus.CLOSURE_REQUESTED, page.locator("#blockers, .govuk-error-summary").all_inner_texts()
    assert keys.stops > 20  # the journey moved through the pages, not around them


def test_the_focus_check_tells_a_visible_focus_from_a_hidden_one(page):
    page.set_content('<button id="plain" style="outline: none">Plain</button>'
                     '<button id="govuk" style="outline: 3px solid #ffdd00">Yellow</button>')
    page.focus("#plain")
    assert not page.evaluate(FOCUS_VISIBLE)
    page.focus("#govuk")
    assert page.evaluate(FOCUS_VISIBLE)
