"""The one audit writer: every read and change of case data goes through `record`.

The event joins the caller's transaction, so the change and its log commit or roll back together.
"""

from __future__ import annotations

from collections.abc import Iterable

import sqlalchemy as sa
from flask import has_request_context, request
from flask_login import current_user

from victimcare.extensions import db
from victimcare.models.audit import AuditAction, AuditEvent
from victimcare.timeutil import utcnow


def record(
    action: AuditAction,
    record_type: str,
    record_id: object = None,
    *,
    case_id: int | None = None,
    victim_id: int | None = None,
    justification: str | None = None,
    recipients: str | None = None,
    detail: str | None = None,
    user=None,
) -> AuditEvent:
    actor = user if user is not None else _current_actor()
    event = AuditEvent(
        user_id=getattr(actor, "id", None),
        username=getattr(actor, "username", None) or ("anonymous" if has_request_context() else "system"),
        action=AuditAction(action).value,
        record_type=record_type,
        record_id=None if record_id is None else str(record_id),
        case_id=case_id,
        victim_id=victim_id,
        justification=justification,
        recipients=recipients,
        detail=detail,
        address=request.remote_addr if has_request_context() else None,
    )
    db.session.add(event)
    return event


def record_list(record_type: str, case_ids: Iterable[int], *, detail: str | None = None) -> None:
    """A list page discloses every case it shows: one event per case, so a search by case finds it.

    Written as one multi-row INSERT, so a page of 50 cases costs one statement, not 50.
    """
    actor = _current_actor()
    address = request.remote_addr if has_request_context() else None
    rows = [{
        "occurred_at": utcnow(), "user_id": getattr(actor, "id", None),
        "username": getattr(actor, "username", None) or "system", "action": AuditAction.CONSULT.value,
        "record_type": record_type, "record_id": str(case_id), "case_id": case_id, "detail": detail,
        "address": address,
    } for case_id in case_ids]
    if rows:
        db.session.execute(sa.insert(AuditEvent), rows)


def _current_actor():
    if has_request_context() and current_user and current_user.is_authenticated:
        return current_user
    return None


def render_disclosed(template: str, **context) -> str:
    """Render a page, then commit the audit records of what it shows.

    Rendering first means the page reads objects loaded before the commit (no reload per row), and
    a page that fails to render discloses nothing, so its audit records roll back with it.
    """
    from flask import render_template

    html = render_template(template, **context)
    db.session.commit()
    return html
