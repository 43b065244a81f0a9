"""Browser tests: the app served on a local port, Debian's Chromium driven by Playwright.

Nothing here downloads a browser: the tests use /usr/bin/chromium (`apt-get install -y chromium`) and skip
without it, except in CI (VICTIMCARE_REQUIRE_BROWSER=1), where a missing Chromium fails the run.
"""

from __future__ import annotations

import os
import threading
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.browser.axe import load_with_every_page
from tests.browser.language import LANGUAGES, NAMES
from tests.conftest import TEST_CONFIG
from tests.database import TestDatabase
from victimcare import create_app, demo

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking"]
ROLES = ("officer", "supervisor", "vcu", "board", "admin")  # the demo accounts of each role
SHOTS = Path("/tmp/a11y-shots")
# What the run checked, for the summary at the end: per language, the pages of each role, the forms sent
# with errors and the sign-in, 403 and 404 pages; and axe's version.
CHECKED: dict[str, object] = {"pages": {}, "forms": {}, "sign-in": set(), "errors": {}}


def summary() -> str | None:
    """One line saying what axe-core checked in each language, from what the tests recorded."""
    if not CHECKED["pages"]:
        return None
    parts = []
    for language in LANGUAGES:
        pages = CHECKED["pages"].get(language, {})
        if not pages:
            continue
        per_role = ", ".join(f"{role} {count}" for role, count in pages.items())
        extra = [f"{CHECKED['forms'][language]} forms sent with errors"] if language in CHECKED["forms"] else []
        if language in CHECKED["sign-in"]:
            extra.append("the sign-in page")
        if CHECKED["errors"].get(language):
            extra.append(f"the 403 and 404 pages for {len(CHECKED['errors'][language])} roles")
        parts.append(f"in {NAMES[language]} {sum(pages.values())} pages ({per_role})"
                     + "".join(f", {item}" for item in extra))
    return f"browser: axe-core {CHECKED.get('axe', '?')} checked " + "; ".join(parts)


def pytest_terminal_summary(terminalreporter):
    line = summary()
    if line:
        terminalreporter.write_line(line)


def require_chromium() -> None:
    message = (f"the browser tests need Debian's Chromium at {CHROMIUM}: install it with "
               "`apt-get install -y chromium`")
    if not CHROMIUM.exists():
        if os.environ.get("VICTIMCARE_REQUIRE_BROWSER") == "1":
            pytest.fail(message + " (VICTIMCARE_REQUIRE_BROWSER=1: CI must run them)", pytrace=False)
        pytest.skip(message)


@dataclass
class LiveServer:
    app: object
    url: str

    def __call__(self, path: str) -> str:
        return self.url + path


@pytest.fixture(scope="session")
def live_server(tmp_path_factory):
    """The demo's data (accounts, 460 cases at every CARES stage, a Scrutiny Panel sample) in a database of
    its own, made as the rest of the suite makes one, served from a thread on a free port."""
    require_chromium()
    from werkzeug.serving import WSGIRequestHandler, make_server

    class QuietHandler(WSGIRequestHandler):
        def log_request(self, *args, **kwargs):  # hundreds of requests: their lines would bury a failure
            pass

    database = TestDatabase(tmp_path_factory.mktemp("browser-db"))
    database.migrate(lambda extra: create_app({**TEST_CONFIG, **extra}))
    database.reset()
    app = create_app({**TEST_CONFIG, "DATABASE_URL": database.live_url})
    with app.app_context():
        demo.prepare()
    server = make_server("127.0.0.1", 0, app, threaded=True, request_handler=QuietHandler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield LiveServer(app, f"http://127.0.0.1:{server.server_port}")
    server.shutdown()
    thread.join()
    with app.app_context():
        from victimcare.extensions import db

        db.session.remove()
        db.engine.dispose()
    database.drop()


@pytest.fixture(scope="session")
def chromium():
    require_chromium()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield browser
        browser.close()


def sign_in(page, live_server: LiveServer, username: str, language: str = "en") -> None:
    """Sign in on the sign-in page as a person would, with the demo password, and work in `language`."""
    page.goto(live_server("/login"))
    page.fill("#username", username)
    page.fill("#password", demo.DEMO_PASSWORD)
    page.click("main form button[type=submit]")  # not the language switch, which comes first
    page.wait_for_url(lambda url: not url.endswith("/login"))
    choose_language(page, language)


def choose_language(page, language: str) -> None:
    """Press the language switch at the top of the page unless it is in `language` already. Signed in, the
    choice is saved as the user's (users.locale), so it holds in every context signed in as them."""
    if page.evaluate("document.documentElement.lang") != LANGUAGES[language]:
        with page.expect_navigation():
            page.click(f"form.vc-language button[value={language}]")
        assert page.evaluate("document.documentElement.lang") == LANGUAGES[language]


@pytest.fixture(scope="session")
def signed_in(chromium, live_server):
    """A browser context signed in as the demo account of `role`, one per role for the run, its user
    working in `language` (the one database and server serve both languages)."""
    contexts = {}

    def context_for(role: str, language: str = "en"):
        if role not in contexts:
            context = chromium.new_context()
            load_with_every_page(context)
            page = context.new_page()
            sign_in(page, live_server, role, language)
            page.close()
            contexts[role] = context
        else:  # another test may have switched the user's language
            page = contexts[role].new_page()
            page.goto(live_server("/"))
            choose_language(page, language)
            page.close()
        return contexts[role]

    yield context_for
    for context in contexts.values():
        context.close()


@pytest.fixture
def page(chromium):
    """A fresh page in a context of its own (signed out)."""
    context = chromium.new_context()
    load_with_every_page(context)
    yield context.new_page()
    context.close()
