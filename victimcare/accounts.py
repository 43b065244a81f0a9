"""Creating and deactivating user accounts: one way, used by the admin pages and the CLI."""

from __future__ import annotations

import sqlalchemy as sa
from flask_babel import gettext

from victimcare import audit
from victimcare.auth.passwords import hash_password, password_problem
from victimcare.auth.sessions import end_all_sessions
from victimcare.extensions import db
from victimcare.models import Role, Team, User
from victimcare.models.audit import AuditAction
from victimcare.models.users import TEAM_ROLES


class AccountError(ValueError):
    """A request about an account that cannot be carried out; `field` names the input at fault."""

    def __init__(self, field: str, message: str):
        super().__init__(message)
        self.field = field
        self.message = message


def team_named(name: str) -> Team:
    """The team with this name, created if it does not exist yet."""
    name = " ".join(name.split())
    team = db.session.scalar(sa.select(Team).where(sa.func.lower(Team.name) == name.lower()))
    if team is None:
        team = Team(name=name)
        db.session.add(team)
        db.session.flush()
    return team


def create_user(*, username: str, role: Role | str, password: str, team: str | None = None,
                display_name: str | None = None, actor=None) -> User:
    username = username.strip().lower()
    role = Role(role)
    if not username or len(username) > 64 or not all(c.isalnum() or c in "._-" for c in username):
        raise AccountError("username", gettext("Username must be 1 to 64 letters, numbers, dots, hyphens or underscores"))
    if db.session.scalar(sa.select(User.id).where(User.username == username)) is not None:
        raise AccountError("username", gettext("A user called %(username)s already exists", username=username))
    if role in TEAM_ROLES and not (team and team.strip()):
        raise AccountError("team", gettext("Enter a team: every %(role)s belongs to one", role=role.label.lower()))
    problem = password_problem(password, user_inputs=(username, display_name or ""))
    if problem:
        raise AccountError("password", problem)
    user = User(
        username=username,
        display_name=(display_name or username).strip(),
        role=role,
        password_hash=hash_password(password),
        team=team_named(team) if team and team.strip() else None,
    )
    db.session.add(user)
    db.session.flush()
    audit.record(AuditAction.ADMIN, "user", user.id, detail=f"created {username} as {role.value}", user=actor)
    return user


def set_active(user: User, active: bool, *, actor=None) -> None:
    user.active = active
    if not active:
        end_all_sessions(user.id)
    audit.record(AuditAction.ADMIN, "user", user.id,
                 detail=f"{'reactivated' if active else 'deactivated'} {user.username}", user=actor)
