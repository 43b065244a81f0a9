from __future__ import annotations

import enum
from datetime import date, datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from victimcare.extensions import db
from victimcare.models.reference import Offence
from victimcare.models.users import Team, User
from victimcare.timeutil import utcnow
from victimcare.translatable import Labels, N_


def _enum(cls: type[enum.Enum], name: str) -> sa.Enum:
    return sa.Enum(cls, native_enum=False, length=30, create_constraint=True, name=name,
                   values_callable=lambda e: [m.value for m in e])


class CaseStatus(enum.StrEnum):
    OPEN = "open"
    CLOSURE_REQUESTED = "closure-requested"
    CLOSED = "closed"

    @property
    def label(self) -> str:
        return CASE_STATUSES[self.value]


CASE_STATUSES = Labels({"open": N_("Open"), "closure-requested": N_("Closure requested"), "closed": N_("Closed")})


class VictimRole(enum.StrEnum):
    PRIMARY = "primary"
    SECONDARY = "secondary"


class VictimKind(enum.StrEnum):
    PERSON = "person"
    BUSINESS = "business"


class Case(db.Model):
    """A crime investigation and the victims it has."""

    __tablename__ = "cases"
    __table_args__ = (
        sa.Index("ix_cases_officer_status", "officer_id", "status"),
        sa.Index("ix_cases_team_status", "team_id", "status"),
        sa.Index("ix_cases_status_reported", "status", "reported_on"),
        # The Board report: cases reported in a period, by area or offence, from the index alone; and
        # cases closed in a period.
        sa.Index("ix_cases_reported_area_offence", "reported_on", "area", "offence_code"),
        sa.Index("ix_cases_closed_on", "closed_on"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    crime_reference: Mapped[str] = mapped_column(sa.String(20), unique=True)
    offence_code: Mapped[str] = mapped_column(sa.ForeignKey("offences.code"))
    domestic_abuse: Mapped[bool] = mapped_column(default=False)
    hate_crime: Mapped[str | None] = mapped_column(sa.String(30))
    reported_on: Mapped[date]
    # Right 4: the victims should be referred to support by this day (2 working days after the report).
    # Stored when the case is recorded so reports can compare dates in SQL, without a calendar.
    referral_due_on: Mapped[date | None]
    offence_from: Mapped[date]
    offence_to: Mapped[date | None]
    area: Mapped[str] = mapped_column(sa.String(40))
    officer_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id"))
    team_id: Mapped[int] = mapped_column(sa.ForeignKey("teams.id"))
    status: Mapped[CaseStatus] = mapped_column(_enum(CaseStatus, "case_status"), default=CaseStatus.OPEN)
    closed_on: Mapped[date | None]
    created_at: Mapped[datetime] = mapped_column(sa.DateTime(timezone=True), default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(sa.DateTime(timezone=True), default=utcnow, onupdate=utcnow)
    version: Mapped[int] = mapped_column(default=1)
    # A sha256 of the case as the records system last sent it (victimcare.cases.rms_import): the same
    # record sent again is left alone, so officers' corrections made since are not reverted.
    rms_fingerprint: Mapped[str | None] = mapped_column(sa.String(64))

    offence: Mapped[Offence] = relationship()
    officer: Mapped[User] = relationship()
    team: Mapped[Team] = relationship()
    victims: Mapped[list[Victim]] = relationship(
        back_populates="case", order_by="Victim.id", cascade="all, delete-orphan"
    )

    __mapper_args__ = {"version_id_col": version}


class Victim(db.Model):
    """A victim on a case: the primary victim, or a secondary one (family, children, others harmed)."""

    __tablename__ = "victims"

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(sa.ForeignKey("cases.id"), index=True)
    role: Mapped[VictimRole] = mapped_column(_enum(VictimRole, "victim_role"), default=VictimRole.PRIMARY)
    kind: Mapped[VictimKind] = mapped_column(_enum(VictimKind, "victim_kind"), default=VictimKind.PERSON)
    name: Mapped[str] = mapped_column(sa.String(120))
    # A business victim's named point of contact.
    contact_name: Mapped[str | None] = mapped_column(sa.String(120))
    relationship_to_primary: Mapped[str | None] = mapped_column(sa.String(60))
    date_of_birth: Mapped[date | None]
    address: Mapped[str | None] = mapped_column(sa.Text)
    phone: Mapped[str | None] = mapped_column(sa.String(40))
    email: Mapped[str | None] = mapped_column(sa.String(254))
    preferred_language: Mapped[str] = mapped_column(sa.String(8), default="en")
    interpreter_needed: Mapped[bool] = mapped_column(default=False)
    communication_needs: Mapped[str | None] = mapped_column(sa.Text)
    # Recorded factors for enhanced rights (shared/domain.md §2).
    vulnerable: Mapped[bool] = mapped_column(default=False)
    intimidated: Mapped[bool] = mapped_column(default=False)
    persistently_targeted: Mapped[bool] = mapped_column(default=False)
    bereaved: Mapped[bool] = mapped_column(default=False)
    # Sexual-offence and domestic-abuse complainants are presumed intimidated unless they say not.
    declines_intimidated: Mapped[bool] = mapped_column(default=False)
    # Right 3: the written acknowledgement of the report.
    acknowledged_on: Mapped[date | None]
    # Derived by journey.eligibility and stored so lists and reports can filter on it.
    enhanced_rights: Mapped[bool] = mapped_column(default=False)
    enhanced_reasons: Mapped[str] = mapped_column(sa.String(200), default="")
    # Equality monitoring, self-declared; "prefer not to say" is a valid answer.
    sex: Mapped[str | None] = mapped_column(sa.String(30))
    ethnicity: Mapped[str | None] = mapped_column(sa.String(60))
    disability: Mapped[str | None] = mapped_column(sa.String(30))
    created_at: Mapped[datetime] = mapped_column(sa.DateTime(timezone=True), default=utcnow)
    version: Mapped[int] = mapped_column(default=1)

    case: Mapped[Case] = relationship(back_populates="victims")

    __mapper_args__ = {"version_id_col": version}

    @property
    def enhanced_reason_codes(self) -> list[str]:
        return [code for code in self.enhanced_reasons.split(",") if code]
