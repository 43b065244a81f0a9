"""Who may do what, and which cases they may see: the one place these are decided.

Every view declares a permission with `@permission(...)`; `enforce_permissions` runs before each
request and refuses any route that declares none (deny by default).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

import sqlalchemy as sa
from flask import abort, current_app, request
from flask_login import current_user

from victimcare.api_request import is_api_request
from victimcare.extensions import db, login_manager
from victimcare.models import Case, CaseStatus, Role, User

F = TypeVar("F", bound=Callable)

PUBLIC = "public"
SIGNED_IN = "signed-in"

# Permission name -> roles that hold it. PUBLIC needs no sign-in; SIGNED_IN is any active user.
PERMISSIONS: dict[str, frozenset[Role]] = {
    SIGNED_IN: frozenset(Role),
    "cases:read": frozenset({Role.OFFICER, Role.SUPERVISOR, Role.VCU}),
    "cases:write": frozenset({Role.OFFICER, Role.SUPERVISOR}),
    "cases:review": frozenset({Role.SUPERVISOR}),
    # The records-system import: officers and supervisors within what they may change; an administrator
    # (the force's records-system account) for any case, without reading any (the report names only lines).
    "cases:import": frozenset({Role.OFFICER, Role.SUPERVISOR, Role.ADMIN}),
    # The investigation plan is investigative detail the Victim Care Unit does not need.
    "plan:read": frozenset({Role.OFFICER, Role.SUPERVISOR}),
    "vcu:work": frozenset({Role.VCU}),
    # Letters to victims; which letter each role may produce is decided per kind (victimcare.letters.kinds).
    "letters:produce": frozenset({Role.OFFICER, Role.SUPERVISOR, Role.VCU}),
    # Needs and referrals: the officer in the case and the Victim Care Unit both work on them.
    "support:write": frozenset({Role.OFFICER, Role.SUPERVISOR, Role.VCU}),
    "board:read": frozenset({Role.BOARD}),
    # The Victims Scrutiny Panel (board members) reviews redacted packs of sampled closed cases. Which pack
    # a holder may open is decided per pack (victimcare.scrutiny.services.can_read_pack).
    "scrutiny:read": frozenset({Role.SUPERVISOR, Role.BOARD, Role.ADMIN}),
    "scrutiny:draw": frozenset({Role.SUPERVISOR, Role.ADMIN}),
    "scrutiny:approve": frozenset({Role.SUPERVISOR}),  # of the case's team
    "scrutiny:panel": frozenset({Role.BOARD}),
    # The Panel's actions: the owner team sees them and its supervisor closes them.
    "scrutiny:actions": frozenset({Role.OFFICER, Role.SUPERVISOR, Role.BOARD}),
    "scrutiny:close": frozenset({Role.SUPERVISOR}),
    "admin:users": frozenset({Role.ADMIN}),
    "admin:audit": frozenset({Role.ADMIN}),
    "admin:reference": frozenset({Role.ADMIN}),
}

# The largest id an INTEGER column holds (PostgreSQL's int4); a larger one in a URL cannot exist.
MAX_ID = 2**31 - 1

# Endpoints Flask adds itself.
BUILTIN_PUBLIC_ENDPOINTS = frozenset({"static"})


def permission(name: str) -> Callable[[F], F]:
    if name != PUBLIC and name not in PERMISSIONS:
        raise ValueError(f"unknown permission {name!r}")

    def decorate(view: F) -> F:
        view.permission = name  # type: ignore[attr-defined]
        return view

    return decorate


def permission_of(endpoint: str | None) -> str | None:
    if endpoint in BUILTIN_PUBLIC_ENDPOINTS:
        return PUBLIC
    view = current_app.view_functions.get(endpoint) if endpoint else None
    return getattr(view, "permission", None)


def has_permission(user, name: str) -> bool:
    if name == PUBLIC:
        return True
    if not getattr(user, "is_authenticated", False):
        return False
    return user.role in PERMISSIONS.get(name, frozenset())


def enforce_permissions():
    if request.endpoint is None:  # no route matched: Flask answers 404/405 itself
        return None
    name = permission_of(request.endpoint)
    if name is None:
        current_app.logger.error("route %s declares no permission; refused", request.endpoint)
        abort(403)
    if name == PUBLIC:
        return None
    if not current_user.is_authenticated:
        if is_api_request(request):
            abort(401)  # a client with a bad token: no sign-in page to send it to
        return login_manager.unauthorized()
    if not has_permission(current_user, name):
        abort(403)
    return None


# --- which cases a user may see -------------------------------------------------------------


def case_scope(user: User) -> sa.ColumnElement[bool]:
    """A WHERE clause for the cases `user` may read."""
    if user.role == Role.OFFICER:
        return sa.or_(Case.officer_id == user.id, Case.team_id == user.team_id)
    if user.role == Role.SUPERVISOR:
        return Case.team_id == user.team_id
    if user.role == Role.VCU:
        return Case.status != CaseStatus.CLOSED
    return sa.false()


def can_edit_case(user: User, case: Case, *, closed_too: bool = False) -> bool:
    """Officer in the case, or a supervisor of its team; a closed case is reopened before it changes."""
    if case.status == CaseStatus.CLOSED and not closed_too:
        return False
    if user.role == Role.OFFICER:
        return case.officer_id == user.id
    if user.role == Role.SUPERVISOR:
        return case.team_id == user.team_id
    return False


def editable_case_or_404(case_id: int, user: User, *, closed_too: bool = False) -> Case:
    """The case if `user` may change it; 404 if they may not see it, 403 if they may only read it."""
    case = visible_case_or_404(case_id, user)
    if not can_edit_case(user, case, closed_too=closed_too):
        abort(403)
    return case


def supportable_case_or_404(case_id: int, user: User) -> Case:
    """The case if `user` may record needs and referrals on it: its officers, or the VCU while it is open."""
    case = visible_case_or_404(case_id, user)
    if user.role == Role.VCU:
        return case  # the VCU's scope is open cases already
    if not can_edit_case(user, case):
        abort(403)
    return case


def visible_case_or_404(case_id: int, user: User) -> Case:
    """The case if `user` may see it; otherwise 404, so a probe learns nothing about it."""
    if not 0 < case_id <= MAX_ID:  # the database would refuse to compare an id it cannot store
        abort(404)
    case = db.session.scalar(sa.select(Case).where(Case.id == case_id, case_scope(user)))
    if case is None:
        abort(404)
    return case


def victim_of_case_or_404(case: Case, victim_id: int):
    """A victim on this case; 404 for any other id, so a victim of another case is never reached."""
    victim = next((v for v in case.victims if v.id == victim_id), None)
    if victim is None:
        abort(404)
    return victim
