"""Bearer authentication for /api/: the token is the only credential the API accepts.

A session cookie is an ambient credential (a browser sends it to any request, forged or not), so
the API ignores it; that is also why the API needs no CSRF token.
"""

from __future__ import annotations

from flask import g, request

from victimcare.api.tokens import user_for_token
from victimcare.extensions import login_manager

API_PREFIX = "/api/"


def is_api_request() -> bool:
    return request.path.startswith(API_PREFIX)


def bearer_token() -> str | None:
    header = request.headers.get("Authorization", "")
    scheme, _, token = header.partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        return None
    return token.strip()


def load_api_user() -> None:
    """Before any other check: set the request's user from its bearer token, never from the session."""
    if not is_api_request():
        return
    token = bearer_token()
    user = user_for_token(token) if token else None
    # Flask-Login keeps the request's user in g._login_user; setting it here means the session
    # loader never runs for an API request.
    g._login_user = user if user is not None else login_manager.anonymous_user()
