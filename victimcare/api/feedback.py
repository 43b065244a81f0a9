"""Victims' feedback, recorded by the Victim Care Unit; a dissatisfied answer starts service recovery."""

from __future__ import annotations

import sqlalchemy as sa
from flask_login import current_user
from flask_smorest import Blueprint

from victimcare.access import permission, victim_of_case_or_404, visible_case_or_404
from victimcare.api.common import field_error, with_case
from victimcare.api.schemas import FeedbackInSchema, FeedbackSchema
from victimcare.cases import needs
from victimcare.extensions import db
from victimcare.models import Feedback, ServiceRecovery
from victimcare.vcu import feedback

blp = Blueprint("api_feedback", __name__, url_prefix="/cases", description="Victims' feedback")


@blp.route("/<int:case_id>/victims/<int:victim_id>/feedback", methods=["POST"])
@permission("vcu:work")
@with_case(visible_case_or_404)
@blp.arguments(FeedbackInSchema)
@blp.response(201, FeedbackSchema)
@blp.alt_response(404, response="DEFAULT_ERROR")
def record(body: dict, case, victim_id: int):
    """Record a victim's feedback (source: phone); impacts only for agencies they were referred to"""
    victim = victim_of_case_or_404(case, victim_id)
    referred = {r.service_code for r in needs.referrals_for(victim.id)}
    strangers = sorted(code for code in body["impacts"] if code not in referred)
    if strangers:
        field_error(422, "impacts", f"The victim was not referred to {', '.join(strangers)}")
    already = db.session.scalar(sa.select(Feedback.id).where(
        Feedback.victim_id == victim.id, Feedback.surveyed_on == body["surveyed_on"], Feedback.stage == body["stage"]))
    if already is not None:
        field_error(409, "stage", "This victim's feedback for this stage on this day is already recorded")
    impacts = {code: (item["impact"], item["comment"]) for code, item in body["impacts"].items()}
    saved = feedback.record_feedback(case, victim, stage=body["stage"], surveyed_on=body["surveyed_on"],
                                     answers=body["answers"], comments=body["comments"],
                                     consent_to_use=body["consent_to_use"], impacts=impacts, source="phone",
                                     by=current_user)
    db.session.commit()
    saved.service_recovery = db.session.scalar(
        sa.select(ServiceRecovery.id).where(ServiceRecovery.feedback_id == saved.id)) is not None
    return saved, 201
