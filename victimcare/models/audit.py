from __future__ import annotations

import enum
from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from victimcare.extensions import db
from victimcare.timeutil import utcnow


class AuditAction(enum.StrEnum):
    """The operations the Data Protection Act 2018 s.62 asks us to log, plus account events."""

    COLLECT = "collect"
    ALTER = "alter"
    CONSULT = "consult"
    DISCLOSE = "disclose"
    COMBINE = "combine"
    ERASE = "erase"
    SIGN_IN = "sign-in"
    SIGN_IN_FAILED = "sign-in-failed"
    SIGN_OUT = "sign-out"
    ADMIN = "admin"


class AuditEvent(db.Model):
    """One logged operation. Append-only: nothing in the app updates or deletes these rows,
    and the database refuses to (triggers in the migration)."""

    __tablename__ = "audit_events"
    __table_args__ = (
        sa.Index("ix_audit_events_case_at", "case_id", "occurred_at"),
        sa.Index("ix_audit_events_user_at", "user_id", "occurred_at"),
        sa.Index("ix_audit_events_occurred_at", "occurred_at"),
    )

    id: Mapped[int] = mapped_column(sa.BigInteger().with_variant(sa.Integer, "sqlite"), primary_key=True)
    occurred_at: Mapped[datetime] = mapped_column(sa.DateTime(timezone=True), default=utcnow)
    # No foreign keys: the log must outlive the users and cases it names (erasure keeps the log).
    user_id: Mapped[int | None]
    username: Mapped[str | None] = mapped_column(sa.String(64))
    action: Mapped[str] = mapped_column(sa.String(20))
    record_type: Mapped[str] = mapped_column(sa.String(40))
    record_id: Mapped[str | None] = mapped_column(sa.String(64))
    case_id: Mapped[int | None]
    victim_id: Mapped[int | None]
    justification: Mapped[str | None] = mapped_column(sa.Text)
    recipients: Mapped[str | None] = mapped_column(sa.Text)
    detail: Mapped[str | None] = mapped_column(sa.Text)
    address: Mapped[str | None] = mapped_column(sa.String(64))
