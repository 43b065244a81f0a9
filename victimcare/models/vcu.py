"""The Victim Care Unit's follow-ups and contact attempts, and victims' feedback."""

from __future__ import annotations

from datetime import date, datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from victimcare.extensions import db
from victimcare.models.users import User
from victimcare.timeutil import utcnow


class FollowUp(db.Model):
    """The VCU's follow-up of one victim after the initial response."""

    __tablename__ = "follow_ups"
    __table_args__ = (
        # The queue: items not done, enhanced-rights victims first (priority 0), then by due date. Partial,
        # so the queue reads the index in order and stops after a page, however many follow-ups are done.
        sa.Index("ix_follow_ups_queue", "priority", "due_on", "id", sqlite_where=sa.text("status <> 'done'"),
                 postgresql_where=sa.text("status <> 'done'")),
        sa.Index("ix_follow_ups_claimed_by", "claimed_by_id", "status"),
        sa.Index("ix_follow_ups_due_on", "due_on"),
        # The Board report counts support taken up by the day the follow-up was done.
        sa.Index("ix_follow_ups_completed_on", "completed_on"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(sa.ForeignKey("cases.id"), index=True)
    victim_id: Mapped[int] = mapped_column(sa.ForeignKey("victims.id"), unique=True)
    # Copied from the victim and case so the queue filters and sorts on one indexed table.
    priority: Mapped[int] = mapped_column(sa.SmallInteger, default=1)  # 0: enhanced rights, 1: standard
    area: Mapped[str] = mapped_column(sa.String(40))
    offence_category: Mapped[str] = mapped_column(sa.String(80))
    due_on: Mapped[date]
    # open, letter-needed, done
    status: Mapped[str] = mapped_column(sa.String(20), default="open")
    claimed_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id"))
    claimed_at: Mapped[datetime | None] = mapped_column(sa.DateTime(timezone=True))
    letter_sent_on: Mapped[date | None]
    completed_at: Mapped[datetime | None] = mapped_column(sa.DateTime(timezone=True))
    completed_on: Mapped[date | None]
    outcome: Mapped[str | None] = mapped_column(sa.String(20))  # reached, letter-sent, declined
    notes: Mapped[str | None] = mapped_column(sa.Text)
    created_at: Mapped[datetime] = mapped_column(sa.DateTime(timezone=True), default=utcnow)
    version: Mapped[int] = mapped_column(default=1)

    claimed_by: Mapped[User | None] = relationship()
    case: Mapped["Case"] = relationship()  # noqa: F821
    victim: Mapped["Victim"] = relationship()  # noqa: F821

    __mapper_args__ = {"version_id_col": version}

    @property
    def enhanced(self) -> bool:
        return self.priority == 0


class ContactAttempt(db.Model):
    __tablename__ = "contact_attempts"

    id: Mapped[int] = mapped_column(primary_key=True)
    follow_up_id: Mapped[int] = mapped_column(sa.ForeignKey("follow_ups.id"), index=True)
    attempted_on: Mapped[date]
    method: Mapped[str] = mapped_column(sa.String(20))
    outcome: Mapped[str] = mapped_column(sa.String(20))  # reached, no-answer, message-left, wrong-number, declined
    notes: Mapped[str | None] = mapped_column(sa.Text)
    by_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(sa.DateTime(timezone=True), default=utcnow)

    by: Mapped[User] = relationship()


class SupportOffer(db.Model):
    """Support offered for one need when the VCU reached the victim, and whether they took it up."""

    __tablename__ = "support_offers"

    id: Mapped[int] = mapped_column(primary_key=True)
    follow_up_id: Mapped[int] = mapped_column(sa.ForeignKey("follow_ups.id"), index=True)
    need: Mapped[str] = mapped_column(sa.String(30))
    accepted: Mapped[bool]
    created_at: Mapped[datetime] = mapped_column(sa.DateTime(timezone=True), default=utcnow)


class Feedback(db.Model):
    """A victim's feedback on the service: the five survey stages on the 7-point scale (1 best)."""

    __tablename__ = "feedback"
    __table_args__ = (
        sa.UniqueConstraint("victim_id", "surveyed_on", "stage", name="uq_feedback_victim_day_stage"),
        # The Board report's satisfaction figures: answers in a period, from the index alone.
        sa.Index("ix_feedback_surveyed_answers", "surveyed_on", "ease_of_contact", "actions_taken", "kept_informed",
                 "treatment", "whole_experience"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(sa.ForeignKey("cases.id"), index=True)
    victim_id: Mapped[int] = mapped_column(sa.ForeignKey("victims.id"), index=True)
    stage: Mapped[str] = mapped_column(sa.String(20))  # initial, key-stage, closure, survey
    surveyed_on: Mapped[date] = mapped_column(index=True)
    ease_of_contact: Mapped[int | None]
    actions_taken: Mapped[int | None]
    kept_informed: Mapped[int | None]
    treatment: Mapped[int | None]
    whole_experience: Mapped[int | None]
    comments: Mapped[str | None] = mapped_column(sa.Text)
    consent_to_use: Mapped[bool] = mapped_column(default=False)
    source: Mapped[str] = mapped_column(sa.String(10))  # phone, import
    recorded_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(sa.DateTime(timezone=True), default=utcnow)


class AgencyImpact(db.Model):
    """What a partner agency's involvement did for the victim's experience (Strand 3, objective 6)."""

    __tablename__ = "agency_impacts"

    id: Mapped[int] = mapped_column(primary_key=True)
    feedback_id: Mapped[int] = mapped_column(sa.ForeignKey("feedback.id"), index=True)
    service_code: Mapped[str] = mapped_column(sa.ForeignKey("support_services.code"))
    impact: Mapped[str] = mapped_column(sa.String(10))  # positive, neutral, negative
    comment: Mapped[str | None] = mapped_column(sa.Text)


class ServiceRecovery(db.Model):
    """Raised when a victim is dissatisfied: the supervisor records what was done and what was learnt."""

    __tablename__ = "service_recoveries"
    __table_args__ = (sa.Index("ix_service_recoveries_team_status", "team_id", "status"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(sa.ForeignKey("cases.id"), index=True)
    feedback_id: Mapped[int] = mapped_column(sa.ForeignKey("feedback.id"), unique=True)
    team_id: Mapped[int] = mapped_column(sa.ForeignKey("teams.id"))
    status: Mapped[str] = mapped_column(sa.String(10), default="open")
    what_was_done: Mapped[str | None] = mapped_column(sa.Text)
    lessons_learnt: Mapped[str | None] = mapped_column(sa.Text)
    # The theme of the lesson (journey.feedback.LESSON_THEMES): what the Board sees, never the text.
    lesson_theme: Mapped[str | None] = mapped_column(sa.String(20))
    done_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id"))
    done_at: Mapped[datetime | None] = mapped_column(sa.DateTime(timezone=True))
    created_at: Mapped[datetime] = mapped_column(sa.DateTime(timezone=True), default=utcnow)
    version: Mapped[int] = mapped_column(default=1)

    feedback: Mapped[Feedback] = relationship()
    case: Mapped["Case"] = relationship()  # noqa: F821

    __mapper_args__ = {"version_id_col": version}


class Complaint(db.Model):
    """A complaint about the service a victim had (Right 12), recorded by the officer's supervisor."""

    __tablename__ = "complaints"

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(sa.ForeignKey("cases.id"), index=True)
    received_on: Mapped[date] = mapped_column(index=True)
    about: Mapped[str] = mapped_column(sa.String(30))  # journey.feedback.COMPLAINT_SUBJECTS
    outcome: Mapped[str] = mapped_column(sa.String(20), default="open")  # journey.feedback.COMPLAINT_OUTCOMES
    notes: Mapped[str | None] = mapped_column(sa.Text)
    recorded_by_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(sa.DateTime(timezone=True), default=utcnow)
    version: Mapped[int] = mapped_column(default=1)

    recorded_by: Mapped[User] = relationship()

    __mapper_args__ = {"version_id_col": version}
