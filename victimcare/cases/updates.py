"""R: key-stage events, the updates they make due, and updates given."""

from __future__ import annotations

from datetime import date

import sqlalchemy as sa
from sqlalchemy.orm import contains_eager, joinedload

from victimcare import audit
from victimcare.access import case_scope
from victimcare.cases.contracts import current_contract, current_contracts
from victimcare.extensions import db
from victimcare.journey.stages import Timescale, periodic_due_on, update_due_on
from victimcare.models import (
    Case,
    CaseStatus,
    KeyStageEvent,
    PlanProgress,
    Role,
    TimescaleSetting,
    UpdateKind,
    User,
    Victim,
    VictimUpdate,
)
from victimcare.models.audit import AuditAction
from victimcare.timeutil import utcnow


def timescales() -> dict[str, Timescale]:
    """The timescales in force: reference data that admins can change, defaults from the Code."""
    return {row.code: Timescale(row.code, row.label, row.standard_days, row.enhanced_days, row.configurable)
            for row in db.session.scalars(sa.select(TimescaleSetting))}


def record_event(case: Case, *, stage: str, occurred_on: date, notes: str | None, by: User
                 ) -> tuple[KeyStageEvent, list[VictimUpdate]]:
    """Record a key stage; every victim who wants updates is owed one by the Code's deadline."""
    event = KeyStageEvent(case_id=case.id, stage=stage, occurred_on=occurred_on, notes=notes, recorded_by_id=by.id)
    db.session.add(event)
    db.session.flush()
    in_force = timescales()
    agreed = current_contracts([v.id for v in case.victims])
    created = []
    for victim in case.victims:
        contract = agreed.get(victim.id)
        if contract is not None and not contract.wants_updates:
            continue
        due = update_due_on(stage, occurred_on, enhanced=victim.enhanced_rights,
                            contract_days=contract.update_within_days if contract else None, timescales=in_force)
        update = VictimUpdate(case_id=case.id, victim_id=victim.id, event_id=event.id, kind=UpdateKind.KEY_STAGE,
                              due_on=due)
        db.session.add(update)
        created.append(update)
    db.session.flush()
    audit.record(AuditAction.COLLECT, "key-stage-event", event.id, case_id=case.id, detail=stage)
    return event, created


def give_update(update: VictimUpdate, *, given_on: date, method: str, what_was_said: str,
                victims_views: str | None, progress: dict[int, str], by: User,
                told_right_to_review: bool | None = None) -> VictimUpdate:
    update.given_on = given_on
    update.told_right_to_review = told_right_to_review
    update.given_at = utcnow()
    update.method = method
    update.what_was_said = what_was_said
    update.victims_views = victims_views
    update.given_by_id = by.id
    for what_matters_id, text in progress.items():
        if text and text.strip():
            db.session.add(PlanProgress(update_id=update.id, what_matters_id=what_matters_id, progress=text.strip()))
    db.session.flush()
    audit.record(AuditAction.ALTER, "update", update.id, case_id=update.case_id, victim_id=update.victim_id,
                 detail=f"{update.kind.value} update given")
    schedule_periodic(db.session.get(Victim, update.victim_id), last_update_on=given_on)
    return update


def record_overdue_reason(update: VictimUpdate, reason: str) -> None:
    update.overdue_reason = reason.strip()
    audit.record(AuditAction.ALTER, "update", update.id, case_id=update.case_id, victim_id=update.victim_id,
                 detail="reason recorded for a late update")


def schedule_periodic(victim: Victim, *, last_update_on: date) -> VictimUpdate | None:
    """Keep one open periodic update per victim, due by the contract's frequency after the last update."""
    contract = current_contract(victim.id)
    open_periodic = db.session.scalar(sa.select(VictimUpdate).where(
        VictimUpdate.victim_id == victim.id, VictimUpdate.kind == UpdateKind.PERIODIC,
        VictimUpdate.given_at.is_(None)))
    due = periodic_due_on(last_update_on, contract.frequency) if contract and contract.wants_updates else None
    if due is None:
        if open_periodic is not None:
            db.session.delete(open_periodic)
        return None
    if open_periodic is None:
        open_periodic = VictimUpdate(case_id=victim.case_id, victim_id=victim.id, kind=UpdateKind.PERIODIC,
                                     due_on=due)
        db.session.add(open_periodic)
    else:
        open_periodic.due_on = due
    db.session.flush()
    return open_periodic


def last_update_on(victim: Victim) -> date | None:
    return db.session.scalar(sa.select(sa.func.max(VictimUpdate.given_on)).where(VictimUpdate.victim_id == victim.id))


def withdraw_open_updates(victim: Victim) -> int:
    """The victim chose not to receive updates: nothing more is owed to them."""
    open_updates = db.session.scalars(sa.select(VictimUpdate).where(
        VictimUpdate.victim_id == victim.id, VictimUpdate.given_at.is_(None))).all()
    for update in open_updates:
        db.session.delete(update)
    return len(open_updates)


def due_list_statement(user: User) -> sa.Select:
    """Updates not yet given on the user's open cases (the OIC's own; a supervisor's team), soonest first."""
    statement = (
        sa.select(VictimUpdate)
        .join(Case, Case.id == VictimUpdate.case_id)
        .where(VictimUpdate.given_at.is_(None), Case.status != CaseStatus.CLOSED, case_scope(user))
        .options(joinedload(VictimUpdate.event), contains_eager(VictimUpdate.case), joinedload(VictimUpdate.victim))
        .order_by(VictimUpdate.due_on, VictimUpdate.id)
    )
    if user.role == Role.OFFICER:
        statement = statement.where(Case.officer_id == user.id)
    return statement


def updates_for_case(case_id: int) -> list[VictimUpdate]:
    return list(db.session.scalars(
        sa.select(VictimUpdate).where(VictimUpdate.case_id == case_id)
        .options(joinedload(VictimUpdate.event), joinedload(VictimUpdate.given_by))
        .order_by(VictimUpdate.due_on, VictimUpdate.id)))


def events_for_case(case_id: int) -> list[KeyStageEvent]:
    return list(db.session.scalars(sa.select(KeyStageEvent).where(KeyStageEvent.case_id == case_id)
                                   .options(joinedload(KeyStageEvent.recorded_by))
                                   .order_by(KeyStageEvent.occurred_on, KeyStageEvent.id)))
