"""Keeping the Board's kept counts honest: every change to a record they count marks its months changed.

On each flush that adds, changes or deletes a record of a case's journey, the months and the days
that case's records are counted in (`measures.CASE_DATES`), as they were before the flush and as they
are after it, are bumped in `board_count_months` (kept.py keeps counts per month, and per day for the
current month), so a report counts them from the records again until the next refresh. Writes that bypass the ORM call `months_changed_for_cases` themselves (closing a case
deletes updates and closes follow-ups in bulk) or `kept.forget` (the seed). A change to an offence's
category moves records between categories of every month: it forgets every kept month.
"""

from __future__ import annotations

import sqlalchemy as sa
from sqlalchemy import event
from sqlalchemy.orm import Session

from victimcare.models import (
    AgencyImpact,
    Case,
    ClosureStep,
    Complaint,
    Contract,
    Feedback,
    FollowUp,
    KeyStageEvent,
    NeedsAssessment,
    Offence,
    Referral,
    ServiceRecovery,
    SupportOffer,
    Victim,
    VictimUpdate,
    WhatMatters,
)
from victimcare.reports import kept

# The records the kept statements count, directly or through a per-victim or per-case summary.
COUNTED = (Case, Victim, Contract, WhatMatters, NeedsAssessment, Referral, KeyStageEvent, VictimUpdate, ClosureStep,
           FollowUp, SupportOffer, Feedback, AgencyImpact, ServiceRecovery, Complaint)
_BATCH = 500


def _case_ids(connection: sa.Connection, records) -> set[int]:
    """The cases the records belong to, by their own column or through their victim, follow-up or feedback."""
    cases, victims, follow_ups, feedback = set(), set(), set(), set()
    for record in records:
        if isinstance(record, Case):
            cases.add(record.id)
        elif getattr(record, "case_id", None) is not None:
            cases.add(record.case_id)
        elif getattr(record, "victim_id", None) is not None:
            victims.add(record.victim_id)
        elif isinstance(record, SupportOffer):
            follow_ups.add(record.follow_up_id)
        elif isinstance(record, AgencyImpact):
            feedback.add(record.feedback_id)
    for model, ids in ((Victim, victims), (FollowUp, follow_ups), (Feedback, feedback)):
        ids.discard(None)
        if ids:
            cases.update(connection.scalars(sa.select(model.case_id).where(model.id.in_(ids))))
    cases.discard(None)
    return cases


def months_of_cases(connection: sa.Connection, case_ids: set[int]) -> set[int]:
    """Every month, and every day, the cases' records are counted in, by any kept statement's date."""
    from victimcare.reports.measures import CASE_DATES

    units: set[int] = set()
    ids = sorted(case_ids)
    for start in range(0, len(ids), _BATCH):
        batch = ids[start:start + _BATCH]
        union = sa.union(*(sa.select(kept.day_of(dated).label("day")).where(case.in_(batch), dated.is_not(None))
                           for case, dated in CASE_DATES))
        days = {day for day in connection.scalars(sa.select(union.subquery().c.day)) if day}
        units |= days | {day // 100 for day in days}
    return units


def months_changed_for_cases(connection: sa.Connection, case_ids: set[int]) -> None:
    """Bump the months and days the cases' records count in now (call before a bulk change that keeps their dates)."""
    kept.bump(connection, months_of_cases(connection, case_ids))


def _counted(records) -> list:
    return [record for record in records if isinstance(record, COUNTED)]


@event.listens_for(Session, "before_flush")
def _before_flush(session: Session, flush_context, instances) -> None:
    if any(isinstance(record, Offence) for record in (*session.new, *session.dirty, *session.deleted)):
        session.info["board_forget"] = True
    changed = _counted([*session.dirty, *session.deleted])
    if changed:
        # As the records stand before this flush: a date moved out of a month changes that month too.
        connection = session.connection()
        session.info.setdefault("board_months", set()).update(
            months_of_cases(connection, _case_ids(connection, changed)))


@event.listens_for(Session, "after_flush")
def _after_flush(session: Session, flush_context) -> None:
    months = session.info.pop("board_months", set())
    forget = session.info.pop("board_forget", False)
    changed = _counted([*session.new, *session.dirty, *session.deleted])
    if not (months or forget or changed):
        return
    connection = session.connection()
    if changed:
        months |= months_of_cases(connection, _case_ids(connection, changed))
    kept.bump(connection, months)
    if forget:
        kept.forget(connection)
