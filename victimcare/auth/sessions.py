"""Server-side sign-in sessions.

The cookie carries only the id of a `UserSession` row. Ending the row (sign-out, deactivation,
timeout) ends the session wherever its cookie has been copied to.
"""

from __future__ import annotations

import secrets
from datetime import timedelta

import sqlalchemy as sa
from flask import Flask, current_app, flash, request, session
from flask_babel import gettext
from flask.sessions import SecureCookieSessionInterface

from victimcare.api_request import is_api_request
from victimcare.extensions import db, login_manager
from victimcare.models import User, UserSession
from victimcare.timeutil import as_utc, utcnow
from victimcare.translatable import N_

# Writing last_seen_at on every request would turn each page view into a write.
LAST_SEEN_RESOLUTION = timedelta(seconds=60)


class HttpsAwareSessionInterface(SecureCookieSessionInterface):
    """Marks the cookie Secure whenever the request came over HTTPS, not only when configured."""

    def get_cookie_secure(self, app: Flask) -> bool:
        return bool(app.config["SESSION_COOKIE_SECURE"] or (request and request.is_secure))

    def open_session(self, app: Flask, request):
        # The API authenticates by bearer token only: it neither reads nor refreshes the sign-in cookie.
        if is_api_request(request):
            return self.make_null_session(app)
        return super().open_session(app, request)


def init_sessions(app: Flask) -> None:
    app.session_interface = HttpsAwareSessionInterface()
    app.permanent_session_lifetime = app.config["SESSION_ABSOLUTE_TIMEOUT"]
    login_manager.init_app(app)
    login_manager.login_view = "auth.login"
    login_manager.login_message = N_("Sign in to continue.")
    login_manager.localize_callback = gettext
    login_manager.login_message_category = "info"
    login_manager.session_protection = "basic"
    login_manager.user_loader(load_user_for_session)


def start_session(user: User) -> str:
    session.clear()  # a fresh session on sign-in, so nothing set before it survives
    session.permanent = True
    row = UserSession(id=secrets.token_urlsafe(32), user_id=user.id, address=request.remote_addr)
    db.session.add(row)
    user.session_id = row.id
    return row.id


def end_session(session_id: str | None) -> None:
    if session_id:
        db.session.execute(
            sa.update(UserSession)
            .where(UserSession.id == session_id, UserSession.ended_at.is_(None))
            .values(ended_at=utcnow())
        )


def end_all_sessions(user_id: int) -> None:
    db.session.execute(
        sa.update(UserSession)
        .where(UserSession.user_id == user_id, UserSession.ended_at.is_(None))
        .values(ended_at=utcnow())
    )


def session_expired(row: UserSession, now, idle: timedelta, absolute: timedelta) -> bool:
    return (
        row.ended_at is not None
        or now - as_utc(row.last_seen_at) > idle
        or now - as_utc(row.created_at) > absolute
    )


def load_user_for_session(session_id: str) -> User | None:
    row = db.session.get(UserSession, session_id)
    if row is None:
        return None
    now = utcnow()
    config = current_app.config
    if session_expired(row, now, config["SESSION_IDLE_TIMEOUT"], config["SESSION_ABSOLUTE_TIMEOUT"]):
        if row.ended_at is None:
            row.ended_at = now
            db.session.commit()
            flash(gettext("You were signed out because your session timed out. Sign in again."), "info")
        return None
    user = row.user
    if not user.active:
        return None
    if now - as_utc(row.last_seen_at) > LAST_SEEN_RESOLUTION:
        row.last_seen_at = now
        db.session.commit()
    user.session_id = row.id
    return user
