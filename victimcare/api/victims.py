"""/api/v1/cases/{id}/victims: add, read and change a case's victims; rights come from the one rule."""

from __future__ import annotations

from flask import abort, url_for
from flask_login import current_user
from flask_smorest import Blueprint
from sqlalchemy.orm.exc import StaleDataError

from victimcare import audit
from victimcare.access import editable_case_or_404, permission, victim_of_case_or_404, visible_case_or_404
from victimcare.api.common import check_if_match, etag_of, field_error, if_match_parameter, with_case
from victimcare.api.schemas import EnhancedGroundInSchema, VictimInSchema, VictimPatchSchema, VictimSchema
from victimcare.cases import services
from victimcare.extensions import db
from victimcare.journey.eligibility import REASONS
from victimcare.models.audit import AuditAction

blp = Blueprint("api_victims", __name__, url_prefix="/cases", description="Victims on a case")


def victim_location(victim) -> str:
    return url_for("api_victims.victim", case_id=victim.case_id, victim_id=victim.id)


@blp.route("/<int:case_id>/victims", methods=["POST"])
@permission("cases:write")
@with_case(editable_case_or_404)
@blp.arguments(VictimInSchema)
@blp.response(201, VictimSchema)
@blp.alt_response(404, response="DEFAULT_ERROR")
def create(body: dict, case):
    """Add a victim to a case (primary or secondary); enhanced rights are worked out as in the web"""
    victim = services.add_victim(case, **body)
    db.session.commit()
    return victim, 201, {"Location": victim_location(victim), "ETag": etag_of(victim)}


@blp.route("/<int:case_id>/victims/<int:victim_id>", methods=["GET"])
@permission("cases:read")
@blp.response(200, VictimSchema)
@blp.alt_response(404, response="DEFAULT_ERROR")
def victim(case_id: int, victim_id: int):
    """One victim on a case, with an ETag"""
    case = visible_case_or_404(case_id, current_user)
    victim = victim_of_case_or_404(case, victim_id)
    audit.record(AuditAction.CONSULT, "victim", victim.id, case_id=case.id, victim_id=victim.id, detail="API")
    db.session.commit()
    return victim, {"ETag": etag_of(victim)}


@blp.route("/<int:case_id>/victims/<int:victim_id>", methods=["PATCH"])
@permission("cases:write")
@with_case(editable_case_or_404)
@blp.arguments(VictimPatchSchema)
@blp.response(200, VictimSchema)
@blp.alt_response(404, response="DEFAULT_ERROR")
@blp.alt_response(412, response="DEFAULT_ERROR", description="If-Match names an older version")
@blp.alt_response(428, response="DEFAULT_ERROR", description="If-Match is missing")
@blp.doc(parameters=[{"in": "header", "name": "If-Match", "required": True, "schema": {"type": "string"},
                      "description": "The ETag from your last read of the victim (or * to overwrite)"}])
def update(body: dict, case, victim_id: int):
    """Change a victim's details; removing enhanced-rights grounds needs grounds_change_reason"""
    victim = victim_of_case_or_404(case, victim_id)
    check_if_match(victim)
    reason = body.pop("grounds_change_reason", None)
    try:
        services.update_victim(victim, grounds_change_reason=reason, **body)
    except services.GroundsWouldBeRemoved as removal:
        db.session.rollback()
        lost = ", ".join(REASONS.get(code, code) for code in removal.removed)
        field_error(422, "grounds_change_reason",
                    f"This change removes the victim's enhanced-rights grounds ({lost}): say why they no longer apply")
    try:
        db.session.commit()
    except StaleDataError:
        db.session.rollback()
        abort(412)
    return victim, {"ETag": etag_of(victim)}


@blp.route("/<int:case_id>/victims/<int:victim_id>/enhanced-grounds", methods=["POST"])
@permission("cases:write")
@with_case(editable_case_or_404)
@blp.arguments(EnhancedGroundInSchema)
@blp.response(201, VictimSchema)
@blp.alt_response(404, response="DEFAULT_ERROR")
@blp.alt_response(412, response="DEFAULT_ERROR", description="If-Match names an older version")
@blp.doc(parameters=if_match_parameter("victim", required=False))
def add_ground(body: dict, case, victim_id: int):
    """Add an enhanced-rights ground the facts on record do not show, saying why it applies (removing one is a
    PATCH of the victim with grounds_change_reason)"""
    victim = victim_of_case_or_404(case, victim_id)
    check_if_match(victim, required=False)
    services.add_enhanced_ground(victim, reason=body["reason"], note=body["note"].strip(), by=current_user)
    try:
        db.session.commit()
    except StaleDataError:
        db.session.rollback()
        abort(412)
    return victim, 201, {"ETag": etag_of(victim)}
