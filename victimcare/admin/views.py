"""Administration: user accounts and the audit log. Admins never see case content."""

from __future__ import annotations

import csv
import io

import sqlalchemy as sa
from flask import (
    Blueprint,
    Response,
    flash,
    redirect,
    render_template,
    request,
    stream_with_context,
    url_for,
)
from flask_babel import gettext
from flask_login import current_user
from werkzeug.datastructures import MultiDict

from forms.admin import AuditSearchForm, ConfirmForm, TimescaleForm, UserForm
from victimcare import audit
from victimcare.access import permission
from victimcare.accounts import AccountError, create_user, set_active
from victimcare.admin.audit_search import (
    AUDIT_COLUMNS,
    audit_statement,
    iter_audit_rows,
)
from victimcare.extensions import db
from victimcare.models import TimescaleSetting, User
from victimcare.models.audit import AuditAction
from victimcare.translatable import translate
from victimcare.pagination import paginate

bp = Blueprint("admin", __name__, url_prefix="/admin")


@bp.get("/users")
@permission("admin:users")
def users():
    page = paginate(sa.select(User).order_by(User.active.desc(), User.username))
    return render_template("admin/users.html", page=page, confirm=ConfirmForm())


@bp.route("/users/new", methods=["GET", "POST"])
@permission("admin:users")
def new_user():
    form = UserForm()
    if form.validate_on_submit():
        try:
            user = create_user(username=form.username.data, role=form.role.data, password=form.password.data,
                               team=form.team.data, display_name=form.display_name.data)
        except AccountError as error:
            db.session.rollback()
            getattr(form, error.field).errors.append(error.message)
        else:
            db.session.commit()
            flash(gettext("User %(username)s created.", username=user.username), "success")
            return redirect(url_for("admin.users"))
    return render_template("admin/new_user.html", form=form)


@bp.post("/users/<int:user_id>/<any(deactivate, reactivate):action>")
@permission("admin:users")
def change_active(user_id: int, action: str):
    user = db.get_or_404(User, user_id)
    form = ConfirmForm()
    if not form.validate_on_submit():
        flash(gettext("The page was out of date. Check the user and try again."), "info")
        return redirect(url_for("admin.users"))
    if form.version.data != user.version:
        flash(gettext("%(username)s was changed by someone else while you were looking. Nothing was saved; "
                      "check the list and try again.", username=user.username), "info")
        return redirect(url_for("admin.users"))
    if user.id == current_user.id:
        flash(gettext("You cannot deactivate your own account."), "info")
        return redirect(url_for("admin.users"))
    set_active(user, action == "reactivate")
    db.session.commit()
    flash(gettext("%(username)s deactivated. Their sessions have ended.", username=user.username) if action == "deactivate"
          else gettext("%(username)s reactivated.", username=user.username), "success")
    return redirect(url_for("admin.users"))


@bp.get("/audit")
@permission("admin:audit")
def audit_log():
    form = AuditSearchForm(request.args if request.args else None)
    page = None
    if request.args and form.validate():
        page = paginate(audit_statement(form.data))
        audit.record(AuditAction.CONSULT, "audit-log", detail=_describe(form.data))
        db.session.commit()
    query = {key: value for key, value in request.args.items() if key != "page"}
    return render_template("admin/audit.html", form=form, page=page, query=query)


@bp.get("/audit.csv")
@permission("admin:audit")
def audit_csv():
    form = AuditSearchForm(MultiDict(request.args))
    if not form.validate():
        return redirect(url_for("admin.audit_log", **request.args))
    audit.record(AuditAction.DISCLOSE, "audit-log", detail=_describe(form.data),
                 recipients=current_user.username, justification="audit log export")
    db.session.commit()
    criteria = dict(form.data)

    def generate():
        buffer = io.StringIO()
        writer = csv.writer(buffer)
        writer.writerow(AUDIT_COLUMNS)
        for row in iter_audit_rows(criteria):
            writer.writerow(row)
            yield buffer.getvalue()
            buffer.seek(0)
            buffer.truncate()
        yield buffer.getvalue()

    return Response(stream_with_context(generate()), mimetype="text/csv",
                    headers={"Content-Disposition": "attachment; filename=victimcare-audit.csv"})


def _describe(criteria: dict) -> str:
    shown = {k: v for k, v in criteria.items() if k in ("username", "case_id", "date_from", "date_to") and v}
    return "search " + ", ".join(f"{k}={v}" for k, v in shown.items()) if shown else "search (all)"


@bp.get("/timescales")
@permission("admin:reference")
def timescales():
    rows = db.session.scalars(sa.select(TimescaleSetting).order_by(TimescaleSetting.configurable.desc(),
                                                                     TimescaleSetting.label))
    return render_template("admin/timescales.html", rows=list(rows))


@bp.route("/timescales/<code>", methods=["GET", "POST"])
@permission("admin:reference")
def edit_timescale(code: str):
    row = db.get_or_404(TimescaleSetting, code)
    if not row.configurable:
        flash(gettext("%(timescale)s: this timescale is set by the Victims' Code and cannot be changed here.",
                      timescale=translate(row.label)), "info")
        return redirect(url_for("admin.timescales"))
    form = TimescaleForm(obj=row)
    if form.validate_on_submit():
        before = (row.standard_days, row.enhanced_days)
        row.standard_days, row.enhanced_days = form.standard_days.data, form.enhanced_days.data
        audit.record(AuditAction.ADMIN, "timescale", row.code,
                     detail=f"{row.code}: standard {before[0]}->{row.standard_days}, "
                            f"enhanced {before[1]}->{row.enhanced_days}")
        db.session.commit()
        flash(gettext("%(timescale)s: timescale saved. It applies to key stages recorded from now on.",
                      timescale=translate(row.label)), "success")
        return redirect(url_for("admin.timescales"))
    return render_template("admin/timescale_form.html", form=form, row=row)
