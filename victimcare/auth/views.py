from __future__ import annotations

import sqlalchemy as sa
from flask import (
    Blueprint,
    current_app,
    flash,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_limiter.util import get_remote_address
from flask_login import current_user, login_user, logout_user

from forms.auth import SignInForm
from victimcare import audit
from victimcare.access import PUBLIC, SIGNED_IN, permission
from victimcare.auth.passwords import verify_password
from victimcare.auth.sessions import end_session, start_session
from victimcare.extensions import db, limiter
from victimcare.i18n import remember_language_choice
from victimcare.models import User
from victimcare.models.audit import AuditAction

bp = Blueprint("auth", __name__)


def _failure_limit() -> str:
    return current_app.config["LOGIN_FAILURE_LIMIT"]


def _account_key() -> str:
    return "sign-in-account:" + request.form.get("username", "").strip().lower()


def _address_key() -> str:
    return "sign-in-address:" + (get_remote_address() or "unknown")


def _failed(response) -> bool:
    # A successful sign-in redirects; anything else on POST counts as a failed attempt.
    return response.status_code != 302


@bp.route("/login", methods=["GET", "POST"])
@permission(PUBLIC)
@limiter.limit(_failure_limit, key_func=_account_key, methods=["POST"], deduct_when=_failed)
@limiter.limit(_failure_limit, key_func=_address_key, methods=["POST"], deduct_when=_failed)
def login():
    if current_user.is_authenticated:
        return redirect(url_for("home.index"))
    form = SignInForm()
    if form.validate_on_submit():
        username = form.username.data.strip().lower()
        user = db.session.scalar(sa.select(User).where(sa.func.lower(User.username) == username))
        if user is not None and verify_password(user.password_hash, form.password.data) and user.active:
            remember_language_choice(user)
            start_session(user)
            audit.record(AuditAction.SIGN_IN, "user", user.id, user=user)
            db.session.commit()
            login_user(user)
            return redirect(safe_next(request.args.get("next")) or url_for("home.index"))
        audit.record(AuditAction.SIGN_IN_FAILED, "user", getattr(user, "id", None), user=user,
                     detail=f"username tried: {username[:64]}")
        db.session.commit()
        form.password.errors.append("Enter a correct username and password")
    return render_template("auth/login.html", form=form)


@bp.route("/logout", methods=["POST"])
@permission(SIGNED_IN)
def logout():
    end_session(current_user.session_id)
    audit.record(AuditAction.SIGN_OUT, "user", current_user.id)
    db.session.commit()
    logout_user()
    flash("You have signed out.", "success")
    return redirect(url_for("auth.login"))


def safe_next(target: str | None) -> str | None:
    """Only same-site paths: an open redirect after sign-in is a phishing aid."""
    if target and target.startswith("/") and not target.startswith("//") and "\\" not in target:
        return target
    return None
