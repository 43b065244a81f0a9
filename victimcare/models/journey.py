"""The CARES journey's records: contract, what matters, needs, key stages, updates, plan, closure."""

from __future__ import annotations

import enum
from datetime import date, datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from victimcare.extensions import db
from victimcare.models.cases import _enum
from victimcare.models.users import User
from victimcare.timeutil import utcnow


def _created_at() -> Mapped[datetime]:
    return mapped_column(sa.DateTime(timezone=True), default=utcnow)


class Contract(db.Model):
    """C: how and how often a victim wants updates. Each revision is a new row; history is kept."""

    __tablename__ = "contracts"
    __table_args__ = (sa.UniqueConstraint("victim_id", "revision"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    victim_id: Mapped[int] = mapped_column(sa.ForeignKey("victims.id"), index=True)
    revision: Mapped[int] = mapped_column(default=1)
    agreed_on: Mapped[date]
    wants_updates: Mapped[bool] = mapped_column(default=True)
    # Comma-separated codes from journey.contract.CONTACT_METHODS.
    methods: Mapped[str] = mapped_column(sa.String(120), default="")
    frequency: Mapped[str] = mapped_column(sa.String(20), default="28-days")
    # A contract may ask for key-stage updates sooner than the Code (working days).
    update_within_days: Mapped[int | None]
    good_times: Mapped[str | None] = mapped_column(sa.String(200))
    may_leave_messages: Mapped[bool] = mapped_column(default=False)
    representative: Mapped[str | None] = mapped_column(sa.String(200))
    language: Mapped[str] = mapped_column(sa.String(8), default="en")
    interpreter_needed: Mapped[bool] = mapped_column(default=False)
    referral_consent: Mapped[str] = mapped_column(sa.String(12), default="not-asked")
    what_matters_declined: Mapped[bool] = mapped_column(default=False)
    recorded_by_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id"))
    created_at: Mapped[datetime] = _created_at()

    recorded_by: Mapped[User] = relationship()

    @property
    def method_codes(self) -> list[str]:
        return [m for m in self.methods.split(",") if m]


class WhatMatters(db.Model):
    """One thing that matters to the victim, in their words, and at closure how far it was met."""

    __tablename__ = "what_matters"

    id: Mapped[int] = mapped_column(primary_key=True)
    victim_id: Mapped[int] = mapped_column(sa.ForeignKey("victims.id"), index=True)
    category: Mapped[str] = mapped_column(sa.String(40))
    in_their_words: Mapped[str] = mapped_column(sa.Text)
    recorded_by_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id"))
    created_at: Mapped[datetime] = _created_at()
    # E: the end-of-investigation assessment.
    outcome: Mapped[str | None] = mapped_column(sa.String(20))
    outcome_explanation: Mapped[str | None] = mapped_column(sa.Text)
    assessed_at: Mapped[datetime | None] = mapped_column(sa.DateTime(timezone=True))
    assessed_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id"))
    version: Mapped[int] = mapped_column(default=1)

    __mapper_args__ = {"version_id_col": version}


class EnhancedGround(db.Model):
    """A ground for enhanced rights the officer added, with their reason (derived grounds are computed)."""

    __tablename__ = "enhanced_grounds"

    id: Mapped[int] = mapped_column(primary_key=True)
    victim_id: Mapped[int] = mapped_column(sa.ForeignKey("victims.id"), index=True)
    reason: Mapped[str] = mapped_column(sa.String(30))
    note: Mapped[str] = mapped_column(sa.Text)
    added_by_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id"))
    created_at: Mapped[datetime] = _created_at()


class NeedsAssessment(db.Model):
    """A: the assessment of a victim's needs. Each review is a new row; history is kept."""

    __tablename__ = "needs_assessments"

    id: Mapped[int] = mapped_column(primary_key=True)
    victim_id: Mapped[int] = mapped_column(sa.ForeignKey("victims.id"), index=True)
    assessed_on: Mapped[date]
    risk: Mapped[str] = mapped_column(sa.String(10))  # THRIVE-informed: standard, medium, high
    vulnerability_notes: Mapped[str | None] = mapped_column(sa.Text)
    support_needs: Mapped[str] = mapped_column(sa.String(300), default="")
    special_measures: Mapped[str] = mapped_column(sa.String(300), default="")
    vps_offered_on: Mapped[date | None]
    vps_taken: Mapped[str] = mapped_column(sa.String(12), default="not-offered")
    notes: Mapped[str | None] = mapped_column(sa.Text)
    recorded_by_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id"))
    created_at: Mapped[datetime] = _created_at()

    recorded_by: Mapped[User] = relationship()


class SupportService(db.Model):
    """Reference data: victim support services and partner agencies to refer to."""

    __tablename__ = "support_services"

    code: Mapped[str] = mapped_column(sa.String(40), primary_key=True)
    name: Mapped[str] = mapped_column(sa.String(120))
    active: Mapped[bool] = mapped_column(default=True)


class Referral(db.Model):
    __tablename__ = "referrals"

    id: Mapped[int] = mapped_column(primary_key=True)
    victim_id: Mapped[int] = mapped_column(sa.ForeignKey("victims.id"), index=True)
    service_code: Mapped[str] = mapped_column(sa.ForeignKey("support_services.code"))
    # given / refused (a recorded refusal is the victim's choice, not a failure) / opted-out
    consent: Mapped[str] = mapped_column(sa.String(12))
    status: Mapped[str] = mapped_column(sa.String(20), default="sent")
    referred_on: Mapped[date | None]
    outcome: Mapped[str | None] = mapped_column(sa.Text)
    recorded_by_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id"))
    created_at: Mapped[datetime] = _created_at()
    version: Mapped[int] = mapped_column(default=1)

    service: Mapped[SupportService] = relationship()

    __mapper_args__ = {"version_id_col": version}


class KeyStageEvent(db.Model):
    """R: a key stage in the investigation (arrest, charge, NFA, ...), which makes updates fall due."""

    __tablename__ = "key_stage_events"

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(sa.ForeignKey("cases.id"), index=True)
    stage: Mapped[str] = mapped_column(sa.String(40))
    occurred_on: Mapped[date]
    notes: Mapped[str | None] = mapped_column(sa.Text)
    recorded_by_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id"))
    created_at: Mapped[datetime] = _created_at()

    recorded_by: Mapped[User] = relationship()


class UpdateKind(enum.StrEnum):
    KEY_STAGE = "key-stage"
    PERIODIC = "periodic"
    FINAL = "final"


class VictimUpdate(db.Model):
    """An update owed to a victim (due) and, once given, what was said and the victim's views."""

    __tablename__ = "victim_updates"
    __table_args__ = (
        # The officer's due list: open updates by case, soonest first.
        sa.Index("ix_victim_updates_open_by_case", "case_id", "due_on", postgresql_where=sa.text("given_at IS NULL"),
                 sqlite_where=sa.text("given_at IS NULL")),
        # The Victims' Board report: updates by the day they fell due.
        sa.Index("ix_victim_updates_due_on", "due_on"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(sa.ForeignKey("cases.id"), index=True)
    victim_id: Mapped[int] = mapped_column(sa.ForeignKey("victims.id"), index=True)
    event_id: Mapped[int | None] = mapped_column(sa.ForeignKey("key_stage_events.id"))
    kind: Mapped[UpdateKind] = mapped_column(_enum(UpdateKind, "update_kind"))
    due_on: Mapped[date]
    given_at: Mapped[datetime | None] = mapped_column(sa.DateTime(timezone=True))
    given_on: Mapped[date | None]
    method: Mapped[str | None] = mapped_column(sa.String(20))
    given_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id"))
    what_was_said: Mapped[str | None] = mapped_column(sa.Text)
    victims_views: Mapped[str | None] = mapped_column(sa.Text)
    overdue_reason: Mapped[str | None] = mapped_column(sa.Text)
    # For a no-further-action update: was the victim told how to ask for a review under the Victims'
    # Right to Review? (None for other updates, and for ones not yet given.)
    told_right_to_review: Mapped[bool | None]
    created_at: Mapped[datetime] = _created_at()
    version: Mapped[int] = mapped_column(default=1)

    event: Mapped[KeyStageEvent | None] = relationship()
    given_by: Mapped[User | None] = relationship()
    case: Mapped["Case"] = relationship()  # noqa: F821
    victim: Mapped["Victim"] = relationship()  # noqa: F821

    __mapper_args__ = {"version_id_col": version}


class PlanAction(db.Model):
    """An action in the investigation plan, linked where it applies to the what-matters item it serves."""

    __tablename__ = "plan_actions"

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(sa.ForeignKey("cases.id"), index=True)
    what: Mapped[str] = mapped_column(sa.Text)
    who: Mapped[str] = mapped_column(sa.String(120))
    by_when: Mapped[date | None]
    status: Mapped[str] = mapped_column(sa.String(12), default="planned")
    what_matters_id: Mapped[int | None] = mapped_column(sa.ForeignKey("what_matters.id"))
    created_at: Mapped[datetime] = _created_at()
    version: Mapped[int] = mapped_column(default=1)

    what_matters: Mapped[WhatMatters | None] = relationship()

    __mapper_args__ = {"version_id_col": version}


class PlanProgress(db.Model):
    """At an update, the officer's note of progress on one of the victim's what-matters items."""

    __tablename__ = "plan_progress"

    id: Mapped[int] = mapped_column(primary_key=True)
    update_id: Mapped[int] = mapped_column(sa.ForeignKey("victim_updates.id"), index=True)
    what_matters_id: Mapped[int] = mapped_column(sa.ForeignKey("what_matters.id"), index=True)
    progress: Mapped[str] = mapped_column(sa.Text)
    created_at: Mapped[datetime] = _created_at()


class ClosureStep(db.Model):
    """E and S: closure requested, approved, returned with actions, or the case reopened."""

    __tablename__ = "closure_steps"

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(sa.ForeignKey("cases.id"), index=True)
    step: Mapped[str] = mapped_column(sa.String(20))  # requested, approved, returned, reopened
    outcome: Mapped[str | None] = mapped_column(sa.Text)  # the investigation's outcome, on request
    reason: Mapped[str | None] = mapped_column(sa.Text)  # actions required / why reopened
    by_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id"))
    created_at: Mapped[datetime] = _created_at()

    by: Mapped[User] = relationship()


class TimescaleSetting(db.Model):
    """Reference data: working days allowed per key stage (domain.md §3), changeable by admins."""

    __tablename__ = "timescales"

    code: Mapped[str] = mapped_column(sa.String(40), primary_key=True)
    label: Mapped[str] = mapped_column(sa.String(120))
    standard_days: Mapped[int]
    enhanced_days: Mapped[int]
    configurable: Mapped[bool] = mapped_column(default=False)
