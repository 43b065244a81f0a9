"""The Victims Scrutiny Panel's pages: samples, redacted packs (web and PDF), findings and actions."""

from __future__ import annotations

from datetime import date, timedelta

import sqlalchemy as sa
from flask import Blueprint, Response, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext
from flask_login import current_user
from sqlalchemy.orm import joinedload
from wtforms.fields.choices import SelectChoice

from victimcare.i18n import lazy_gettext as _l
from forms.scrutiny import (
    ActionForm,
    CloseActionForm,
    DrawForm,
    FindingForm,
    RedactAgainForm,
    ReviewForm,
    recent_months,
)
from victimcare import audit
from victimcare.access import has_permission, permission
from victimcare.cases.services import Conflict, check_version
from victimcare.extensions import db
from victimcare.models import ScrutinyAction, ScrutinyPack, ScrutinySample, Team
from victimcare.models.audit import AuditAction
from victimcare.pagination import paginate
from victimcare.pdf import render_pdf
from victimcare.scrutiny import services as scrutiny
from victimcare.scrutiny.services import FINDING_KINDS, PACK_STATUSES

bp = Blueprint("scrutiny", __name__, url_prefix="/scrutiny")

# Which record went out of date -> what the user is told.
STALE = {"pack": _l("Someone else changed this pack while you were working on it. Check it as it is now, then try again."),
         "action": _l("Someone else changed this action while you were working on it. Check it as it is now, then try again.")}


@bp.get("/")
@permission("scrutiny:read")
def index():
    page = paginate(sa.select(ScrutinySample).options(joinedload(ScrutinySample.drawn_by))
                    .order_by(ScrutinySample.month.desc(), ScrutinySample.id.desc()))
    pack_counts = dict(db.session.execute(
        sa.select(ScrutinyPack.sample_id, sa.func.count()).where(ScrutinyPack.sample_id.in_([s.id for s in page.items]))
        .group_by(ScrutinyPack.sample_id)).all())
    today = date.today()
    year_ago = (today.replace(day=1) - timedelta(days=365)).replace(day=1)
    return render_template("scrutiny/index.html", page=page, pack_counts=pack_counts, summary=scrutiny.findings_summary(year_ago, today),
                           since=year_ago, kinds=FINDING_KINDS,
                           can_draw=has_permission(current_user, "scrutiny:draw"))


@bp.route("/samples/new", methods=["GET", "POST"])
@permission("scrutiny:draw")
def draw():
    form = DrawForm()
    form.month.choices = recent_months(date.today())
    if form.validate_on_submit():
        try:
            sample = scrutiny.draw_sample(month=form.month_date(), by=current_user, size=int(form.size.data),
                                          seed=int(form.seed.data.replace(",", "")) if form.seed.data else None)
        except scrutiny.ScrutinyError as error:
            db.session.rollback()
            getattr(form, error.field).errors = [*getattr(form, error.field).errors, error.message]
        else:
            db.session.commit()
            flash(gettext("Sample drawn with seed %(seed)s: %(count)s packs wait for their supervisors' approval.",
                          seed=sample.seed, count=len(sample.packs)), "success")
            return redirect(url_for("scrutiny.sample", sample_id=sample.id))
    return render_template("scrutiny/draw.html", form=form)


def _sample_or_404(sample_id: int) -> ScrutinySample:
    sample = db.session.get(ScrutinySample, sample_id)
    if sample is None:
        abort(404)
    return sample


@bp.get("/samples/<int:sample_id>")
@permission("scrutiny:read")
def sample(sample_id: int):
    item = _sample_or_404(sample_id)
    return render_template("scrutiny/sample.html", sample=item, packs=scrutiny.packs_for(item, current_user),
                           statuses=PACK_STATUSES, can_review=scrutiny.can_review)


def _pack_or_404(pack_id: int) -> ScrutinyPack:
    """A pack the user may read: the Panel only once approved, a supervisor only of their team's cases."""
    pack = db.session.get(ScrutinyPack, pack_id)
    if pack is None or not scrutiny.can_read_pack(current_user, pack):
        abort(404)
    return pack


def _pack_page(pack: ScrutinyPack, *, review_form=None, finding_form=None, action_form=None):
    panel = has_permission(current_user, "scrutiny:panel")
    action_form = action_form or ActionForm(formdata=None)
    if panel:
        action_form.owner_team.choices = [SelectChoice(str(t.id), t.name) for t in
                                          db.session.scalars(sa.select(Team).order_by(Team.name))]
        if not action_form.owner_team.data:
            action_form.owner_team.data = str(pack.team_id)
    review_form = review_form or ReviewForm(formdata=None)
    review_form.version.data = review_form.version.data or pack.version
    finding_form = finding_form or FindingForm(formdata=None)
    # The layout's error summary lists the errors of the form that was sent.
    sent = {"form": f for f in (review_form, finding_form, action_form) if f.errors}
    audit.record(AuditAction.CONSULT, "scrutiny-pack", pack.id, case_id=pack.case_id)
    return audit.render_disclosed(
        "scrutiny/pack.html", pack=pack, content=pack.content, sample=pack.sample, statuses=PACK_STATUSES,
        can_review=scrutiny.can_review(current_user, pack), panel=panel, kinds=FINDING_KINDS,
        findings=scrutiny.findings_for(pack.id),
        actions=list(db.session.scalars(scrutiny.actions_statement(current_user, pack_id=pack.id))),
        review_form=review_form, redact_form=RedactAgainForm(formdata=None, version=pack.version),
        finding_form=finding_form, action_form=action_form, **sent)


@bp.get("/packs/<int:pack_id>")
@permission("scrutiny:read")
def pack(pack_id: int):
    return _pack_page(_pack_or_404(pack_id))


@bp.get("/packs/<int:pack_id>/pack.pdf")
@permission("scrutiny:read")
def pack_pdf(pack_id: int):
    item = _pack_or_404(pack_id)
    html = render_template("scrutiny/pack_print.html", pack=item, content=item.content, sample=item.sample,
                           statuses=PACK_STATUSES, printed_by=current_user, today=date.today())
    document = render_pdf(html)
    audit.record(AuditAction.DISCLOSE, "scrutiny-pack", item.id, case_id=item.case_id,
                 recipients=current_user.role.label, justification="redacted pack printed")
    db.session.commit()
    filename = f"scrutiny-{item.sample.month:%Y-%m}-case-{item.number}.pdf"
    return Response(document, mimetype="application/pdf",
                    headers={"Content-Disposition": f"inline; filename={filename}"})


def _reviewable_pack_or_404(pack_id: int) -> ScrutinyPack:
    item = db.session.get(ScrutinyPack, pack_id)
    if item is None or not scrutiny.can_review(current_user, item):
        abort(404)
    return item


@bp.post("/packs/<int:pack_id>/review")
@permission("scrutiny:approve")
def review(pack_id: int):
    item = _reviewable_pack_or_404(pack_id)
    form = ReviewForm()
    if form.validate_on_submit():
        try:
            check_version(item, form.version.data)
            scrutiny.review_pack(item, decision=form.decision.data, reason=form.reason.data,
                                 extra_terms=form.extra_terms.data, by=current_user)
        except Conflict:
            db.session.rollback()
            flash(str(STALE["pack"]), "info")
            item = _reviewable_pack_or_404(pack_id)
            form.version.data = item.version
        except scrutiny.ScrutinyError as error:
            db.session.rollback()
            item = _reviewable_pack_or_404(pack_id)
            getattr(form, error.field).errors = [*getattr(form, error.field).errors, error.message]
        else:
            db.session.commit()
            flash(gettext("Approved: the Panel can now see this pack.") if item.status == "approved"
                  else gettext("Returned: redact the pack again when you are ready."), "success")
            return redirect(url_for("scrutiny.pack", pack_id=item.id))
    return _pack_page(item, review_form=form)


@bp.post("/packs/<int:pack_id>/redact")
@permission("scrutiny:approve")
def redact(pack_id: int):
    item = _reviewable_pack_or_404(pack_id)
    form = RedactAgainForm()
    if form.validate_on_submit():
        try:
            check_version(item, form.version.data)
            scrutiny.redact_again(item, by=current_user)
        except Conflict:
            db.session.rollback()
            flash(str(STALE["pack"]), "info")
        except scrutiny.ScrutinyError as error:
            db.session.rollback()
            flash(error.message, "info")
        else:
            db.session.commit()
            flash(gettext("Redacted again: check the pack, then approve it."), "success")
    return redirect(url_for("scrutiny.pack", pack_id=pack_id))


def _panel_pack_or_404(pack_id: int) -> ScrutinyPack:
    item = db.session.get(ScrutinyPack, pack_id)
    if item is None or item.status != "approved":
        abort(404)
    return item


@bp.post("/packs/<int:pack_id>/findings")
@permission("scrutiny:panel")
def add_finding(pack_id: int):
    item = _panel_pack_or_404(pack_id)
    form = FindingForm()
    if form.validate_on_submit():
        scrutiny.record_finding(item, kind=form.kind.data, comment=form.comment.data, by=current_user)
        db.session.commit()
        flash(gettext("Finding recorded."), "success")
        return redirect(url_for("scrutiny.pack", pack_id=item.id) + "#findings")
    return _pack_page(item, finding_form=form)


@bp.post("/packs/<int:pack_id>/actions")
@permission("scrutiny:panel")
def add_action(pack_id: int):
    item = _panel_pack_or_404(pack_id)
    form = ActionForm()
    form.owner_team.choices = [SelectChoice(str(t.id), t.name) for t in
                               db.session.scalars(sa.select(Team).order_by(Team.name))]
    if form.validate_on_submit():
        scrutiny.add_action(item, owner_team_id=int(form.owner_team.data), description=form.description.data,
                            due_on=form.due_on.data, by=current_user)
        db.session.commit()
        flash(gettext("Action added: the team can see it now."), "success")
        return redirect(url_for("scrutiny.pack", pack_id=item.id) + "#actions")
    return _pack_page(item, action_form=form)


@bp.get("/actions")
@permission("scrutiny:actions")
def actions():
    status = request.args.get("status") if request.args.get("status") in ("open", "done") else "open"
    page = paginate(scrutiny.actions_statement(current_user, status=status))
    return render_template("scrutiny/actions.html", page=page, status=status, today=date.today())


@bp.route("/actions/<int:action_id>", methods=["GET", "POST"])
@permission("scrutiny:actions")
def action(action_id: int):
    item = db.session.get(ScrutinyAction, action_id)
    if item is None or not (current_user.role.value == "board" or item.owner_team_id == current_user.team_id):
        abort(404)
    form = CloseActionForm()
    if request.method == "POST":
        if not scrutiny.can_close(current_user, item):
            abort(403)
        if form.validate_on_submit():
            try:
                check_version(item, form.version.data)
                scrutiny.close_action(item, note=form.note.data, by=current_user)
            except Conflict:
                db.session.rollback()
                flash(str(STALE["action"]) + gettext(" What you wrote is below."), "info")
                item = db.session.get(ScrutinyAction, action_id)
                form.version.data = item.version
            except scrutiny.ScrutinyError as error:
                db.session.rollback()
                item = db.session.get(ScrutinyAction, action_id)
                form.note.errors = [*form.note.errors, error.message]
            else:
                db.session.commit()
                flash(gettext("Action closed."), "success")
                return redirect(url_for("scrutiny.actions"))
    if not form.version.data:
        form.version.data = item.version
    return render_template("scrutiny/action.html", item=item, form=form, today=date.today(),
                           can_close=scrutiny.can_close(current_user, item),
                           can_open_pack=scrutiny.can_read_pack(current_user, item.pack))
