"""The Victim Care Unit's follow-up queue: every victim is followed up; claim, attempt, complete."""

from __future__ import annotations

import marshmallow as ma
import sqlalchemy as sa
from flask import abort
from flask_login import current_user
from flask_smorest import Blueprint

from victimcare import audit
from victimcare.access import MAX_ID, permission
from victimcare.api.common import (
    check_if_match,
    decode_cursor,
    encode_cursor,
    etag_of,
    field_error,
    if_match_parameter,
)
from victimcare.api.schemas import (
    AttemptInSchema,
    FollowUpDetailSchema,
    FollowUpPageSchema,
    FollowUpQuerySchema,
    FollowUpSchema,
    LetterInSchema,
    ReachedInSchema,
)
from victimcare.extensions import db
from victimcare.models import CaseStatus, FollowUp
from victimcare.models.audit import AuditAction
from victimcare.vcu import services as vcu

blp = Blueprint("api_follow_ups", __name__, url_prefix="/follow-ups", description="Victim Care Unit follow-ups")


def follow_up_or_404(follow_up_id: int) -> FollowUp:
    """As in the web: a follow-up of a closed case is no longer the unit's to work."""
    follow_up = db.session.get(FollowUp, follow_up_id) if 0 < follow_up_id <= MAX_ID else None
    if follow_up is None or follow_up.case.status == CaseStatus.CLOSED and follow_up.status != "done":
        abort(404)
    return follow_up


@blp.route("", methods=["GET"])
@permission("vcu:work")
@blp.arguments(FollowUpQuerySchema, location="query", as_kwargs=True, unknown=ma.RAISE)
@blp.response(200, FollowUpPageSchema)
def queue(limit: int, area=None, offence_category=None, assignee=None, cursor=None):
    """Open follow-ups, enhanced-rights victims first, then by due date"""
    statement = vcu.queue_statement(current_user, vcu.QueueFilters(area=area, offence_category=offence_category,
                                                                    assignee=assignee))
    if cursor:
        (priority, due_on), after = decode_cursor(cursor, dated=True, ranked=True)
        statement = statement.where(sa.tuple_(FollowUp.priority, FollowUp.due_on, FollowUp.id) >
                                    sa.tuple_(sa.literal(priority), sa.literal(due_on), sa.literal(after)))
    items = list(db.session.scalars(statement.limit(limit + 1)).unique())
    more = len(items) > limit
    items = items[:limit]
    audit.record_list("follow-up-queue", sorted({f.case_id for f in items}), detail="VCU queue (API)")
    db.session.commit()
    last = items[-1] if more else None
    return {"items": items,
            "next_cursor": encode_cursor(last.id, on=last.due_on, rank=last.priority) if last else None}


def _claim_or_release(follow_up_id: int, change):
    follow_up = follow_up_or_404(follow_up_id)
    try:
        change(follow_up, current_user)
    except vcu.FollowUpError as error:
        db.session.rollback()
        field_error(409, error.field, error.message)
    db.session.commit()
    return follow_up


@blp.route("/<int:follow_up_id>/claim", methods=["POST"])
@permission("vcu:work")
@blp.response(200, FollowUpSchema)
@blp.alt_response(404, response="DEFAULT_ERROR")
@blp.alt_response(409, response="DEFAULT_ERROR", description="Someone else has claimed it")
def claim(follow_up_id: int):
    """Claim a follow-up, so two people do not call the same victim"""
    return _claim_or_release(follow_up_id, vcu.claim)


@blp.route("/<int:follow_up_id>/release", methods=["POST"])
@permission("vcu:work")
@blp.response(200, FollowUpSchema)
@blp.alt_response(404, response="DEFAULT_ERROR")
@blp.alt_response(409, response="DEFAULT_ERROR", description="Only whoever claimed it can release it")
def release(follow_up_id: int):
    """Release a follow-up you claimed"""
    return _claim_or_release(follow_up_id, vcu.release)


@blp.route("/<int:follow_up_id>/attempts", methods=["POST"])
@permission("vcu:work")
@blp.arguments(AttemptInSchema)
@blp.response(201, FollowUpSchema)
@blp.alt_response(404, response="DEFAULT_ERROR")
@blp.alt_response(409, response="DEFAULT_ERROR", description="Already complete, or the contract does not allow it")
def attempt(body: dict, follow_up_id: int):
    """Record a contact attempt; three unsuccessful ones ask for a letter"""
    follow_up = follow_up_or_404(follow_up_id)
    try:
        vcu.record_attempt(follow_up, by=current_user, **body)
    except vcu.FollowUpError as error:
        db.session.rollback()
        field_error(409, error.field, error.message)
    db.session.commit()
    return follow_up, 201


def detail(follow_up: FollowUp) -> dict:
    """The follow-up with its attempts and the support offered, as FollowUpDetailSchema reads it."""
    follow_up.attempts = vcu.attempts_for(follow_up.id)
    follow_up.support_offered = vcu.offers_for(follow_up.id)
    return follow_up


@blp.route("/<int:follow_up_id>", methods=["GET"])
@permission("vcu:work")
@blp.response(200, FollowUpDetailSchema)
@blp.alt_response(404, response="DEFAULT_ERROR")
def follow_up(follow_up_id: int):
    """One follow-up with its contact attempts and the support offered, with an ETag"""
    item = follow_up_or_404(follow_up_id)
    audit.record(AuditAction.CONSULT, "follow-up", item.id, case_id=item.case_id, victim_id=item.victim_id,
                 detail="API")
    db.session.commit()
    return detail(item), {"ETag": etag_of(item)}


def _complete(follow_up_id: int, step):
    follow_up = follow_up_or_404(follow_up_id)
    check_if_match(follow_up, required=False)
    try:
        step(follow_up)
    except vcu.FollowUpError as error:
        db.session.rollback()
        field_error(409, error.field, error.message)
    db.session.commit()
    return detail(follow_up), 201, {"ETag": etag_of(follow_up)}


@blp.route("/<int:follow_up_id>/reached", methods=["POST"])
@permission("vcu:work")
@blp.arguments(ReachedInSchema)
@blp.response(201, FollowUpDetailSchema)
@blp.alt_response(404, response="DEFAULT_ERROR")
@blp.alt_response(409, response="DEFAULT_ERROR", description="The follow-up is already complete")
@blp.alt_response(412, response="DEFAULT_ERROR")
@blp.doc(parameters=if_match_parameter("follow-up", required=False))
def reached(body: dict, follow_up_id: int):
    """The victim was reached: the support offered for each need and whether they took it up; the follow-up is done"""
    offers = {offer["need"]: offer["accepted"] for offer in body["support_offered"]}
    return _complete(follow_up_id, lambda item: vcu.record_reached(
        item, reached_on=body["reached_on"], offers=offers, notes=body["notes"], by=current_user))


@blp.route("/<int:follow_up_id>/letter", methods=["POST"])
@permission("vcu:work")
@blp.arguments(LetterInSchema)
@blp.response(201, FollowUpDetailSchema)
@blp.alt_response(404, response="DEFAULT_ERROR")
@blp.alt_response(409, response="DEFAULT_ERROR", description="No letter is needed (fewer than three unsuccessful "
                                                             "attempts, or already complete)")
@blp.alt_response(412, response="DEFAULT_ERROR")
@blp.doc(parameters=if_match_parameter("follow-up", required=False))
def letter(body: dict, follow_up_id: int):
    """Closed by letter: after three unsuccessful attempts, the letter sent completes the follow-up"""
    return _complete(follow_up_id, lambda item: vcu.record_letter(item, body["sent_on"]))
