"""The investigation plan page and its printable PDF for the case file."""

from __future__ import annotations

from datetime import date

from flask import Blueprint, Response, abort, flash, redirect, render_template, url_for
from flask_babel import gettext
from flask_login import current_user
from wtforms.fields.choices import SelectChoice

from forms.plan import ActionStatusForm, PlanActionForm
from victimcare import audit
from victimcare.access import (
    can_edit_case,
    editable_case_or_404,
    permission,
    visible_case_or_404,
)
from victimcare.cases import plan, services
from victimcare.cases.journey_views import STAGE_LABELS
from victimcare.extensions import db
from victimcare.journey.closure import OUTCOMES
from victimcare.journey.contract import WHAT_MATTERS_CATEGORIES
from victimcare.models import PlanAction
from victimcare.models.audit import AuditAction
from victimcare.pdf import render_pdf

bp = Blueprint("plan", __name__, url_prefix="/cases/<int:case_id>/plan")


def _context(case, form=None):
    context = plan.plan_for(case)
    form = form or PlanActionForm(formdata=None)
    form.what_matters.choices = [SelectChoice("", gettext("Not linked to a what-matters item"))] + [
        SelectChoice(str(i.id), f"{WHAT_MATTERS_CATEGORIES[i.category]}: {i.in_their_words[:60]}")
        for i in context["items_by_id"].values()]
    return {**context, "case": case, "form": form, "status_form": ActionStatusForm(formdata=None),
            "statuses": plan.ACTION_STATUSES, "categories": WHAT_MATTERS_CATEGORIES, "outcomes": OUTCOMES, "stage_labels": STAGE_LABELS,
            "today": date.today()}


@bp.get("")
@permission("plan:read")
def show(case_id: int):
    case = visible_case_or_404(case_id, current_user)
    audit.record(AuditAction.CONSULT, "investigation-plan", case.id, case_id=case.id)
    return audit.render_disclosed("plan/plan.html", can_edit=can_edit_case(current_user, case), **_context(case))


@bp.get("/print.pdf")
@permission("plan:read")
def pdf(case_id: int):
    case = visible_case_or_404(case_id, current_user)
    html = render_template("plan/plan_print.html", printed_by=current_user, **_context(case))
    document = render_pdf(html)
    audit.record(AuditAction.DISCLOSE, "investigation-plan", case.id, case_id=case.id, recipients="case file",
                 justification="investigation plan printed for the case file")
    db.session.commit()
    filename = f"investigation-plan-{case.crime_reference.replace('/', '-')}.pdf"
    return Response(document, mimetype="application/pdf",
                    headers={"Content-Disposition": f"inline; filename={filename}"})


@bp.post("/actions")
@permission("cases:write")
def add_action(case_id: int):
    case = editable_case_or_404(case_id, current_user)
    context = _context(case, PlanActionForm())
    form = context["form"]
    if form.validate_on_submit():
        plan.add_action(case, what=form.what.data, who=form.who.data, by_when=form.by_when.data,
                        what_matters_id=int(form.what_matters.data) if form.what_matters.data else None)
        db.session.commit()
        flash(gettext("Action added to the plan."), "success")
        return redirect(url_for("plan.show", case_id=case.id) + "#actions")
    return render_template("plan/plan.html", can_edit=True, **context)


@bp.post("/actions/<int:action_id>/status")
@permission("cases:write")
def action_status(case_id: int, action_id: int):
    case = editable_case_or_404(case_id, current_user)
    action = db.session.get(PlanAction, action_id)
    if action is None or action.case_id != case.id:
        abort(404)
    form = ActionStatusForm()
    if form.validate_on_submit():
        try:
            services.check_version(action, form.version.data)
            plan.set_status(case, action, form.status.data)
        except services.Conflict:
            db.session.rollback()
            flash(gettext("Someone else changed this action meanwhile. Check it and try again."), "info")
        else:
            db.session.commit()
            flash(gettext("Action updated."), "success")
    else:
        flash(gettext("Select a status for the action."), "info")
    return redirect(url_for("plan.show", case_id=case.id) + "#actions")
