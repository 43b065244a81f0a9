"""Complaints about the service a victim had (Victims' Code right 12), and service recovery after a
dissatisfied answer: a supervisor's work, as on the web."""

from __future__ import annotations

import marshmallow as ma
import sqlalchemy as sa
from flask import abort
from flask_login import current_user
from flask_smorest import Blueprint
from sqlalchemy.orm import joinedload
from sqlalchemy.orm.exc import StaleDataError

from victimcare import audit
from victimcare.access import MAX_ID, editable_case_or_404, permission, visible_case_or_404
from victimcare.api.common import check_if_match, etag_of, field_error, if_match_parameter, keyset_page, with_case
from victimcare.api.schemas import (
    ComplaintInSchema,
    ComplaintPageSchema,
    ComplaintSchema,
    PageQuerySchema,
    RecoveryCloseInSchema,
    RecoveryPageSchema,
    RecoveryQuerySchema,
    RecoverySchema,
)
from victimcare.cases import complaints
from victimcare.extensions import db
from victimcare.models import Complaint, ServiceRecovery
from victimcare.models.audit import AuditAction
from victimcare.vcu import feedback

complaints_blp = Blueprint("api_complaints", __name__, url_prefix="/cases", description="Complaints on a case")
recovery_blp = Blueprint("api_service_recovery", __name__, url_prefix="/service-recovery",
                         description="Service recovery after a dissatisfied answer")


@complaints_blp.route("/<int:case_id>/complaints", methods=["POST"])
@permission("cases:review")
# As on the web: a supervisor of the case's team, closed cases too (complaints often come after).
@with_case(lambda case_id, user: editable_case_or_404(case_id, user, closed_too=True))
@complaints_blp.arguments(ComplaintInSchema)
@complaints_blp.response(201, ComplaintSchema)
@complaints_blp.alt_response(404, response="DEFAULT_ERROR")
def record(body: dict, case):
    """Record a complaint: when it was received, what it was about, its outcome (or open)"""
    complaint = complaints.record_complaint(case, by=current_user, **body)
    db.session.commit()
    return complaint, 201


@complaints_blp.route("/<int:case_id>/complaints", methods=["GET"])
@permission("plan:read")  # as on the web's case page: not the Victim Care Unit
@complaints_blp.arguments(PageQuerySchema, location="query", as_kwargs=True, unknown=ma.RAISE)
@complaints_blp.response(200, ComplaintPageSchema)
@complaints_blp.alt_response(404, response="DEFAULT_ERROR")
def index(case_id: int, limit: int, cursor: str | None = None):
    """The case's complaints, oldest recorded first"""
    case = visible_case_or_404(case_id, current_user)
    statement = (sa.select(Complaint).where(Complaint.case_id == case.id)
                 .options(joinedload(Complaint.recorded_by)))
    items, next_cursor = keyset_page(statement, Complaint.id, limit=limit, cursor=cursor)
    audit.record(AuditAction.CONSULT, "complaint-list", case.id, case_id=case.id, detail=f"API list of {len(items)}")
    db.session.commit()
    return {"items": items, "next_cursor": next_cursor}


def recovery_or_404(recovery_id: int) -> ServiceRecovery:
    """As on the web: a supervisor sees their own team's items only."""
    item = db.session.get(ServiceRecovery, recovery_id) if 0 < recovery_id <= MAX_ID else None
    if item is None or item.team_id != current_user.team_id:
        abort(404)
    return item


@recovery_blp.route("", methods=["GET"])
@permission("cases:review")
@recovery_blp.arguments(RecoveryQuerySchema, location="query", as_kwargs=True, unknown=ma.RAISE)
@recovery_blp.response(200, RecoveryPageSchema)
def recoveries(limit: int, status: str, cursor: str | None = None):
    """Your team's service-recovery items, open (or done), oldest first"""
    items, next_cursor = keyset_page(feedback.recoveries_statement(current_user, status=status), ServiceRecovery.id,
                                     limit=limit, cursor=cursor)
    audit.record_list("service-recovery-list", sorted({r.case_id for r in items}), detail="API")
    db.session.commit()
    return {"items": items, "next_cursor": next_cursor}


@recovery_blp.route("/<int:recovery_id>", methods=["GET"])
@permission("cases:review")
@recovery_blp.response(200, RecoverySchema)
@recovery_blp.alt_response(404, response="DEFAULT_ERROR")
def recovery(recovery_id: int):
    """One service-recovery item, with the feedback that raised it and an ETag"""
    item = recovery_or_404(recovery_id)
    audit.record(AuditAction.CONSULT, "service-recovery", item.id, case_id=item.case_id, detail="API")
    db.session.commit()
    return item, {"ETag": etag_of(item)}


@recovery_blp.route("/<int:recovery_id>/close", methods=["POST"])
@permission("cases:review")
@recovery_blp.arguments(RecoveryCloseInSchema)
@recovery_blp.response(201, RecoverySchema)
@recovery_blp.alt_response(404, response="DEFAULT_ERROR")
@recovery_blp.alt_response(409, response="DEFAULT_ERROR", description="The item is already closed")
@recovery_blp.alt_response(412, response="DEFAULT_ERROR")
@recovery_blp.doc(parameters=if_match_parameter("service-recovery item", required=False))
def close(body: dict, recovery_id: int):
    """Close an item with what was done, what was learnt and the lesson's theme"""
    item = recovery_or_404(recovery_id)
    check_if_match(item, required=False)
    if item.status != "open":
        field_error(409, "status", "This service-recovery item is already closed")
    feedback.complete_recovery(item, by=current_user, **body)
    try:
        db.session.commit()
    except StaleDataError:
        db.session.rollback()
        abort(412)
    return item, 201, {"ETag": etag_of(item)}
