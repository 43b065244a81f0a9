"""The Victim Care Unit's workspace: the follow-up queue and each follow-up."""

from __future__ import annotations

from datetime import date

import sqlalchemy as sa
from flask import Blueprint, abort, flash, redirect, request, url_for
from flask_babel import gettext
from flask_login import current_user
from wtforms.fields.choices import SelectChoice

from forms.vcu import AttemptForm, ClaimForm, LetterForm, QueueFilterForm, ReachedForm
from victimcare import audit
from victimcare.access import permission
from victimcare.cases import contracts, needs, services
from victimcare.extensions import db
from victimcare.journey.contract import WHAT_MATTERS_CATEGORIES
from victimcare.journey.needs import SUPPORT_NEEDS
from victimcare.journey.vcu import ATTEMPT_OUTCOMES, MAX_UNSUCCESSFUL_ATTEMPTS
from victimcare.models import CaseStatus, FollowUp, Offence, Role, User
from victimcare.models.audit import AuditAction
from victimcare.pagination import paginate
from victimcare.translatable import translate
from victimcare.vcu import services as vcu

bp = Blueprint("vcu", __name__, url_prefix="/vcu")


@bp.get("/queue")
@permission("vcu:work")
def queue():
    form = QueueFilterForm(request.args)
    form.category.choices = [SelectChoice("", gettext("All categories"))] + [
        SelectChoice(c, translate(c)) for c in db.session.scalars(sa.select(Offence.category).distinct().order_by(Offence.category))]
    staff = db.session.scalars(sa.select(User).where(User.role == Role.VCU, User.active).order_by(User.display_name))
    form.assignee.choices = [SelectChoice("", gettext("Anyone")), SelectChoice("me", gettext("Me")),
                             SelectChoice("unclaimed", gettext("Nobody yet"))] + [
        SelectChoice(str(u.id), u.display_name) for u in staff]
    filters = vcu.QueueFilters(area=form.area.data or None, offence_category=form.category.data or None,
                               assignee=form.assignee.data or None)
    if not form.validate():
        filters = vcu.QueueFilters()
    page = paginate(vcu.queue_statement(current_user, filters))
    audit.record_list("follow-up-queue", sorted({f.case_id for f in page.items}), detail="VCU queue")
    query = {k: v for k, v in request.args.items() if k != "page"}
    return audit.render_disclosed("vcu/queue.html", form=form, page=page, today=date.today(), query=query,
                                  claim_form=ClaimForm(formdata=None))


def _follow_up_or_404(follow_up_id: int) -> FollowUp:
    follow_up = db.session.get(FollowUp, follow_up_id)
    if follow_up is None or follow_up.case.status == CaseStatus.CLOSED and follow_up.status != "done":
        abort(404)
    return follow_up


@bp.route("/follow-ups/<int:follow_up_id>", methods=["GET", "POST"])
@permission("vcu:work")
def follow_up(follow_up_id: int):
    item = _follow_up_or_404(follow_up_id)
    attempt_form, letter_form, reached_form = (AttemptForm(prefix="attempt"), LetterForm(prefix="letter"),
                                               ReachedForm(prefix="reached"))
    if request.method == "POST":
        form = {"attempt": attempt_form, "letter": letter_form, "reached": reached_form}.get(request.form.get("action"))
        if form is None:
            abort(400)
        if form.validate_on_submit():
            try:
                services.check_version(item, form.version.data)
                if form is attempt_form:
                    vcu.record_attempt(item, attempted_on=form.attempted_on.data, method=form.method.data,
                                       outcome=form.outcome.data, notes=form.notes.data or None, by=current_user)
                elif form is letter_form:
                    vcu.record_letter(item, form.sent_on.data)
                else:
                    accepted = set(form.accepted.data or [])
                    vcu.record_reached(item, reached_on=form.reached_on.data,
                                       offers={need: need in accepted for need in form.needs.data or []},
                                       notes=form.notes.data or None, by=current_user)
            except services.Conflict:
                db.session.rollback()
                flash(gettext("Someone else changed this follow-up while you were working on it. What you entered is "
                      "below: check the follow-up, then save again."), "info")
                item = _follow_up_or_404(follow_up_id)
                form.version.data = item.version
            except vcu.FollowUpError as error:
                db.session.rollback()
                item = _follow_up_or_404(follow_up_id)
                getattr(form, error.field).errors = [*getattr(form, error.field).errors, error.message]
            else:
                db.session.commit()
                flash(gettext("Saved."), "success")
                return redirect(url_for("vcu.follow_up", follow_up_id=item.id))
    for form in (attempt_form, letter_form, reached_form):
        if not form.version.data:
            form.version.data = item.version
    if request.method == "GET":
        attempt_form.attempted_on.data = letter_form.sent_on.data = reached_form.reached_on.data = date.today()
    victim = item.victim
    audit.record(AuditAction.CONSULT, "follow-up", item.id, case_id=item.case_id, victim_id=victim.id)
    return audit.render_disclosed(
        "vcu/follow_up.html", item=item, victim=victim, case=item.case, attempts=vcu.attempts_for(item.id),
        offers=vcu.offers_for(item.id), contract=contracts.current_contract(victim.id),
        what_matters=contracts.what_matters_for(victim.id), assessments=needs.assessments_for(victim.id),
        referrals=needs.referrals_for(victim.id), attempt_form=attempt_form, letter_form=letter_form,
        reached_form=reached_form, claim_form=ClaimForm(formdata=None), outcomes=ATTEMPT_OUTCOMES,
        needs_labels=SUPPORT_NEEDS, categories=WHAT_MATTERS_CATEGORIES, max_attempts=MAX_UNSUCCESSFUL_ATTEMPTS,
        today=date.today())


@bp.post("/follow-ups/<int:follow_up_id>/<any(claim, release):action>")
@permission("vcu:work")
def claim(follow_up_id: int, action: str):
    item = _follow_up_or_404(follow_up_id)
    form = ClaimForm()
    if form.validate_on_submit():
        try:
            services.check_version(item, form.version.data)
            (vcu.claim if action == "claim" else vcu.release)(item, current_user)
        except services.Conflict:
            db.session.rollback()
            flash(gettext("Someone else changed this follow-up a moment ago. Check who has it now."), "info")
        except vcu.FollowUpError as error:
            db.session.rollback()
            flash(error.message, "info")
        else:
            db.session.commit()
            flash(gettext("Claimed: it is yours to call.") if action == "claim" else gettext("Released back to the queue."), "success")
    return redirect(request.form.get("next") if request.form.get("next", "").startswith("/vcu/")
                    else url_for("vcu.follow_up", follow_up_id=item.id))
