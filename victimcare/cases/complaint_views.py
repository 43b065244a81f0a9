"""Recording a complaint on a case: the supervisor of the officer's team does it."""

from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, url_for
from flask_babel import gettext
from flask_login import current_user

from forms.complaints import ComplaintForm
from victimcare.access import editable_case_or_404, permission
from victimcare.cases import complaints
from victimcare.extensions import db

bp = Blueprint("complaints", __name__, url_prefix="/cases/<int:case_id>/complaints")


@bp.route("/new", methods=["GET", "POST"])
@permission("cases:review")
def new(case_id: int):
    case = editable_case_or_404(case_id, current_user, closed_too=True)
    form = ComplaintForm()
    if form.validate_on_submit():
        complaints.record_complaint(case, received_on=form.received_on.data, about=form.about.data,
                                    outcome=form.outcome.data, notes=form.notes.data, by=current_user)
        db.session.commit()
        flash(gettext("Complaint recorded."), "success")
        return redirect(url_for("cases.show", case_id=case.id) + "#complaints")
    return render_template("cases/complaint_form.html", case=case, form=form)
