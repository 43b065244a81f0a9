"""E and S pages: end of investigation, closure request, supervisor review, reopening."""

from __future__ import annotations

from datetime import date

from flask import Blueprint, abort, flash, redirect, render_template, url_for
from flask_babel import gettext
from flask_login import current_user

from forms.closure import AssessmentForm, ReopenForm, RequestClosureForm, ReviewForm
from victimcare import audit
from victimcare.access import editable_case_or_404, permission, visible_case_or_404
from victimcare.cases import closure, contracts, services, updates
from victimcare.extensions import db
from victimcare.journey.closure import OUTCOMES
from victimcare.journey.contract import WHAT_MATTERS_CATEGORIES
from victimcare.models import CaseStatus, UpdateKind, WhatMatters
from victimcare.models.audit import AuditAction

bp = Blueprint("closure", __name__, url_prefix="/cases/<int:case_id>")


def _page(case, *, request_form=None, assessment_forms=None, status=200):
    today = date.today()
    victims = []
    all_updates = updates.updates_for_case(case.id)
    victim_ids = [v.id for v in case.victims]
    items_by_victim = contracts.what_matters_by_victim(victim_ids)
    in_force = contracts.current_contracts(victim_ids)
    for victim in case.victims:
        items = items_by_victim[victim.id]
        forms = {}
        for item in items:
            form = (assessment_forms or {}).get(item.id) or AssessmentForm(prefix=f"item{item.id}", formdata=None)
            if form.outcome.data is None and item.outcome:
                form.outcome.data, form.explanation.data = item.outcome, item.outcome_explanation
            if not form.version.data:
                form.version.data = item.version
            forms[item.id] = form
        final = next((u for u in all_updates if u.victim_id == victim.id and u.kind == UpdateKind.FINAL), None)
        victims.append({"victim": victim, "what_matters": items, "forms": forms, "final": final,
                        "contract": in_force.get(victim.id)})
    audit.record(AuditAction.CONSULT, "case", case.id, case_id=case.id, detail="end of investigation page")
    return audit.render_disclosed("closure/closure.html", case=case, victims=victims, blockers=closure.blockers(case, today),
                           request_form=request_form or RequestClosureForm(), categories=WHAT_MATTERS_CATEGORIES,
                           outcomes=OUTCOMES, history=closure.history(case.id)), status


@bp.get("/closure")
@permission("cases:write")
def show(case_id: int):
    case = editable_case_or_404(case_id, current_user)
    return _page(case)


@bp.post("/closure/final-update/<int:victim_id>")
@permission("cases:write")
def final_update(case_id: int, victim_id: int):
    case = editable_case_or_404(case_id, current_user)
    if victim_id not in {v.id for v in case.victims}:
        abort(404)
    update = closure.start_final_update(case, victim_id, date.today())
    db.session.commit()
    return redirect(url_for("journey.give_update", case_id=case.id, update_id=update.id))


@bp.post("/closure/assess/<int:item_id>")
@permission("cases:write")
def assess(case_id: int, item_id: int):
    case = editable_case_or_404(case_id, current_user)
    item = db.session.get(WhatMatters, item_id)
    if item is None or item.victim_id not in {v.id for v in case.victims}:
        abort(404)
    form = AssessmentForm(prefix=f"item{item.id}")
    if form.validate_on_submit():
        try:
            services.check_version(item, form.version.data)
            closure.assess_what_matters(case, item, outcome=form.outcome.data, explanation=form.explanation.data,
                                        by=current_user)
        except services.Conflict:
            db.session.rollback()
            flash(gettext("Someone else assessed this while you were writing. Your assessment is below; check it and "
                  "save again."), "info")
            form.version.data = db.session.get(WhatMatters, item_id).version
        else:
            db.session.commit()
            flash(gettext("Assessment saved."), "success")
            return redirect(url_for("closure.show", case_id=case.id) + f"#item-{item.id}")
    return _page(case, assessment_forms={item.id: form})


@bp.post("/closure/request")
@permission("cases:write")
def request_closure(case_id: int):
    case = editable_case_or_404(case_id, current_user)
    form = RequestClosureForm()
    if case.status != CaseStatus.OPEN:
        flash(gettext("This case is %(status)s: closure cannot be requested.", status=case.status.label.lower()), "info")
        return redirect(url_for("cases.show", case_id=case.id))
    if form.validate_on_submit():
        try:
            closure.request_closure(case, outcome=form.outcome.data, by=current_user, today=date.today())
        except closure.ClosureRefused as refused:
            db.session.rollback()
            form.outcome.errors = list(form.outcome.errors) + [
                "The case cannot close yet: " + "; ".join(refused.problems)]
        else:
            db.session.commit()
            flash(gettext("Closure requested. A supervisor will review the case."), "success")
            return redirect(url_for("cases.show", case_id=case.id))
    return _page(case, request_form=form)


@bp.route("/review", methods=["GET", "POST"])
@permission("cases:review")
def review(case_id: int):
    case = visible_case_or_404(case_id, current_user)
    if case.status != CaseStatus.CLOSURE_REQUESTED:
        flash(gettext("This case is not waiting for a review."), "info")
        return redirect(url_for("cases.show", case_id=case.id))
    form = ReviewForm()
    own_case = case.officer_id == current_user.id
    if not own_case and form.validate_on_submit():
        if form.decision.data == "approve":
            closure.approve(case, by=current_user, today=date.today())
            message = gettext("Closure approved. The case is closed.")
        else:
            closure.return_with_actions(case, actions=form.actions.data, by=current_user)
            message = gettext("Case returned to the officer with the actions required.")
        db.session.commit()
        flash(message, "success")
        return redirect(url_for("cases.show", case_id=case.id))
    today = date.today()
    audit.record(AuditAction.CONSULT, "case", case.id, case_id=case.id, detail="closure review")
    items_by_victim = contracts.what_matters_by_victim([v.id for v in case.victims])
    victims = [{"victim": v, "what_matters": items_by_victim[v.id]} for v in case.victims]
    return audit.render_disclosed("closure/review.html", case=case, form=form, own_case=own_case, victims=victims,
                           categories=WHAT_MATTERS_CATEGORIES, outcomes=OUTCOMES, history=closure.history(case.id),
                           case_updates=updates.updates_for_case(case.id), today=today)


@bp.route("/reopen", methods=["GET", "POST"])
@permission("cases:write")
def reopen(case_id: int):
    case = editable_case_or_404(case_id, current_user, closed_too=True)
    if case.status != CaseStatus.CLOSED:
        flash(gettext("Only a closed case can be reopened."), "info")
        return redirect(url_for("cases.show", case_id=case.id))
    form = ReopenForm()
    if form.validate_on_submit():
        closure.reopen(case, reason=form.reason.data, by=current_user)
        db.session.commit()
        flash(gettext("Case reopened. Its history is kept."), "success")
        return redirect(url_for("cases.show", case_id=case.id))
    return render_template("closure/reopen.html", case=case, form=form)
