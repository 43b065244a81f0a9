"""/api/v1/cases: record, read, list and change cases, inside the caller's case scope."""

from __future__ import annotations

import marshmallow as ma
import sqlalchemy as sa
from flask import abort, url_for
from flask_login import current_user
from flask_smorest import Blueprint
from sqlalchemy.orm.exc import StaleDataError

from victimcare import audit
from victimcare.access import case_scope, editable_case_or_404, permission, visible_case_or_404
from victimcare.api.common import check_if_match, decode_cursor, encode_cursor, etag_of, field_error, with_case
from victimcare.api.schemas import CaseInSchema, CaseListQuerySchema, CasePageSchema, CasePatchSchema, CaseSchema
from victimcare.cases import services
from victimcare.cases.queries import case_list_statement
from victimcare.extensions import db
from victimcare.models import Case, User
from victimcare.models.audit import AuditAction

blp = Blueprint("api_cases", __name__, url_prefix="/cases", description="Cases and their victims")

# The API's field names for the case's columns.
CASE_COLUMNS = {"crime_reference": "crime_reference", "offence": "offence_code", "domestic_abuse": "domestic_abuse",
                "hate_crime": "hate_crime", "reported_on": "reported_on", "offence_date": "offence_from",
                "offence_to": "offence_to", "area": "area"}


def case_location(case_id: int) -> str:
    return url_for("api_cases.case", case_id=case_id)


def officer_named(username: str | None) -> User:
    """The officer in the case: the caller, or (for a supervisor) an active officer in their team."""
    if username is None or username.strip().lower() == current_user.username:
        return current_user._get_current_object()
    user = db.session.scalar(sa.select(User).where(User.username == username.strip().lower()))
    if services.may_be_given_case(current_user, user):
        return user
    field_error(422, "officer", "Not an officer you may give the case to: yourself or, for a supervisor, an "
                                "active officer in your team")


def duplicate_conflict(duplicate: services.DuplicateReference):
    """409 naming the field; the existing case's address only if the caller may read it."""
    db.session.rollback()
    visible = db.session.scalar(sa.select(Case.id).where(Case.id == duplicate.existing.id,
                                                         case_scope(current_user)))
    headers = {"Location": case_location(visible)} if visible is not None else {}
    field_error(409, "crime_reference", "A case with this crime reference already exists", headers=headers)


@blp.route("", methods=["POST"])
@permission("cases:write")
@blp.arguments(CaseInSchema)
@blp.response(201, CaseSchema)
@blp.alt_response(409, response="DEFAULT_ERROR", description="A case with this crime reference exists")
def create(body: dict):
    """Record a case and its victims (eligibility for enhanced rights is worked out as in the web)"""
    officer = officer_named(body.pop("officer", None))
    victims = body.pop("victims")
    try:
        case = services.create_case(officer=officer, **{column: body[field] for field, column in CASE_COLUMNS.items()
                                                        if field in body})
    except services.DuplicateReference as duplicate:
        duplicate_conflict(duplicate)
    for victim in victims:
        services.add_victim(case, **victim)
    db.session.commit()
    return case, 201, {"Location": case_location(case.id), "ETag": etag_of(case)}


@blp.route("", methods=["GET"])
@permission("cases:read")
@blp.arguments(CaseListQuerySchema, location="query", as_kwargs=True, unknown=ma.RAISE)
@blp.response(200, CasePageSchema)
def index(limit: int, status=None, area=None, reported_from=None, reported_to=None, cursor=None):
    """Cases you may see, newest first, a page at a time"""
    statement = case_list_statement(current_user, status=status).order_by(None).order_by(Case.id.desc())
    if area:
        statement = statement.where(Case.area == area)
    if reported_from:
        statement = statement.where(Case.reported_on >= reported_from)
    if reported_to:
        statement = statement.where(Case.reported_on <= reported_to)
    if cursor:
        statement = statement.where(Case.id < decode_cursor(cursor))
    cases = list(db.session.scalars(statement.limit(limit + 1)))
    more = len(cases) > limit
    cases = cases[:limit]
    audit.record_list("case-list", [case.id for case in cases], detail="API case list")
    db.session.commit()
    return {"items": cases, "next_cursor": encode_cursor(cases[-1].id) if more else None}


@blp.route("/<int:case_id>", methods=["GET"])
@permission("cases:read")
@blp.response(200, CaseSchema)
@blp.alt_response(404, response="DEFAULT_ERROR")
def case(case_id: int):
    """One case and its victims; the ETag goes back in If-Match to change it"""
    case = visible_case_or_404(case_id, current_user)
    audit.record(AuditAction.CONSULT, "case", case.id, case_id=case.id, detail="API")
    db.session.commit()
    return case, {"ETag": etag_of(case)}


@blp.route("/<int:case_id>", methods=["PATCH"])
@permission("cases:write")
@with_case(editable_case_or_404)
@blp.arguments(CasePatchSchema)
@blp.response(200, CaseSchema)
@blp.alt_response(404, response="DEFAULT_ERROR")
@blp.alt_response(409, response="DEFAULT_ERROR", description="A case with this crime reference exists")
@blp.alt_response(412, response="DEFAULT_ERROR", description="If-Match names an older version")
@blp.alt_response(428, response="DEFAULT_ERROR", description="If-Match is missing")
@blp.doc(parameters=[{"in": "header", "name": "If-Match", "required": True, "schema": {"type": "string"},
                      "description": "The ETag from your last read of the case (or * to overwrite whatever is there)"}])
def update(body: dict, case):
    """Change a case's details; send If-Match with the ETag you read"""
    check_if_match(case)
    officer = officer_named(body.pop("officer")) if "officer" in body else None
    fields = {column: body[field] for field, column in CASE_COLUMNS.items() if field in body}
    merged = {"reported_on": fields.get("reported_on", case.reported_on),
              "offence_date": fields.get("offence_from", case.offence_from),
              "offence_to": fields.get("offence_to", case.offence_to)}
    try:
        CasePatchSchema.check_dates(merged)
    except ma.ValidationError as error:
        field_error(422, error.field_name, error.messages[0])
    try:
        services.update_case(case, officer=officer, **fields)
    except services.DuplicateReference as duplicate:
        duplicate_conflict(duplicate)
    try:
        db.session.commit()
    except StaleDataError:  # changed by someone else between our read and our write
        db.session.rollback()
        abort(412)
    return case, {"ETag": etag_of(case)}
