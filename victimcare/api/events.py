"""Key-stage events (R in CARES) and the updates they make due, with the web's one due-date rule."""

from __future__ import annotations


import marshmallow as ma
import sqlalchemy as sa
from flask_login import current_user
from flask_smorest import Blueprint

from victimcare import audit
from victimcare.access import editable_case_or_404, permission, visible_case_or_404
from victimcare.api import schemas
from victimcare.api.common import decode_cursor, encode_cursor, with_case
from victimcare.api.schemas import (
    EventInSchema,
    EventListSchema,
    EventSchema,
    UpdateListQuerySchema,
    UpdatePageSchema,
)
from victimcare.cases import updates
from victimcare.extensions import db
from victimcare.models import VictimUpdate
from victimcare.models.audit import AuditAction

events_blp = Blueprint("api_events", __name__, url_prefix="/cases", description="Key-stage events")
updates_blp = Blueprint("api_updates", __name__, url_prefix="/updates",
                        description="Updates owed to victims (the web's due list)")


@events_blp.route("/<int:case_id>/events", methods=["POST"])
@permission("cases:write")
@with_case(editable_case_or_404)
@events_blp.arguments(EventInSchema)
@events_blp.response(201, EventSchema)
@events_blp.alt_response(404, response="DEFAULT_ERROR")
def create(body: dict, case):
    """Record a key stage; each victim who wants updates is owed one by the Code's deadline"""
    event, due = updates.record_event(case, stage=body["type"], occurred_on=body["occurred_on"],
                                      notes=body["notes"], by=current_user)
    db.session.commit()
    result = {"id": event.id, "case_id": case.id, "stage": event.stage, "occurred_on": event.occurred_on,
              "notes": event.notes, "updates_due": [{"victim_id": u.victim_id, "due_on": u.due_on} for u in due]}
    return result, 201


@events_blp.route("/<int:case_id>/events", methods=["GET"])
@permission("plan:read")  # investigative detail: as in the web, the Victim Care Unit does not see it
@events_blp.response(200, EventListSchema)
@events_blp.alt_response(404, response="DEFAULT_ERROR")
def index(case_id: int):
    """The case's key-stage events, oldest first, each with the updates it made due and whether given"""
    case = visible_case_or_404(case_id, current_user)
    owed: dict[int, list] = {}
    for update in updates.updates_for_case(case.id):
        if update.event_id is not None:
            owed.setdefault(update.event_id, []).append(
                {"victim_id": update.victim_id, "due_on": update.due_on, "given_on": update.given_on})
    events = [{"id": e.id, "case_id": case.id, "stage": e.stage, "occurred_on": e.occurred_on, "notes": e.notes,
               "updates_due": owed.get(e.id, [])} for e in updates.events_for_case(case.id)]
    audit.record(AuditAction.CONSULT, "key-stage-events", case.id, case_id=case.id, detail="API")
    db.session.commit()
    return {"items": events}


@updates_blp.route("", methods=["GET"])
@permission("cases:write")
@updates_blp.arguments(UpdateListQuerySchema, location="query", as_kwargs=True, unknown=ma.RAISE)
@updates_blp.response(200, UpdatePageSchema)
def index(limit: int, status: str | None = None, cursor: str | None = None):
    """Updates not yet given on your open cases (a supervisor: the team's), soonest first"""
    today = schemas.today()
    statement = updates.due_list_statement(current_user)
    if status == "due":
        statement = statement.where(VictimUpdate.due_on >= today)
    elif status == "overdue":
        statement = statement.where(VictimUpdate.due_on < today)
    if cursor:
        on, after = decode_cursor(cursor, dated=True)
        statement = statement.where(sa.or_(VictimUpdate.due_on > on,
                                           sa.and_(VictimUpdate.due_on == on, VictimUpdate.id > after)))
    items = list(db.session.scalars(statement.limit(limit + 1)).unique())
    more = len(items) > limit
    items = items[:limit]
    audit.record_list("update-list", sorted({u.case_id for u in items}), detail="API updates due")
    db.session.commit()
    last = items[-1] if more else None
    return {"items": items, "next_cursor": encode_cursor(last.id, on=last.due_on) if last else None}


