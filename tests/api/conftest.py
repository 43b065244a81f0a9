from __future__ import annotations

import pytest

from victimcare.api.tokens import issue_token


class ApiClient:
    """A test client that speaks JSON with a bearer token, each request in an app context of its own."""

    def __init__(self, app, token: str | None = None):
        self.app = app
        self.client = app.test_client()
        self.token = token

    def headers(self, extra=None) -> dict:
        headers = {"Authorization": f"Bearer {self.token}"} if self.token else {}
        return {**headers, **(extra or {})}

    def request(self, method: str, url: str, *, headers=None, **kwargs):
        with self.app.app_context():
            return self.client.open(url, method=method, headers=self.headers(headers), buffered=True, **kwargs)

    def get(self, url, **kwargs):
        return self.request("GET", url, **kwargs)

    def post(self, url, **kwargs):
        return self.request("POST", url, **kwargs)

    def patch(self, url, **kwargs):
        return self.request("PATCH", url, **kwargs)

    def put(self, url, **kwargs):
        return self.request("PUT", url, **kwargs)


@pytest.fixture
def api_as(app, db):
    """api_as(user) -> a client holding a fresh token for `user`."""

    def make(user=None, **token_options):
        if user is None:
            return ApiClient(app)
        _, token = issue_token(user, **token_options)
        db.session.commit()
        return ApiClient(app, token)

    return make
