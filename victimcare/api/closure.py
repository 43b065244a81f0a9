"""E and S: the officer asks to close a case; a supervisor of the team approves or returns it."""

from __future__ import annotations

from datetime import date

from flask import abort
from flask_login import current_user
from flask_smorest import Blueprint
from sqlalchemy.orm.exc import StaleDataError

from victimcare.access import editable_case_or_404, permission, victim_of_case_or_404, visible_case_or_404
from victimcare.api.common import (
    check_if_match,
    etag_of,
    field_error,
    if_match_parameter,
    record_of_victim_or_404,
    with_case,
)
from victimcare.api.schemas import (
    CaseUpdateSchema,
    ClosureDecisionInSchema,
    ClosureRequestInSchema,
    ClosureStepSchema,
    ReopenInSchema,
    WhatMattersAssessmentInSchema,
    WhatMattersSchema,
)
from victimcare.cases import closure
from victimcare.extensions import db
from victimcare.models import CaseStatus, WhatMatters

blp = Blueprint("api_closure", __name__, url_prefix="/cases", description="Closing a case (E) and its review (S)")

IF_MATCH = [{"in": "header", "name": "If-Match", "required": False, "schema": {"type": "string"},
             "description": "The case's ETag, to be sure it has not changed since you read it"}]


def _done(case, step):
    db.session.commit()
    step.case_status = case.status.value
    return step, 201, {"ETag": etag_of(case)}


@blp.route("/<int:case_id>/victims/<int:victim_id>/final-update", methods=["POST"])
@permission("cases:write")
@with_case(editable_case_or_404)
@blp.response(201, CaseUpdateSchema)
@blp.alt_response(404, response="DEFAULT_ERROR")
@blp.alt_response(409, response="DEFAULT_ERROR", description="The case is not open")
def final_update(case, victim_id: int):
    """Owe the victim the final update on the outcome, due today (the open one if it exists); give it with
    POST /cases/{case_id}/updates/{update_id}/given"""
    victim = victim_of_case_or_404(case, victim_id)
    if case.status != CaseStatus.OPEN:
        field_error(409, "status", f"This case is {case.status.label.lower()}: no final update can be started")
    update = closure.start_final_update(case, victim.id, date.today())
    db.session.commit()
    return update, 201, {"ETag": etag_of(update)}


@blp.route("/<int:case_id>/victims/<int:victim_id>/what-matters/<int:item_id>/assessment", methods=["PUT"])
@permission("cases:write")
@with_case(editable_case_or_404)
@blp.arguments(WhatMattersAssessmentInSchema)
@blp.response(200, WhatMattersSchema)
@blp.alt_response(404, response="DEFAULT_ERROR")
@blp.alt_response(409, response="DEFAULT_ERROR", description="The case is not open")
@blp.alt_response(412, response="DEFAULT_ERROR", description="If-Match names an older version")
@blp.alt_response(428, response="DEFAULT_ERROR", description="If-Match is missing")
@blp.doc(parameters=if_match_parameter("what-matters item", required=True))
def assess_what_matters(body: dict, case, victim_id: int, item_id: int):
    """At the end of the investigation, how far something that mattered to the victim was met, and why"""
    victim = victim_of_case_or_404(case, victim_id)
    item = record_of_victim_or_404(WhatMatters, victim, item_id)
    check_if_match(item)
    if case.status != CaseStatus.OPEN:
        field_error(409, "status", f"This case is {case.status.label.lower()}: its assessments cannot change")
    closure.assess_what_matters(case, item, outcome=body["outcome"], explanation=body["explanation"],
                                by=current_user)
    try:
        db.session.commit()
    except StaleDataError:
        db.session.rollback()
        abort(412)
    return item, {"ETag": etag_of(item)}


@blp.route("/<int:case_id>/closure-request", methods=["POST"])
@permission("cases:write")
@with_case(editable_case_or_404)
@blp.arguments(ClosureRequestInSchema)
@blp.response(201, ClosureStepSchema)
@blp.alt_response(404, response="DEFAULT_ERROR")
@blp.alt_response(409, response="DEFAULT_ERROR", description="The case is not open, or something blocks closure")
@blp.alt_response(412, response="DEFAULT_ERROR")
@blp.doc(parameters=IF_MATCH)
def request_closure(body: dict, case):
    """Ask a supervisor to close the case; refused (409, each blocker listed) while anything is owed"""
    check_if_match(case, required=False)
    if case.status != CaseStatus.OPEN:
        field_error(409, "status", f"This case is {case.status.label.lower()}: closure cannot be requested")
    try:
        step = closure.request_closure(case, outcome=body["outcome"].strip(), by=current_user,
                                       today=date.today())
    except closure.ClosureRefused as refused:
        db.session.rollback()
        field_error(409, "closure", refused.problems)
    return _done(case, step)


@blp.route("/<int:case_id>/closure-decision", methods=["POST"])
@permission("cases:review")
@with_case(visible_case_or_404)
@blp.arguments(ClosureDecisionInSchema)
@blp.response(201, ClosureStepSchema)
@blp.alt_response(404, response="DEFAULT_ERROR")
@blp.alt_response(409, response="DEFAULT_ERROR", description="The case is not waiting for a review")
@blp.alt_response(412, response="DEFAULT_ERROR")
@blp.doc(parameters=IF_MATCH)
def decide(body: dict, case):
    """A supervisor of the case's team approves the closure or returns the case with actions"""
    check_if_match(case, required=False)
    if case.status != CaseStatus.CLOSURE_REQUESTED:
        field_error(409, "status", "This case is not waiting for a review")
    try:
        if body["decision"] == "approve":
            step = closure.approve(case, by=current_user, today=date.today())
        else:
            step = closure.return_with_actions(case, actions=body["actions"].strip(), by=current_user)
    except closure.ClosureRefused as refused:  # their own case: another supervisor must review it
        db.session.rollback()
        field_error(403, "decision", "; ".join(refused.problems))
    return _done(case, step)


@blp.route("/<int:case_id>/reopen", methods=["POST"])
@permission("cases:write")
@with_case(lambda case_id, user: editable_case_or_404(case_id, user, closed_too=True))
@blp.arguments(ReopenInSchema)
@blp.response(201, ClosureStepSchema)
@blp.alt_response(404, response="DEFAULT_ERROR")
@blp.alt_response(409, response="DEFAULT_ERROR", description="The case is not closed")
@blp.alt_response(412, response="DEFAULT_ERROR")
@blp.doc(parameters=IF_MATCH)
def reopen(body: dict, case):
    """Reopen a closed case, saying why; its history is kept"""
    check_if_match(case, required=False)
    if case.status != CaseStatus.CLOSED:
        field_error(409, "status", "Only a closed case can be reopened")
    return _done(case, closure.reopen(case, reason=body["reason"].strip(), by=current_user))
