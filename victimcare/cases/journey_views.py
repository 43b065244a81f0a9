"""The CARES pages for one case: victims' contracts and what matters, key stages and updates."""

from __future__ import annotations

from datetime import date

import sqlalchemy as sa
from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext
from flask_login import current_user
from wtforms.fields.choices import SelectChoice

from forms.cases import AcknowledgementForm, EnhancedGroundForm
from forms.contract import ContractForm, DeclinedToSayForm, WhatMattersForm
from forms.needs import NeedsAssessmentForm, ReferralForm, ReferralStatusForm
from forms.updates import GiveUpdateForm, KeyStageEventForm, OverdueReasonForm
from victimcare import audit
from victimcare.access import (
    can_edit_case,
    editable_case_or_404,
    permission,
    supportable_case_or_404,
    victim_of_case_or_404,
    visible_case_or_404,
)
from victimcare.cases import contracts, needs, services, updates
from victimcare.extensions import db
from victimcare.journey.contract import WHAT_MATTERS_CATEGORIES
from victimcare.journey.eligibility import REASONS
from victimcare.journey.needs import (
    REFERRAL_STATUSES,
    RISK_LEVELS,
    SPECIAL_MEASURES,
    SUPPORT_NEEDS,
    VPS_CHOICES,
)
from victimcare.journey.stages import DEFAULT_TIMESCALES, acknowledgement_due_on
from victimcare.models import (
    EnhancedGround,
    Referral,
    Role,
    SupportService,
    VictimUpdate,
)
from victimcare.models.audit import AuditAction
from victimcare.pagination import paginate
from victimcare.i18n import format_date
from victimcare.translatable import Labels, translate

bp = Blueprint("journey", __name__)

STAGE_LABELS = Labels({code: t.label for code, t in DEFAULT_TIMESCALES.items()})
NEEDS_LABELS = {"risk": RISK_LEVELS, "support": SUPPORT_NEEDS, "measures": SPECIAL_MEASURES, "vps": VPS_CHOICES,
                "referral": REFERRAL_STATUSES}



@bp.get("/cases/<int:case_id>/victims/<int:victim_id>")
@permission("cases:read")
def victim(case_id: int, victim_id: int):
    case = visible_case_or_404(case_id, current_user)
    victim = victim_of_case_or_404(case, victim_id)
    referrals = needs.referrals_for(victim.id)
    referral_due, referral_state = needs.referral_timeliness(case, victim, referrals, date.today())
    audit.record(AuditAction.CONSULT, "victim", victim.id, case_id=case.id, victim_id=victim.id)
    return audit.render_disclosed(
        "journey/victim.html", case=case, victim=victim, can_edit=can_edit_case(current_user, case),
        can_support=can_edit_case(current_user, case) or current_user.role == Role.VCU,
        show_investigation=current_user.role != Role.VCU,
        contract=contracts.current_contract(victim.id), history=contracts.contract_history(victim.id),
        what_matters=contracts.what_matters_for(victim.id),
        victim_updates=[u for u in updates.updates_for_case(case.id) if u.victim_id == victim.id],
        what_matters_form=WhatMattersForm(), declined_form=DeclinedToSayForm(),
        categories=WHAT_MATTERS_CATEGORIES, stage_labels=STAGE_LABELS, today=date.today(),
        assessments=needs.assessments_for(victim.id), referrals=referrals, referral_due=referral_due,
        referral_state=referral_state, needs_labels=NEEDS_LABELS, ground_form=_ground_form(),
        grounds=db.session.scalars(sa.select(EnhancedGround).where(EnhancedGround.victim_id == victim.id)
                                   .order_by(EnhancedGround.id)).all(),
        acknowledgement_form=AcknowledgementForm(formdata=None, sent_on=date.today()),
        acknowledgement_due=acknowledgement_due_on(case.reported_on, updates.timescales()))


@bp.route("/cases/<int:case_id>/victims/<int:victim_id>/contract", methods=["GET", "POST"])
@permission("cases:write")
def contract(case_id: int, victim_id: int):
    case = editable_case_or_404(case_id, current_user)
    victim = victim_of_case_or_404(case, victim_id)
    current = contracts.current_contract(victim.id)
    form = ContractForm()
    if request.method == "GET":
        _contract_form_from(form, current, victim)
    if form.validate_on_submit():
        try:
            # A contract's revision number is its version: a revision saved meanwhile is a conflict.
            if str(current.revision if current else 0) != (form.version.data or "0"):
                raise services.Conflict()
            contracts.record_contract(victim, by=current_user, **_contract_fields(form))
        except services.Conflict:
            db.session.rollback()
            flash(gettext("Someone else changed this contract while you were editing it. Your changes have not been "
                  "saved: they are shown below. Check the current contract, then save again."), "info")
            latest = contracts.current_contract(victim.id)
            form.version.data = latest.revision if latest else 0
        else:
            db.session.commit()
            flash(gettext("Contract saved."), "success")
            return redirect(url_for("journey.victim", case_id=case.id, victim_id=victim.id))
    return render_template("journey/contract_form.html", form=form, case=case, victim=victim, contract=current)


@bp.post("/cases/<int:case_id>/victims/<int:victim_id>/what-matters")
@permission("cases:write")
def add_what_matters(case_id: int, victim_id: int):
    case = editable_case_or_404(case_id, current_user)
    victim = victim_of_case_or_404(case, victim_id)
    form = WhatMattersForm()
    if form.validate_on_submit():
        contracts.add_what_matters(victim, category=form.category.data, in_their_words=form.in_their_words.data,
                                   by=current_user)
        db.session.commit()
        flash(gettext("Added to what matters."), "success")
        return redirect(url_for("journey.victim", case_id=case.id, victim_id=victim.id) + "#what-matters")
    return render_template("journey/what_matters_form.html", form=form, case=case, victim=victim)


@bp.post("/cases/<int:case_id>/victims/<int:victim_id>/what-matters/declined")
@permission("cases:write")
def what_matters_declined(case_id: int, victim_id: int):
    case = editable_case_or_404(case_id, current_user)
    victim = victim_of_case_or_404(case, victim_id)
    if not DeclinedToSayForm().validate_on_submit():
        abort(400)
    try:
        contracts.record_declined_to_say(victim, by=current_user)
    except ValueError as error:
        flash(gettext("%(problem)s: then you can record that the victim did not wish to say.", problem=error), "info")
    else:
        db.session.commit()
        flash(gettext("Recorded that the victim did not wish to say what matters to them."), "success")
    return redirect(url_for("journey.victim", case_id=case.id, victim_id=victim.id) + "#what-matters")


@bp.route("/cases/<int:case_id>/events/new", methods=["GET", "POST"])
@permission("cases:write")
def new_event(case_id: int):
    case = editable_case_or_404(case_id, current_user)
    form = KeyStageEventForm()
    if form.validate_on_submit():
        event, due = updates.record_event(case, stage=form.stage.data, occurred_on=form.occurred_on.data,
                                          notes=form.notes.data or None, by=current_user)
        db.session.commit()
        names = {v.id: v.name for v in case.victims}
        owed = "; ".join(gettext("%(name)s by %(date)s", name=names[u.victim_id], date=format_date(u.due_on))
                         for u in due) or gettext("no victim wants updates")
        flash(gettext("%(stage)s recorded. Updates due: %(owed)s.", stage=STAGE_LABELS[event.stage], owed=owed), "success")
        return redirect(url_for("cases.show", case_id=case.id) + "#updates")
    return render_template("journey/event_form.html", form=form, case=case)


@bp.route("/cases/<int:case_id>/updates/<int:update_id>", methods=["GET", "POST"])
@permission("cases:write")
def give_update(case_id: int, update_id: int):
    case = editable_case_or_404(case_id, current_user)
    update = db.session.get(VictimUpdate, update_id)
    if update is None or update.case_id != case.id:
        abort(404)
    victim = victim_of_case_or_404(case, update.victim_id)
    what_matters = contracts.what_matters_for(victim.id)
    form = GiveUpdateForm(prefix="update")
    reason_form = OverdueReasonForm(prefix="late")
    if request.method == "GET":
        form.version.data = reason_form.version.data = update.version
        reason_form.reason.data = update.overdue_reason
    asks_right_to_review = update.event is not None and update.event.stage == "no-further-action"
    if update.given_at is None and form.submit.data and form.validate_on_submit() \
            and _right_to_review_answered(form, asks_right_to_review):
        try:
            services.check_version(update, form.version.data)
            progress = {item.id: request.form.get(f"progress-{item.id}", "") for item in what_matters}
            updates.give_update(update, given_on=form.given_on.data, method=form.method.data,
                                what_was_said=form.what_was_said.data, victims_views=form.victims_views.data,
                                progress=progress, by=current_user,
                                told_right_to_review=(form.told_right_to_review.data == "yes")
                                if asks_right_to_review else None)
        except services.Conflict:
            db.session.rollback()
            flash(gettext("This update was changed by someone else while you were writing. Your text is below; "
                  "check the update, then save again if it is still needed."), "info")
            form.version.data = db.session.get(VictimUpdate, update_id).version
        else:
            db.session.commit()
            flash(gettext("Update to %(name)s saved.", name=victim.name), "success")
            return redirect(url_for("cases.show", case_id=case.id) + "#updates")
    elif reason_form.submit.data and reason_form.validate_on_submit():
        try:
            services.check_version(update, reason_form.version.data)
            updates.record_overdue_reason(update, reason_form.reason.data)
        except services.Conflict:
            db.session.rollback()
            flash(gettext("This update was changed by someone else. Check it, then save your reason again."), "info")
        else:
            db.session.commit()
            flash(gettext("Reason for the late update saved."), "success")
            return redirect(url_for("cases.show", case_id=case.id) + "#updates")
    audit.record(AuditAction.CONSULT, "update", update.id, case_id=case.id, victim_id=victim.id)
    return audit.render_disclosed("journey/update_form.html", form=form, reason_form=reason_form, case=case,
                           victim=victim, update=update, what_matters=what_matters,
                           asks_right_to_review=asks_right_to_review, categories=WHAT_MATTERS_CATEGORIES,
                           stage_labels=STAGE_LABELS, today=date.today(),
                           progress={k[len("progress-"):]: v for k, v in request.form.items() if k.startswith("progress-")})


def _right_to_review_answered(form: GiveUpdateForm, asked: bool) -> bool:
    """A no-further-action update must say whether the victim was told about the Right to Review."""
    if asked and form.told_right_to_review.data not in ("yes", "no"):
        form.told_right_to_review.errors = [
            "Select whether you told the victim how to ask for a review under the Victims' Right to Review"]
        return False
    return True


@bp.get("/updates")
@permission("cases:write")
def due():
    page = paginate(updates.due_list_statement(current_user))
    audit.record_list("update-list", sorted({u.case_id for u in page.items}), detail="updates due")
    return audit.render_disclosed("journey/due.html", page=page, stage_labels=STAGE_LABELS, today=date.today())


def _contract_form_from(form: ContractForm, contract, victim) -> None:
    if contract is None:
        form.agreed_on.data = date.today()
        form.language.data = victim.preferred_language if victim.preferred_language in ("en", "cy") else "other"
        form.methods.data = [m for m, present in (("phone", victim.phone), ("email", victim.email)) if present]
        form.version.data = 0
        return
    form.agreed_on.data = date.today()
    form.wants_updates.data = "yes" if contract.wants_updates else "no"
    form.methods.data = contract.method_codes
    form.frequency.data = contract.frequency
    form.update_within_days.data = contract.update_within_days
    form.good_times.data = contract.good_times
    form.may_leave_messages.data = "yes" if contract.may_leave_messages else "no"
    form.representative.data = contract.representative
    form.language.data = contract.language if contract.language in ("en", "cy") else "other"
    form.interpreter_needed.data = "yes" if contract.interpreter_needed else "no"
    form.referral_consent.data = contract.referral_consent
    form.version.data = contract.revision


def _contract_fields(form: ContractForm) -> dict:
    wants = form.wants_updates.data == "yes"
    return {
        "agreed_on": form.agreed_on.data,
        "wants_updates": wants,
        "methods": ",".join(form.methods.data or []) if wants else "",
        "frequency": form.frequency.data,
        "update_within_days": form.update_within_days.data,
        "good_times": form.good_times.data or None,
        "may_leave_messages": form.may_leave_messages.data == "yes",
        "representative": form.representative.data or None,
        "language": form.language.data,
        "interpreter_needed": form.interpreter_needed.data == "yes",
        "referral_consent": form.referral_consent.data,
    }


@bp.route("/cases/<int:case_id>/victims/<int:victim_id>/needs", methods=["GET", "POST"])
@permission("support:write")
def needs_assessment(case_id: int, victim_id: int):
    case = supportable_case_or_404(case_id, current_user)
    victim = victim_of_case_or_404(case, victim_id)
    form = NeedsAssessmentForm()
    previous = needs.assessments_for(victim.id)
    if request.method == "GET":
        form.assessed_on.data = date.today()
        if previous:
            latest = previous[0]
            form.risk.data = latest.risk
            form.vulnerability_notes.data = latest.vulnerability_notes
            form.support_needs.data = [c for c in latest.support_needs.split(",") if c]
            form.special_measures.data = [c for c in latest.special_measures.split(",") if c]
            form.vps.data, form.vps_offered_on.data = latest.vps_taken, latest.vps_offered_on
            form.notes.data = latest.notes
    if form.validate_on_submit():
        needs.record_assessment(
            victim, by=current_user, assessed_on=form.assessed_on.data, risk=form.risk.data,
            vulnerability_notes=form.vulnerability_notes.data or None,
            support_needs=",".join(form.support_needs.data or []),
            special_measures=",".join(form.special_measures.data or []),
            vps_taken=form.vps.data, vps_offered_on=form.vps_offered_on.data if form.vps.data != "not-offered" else None,
            notes=form.notes.data or None)
        db.session.commit()
        flash(gettext("Needs assessment saved."), "success")
        return redirect(url_for("journey.victim", case_id=case.id, victim_id=victim.id) + "#needs")
    return render_template("journey/needs_form.html", form=form, case=case, victim=victim, previous=previous)


@bp.route("/cases/<int:case_id>/victims/<int:victim_id>/referrals", methods=["GET", "POST"])
@permission("support:write")
def new_referral(case_id: int, victim_id: int):
    case = supportable_case_or_404(case_id, current_user)
    victim = victim_of_case_or_404(case, victim_id)
    form = ReferralForm()
    form.service.choices = [SelectChoice("", gettext("Select a service"))] + [
        SelectChoice(s.code, translate(s.name)) for s in db.session.scalars(
            sa.select(SupportService).where(SupportService.active).order_by(SupportService.name))]
    if request.method == "GET":
        form.referred_on.data = date.today()
    if form.validate_on_submit():
        try:
            needs.make_referral(case, victim, service_code=form.service.data, referred_on=form.referred_on.data,
                                by=current_user)
        except needs.ReferralRefused as refused:
            db.session.rollback()
            form.service.errors = [*form.service.errors, str(refused)]
        else:
            db.session.commit()
            flash(gettext("Referral recorded."), "success")
            return redirect(url_for("journey.victim", case_id=case.id, victim_id=victim.id) + "#needs")
    return render_template("journey/referral_form.html", form=form, case=case, victim=victim,
                           explicit=needs.explicit_consent_needed(case, victim),
                           contract=contracts.current_contract(victim.id))


@bp.post("/cases/<int:case_id>/victims/<int:victim_id>/grounds")
@permission("cases:write")
def add_ground(case_id: int, victim_id: int):
    case = editable_case_or_404(case_id, current_user)
    victim = victim_of_case_or_404(case, victim_id)
    form = _ground_form()
    if form.validate_on_submit():
        services.add_enhanced_ground(victim, reason=form.reason.data, note=form.note.data, by=current_user)
        db.session.commit()
        flash(gettext("Ground added: %(ground)s.", ground=REASONS[form.reason.data]), "success")
    else:
        _flash_errors(form)
    return redirect(url_for("journey.victim", case_id=case.id, victim_id=victim.id))


@bp.post("/cases/<int:case_id>/victims/<int:victim_id>/acknowledgement")
@permission("cases:write")
def acknowledgement(case_id: int, victim_id: int):
    case = editable_case_or_404(case_id, current_user)
    victim = victim_of_case_or_404(case, victim_id)
    form = AcknowledgementForm()
    if form.validate_on_submit():
        services.record_acknowledgement(victim, form.sent_on.data)
        db.session.commit()
        flash(gettext("Written acknowledgement recorded."), "success")
    else:
        _flash_errors(form)
    return redirect(url_for("journey.victim", case_id=case.id, victim_id=victim.id))


def _ground_form() -> EnhancedGroundForm:
    form = EnhancedGroundForm()
    form.reason.choices = [SelectChoice("", gettext("Select a ground"))] + [SelectChoice(k, v) for k, v in REASONS.items()]
    return form


@bp.post("/cases/<int:case_id>/referrals/<int:referral_id>")
@permission("support:write")
def referral_status(case_id: int, referral_id: int):
    case = supportable_case_or_404(case_id, current_user)
    referral = db.session.get(Referral, referral_id)
    if referral is None or referral.victim_id not in {v.id for v in case.victims}:
        abort(404)
    form = ReferralStatusForm()
    if form.validate_on_submit():
        try:
            services.check_version(referral, form.version.data)
            needs.update_referral(referral, status=form.status.data, outcome=form.outcome.data, case_id=case.id)
        except services.Conflict:
            db.session.rollback()
            flash(gettext("Someone else updated this referral meanwhile. Check it, then try again."), "info")
        else:
            db.session.commit()
            flash(gettext("Referral to %(service)s updated.", service=translate(referral.service.name)), "success")
    else:
        _flash_errors(form)
    return redirect(url_for("journey.victim", case_id=case.id, victim_id=referral.victim_id) + "#needs")


def _flash_errors(form) -> None:
    """Small forms posted from the victim page report their problems back on that page."""
    for errors in form.errors.values():
        for message in errors:
            flash(str(message), "info")
