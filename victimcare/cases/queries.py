"""Reads of cases for lists and home pages, always inside the user's case scope."""

from __future__ import annotations

import sqlalchemy as sa
from sqlalchemy.orm import selectinload

from victimcare import audit
from victimcare.access import case_scope
from victimcare.extensions import db
from victimcare.models import Case, CaseStatus, Role, User

HOME_LIST_SIZE = 10


def case_list_statement(user: User, *, status: CaseStatus | None = None, mine: bool = False) -> sa.Select:
    statement = (
        sa.select(Case)
        .where(case_scope(user))
        .options(selectinload(Case.victims), selectinload(Case.offence), selectinload(Case.officer))
        .order_by(Case.reported_on.desc(), Case.id.desc())
    )
    if status is not None:
        statement = statement.where(Case.status == status)
    if mine:
        statement = statement.where(Case.officer_id == user.id)
    return statement


def home_summary(user: User) -> dict:
    """The few cases each role should look at first, audited as consulted."""
    if user.role == Role.OFFICER:
        cases = _first(case_list_statement(user, status=CaseStatus.OPEN, mine=True))
    elif user.role == Role.SUPERVISOR:
        cases = _first(case_list_statement(user, status=CaseStatus.CLOSURE_REQUESTED))
    elif user.role == Role.VCU:
        cases = _first(case_list_statement(user, status=CaseStatus.OPEN))
    else:
        cases = []
    audit.record_list("case-list", [case.id for case in cases], detail="home page")
    counts = status_counts(user) if user.role in (Role.OFFICER, Role.SUPERVISOR) else {}
    return {"cases": cases, "counts": counts}


def status_counts(user: User) -> dict[str, int]:
    rows = db.session.execute(
        sa.select(Case.status, sa.func.count()).where(case_scope(user)).group_by(Case.status)
    )
    counts = {status.value: 0 for status in CaseStatus}
    for status, count in rows:
        counts[CaseStatus(status).value] = count
    return counts



def _first(statement: sa.Select) -> list[Case]:
    return list(db.session.scalars(statement.limit(HOME_LIST_SIZE)))
