"""The language switch on every page: saves the choice and returns to the page it was made on."""

from __future__ import annotations

from flask import Blueprint, abort, redirect, request, session, url_for
from flask_login import current_user

from victimcare.access import PUBLIC, permission
from victimcare.auth.views import safe_next
from victimcare.extensions import db
from victimcare.i18n import LOCALES, SESSION_KEY

bp = Blueprint("language", __name__)


@bp.post("/language")
@permission(PUBLIC)
def choose():
    locale = request.form.get("locale")
    if locale not in LOCALES:
        abort(400)
    session[SESSION_KEY] = locale  # the sign-in page has no user to remember it for
    if current_user.is_authenticated and current_user.locale != locale:
        current_user.locale = locale
        db.session.commit()
    return redirect(safe_next(request.form.get("next")) or url_for("home.index"))
