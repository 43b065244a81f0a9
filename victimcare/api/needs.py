"""A: needs assessments (each one kept) and referrals to support services under the Code's consent rules."""

from __future__ import annotations

import marshmallow as ma
from flask import abort
from flask_login import current_user
from flask_smorest import Blueprint
from sqlalchemy.orm.exc import StaleDataError

from victimcare.access import permission, supportable_case_or_404, victim_of_case_or_404
from victimcare.api.common import (
    check_if_match,
    etag_of,
    field_error,
    if_match_parameter,
    record_of_victim_or_404,
    victim_record,
    victim_records_page,
    with_case,
)
from victimcare.api.schemas import (
    AssessmentInSchema,
    AssessmentPageSchema,
    AssessmentSchema,
    PageQuerySchema,
    ReferralInSchema,
    ReferralPageSchema,
    ReferralPatchSchema,
    ReferralSchema,
)
from victimcare.cases import needs
from victimcare.extensions import db
from victimcare.models import NeedsAssessment, Referral

blp = Blueprint("api_needs", __name__, url_prefix="/cases", description="Needs assessments and referrals")


@blp.route("/<int:case_id>/victims/<int:victim_id>/needs-assessments", methods=["POST"])
@permission("support:write")
@with_case(supportable_case_or_404)
@blp.arguments(AssessmentInSchema)
@blp.response(201, AssessmentSchema)
@blp.alt_response(404, response="DEFAULT_ERROR")
def assess(body: dict, case, victim_id: int):
    """Record a needs assessment; earlier ones are kept as the victim's history"""
    victim = victim_of_case_or_404(case, victim_id)
    assessment = needs.record_assessment(victim, by=current_user, **body)
    db.session.commit()
    return assessment, 201


@blp.route("/<int:case_id>/victims/<int:victim_id>/referrals", methods=["POST"])
@permission("support:write")
@with_case(supportable_case_or_404)
@blp.arguments(ReferralInSchema)
@blp.response(201, ReferralSchema)
@blp.alt_response(404, response="DEFAULT_ERROR")
@blp.alt_response(409, response="DEFAULT_ERROR", description="The victim's consent does not allow the referral")
def refer(body: dict, case, victim_id: int):
    """Refer the victim to a support service (Right 4), if their consent allows it"""
    victim = victim_of_case_or_404(case, victim_id)
    try:
        referral = needs.make_referral(case, victim, service_code=body["service"], referred_on=body["referred_on"],
                                       by=current_user)
    except needs.ReferralRefused as refused:
        db.session.rollback()
        unknown_service = "Select a service" in str(refused)
        field_error(422 if unknown_service else 409, "service",
                    "Unknown service code" if unknown_service else str(refused))
    db.session.commit()
    return referral, 201


@blp.route("/<int:case_id>/victims/<int:victim_id>/referrals/<int:referral_id>", methods=["PATCH"])
@permission("support:write")
@with_case(supportable_case_or_404)
@blp.arguments(ReferralPatchSchema)
@blp.response(200, ReferralSchema)
@blp.alt_response(404, response="DEFAULT_ERROR")
@blp.alt_response(412, response="DEFAULT_ERROR", description="If-Match names an older version")
@blp.alt_response(428, response="DEFAULT_ERROR", description="If-Match is missing")
@blp.doc(parameters=if_match_parameter("referral", required=True))
def update_referral(body: dict, case, victim_id: int, referral_id: int):
    """Record where a referral stands (accepted, declined by the agency, service started, closed) and its outcome"""
    victim = victim_of_case_or_404(case, victim_id)
    referral = record_of_victim_or_404(Referral, victim, referral_id)
    check_if_match(referral)
    outcome = (body.get("outcome") or "").strip() or None
    needs.update_referral(referral, status=body["status"], outcome=outcome, case_id=case.id)
    try:
        db.session.commit()
    except StaleDataError:
        db.session.rollback()
        abort(412)
    return referral, {"ETag": etag_of(referral)}


# Reads: as on the web's victim page, whoever may see the case sees the victim's needs and referrals.


@blp.route("/<int:case_id>/victims/<int:victim_id>/needs-assessments", methods=["GET"])
@permission("cases:read")
@blp.arguments(PageQuerySchema, location="query", as_kwargs=True, unknown=ma.RAISE)
@blp.response(200, AssessmentPageSchema)
@blp.alt_response(404, response="DEFAULT_ERROR")
def assessments(case_id: int, victim_id: int, limit: int, cursor: str | None = None):
    """The victim's needs assessments, oldest first (each one is kept)"""
    return victim_records_page(NeedsAssessment, case_id, victim_id, "needs-assessment-list", limit, cursor)


@blp.route("/<int:case_id>/victims/<int:victim_id>/needs-assessments/<int:assessment_id>", methods=["GET"])
@permission("cases:read")
@blp.response(200, AssessmentSchema)
@blp.alt_response(404, response="DEFAULT_ERROR")
def assessment(case_id: int, victim_id: int, assessment_id: int):
    """One needs assessment"""
    return victim_record(NeedsAssessment, case_id, victim_id, assessment_id, "needs-assessment")


@blp.route("/<int:case_id>/victims/<int:victim_id>/referrals", methods=["GET"])
@permission("cases:read")
@blp.arguments(PageQuerySchema, location="query", as_kwargs=True, unknown=ma.RAISE)
@blp.response(200, ReferralPageSchema)
@blp.alt_response(404, response="DEFAULT_ERROR")
def referrals(case_id: int, victim_id: int, limit: int, cursor: str | None = None):
    """The victim's referrals to support services, oldest first"""
    return victim_records_page(Referral, case_id, victim_id, "referral-list", limit, cursor)


@blp.route("/<int:case_id>/victims/<int:victim_id>/referrals/<int:referral_id>", methods=["GET"])
@permission("cases:read")
@blp.response(200, ReferralSchema)
@blp.alt_response(404, response="DEFAULT_ERROR")
def referral(case_id: int, victim_id: int, referral_id: int):
    """One referral, with an ETag"""
    return victim_record(Referral, case_id, victim_id, referral_id, "referral")
