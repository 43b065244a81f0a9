from __future__ import annotations

import re

import pytest

from tests.database import TestDatabase
from tests.factories import PASSWORD
from victimcare import create_app
from victimcare.extensions import db as _db

TEST_CONFIG = {"TESTING": True, "SECRET_KEY": "test-secret-key-not-for-production"}


@pytest.fixture(scope="session")
def test_database(tmp_path_factory):
    database = TestDatabase(tmp_path_factory.mktemp("db"))
    database.migrate(lambda extra: create_app({**TEST_CONFIG, **extra}))
    yield database
    database.drop()


@pytest.fixture(scope="session")
def shared_app(test_database):
    """One app for the run: building an app (and compiling its templates) per test is slow."""
    return create_app({**TEST_CONFIG, "DATABASE_URL": test_database.live_url})


@pytest.fixture
def app(shared_app, test_database):
    """The shared app over an empty database (reference data kept) and fresh sign-in counters."""
    from victimcare.extensions import limiter

    with shared_app.app_context():
        _db.engine.dispose()
        test_database.reset()
        limiter.reset()
        yield shared_app
        _db.session.remove()
        _db.engine.dispose()


@pytest.fixture
def db(app):
    return _db


CSRF_PATTERN = re.compile(r'name="csrf_token"[^>]*value="([^"]+)"')


def csrf_token_from(html: str) -> str:
    match = CSRF_PATTERN.search(html)
    assert match, "page has no CSRF token"
    return match.group(1)


class Browser:
    """A test client that signs in like a person and submits forms with their CSRF token.

    Each request runs in an app context of its own, as in production: otherwise the request would
    share the test's context, its `g` and its database session.
    """

    def __init__(self, app):
        self.app = app
        self.client = app.test_client()

    def get(self, url, **kwargs):
        with self.app.app_context():
            return self.client.get(url, buffered=True, **kwargs)

    def post(self, url, **kwargs):
        with self.app.app_context():
            return self.client.post(url, **kwargs)

    def login(self, user, password: str = PASSWORD):
        """Sign in as `user` from a fresh browser (no cookies from whoever used it before)."""
        self.client = self.app.test_client()
        response = self.submit("/login", {"username": user.username, "password": password})
        assert response.status_code == 302, "sign-in failed"
        return response

    def token(self, page_url: str = "/login") -> str:
        """The session's CSRF token, read from a page that has a form (any page once signed in)."""
        for url in (page_url, "/", "/login"):
            match = CSRF_PATTERN.search(self.get(url, follow_redirects=True).get_data(as_text=True))
            if match:
                return match.group(1)
        raise AssertionError("no page offered a CSRF token")

    def submit(self, url: str, data: dict, *, page: str | None = None, **kwargs):
        """POST `data` to `url` with the CSRF token from the page the form is on (default: `url`)."""
        token = self.token(page or url)
        return self.post(url, data={**data, "csrf_token": token}, **kwargs)


@pytest.fixture
def browser(app):
    return Browser(app)
