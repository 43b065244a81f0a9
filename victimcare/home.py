"""The home page: what each role needs first when they sign in."""

from flask import Blueprint, redirect, url_for
from flask_login import current_user

from victimcare import audit
from victimcare.access import PUBLIC, permission
from victimcare.cases import queries as case_queries
from victimcare.models import Role

bp = Blueprint("home", __name__)


@bp.get("/")
@permission(PUBLIC)
def index():
    if not current_user.is_authenticated:
        return redirect(url_for("auth.login"))
    role = current_user.role
    if role == Role.BOARD:
        return redirect(url_for("board.index"))
    if role == Role.ADMIN:
        return redirect(url_for("admin.users"))
    if role == Role.VCU:
        return redirect(url_for("vcu.queue"))
    return audit.render_disclosed(f"home/{role.value}.html", **case_queries.home_summary(current_user))
