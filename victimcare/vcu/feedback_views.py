"""Feedback pages: the VCU records and imports it; supervisors act on service recovery."""

from __future__ import annotations

from datetime import date

from flask import (
    Blueprint,
    abort,
    current_app,
    flash,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_babel import gettext
from flask_login import current_user

from forms.feedback import FeedbackForm, FeedbackImportForm, RecoveryForm
from victimcare import audit
from victimcare.access import permission, visible_case_or_404
from victimcare.cases import needs
from victimcare.extensions import db
from victimcare.journey.feedback import IMPACTS, SCALE, SURVEY_STAGES
from victimcare.models import ServiceRecovery, Victim
from victimcare.models.audit import AuditAction
from victimcare.pagination import paginate
from victimcare.vcu import feedback

bp = Blueprint("feedback", __name__)


@bp.route("/vcu/victims/<int:victim_id>/feedback", methods=["GET", "POST"])
@permission("vcu:work")
def record(victim_id: int):
    victim = db.session.get(Victim, victim_id)
    if victim is None:
        abort(404)
    case = visible_case_or_404(victim.case_id, current_user)
    agencies = {r.service_code: r.service.name for r in needs.referrals_for(victim.id)}
    form = FeedbackForm()
    if request.method == "GET":
        form.surveyed_on.data = date.today()
    impact_errors = {}
    impacts = {}
    for code in agencies:
        value = request.form.get(f"impact-{code}", "")
        if value and value not in IMPACTS:
            impact_errors[code] = "Select positive, neutral or negative"
        elif value:
            impacts[code] = (value, request.form.get(f"impact-comment-{code}", "").strip() or None)
    if form.validate_on_submit() and not impact_errors:
        answers = {stage: int(getattr(form, stage).data) if getattr(form, stage).data else None
                   for stage in SURVEY_STAGES}
        feedback.record_feedback(case, victim, stage=form.stage.data, surveyed_on=form.surveyed_on.data,
                                 answers=answers, comments=form.comments.data or None,
                                 consent_to_use=form.consent_to_use.data, impacts=impacts, source="phone",
                                 by=current_user)
        db.session.commit()
        flash(gettext("Feedback saved.") + (gettext(" The victim was dissatisfied: the case's supervisor has a service-recovery item.")
                                   if any((a or 0) >= 5 for a in answers.values()) else ""), "success")
        return redirect(url_for("vcu.queue"))
    audit.record(AuditAction.CONSULT, "victim", victim.id, case_id=case.id, victim_id=victim.id, detail="feedback")
    return audit.render_disclosed("vcu/feedback_form.html", form=form, victim=victim, case=case, agencies=agencies,
                                  impacts=IMPACTS, impact_errors=impact_errors, request_form=request.form)


@bp.route("/vcu/feedback/import", methods=["GET", "POST"])
@permission("vcu:work")
def import_file():
    form = FeedbackImportForm()
    report = None
    if form.validate_on_submit():
        data = form.file.data.read(current_app.config.get("MAX_IMPORT_BYTES", 5 * 1024 * 1024) + 1)
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            form.file.errors = [*form.file.errors, "The file must be a CSV file saved as UTF-8"]
        else:
            report = feedback.import_feedback(text, skip_invalid=form.skip_invalid.data, today=date.today(),
                                              by=current_user)
            if report.ok or form.skip_invalid.data:
                db.session.commit()
            else:
                db.session.rollback()
    return render_template("vcu/feedback_import.html", form=form, report=report)


@bp.get("/service-recovery")
@permission("cases:review")
def recoveries():
    status = "done" if request.args.get("status") == "done" else "open"
    page = paginate(feedback.recoveries_statement(current_user, status=status))
    audit.record_list("service-recovery-list", sorted({r.case_id for r in page.items}))
    return audit.render_disclosed("vcu/recoveries.html", page=page, status=status, stages=SURVEY_STAGES, scale=SCALE)


@bp.route("/service-recovery/<int:recovery_id>", methods=["GET", "POST"])
@permission("cases:review")
def recovery(recovery_id: int):
    item = db.session.get(ServiceRecovery, recovery_id)
    if item is None or item.team_id != current_user.team_id:
        abort(404)
    form = RecoveryForm()
    if item.status == "open" and form.validate_on_submit():
        feedback.complete_recovery(item, what_was_done=form.what_was_done.data,
                                   lessons_learnt=form.lessons_learnt.data, lesson_theme=form.lesson_theme.data,
                                   by=current_user)
        db.session.commit()
        flash(gettext("Service recovery recorded."), "success")
        return redirect(url_for("feedback.recoveries"))
    audit.record(AuditAction.CONSULT, "service-recovery", item.id, case_id=item.case_id)
    return audit.render_disclosed("vcu/recovery.html", item=item, form=form, stages=SURVEY_STAGES, scale=SCALE)
