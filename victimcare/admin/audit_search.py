"""Searching the audit log by user, case and date range."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime, time, timedelta

import sqlalchemy as sa

from victimcare.extensions import db
from victimcare.models import AuditEvent
from victimcare.timeutil import LONDON

AUDIT_COLUMNS = ("id", "occurred_at", "username", "action", "record_type", "record_id", "case_id",
                 "victim_id", "justification", "recipients", "detail", "address")


def audit_statement(criteria: dict) -> sa.Select:
    statement = sa.select(AuditEvent).order_by(AuditEvent.occurred_at.desc(), AuditEvent.id.desc())
    if criteria.get("username"):
        statement = statement.where(AuditEvent.username == criteria["username"].strip().lower())
    if criteria.get("case_id"):
        statement = statement.where(AuditEvent.case_id == criteria["case_id"])
    if criteria.get("date_from"):
        statement = statement.where(AuditEvent.occurred_at >= _start_of(criteria["date_from"]))
    if criteria.get("date_to"):
        statement = statement.where(AuditEvent.occurred_at < _start_of(criteria["date_to"] + timedelta(days=1)))
    return statement


def iter_audit_rows(criteria: dict, batch: int = 1000) -> Iterator[tuple]:
    result = db.session.execute(audit_statement(criteria).execution_options(yield_per=batch)).scalars()
    try:
        for event in result:
            yield tuple(getattr(event, column) for column in AUDIT_COLUMNS)
    finally:
        result.close()


def _start_of(day) -> datetime:
    """Dates typed by an admin are UK calendar days."""
    return datetime.combine(day, time.min, tzinfo=LONDON)
