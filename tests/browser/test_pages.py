"""Every page each role reaches, and each form on it submitted empty, has no WCAG 2.2 A/AA violation that
axe-core finds, and no page scrolls sideways at 320 px; the error summary of a form sent with errors takes the
focus, as GOV.UK Frontend does. All of it in English and in Welsh: a page in Welsh says so (`lang="cy"`) and
leaves no English where the catalogues have the Welsh."""

from __future__ import annotations

import re

import pytest

from tests.browser.axe import assert_accessible, axe_version, describe, violations
from tests.browser.conftest import CHECKED, ROLES, choose_language
from tests.browser.language import LANGUAGES, language_problems
from tests.browser.site_map import browsable_routes, site_map

# Forms that validate what is typed carry `novalidate` (the server's messages, not the browser's); the others
# are single buttons (claim, deactivate, sign out) that act at once, so they are not sent here.
VALIDATED_FORMS = "main form[method=post][novalidate]"
ERROR_SUMMARY = ".govuk-error-summary"
NARROW = {"width": 320, "height": 640}
# Boxes made focusable so a keyboard can scroll them (a wide table's): each must be a region with a name, so
# that a screen reader says what the focus landed on (WCAG 4.1.2), named by an element that is the only one
# with its id. Returns what is wrong with each box that is not.
UNNAMED_SCROLL_BOXES = """() => {
    const natural = "a[href], button, input, select, textarea, summary, iframe, [contenteditable]";
    const problems = [];
    for (const box of document.querySelectorAll("[tabindex]")) {
        if (box.tabIndex < 0 || box.matches(natural)) continue;
        const where = box.outerHTML.slice(0, box.outerHTML.indexOf(">") + 1);
        const ids = (box.getAttribute("aria-labelledby") || "").split(/\\s+/).filter(Boolean);
        const named = ids.map(id => document.querySelectorAll(`[id="${CSS.escape(id)}"]`));
        if (named.some(found => found.length > 1)) problems.push(`${where}: its name's id is not unique`);
        const name = (box.getAttribute("aria-label") || named.map(found => found[0]?.textContent || "").join(" ")).trim();
        if (!box.getAttribute("role")) problems.push(`${where}: no role`);
        if (!name) problems.push(`${where}: no accessible name`);
    }
    return problems;
}"""


@pytest.fixture(scope="session")
def site_maps(live_server, signed_in):
    maps = {}

    def for_role(role: str):
        if role not in maps:
            maps[role] = site_map(live_server.app, live_server.url, signed_in(role).request, role)
        return maps[role]

    return for_role


def scroll_box_problems(page) -> list[str]:
    return page.evaluate(UNNAMED_SCROLL_BOXES)


def empty_and_send(page, index: int) -> None:
    """Clear every field of the page's `index`th validated form (hidden ones, such as the CSRF token and the
    record's version, kept) and press its first button; a form folded in a <details> is unfolded first."""
    form = page.locator(VALIDATED_FORMS).nth(index)
    form.evaluate("""form => {
        form.closest("details")?.setAttribute("open", "");
        for (const field of form.elements) {
            if (field.type === "hidden" || field.type === "submit" || field.tagName === "BUTTON") continue;
            if (field.type === "radio" || field.type === "checkbox") field.checked = false;
            else if (field.tagName === "SELECT") field.selectedIndex = 0;
            else field.value = "";
        }
    }""")
    with page.expect_navigation():
        form.locator("[type=submit]").first.click()


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("role", ROLES)
def test_every_page_a_role_reaches_passes_axe(role, language, live_server, signed_in, site_maps):
    pages = site_maps(role).pages
    assert len(pages) >= 3, f"{role} reached only {[p.url for p in pages]}"
    page = signed_in(role, language).new_page()
    desktop = page.viewport_size
    failures = []
    for target in pages:
        page.goto(live_server(target.url))
        found = violations(page)
        if found:
            failures.append(f"{target.url} ({target.endpoint}):\n{describe(found)}")
        failures += [f"{target.url} ({target.endpoint}): {problem}"
                     for problem in language_problems(page, language, target.url) + scroll_box_problems(page)]
        page.set_viewport_size(NARROW)  # the same page on the narrowest screen WCAG 1.4.10 asks for
        width = page.evaluate("document.scrollingElement.scrollWidth")
        if width > NARROW["width"]:
            failures.append(f"{target.url} ({target.endpoint}): scrolls sideways at 320px ({width}px wide)")
        page.set_viewport_size(desktop)
    page.close()
    assert not failures, f"{len(failures)} problems on the {len(pages)} pages {role} reaches:\n" + "\n".join(failures)
    CHECKED["pages"].setdefault(language, {})[role] = len(pages)


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_form_sent_with_errors_passes_axe_and_focuses_its_error_summary(language, live_server, signed_in,
                                                                             site_maps):
    """Each page's forms, sent empty, once per route and set of forms (the first role that sees them sends
    them): the messages are the same whoever sends them, but a role may see forms another does not."""
    failures, sent, error_pages, checked = [], 0, 0, set()
    for role in ROLES:
        page = signed_in(role, language).new_page()
        for target in site_maps(role).pages:
            page.goto(live_server(target.url))
            actions = page.eval_on_selector_all(VALIDATED_FORMS, "forms => forms.map(f => f.getAttribute('action'))")
            kind = (target.endpoint, tuple(re.sub(r"\d+", "N", action or "") for action in actions))
            if kind in checked:
                continue
            checked.add(kind)
            for index in range(page.locator(VALIDATED_FORMS).count()):
                if index:
                    page.goto(live_server(target.url))
                empty_and_send(page, index)
                sent += 1
                where = f"form {index + 1} of {target.url} ({target.endpoint}) sent empty by {role}"
                if page.locator(ERROR_SUMMARY).count():
                    error_pages += 1
                    if not page.evaluate("document.activeElement.classList.contains('govuk-error-summary')"):
                        failures.append(f"{where}: the error summary does not have the focus")
                found = violations(page)
                if found:
                    failures.append(f"{where}:\n{describe(found)}")
                failures += [f"{where}: {problem}"
                             for problem in language_problems(page, language, target.url) + scroll_box_problems(page)]
        page.close()
    assert not failures, "\n".join(failures)
    CHECKED["forms"][language] = sent
    # Most forms need something typed; a few (a filter, a search) are valid empty.
    assert error_pages >= sent * 0.8, f"only {error_pages} of {sent} forms sent empty showed an error summary"


def assert_in_language(page, language: str, what: str) -> None:
    problems = language_problems(page, language, "")
    assert not problems, f"{what}: {problems}"


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("role", ROLES)
def test_error_pages_pass_axe(role, language, live_server, signed_in, site_maps):
    """The 404 page (a case that does not exist) and the 403 page (a route the role may not use)."""
    page = signed_in(role, language).new_page()
    assert page.goto(live_server("/no-such-page")).status == 404
    assert_accessible(page, f"the 404 page as {role} in {language}")
    assert_in_language(page, language, f"the 404 page as {role}")
    refused = next(rule.rule for rule in browsable_routes(live_server.app)
                   if rule.endpoint in site_maps(role).refused and not rule.arguments)
    assert page.goto(live_server(refused)).status == 403
    assert_accessible(page, f"the 403 page as {role} ({refused}) in {language}")
    assert_in_language(page, language, f"the 403 page as {role} ({refused})")
    page.close()
    CHECKED["errors"].setdefault(language, set()).add(role)


@pytest.mark.parametrize("language", LANGUAGES)
def test_sign_in_page_passes_axe_and_focuses_its_error_summary(language, live_server, page):
    """Signed out, the language is the one chosen with the switch on the sign-in page."""
    page.goto(live_server("/login"))
    choose_language(page, language)
    CHECKED["axe"] = axe_version(page)
    assert_accessible(page, f"the sign-in page in {language}")
    assert_in_language(page, language, "the sign-in page")
    with page.expect_navigation():
        page.click("main form button[type=submit]")
    assert page.evaluate("document.activeElement.classList.contains('govuk-error-summary')"), \
        "the sign-in error summary does not have the focus"
    assert_accessible(page, f"the sign-in page with errors in {language}")
    assert_in_language(page, language, "the sign-in page with errors")
    CHECKED["sign-in"].add(language)


def test_every_browsable_route_is_checked_for_some_role(live_server, site_maps):
    """A new page is checked without a test changing, unless no role reaches it with the demo's data."""
    maps = [site_maps(role) for role in ROLES]
    checked = {page.endpoint for found in maps for page in found.pages} | {"auth.login"}  # signed out, above
    downloads = {endpoint for found in maps for endpoint in found.downloads}
    missed = sorted(rule.endpoint for rule in browsable_routes(live_server.app)
                    if rule.endpoint not in checked | downloads)
    assert not missed, f"no role reached these pages with the demo's data: {missed}"


def test_the_checker_reports_what_it_finds(page):
    """axe-core runs and its findings reach the assertion: an unlabelled field is a violation."""
    page.set_content('<!DOCTYPE html><html lang="en"><head><title>A form</title></head>'
                     '<body><main><input type="text" name="reference"></main></body></html>')
    found = violations(page)
    assert "label" in {violation["id"] for violation in found}
    assert "label (critical)" in describe(found) and "input" in describe(found)


def test_the_language_check_finds_english_left_on_a_welsh_page(page):
    """English UI text in a Welsh page is reported, visually hidden or not; a part marked as English (a letter
    to an English-speaking victim) and text that no catalogue holds are not."""
    page.set_content('<!DOCTYPE html><html lang="cy"><head><title>Achosion – Gofal Dioddefwyr</title></head><body>'
                     '<button>Sign out</button><p><span class="govuk-visually-hidden">Error:</span> Rhowch y dyddiad</p>'
                     '<article lang="en"><p>Cases</p></article><p>Alys Pritchard</p></body></html>')
    assert language_problems(page, "cy", "/cases") == [
        "English left where the catalogues have Welsh: ['Error:', 'Sign out']"]
    assert language_problems(page, "en", "/cases") == ['<html lang="cy">, not "en-GB"']


def test_the_scroll_box_check_finds_an_unnamed_box(page):
    """A focusable box with no role, or no name, or named by an id used twice, is reported; a named region is
    not, nor is a link."""
    page.set_content('<div tabindex="0" id="bare"><table><caption>Cases</caption></table></div>'
                     '<div tabindex="0" role="region" aria-labelledby="missing"></div>'
                     '<div tabindex="0" role="region" aria-labelledby="twice"></div><p id="twice">A</p><p id="twice">B</p>'
                     '<div tabindex="0" role="region" aria-labelledby="c1"><table><caption id="c1">Due</caption></table></div>'
                     '<a href="#" tabindex="0">Link</a>')
    assert scroll_box_problems(page) == [
        '<div tabindex="0" id="bare">: no role', '<div tabindex="0" id="bare">: no accessible name',
        '<div tabindex="0" role="region" aria-labelledby="missing">: no accessible name',
        '<div tabindex="0" role="region" aria-labelledby="twice">: its name\'s id is not unique']
