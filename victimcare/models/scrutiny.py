"""The Victims Scrutiny Panel: monthly samples of closed cases, their redacted packs, findings and actions."""

from __future__ import annotations

from datetime import date, datetime

import sqlalchemy as sa
from flask_babel import gettext
from sqlalchemy.orm import Mapped, mapped_column, relationship

from victimcare.extensions import db
from victimcare.models.users import Team, User
from victimcare.timeutil import utcnow


class ScrutinySample(db.Model):
    """One draw of a month's closed cases. The seed is kept so the draw can be repeated and checked."""

    __tablename__ = "scrutiny_samples"

    id: Mapped[int] = mapped_column(primary_key=True)
    month: Mapped[date] = mapped_column(index=True)  # the first day of the month whose closed cases were drawn
    seed: Mapped[int]
    size: Mapped[int]
    candidates: Mapped[int]  # closed cases in the month the sample was drawn from
    drawn_by_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id"))
    drawn_at: Mapped[datetime] = mapped_column(sa.DateTime(timezone=True), default=utcnow)

    drawn_by: Mapped[User] = relationship()
    packs: Mapped[list[ScrutinyPack]] = relationship(back_populates="sample", order_by="ScrutinyPack.number")


class ScrutinyPack(db.Model):
    """One sampled case, redacted. `content` is fixed when redacted, so the pack the supervisor approves is
    exactly what the Panel sees, and later changes to the case cannot reach it."""

    __tablename__ = "scrutiny_packs"
    __table_args__ = (
        sa.UniqueConstraint("sample_id", "case_id", name="uq_scrutiny_packs_sample_case"),
        sa.UniqueConstraint("sample_id", "number", name="uq_scrutiny_packs_sample_number"),
        sa.Index("ix_scrutiny_packs_team_status", "team_id", "status"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    sample_id: Mapped[int] = mapped_column(sa.ForeignKey("scrutiny_samples.id"))
    case_id: Mapped[int] = mapped_column(sa.ForeignKey("cases.id"), index=True)
    number: Mapped[int]  # "Case 3" in the sample
    # The case's team when drawn: its supervisors approve the pack.
    team_id: Mapped[int] = mapped_column(sa.ForeignKey("teams.id"))
    content: Mapped[dict] = mapped_column(sa.JSON)
    status: Mapped[str] = mapped_column(sa.String(10), default="draft")  # draft, approved, returned
    # Words a supervisor found still identifying someone, one a line, redacted at the next redaction.
    extra_terms: Mapped[str | None] = mapped_column(sa.Text)
    return_reason: Mapped[str | None] = mapped_column(sa.Text)
    redacted_at: Mapped[datetime] = mapped_column(sa.DateTime(timezone=True), default=utcnow)
    reviewed_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id"))
    reviewed_at: Mapped[datetime | None] = mapped_column(sa.DateTime(timezone=True))
    version: Mapped[int] = mapped_column(default=1)

    sample: Mapped[ScrutinySample] = relationship(back_populates="packs")
    team: Mapped[Team] = relationship()
    reviewed_by: Mapped[User | None] = relationship()

    __mapper_args__ = {"version_id_col": version}

    @property
    def label(self) -> str:
        return gettext("Case %(number)s", number=self.number)


class ScrutinyFinding(db.Model):
    """A Panel member's finding on one case: good practice, an area for improvement, or a concern."""

    __tablename__ = "scrutiny_findings"

    id: Mapped[int] = mapped_column(primary_key=True)
    pack_id: Mapped[int] = mapped_column(sa.ForeignKey("scrutiny_packs.id"), index=True)
    kind: Mapped[str] = mapped_column(sa.String(20))  # good-practice, improvement, concern
    comment: Mapped[str] = mapped_column(sa.Text)
    by_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(sa.DateTime(timezone=True), default=utcnow)

    by: Mapped[User] = relationship()


class ScrutinyAction(db.Model):
    """An action the Panel asks of a team, which the team's supervisor closes with a note."""

    __tablename__ = "scrutiny_actions"
    __table_args__ = (sa.Index("ix_scrutiny_actions_team_status", "owner_team_id", "status"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    pack_id: Mapped[int] = mapped_column(sa.ForeignKey("scrutiny_packs.id"), index=True)
    owner_team_id: Mapped[int] = mapped_column(sa.ForeignKey("teams.id"))
    description: Mapped[str] = mapped_column(sa.Text)
    due_on: Mapped[date]
    status: Mapped[str] = mapped_column(sa.String(10), default="open")  # open, done
    closing_note: Mapped[str | None] = mapped_column(sa.Text)
    closed_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id"))
    closed_at: Mapped[datetime | None] = mapped_column(sa.DateTime(timezone=True))
    created_by_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(sa.DateTime(timezone=True), default=utcnow)
    version: Mapped[int] = mapped_column(default=1)

    pack: Mapped[ScrutinyPack] = relationship()
    owner_team: Mapped[Team] = relationship()
    closed_by: Mapped[User | None] = relationship(foreign_keys=[closed_by_id])

    __mapper_args__ = {"version_id_col": version}
