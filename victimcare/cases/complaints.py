"""Complaints on a case: recorded and audited here, committed by the caller."""

from __future__ import annotations

from datetime import date

import sqlalchemy as sa
from sqlalchemy.orm import joinedload

from victimcare import audit
from victimcare.extensions import db
from victimcare.models import Case, Complaint, User
from victimcare.models.audit import AuditAction


def record_complaint(case: Case, *, received_on: date, about: str, outcome: str, notes: str | None,
                     by: User) -> Complaint:
    complaint = Complaint(case_id=case.id, received_on=received_on, about=about, outcome=outcome,
                          notes=(notes or "").strip() or None, recorded_by_id=by.id)
    db.session.add(complaint)
    db.session.flush()
    audit.record(AuditAction.COLLECT, "complaint", complaint.id, case_id=case.id, detail=f"complaint about {about}")
    return complaint


def complaints_for(case_id: int) -> list[Complaint]:
    return list(db.session.scalars(sa.select(Complaint).where(Complaint.case_id == case_id)
                                   .options(joinedload(Complaint.recorded_by))
                                   .order_by(Complaint.received_on, Complaint.id)))
