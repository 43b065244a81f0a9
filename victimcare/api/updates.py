"""R: the updates owed to a case's victims, giving one (what was said, the victim's views, the Right to
Review answer on no further action) and saying why one is late: the web's rules, through its services."""

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
from victimcare.api import schemas
from victimcare.api.common import check_if_match, etag_of, field_error, if_match_parameter, keyset_page, with_case
from victimcare.api.schemas import (
    CaseUpdatePageSchema,
    CaseUpdateSchema,
    GiveUpdateInSchema,
    OverdueReasonInSchema,
    PageQuerySchema,
)
from victimcare.cases import contracts, updates
from victimcare.extensions import db
from victimcare.models import VictimUpdate
from victimcare.models.audit import AuditAction

blp = Blueprint("api_case_updates", __name__, url_prefix="/cases",
                description="Updates owed to a case's victims, and giving them")


def update_of_case_or_404(case, update_id: int) -> VictimUpdate:
    update = db.session.get(VictimUpdate, update_id) if 0 < update_id <= MAX_ID else None
    if update is None or update.case_id != case.id:
        abort(404)
    return update


def commit_or_412() -> None:
    try:
        db.session.commit()
    except StaleDataError:  # changed by someone else between our read and our write
        db.session.rollback()
        abort(412)


@blp.route("/<int:case_id>/updates", methods=["GET"])
@permission("plan:read")  # as on the web's case page: what was said is investigative detail
@blp.arguments(PageQuerySchema, location="query", as_kwargs=True, unknown=ma.RAISE)
@blp.response(200, CaseUpdatePageSchema)
@blp.alt_response(404, response="DEFAULT_ERROR")
def index(case_id: int, limit: int, cursor: str | None = None):
    """Every update owed to the case's victims, given or not, in the order they were made due"""
    case = visible_case_or_404(case_id, current_user)
    statement = (sa.select(VictimUpdate).where(VictimUpdate.case_id == case.id)
                 .options(joinedload(VictimUpdate.event), joinedload(VictimUpdate.given_by)))
    items, next_cursor = keyset_page(statement, VictimUpdate.id, limit=limit, cursor=cursor)
    audit.record(AuditAction.CONSULT, "update-list", case.id, case_id=case.id, detail=f"API list of {len(items)}")
    db.session.commit()
    return {"items": items, "next_cursor": next_cursor}


@blp.route("/<int:case_id>/updates/<int:update_id>", methods=["GET"])
@permission("plan:read")
@blp.response(200, CaseUpdateSchema)
@blp.alt_response(404, response="DEFAULT_ERROR")
def update(case_id: int, update_id: int):
    """One update, with the ETag to send in If-Match when giving it"""
    case = visible_case_or_404(case_id, current_user)
    item = update_of_case_or_404(case, update_id)
    audit.record(AuditAction.CONSULT, "update", item.id, case_id=case.id, victim_id=item.victim_id, detail="API")
    db.session.commit()
    return item, {"ETag": etag_of(item)}


@blp.route("/<int:case_id>/updates/<int:update_id>/given", methods=["POST"])
@permission("cases:write")
@with_case(editable_case_or_404)
@blp.arguments(GiveUpdateInSchema)
@blp.response(201, CaseUpdateSchema)
@blp.alt_response(404, response="DEFAULT_ERROR")
@blp.alt_response(409, response="DEFAULT_ERROR", description="The update has already been given")
@blp.alt_response(412, response="DEFAULT_ERROR", description="If-Match names an older version")
@blp.alt_response(428, response="DEFAULT_ERROR", description="If-Match is missing")
@blp.doc(parameters=if_match_parameter("update", required=True))
def give(body: dict, case, update_id: int):
    """Record the update given: when, how, what was said, the victim's views and progress on what matters"""
    item = update_of_case_or_404(case, update_id)
    check_if_match(item)
    if item.given_at is not None:
        field_error(409, "given_on", "This update has already been given")
    asks_right_to_review = item.event is not None and item.event.stage == "no-further-action"
    if asks_right_to_review and body["told_right_to_review"] is None:
        field_error(422, "told_right_to_review",
                    "Say whether you told the victim how to ask for a review under the Victims' Right to Review")
    if not asks_right_to_review and body["told_right_to_review"] is not None:
        field_error(422, "told_right_to_review", "Asked only on an update about no further action")
    theirs = {w.id for w in contracts.what_matters_for(item.victim_id)}
    progress = {entry["what_matters_id"]: entry["progress"] for entry in body["progress"]}
    strangers = sorted(set(progress) - theirs)
    if strangers:
        field_error(422, "progress", f"Not something that matters to this victim: {', '.join(map(str, strangers))}")
    updates.give_update(item, given_on=body["given_on"], method=body["method"],
                        what_was_said=body["what_was_said"], victims_views=body["victims_views"],
                        progress=progress, by=current_user, told_right_to_review=body["told_right_to_review"])
    commit_or_412()
    return item, 201, {"ETag": etag_of(item)}


@blp.route("/<int:case_id>/updates/<int:update_id>/overdue-reason", methods=["PUT"])
@permission("cases:write")
@with_case(editable_case_or_404)
@blp.arguments(OverdueReasonInSchema)
@blp.response(200, CaseUpdateSchema)
@blp.alt_response(404, response="DEFAULT_ERROR")
@blp.alt_response(409, response="DEFAULT_ERROR", description="The update is not late, or has been given")
@blp.alt_response(412, response="DEFAULT_ERROR", description="If-Match names an older version")
@blp.alt_response(428, response="DEFAULT_ERROR", description="If-Match is missing")
@blp.doc(parameters=if_match_parameter("update", required=True))
def overdue_reason(body: dict, case, update_id: int):
    """Say why an update that is past its day has not been given yet (closure needs one for each)"""
    item = update_of_case_or_404(case, update_id)
    check_if_match(item)
    if item.given_at is not None or item.due_on >= schemas.today():
        field_error(409, "reason", "Only an update not given by its day needs a reason for being late")
    updates.record_overdue_reason(item, body["reason"])
    commit_or_412()
    return item, {"ETag": etag_of(item)}
