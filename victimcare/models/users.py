from __future__ import annotations

import enum
from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from victimcare.extensions import db
from victimcare.timeutil import utcnow


class Role(enum.StrEnum):
    OFFICER = "officer"
    SUPERVISOR = "supervisor"
    VCU = "vcu"
    BOARD = "board"
    ADMIN = "admin"

    @property
    def label(self) -> str:
        return ROLE_LABELS[self]


ROLE_LABELS = {
    Role.OFFICER: "Officer in the case",
    Role.SUPERVISOR: "Supervisor",
    Role.VCU: "Victim Care Unit",
    Role.BOARD: "Victims' Board member",
    Role.ADMIN: "Administrator",
}

# Officers and supervisors work in a team; the other roles see across the force or not at all.
TEAM_ROLES = frozenset({Role.OFFICER, Role.SUPERVISOR})


class Team(db.Model):
    __tablename__ = "teams"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(sa.String(100), unique=True)

    members: Mapped[list[User]] = relationship(back_populates="team")


class User(db.Model):
    __tablename__ = "users"

    id: Mapped[int] = mapped_column(primary_key=True)
    username: Mapped[str] = mapped_column(sa.String(64), unique=True)
    display_name: Mapped[str] = mapped_column(sa.String(120))
    # None for accounts that cannot sign in (synthetic officers in seeded data).
    password_hash: Mapped[str | None] = mapped_column(sa.String(255))
    role: Mapped[Role] = mapped_column(
        sa.Enum(Role, native_enum=False, length=20, values_callable=lambda e: [m.value for m in e],
                create_constraint=True, name="role")
    )
    team_id: Mapped[int | None] = mapped_column(sa.ForeignKey("teams.id"), index=True)
    active: Mapped[bool] = mapped_column(default=True)
    # The language the user works in ("en" or "cy"); None until they choose one.
    locale: Mapped[str | None] = mapped_column(sa.String(8))
    created_at: Mapped[datetime] = mapped_column(sa.DateTime(timezone=True), default=utcnow)
    version: Mapped[int] = mapped_column(default=1)

    team: Mapped[Team | None] = relationship(back_populates="members")

    __mapper_args__ = {"version_id_col": version}

    # Flask-Login: the session cookie names a server-side session row, not the user, so a
    # session can be ended on the server (sign-out, deactivation) and a copied cookie dies with it.
    session_id = None  # set per request by the session loader; not a column

    @property
    def is_authenticated(self) -> bool:
        return True

    @property
    def is_active(self) -> bool:
        return self.active

    @property
    def is_anonymous(self) -> bool:
        return False

    def get_id(self) -> str | None:
        return self.session_id

    def __repr__(self) -> str:
        return f"<User {self.username} {self.role}>"


class UserSession(db.Model):
    __tablename__ = "user_sessions"

    id: Mapped[str] = mapped_column(sa.String(64), primary_key=True)
    user_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id"), index=True)
    created_at: Mapped[datetime] = mapped_column(sa.DateTime(timezone=True), default=utcnow)
    last_seen_at: Mapped[datetime] = mapped_column(sa.DateTime(timezone=True), default=utcnow)
    ended_at: Mapped[datetime | None] = mapped_column(sa.DateTime(timezone=True))
    address: Mapped[str | None] = mapped_column(sa.String(64))

    user: Mapped[User] = relationship()
