"""The Victim Care Unit's follow-ups: created with each victim, claimed, attempted, completed."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import sqlalchemy as sa
from flask_babel import gettext
from sqlalchemy.orm import joinedload

from victimcare import audit
from victimcare.cases.contracts import current_contract
from victimcare.cases.updates import timescales
from victimcare.extensions import db
from victimcare.journey.vcu import attempt_problem, follow_up_due_on, letter_needed
from victimcare.models import (
    Case,
    ContactAttempt,
    FollowUp,
    Offence,
    Referral,
    SupportOffer,
    User,
    Victim,
)
from victimcare.models.audit import AuditAction
from victimcare.reports.freshness import months_changed_for_cases
from victimcare.timeutil import utcnow


class FollowUpError(ValueError):
    def __init__(self, field: str, message: str):
        super().__init__(message)
        self.field, self.message = field, message


def create_follow_up(case: Case, victim: Victim) -> FollowUp:
    follow_up = new_follow_up(case, victim)
    db.session.add(follow_up)
    db.session.flush()
    return follow_up


def new_follow_up(case: Case, victim: Victim, in_force=None) -> FollowUp:
    """The victim's follow-up, not yet added (the bulk import adds many at once); `in_force` is the
    timescales, when the caller has already read them."""
    offence = db.session.get(Offence, case.offence_code)
    return FollowUp(case_id=case.id, victim_id=victim.id, priority=0 if victim.enhanced_rights else 1,
                    area=case.area, offence_category=offence.category,
                    due_on=follow_up_due_on(case.reported_on, enhanced=victim.enhanced_rights,
                                            timescales=in_force if in_force is not None else timescales()))


def refresh_follow_up(case: Case, victim: Victim) -> None:
    """Keep the queue's copies of the victim's and case's details in step after a change."""
    follow_up = db.session.scalar(sa.select(FollowUp).where(FollowUp.victim_id == victim.id))
    if follow_up is None or follow_up.status == "done":
        return
    offence = db.session.get(Offence, case.offence_code)
    follow_up.priority = 0 if victim.enhanced_rights else 1
    follow_up.area, follow_up.offence_category = case.area, offence.category
    follow_up.due_on = follow_up_due_on(case.reported_on, enhanced=victim.enhanced_rights, timescales=timescales())


def close_for_case(case_id: int) -> None:
    """A closed case leaves the queue."""
    months_changed_for_cases(db.session.connection(), {case_id})  # a bulk update: no flush sees it
    db.session.execute(sa.update(FollowUp).where(FollowUp.case_id == case_id, FollowUp.status != "done")
                       .values(status="done", outcome="case-closed", completed_at=utcnow()))


@dataclass
class QueueFilters:
    area: str | None = None
    offence_category: str | None = None
    assignee: str | None = None  # "me", "unclaimed", or a user id


def queue_statement(user: User, filters: QueueFilters) -> sa.Select:
    """Open follow-ups, enhanced-rights victims first, then by due date (index ix_follow_ups_queue)."""
    # "<> 'done'" matches the partial index ix_follow_ups_queue exactly.
    statement = (sa.select(FollowUp).where(FollowUp.status != "done")
                 .options(joinedload(FollowUp.victim), joinedload(FollowUp.case), joinedload(FollowUp.claimed_by))
                 .order_by(FollowUp.priority, FollowUp.due_on, FollowUp.id))
    if filters.area:
        statement = statement.where(FollowUp.area == filters.area)
    if filters.offence_category:
        statement = statement.where(FollowUp.offence_category == filters.offence_category)
    if filters.assignee == "me":
        statement = statement.where(FollowUp.claimed_by_id == user.id)
    elif filters.assignee == "unclaimed":
        statement = statement.where(FollowUp.claimed_by_id.is_(None))
    elif filters.assignee and filters.assignee.isdigit():
        statement = statement.where(FollowUp.claimed_by_id == int(filters.assignee))
    return statement


def claim(follow_up: FollowUp, user: User) -> None:
    """Claim an item so two people do not call the same victim; refused if someone else has it."""
    if follow_up.claimed_by_id not in (None, user.id):
        raise FollowUpError("claim", gettext("%(name)s has already claimed this follow-up", name=follow_up.claimed_by.display_name))
    follow_up.claimed_by_id, follow_up.claimed_at = user.id, utcnow()
    audit.record(AuditAction.ALTER, "follow-up", follow_up.id, case_id=follow_up.case_id,
                 victim_id=follow_up.victim_id, detail="claimed")


def release(follow_up: FollowUp, user: User) -> None:
    if follow_up.claimed_by_id != user.id:
        raise FollowUpError("claim", gettext("Only the person who claimed it can release it"))
    follow_up.claimed_by_id, follow_up.claimed_at = None, None
    audit.record(AuditAction.ALTER, "follow-up", follow_up.id, case_id=follow_up.case_id,
                 victim_id=follow_up.victim_id, detail="released")


def attempts_for(follow_up_id: int) -> list[ContactAttempt]:
    return list(db.session.scalars(sa.select(ContactAttempt).where(ContactAttempt.follow_up_id == follow_up_id)
                                   .options(joinedload(ContactAttempt.by)).order_by(ContactAttempt.id)))


def record_attempt(follow_up: FollowUp, *, attempted_on: date, method: str, outcome: str, notes: str | None,
                   by: User) -> ContactAttempt:
    if follow_up.status == "done":
        raise FollowUpError("outcome", gettext("This follow-up is already complete"))
    contract = current_contract(follow_up.victim_id)
    problem = attempt_problem(outcome, may_leave_messages=bool(contract and contract.may_leave_messages))
    if problem:
        raise FollowUpError("outcome", problem)
    attempt = ContactAttempt(follow_up_id=follow_up.id, attempted_on=attempted_on, method=method, outcome=outcome,
                             notes=notes, by_id=by.id)
    db.session.add(attempt)
    db.session.flush()
    if follow_up.claimed_by_id is None:
        follow_up.claimed_by_id, follow_up.claimed_at = by.id, utcnow()
    if outcome == "declined":
        _complete(follow_up, "declined", attempted_on)
    elif outcome != "reached" and letter_needed(a.outcome for a in attempts_for(follow_up.id)):
        follow_up.status = "letter-needed"
    audit.record(AuditAction.COLLECT, "contact-attempt", attempt.id, case_id=follow_up.case_id,
                 victim_id=follow_up.victim_id, detail=outcome)
    return attempt


def record_letter(follow_up: FollowUp, sent_on: date) -> None:
    if follow_up.status != "letter-needed":
        raise FollowUpError("sent_on", gettext("A letter is needed only after three unsuccessful attempts"))
    follow_up.letter_sent_on = sent_on
    _complete(follow_up, "letter-sent", sent_on)
    audit.record(AuditAction.DISCLOSE, "follow-up", follow_up.id, case_id=follow_up.case_id,
                 victim_id=follow_up.victim_id, recipients="victim (letter)",
                 justification="letter after unsuccessful contact attempts")


def record_reached(follow_up: FollowUp, *, reached_on: date, offers: dict[str, bool], notes: str | None,
                   by: User) -> None:
    """The victim was reached: support offered per need, accepted or declined, and the follow-up done."""
    if follow_up.status == "done":
        raise FollowUpError("reached_on", gettext("This follow-up is already complete"))
    for need, accepted in offers.items():
        db.session.add(SupportOffer(follow_up_id=follow_up.id, need=need, accepted=accepted))
    follow_up.notes = notes
    _complete(follow_up, "reached", reached_on)
    audit.record(AuditAction.COLLECT, "follow-up", follow_up.id, case_id=follow_up.case_id,
                 victim_id=follow_up.victim_id,
                 detail=f"reached; support accepted for {sum(offers.values())} of {len(offers)} needs")


def _complete(follow_up: FollowUp, outcome: str, on: date) -> None:
    follow_up.status, follow_up.outcome = "done", outcome
    follow_up.completed_at, follow_up.completed_on = utcnow(), on


def offers_for(follow_up_id: int) -> list[SupportOffer]:
    return list(db.session.scalars(sa.select(SupportOffer).where(SupportOffer.follow_up_id == follow_up_id)
                                   .order_by(SupportOffer.id)))


def vcu_summary_for_case(case: Case) -> dict[int, dict]:
    """What the VCU did for each victim on a case, for the officer in the case, in three queries."""
    victim_ids = [v.id for v in case.victims]
    follow_ups = {f.victim_id: f for f in db.session.scalars(
        sa.select(FollowUp).where(FollowUp.case_id == case.id).options(joinedload(FollowUp.claimed_by)))}
    offers: dict[int, list[SupportOffer]] = {}
    if follow_ups:
        for offer in db.session.scalars(sa.select(SupportOffer).where(
                SupportOffer.follow_up_id.in_([f.id for f in follow_ups.values()])).order_by(SupportOffer.id)):
            offers.setdefault(offer.follow_up_id, []).append(offer)
    referrals: dict[int, list[Referral]] = {}
    if victim_ids:
        for referral in db.session.scalars(sa.select(Referral).where(Referral.victim_id.in_(victim_ids))
                                           .options(joinedload(Referral.service)).order_by(Referral.id)):
            referrals.setdefault(referral.victim_id, []).append(referral)
    return {victim_id: {"follow_up": follow_ups.get(victim_id),
                        "offers": offers.get(follow_ups[victim_id].id, []) if victim_id in follow_ups else [],
                        "referrals": referrals.get(victim_id, [])} for victim_id in victim_ids}
