"""Victims' feedback, recorded by the Victim Care Unit; a dissatisfied answer starts service recovery."""

from __future__ import annotations

import marshmallow as ma
import sqlalchemy as sa
from flask_login import current_user
from flask_smorest import Blueprint

from victimcare.access import permission, victim_of_case_or_404, visible_case_or_404
from victimcare.api.common import field_error, victim_records_page, with_case
from victimcare.api.schemas import FeedbackInSchema, FeedbackPageSchema, FeedbackSchema, PageQuerySchema
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
    mark_service_recovery([saved])
    return saved, 201


def mark_service_recovery(items: list[Feedback]) -> None:
    """Say of each feedback whether it raised a service-recovery item (one query for the lot)."""
    raised = set(db.session.scalars(sa.select(ServiceRecovery.feedback_id).where(
        ServiceRecovery.feedback_id.in_([f.id for f in items])))) if items else set()
    for item in items:
        item.service_recovery = item.id in raised


@blp.route("/<int:case_id>/victims/<int:victim_id>/feedback", methods=["GET"])
@permission("vcu:work")
@blp.arguments(PageQuerySchema, location="query", as_kwargs=True, unknown=ma.RAISE)
@blp.response(200, FeedbackPageSchema)
@blp.alt_response(404, response="DEFAULT_ERROR")
def index(case_id: int, victim_id: int, limit: int, cursor: str | None = None):
    """The victim's feedback, oldest first (the Victim Care Unit, who records it)"""
    page = victim_records_page(Feedback, case_id, victim_id, "feedback-list", limit, cursor)
    mark_service_recovery(page["items"])
    return page
