"""E and S in the database: gathering the facts for the closure rules, and the steps themselves."""

from __future__ import annotations

from datetime import date

import sqlalchemy as sa

from victimcare import audit
from victimcare.cases.contracts import current_contracts
from victimcare.extensions import db
from victimcare.journey.closure import (
    CaseAtClosure,
    VictimAtClosure,
    closure_blockers,
    next_status,
)
from victimcare.models import (
    Case,
    ClosureStep,
    UpdateKind,
    User,
    VictimUpdate,
    WhatMatters,
)
from victimcare.models.audit import AuditAction
from victimcare.reports.freshness import months_changed_for_cases
from victimcare.timeutil import utcnow
from victimcare.vcu.services import close_for_case


class ClosureRefused(ValueError):
    def __init__(self, problems: list[str]):
        super().__init__("; ".join(problems))
        self.problems = problems


def facts_for(case: Case, today: date) -> CaseAtClosure:
    updates = db.session.scalars(sa.select(VictimUpdate).where(VictimUpdate.case_id == case.id)).all()
    items = db.session.scalars(sa.select(WhatMatters).where(
        WhatMatters.victim_id.in_([v.id for v in case.victims]))).all()
    victims = []
    in_force = current_contracts([v.id for v in case.victims])
    for victim in case.victims:
        contract = in_force.get(victim.id)
        mine = [u for u in updates if u.victim_id == victim.id]
        their_items = [i for i in items if i.victim_id == victim.id]
        victims.append(VictimAtClosure(
            name=victim.name,
            wants_updates=contract.wants_updates if contract else True,
            final_update_given=any(u.kind == UpdateKind.FINAL and u.given_at for u in mine),
            what_matters_recorded=bool(their_items),
            what_matters_declined=bool(contract and contract.what_matters_declined),
            unassessed_items=sum(1 for i in their_items if not i.outcome),
            assessed_without_explanation=sum(1 for i in their_items if i.outcome and not i.outcome_explanation),
            overdue_without_reason=sum(1 for u in mine if not u.given_at and u.due_on < today and not u.overdue_reason),
        ))
    return CaseAtClosure(victims)


def blockers(case: Case, today: date) -> list[str]:
    return closure_blockers(facts_for(case, today))


def start_final_update(case: Case, victim_id: int, today: date) -> VictimUpdate:
    """The final update on the outcome, owed now; the open one if it already exists."""
    existing = db.session.scalar(sa.select(VictimUpdate).where(
        VictimUpdate.case_id == case.id, VictimUpdate.victim_id == victim_id,
        VictimUpdate.kind == UpdateKind.FINAL, VictimUpdate.given_at.is_(None)))
    if existing:
        return existing
    update = VictimUpdate(case_id=case.id, victim_id=victim_id, kind=UpdateKind.FINAL, due_on=today)
    db.session.add(update)
    db.session.flush()
    audit.record(AuditAction.COLLECT, "update", update.id, case_id=case.id, victim_id=victim_id,
                 detail="final update started")
    return update


def assess_what_matters(case: Case, item: WhatMatters, *, outcome: str, explanation: str, by: User) -> None:
    item.outcome = outcome
    item.outcome_explanation = explanation.strip()
    item.assessed_at = utcnow()
    item.assessed_by_id = by.id
    audit.record(AuditAction.ALTER, "what-matters", item.id, case_id=case.id, victim_id=item.victim_id,
                 detail=f"assessed {outcome}")


def request_closure(case: Case, *, outcome: str, by: User, today: date) -> ClosureStep:
    problems = blockers(case, today)
    if problems:
        raise ClosureRefused(problems)
    return _step(case, "request-closure", "requested", by=by, outcome=outcome)


def approve(case: Case, *, by: User, today: date) -> ClosureStep:
    _not_own_case(case, by)
    step = _step(case, "approve", "approved", by=by)
    case.closed_on = today
    # Nothing more is owed once the case closes: drop regular updates scheduled but not given (a bulk
    # delete, which no flush sees: the months it changes are marked here).
    months_changed_for_cases(db.session.connection(), {case.id})
    db.session.execute(sa.delete(VictimUpdate).where(
        VictimUpdate.case_id == case.id, VictimUpdate.kind == UpdateKind.PERIODIC, VictimUpdate.given_at.is_(None)))
    close_for_case(case.id)
    return step


def return_with_actions(case: Case, *, actions: str, by: User) -> ClosureStep:
    _not_own_case(case, by)
    return _step(case, "return", "returned", by=by, reason=actions)


def reopen(case: Case, *, reason: str, by: User) -> ClosureStep:
    step = _step(case, "reopen", "reopened", by=by, reason=reason)
    case.closed_on = None
    return step


def history(case_id: int) -> list[ClosureStep]:
    return list(db.session.scalars(sa.select(ClosureStep).where(ClosureStep.case_id == case_id)
                                   .order_by(ClosureStep.id)))


def _not_own_case(case: Case, by: User) -> None:
    if case.officer_id == by.id:
        raise ClosureRefused(["You are the officer in the case: another supervisor must review it"])


def _step(case: Case, action: str, step_name: str, *, by: User, outcome: str | None = None,
          reason: str | None = None) -> ClosureStep:
    case.status = next_status(case.status.value if hasattr(case.status, "value") else case.status, action)
    step = ClosureStep(case_id=case.id, step=step_name, outcome=outcome, reason=reason, by_id=by.id)
    db.session.add(step)
    db.session.flush()
    audit.record(AuditAction.ALTER, "case", case.id, case_id=case.id, detail=f"closure {step_name}")
    return step
