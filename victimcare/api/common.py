"""What the API resources share: ETags and preconditions, cursors, errors with fields."""

from __future__ import annotations

import base64
import binascii
import functools
import json
from datetime import date

import sqlalchemy as sa
from flask import abort, request
from flask_login import current_user
from werkzeug.exceptions import default_exceptions

from victimcare import audit
from victimcare.access import MAX_ID, victim_of_case_or_404, visible_case_or_404
from victimcare.extensions import db
from victimcare.models.audit import AuditAction


def etag_of(record) -> str:
    """A strong ETag from the record's version column (SQLAlchemy's optimistic lock); a record without one
    (a needs assessment, feedback) is never changed, only followed by new ones, so it stays at v1."""
    return f'"{type(record).__tablename__}-{record.id}-v{getattr(record, "version", 1)}"'


def check_if_match(record, *, required: bool = True) -> None:
    """A write names the version it was based on: 428 without If-Match (where required), 412 if stale."""
    header = request.headers.get("If-Match")
    if header is None:
        if not required:
            return
        abort(428)
    if header.strip() == "*":
        return
    if etag_of(record) not in [tag.strip() for tag in header.split(",")]:
        abort(412)


def field_error(status: int, field: str, message: str | list[str], headers=None):
    """Stop with `{"errors": {field: [message, ...]}}`."""
    error = default_exceptions[status]()
    error.data = {"field_errors": {field: [message] if isinstance(message, str) else list(message)},
                  "headers": headers or {}}
    raise error


def encode_cursor(last_id: int, *, on: date | None = None, rank: int | None = None) -> str:
    """An opaque cursor: the position after the last item of a page (its id, and the date and rank it is
    sorted by, if any)."""
    position = {"after": last_id, **({"on": on.isoformat()} if on else {}),
                **({"rank": rank} if rank is not None else {})}
    return base64.urlsafe_b64encode(json.dumps(position).encode()).decode().rstrip("=")


def decode_cursor(cursor: str, *, dated: bool = False, ranked: bool = False):
    """The id a cursor stands for; with dated, (date, id); with ranked too, ((rank, date), id).
    A cursor that is not ours is 422 naming `cursor`."""
    try:
        position = json.loads(base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)))
        value = position["after"]
        on = date.fromisoformat(position["on"]) if dated else None
        rank = position["rank"] if ranked else 0
    except (binascii.Error, ValueError, KeyError, TypeError, UnicodeDecodeError, AttributeError):
        value = on = rank = None
    if (not _small_int(value) or (dated and on is None) or not _small_int(rank)):
        field_error(422, "cursor", "Not a cursor from this API: pass next_cursor from the previous page")
    if ranked:
        return (rank, on), value
    return (on, value) if dated else value


def keyset_page(statement: sa.Select, id_column, *, limit: int, cursor: str | None) -> tuple[list, str | None]:
    """A page of `statement` in id order, after the cursor's id: its items and the next page's cursor."""
    if cursor:
        statement = statement.where(id_column > decode_cursor(cursor))
    items = list(db.session.scalars(statement.order_by(None).order_by(id_column).limit(limit + 1)).unique())
    more = len(items) > limit
    items = items[:limit]
    return items, encode_cursor(items[-1].id) if more else None


def _small_int(value) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and 0 <= value <= 2**31 - 1


def with_case(loader):
    """Find the case (404 outside the caller's scope, 403 if they may only read it) before the body is
    even parsed, so an out-of-scope case answers the same whatever is sent; the view gets `case`."""

    def decorate(view):
        @functools.wraps(view)
        def wrapper(*args, case_id: int, **kwargs):
            return view(*args, case=loader(case_id, current_user), **kwargs)

        return wrapper

    return decorate


def if_match_parameter(record: str, *, required: bool) -> list[dict]:
    """The If-Match header in the OpenAPI document, for a write to `record`."""
    return [{"in": "header", "name": "If-Match", "required": required, "schema": {"type": "string"},
             "description": f"The ETag from your last read of the {record} (or * to overwrite whatever is there)"
             + ("" if required else "; without it the write is not checked against a version")}]


def victim_records_page(model, case_id: int, victim_id: int, record_type: str, limit: int, cursor: str | None):
    """A page of a victim's records of `model`, oldest first; the read is audited."""
    case = visible_case_or_404(case_id, current_user)
    victim = victim_of_case_or_404(case, victim_id)
    items, next_cursor = keyset_page(sa.select(model).where(model.victim_id == victim.id), model.id,
                                     limit=limit, cursor=cursor)
    audit.record(AuditAction.CONSULT, record_type, victim.id, case_id=case.id, victim_id=victim.id,
                 detail=f"API list of {len(items)}")
    db.session.commit()
    return {"items": items, "next_cursor": next_cursor}


def record_of_victim_or_404(model, victim, record_id: int):
    """The victim's record of `model` with that id; 404 if there is none or it is another victim's."""
    record = db.session.get(model, record_id) if 0 < record_id <= MAX_ID else None
    if record is None or record.victim_id != victim.id:
        abort(404)
    return record


def victim_record(model, case_id: int, victim_id: int, record_id: int, record_type: str):
    """One of a victim's records (404 unless it is theirs), audited, with its ETag."""
    case = visible_case_or_404(case_id, current_user)
    victim = victim_of_case_or_404(case, victim_id)
    record = record_of_victim_or_404(model, victim, record_id)
    audit.record(AuditAction.CONSULT, record_type, record.id, case_id=case.id, victim_id=victim.id, detail="API")
    db.session.commit()
    return record, {"ETag": etag_of(record)}
