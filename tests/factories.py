"""Plain builders for test data: explicit, flushed, and owned by the test that calls them."""

from __future__ import annotations

import itertools
from datetime import date

import sqlalchemy as sa
from argon2 import PasswordHasher

from victimcare.extensions import db
from victimcare.journey.eligibility import VictimFacts, enhanced_reasons
from victimcare.journey.stages import referral_due_on
from victimcare.models import Case, Offence, Role, Team, User, Victim

PASSWORD = "Correct-Horse-Battery-42"
_PASSWORD_HASH = None
_sequence = itertools.count(1)


def password_hash() -> str:
    """An argon2 hash with light parameters: signing in stays real but quick in tests.

    (argon2 reads the parameters from the hash, so verification takes the same path as in production.)
    """
    global _PASSWORD_HASH
    if _PASSWORD_HASH is None:
        _PASSWORD_HASH = PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1).hash(PASSWORD)
    return _PASSWORD_HASH


def make_team(name: str | None = None) -> Team:
    name = name or f"Team {next(_sequence)}"
    team = db.session.scalar(sa.select(Team).where(Team.name == name))
    if team is None:
        team = Team(name=name)
        db.session.add(team)
        db.session.flush()
    return team


def make_user(role: Role | str = Role.OFFICER, *, team: Team | None = None, username: str | None = None,
              active: bool = True) -> User:
    role = Role(role)
    if team is None and role in (Role.OFFICER, Role.SUPERVISOR):
        team = make_team("Team A")
    user = User(
        username=username or f"{role.value}{next(_sequence)}",
        display_name=f"Test {role.label}",
        role=role,
        team=team,
        password_hash=password_hash(),
        active=active,
    )
    db.session.add(user)
    db.session.flush()
    return user


def make_case(officer: User, *, status: str = "open", offence: str = "burglary-residential",
              victims: int = 1, reported_on: date = date(2026, 11, 2), area: str = "Newport",
              domestic_abuse: bool = False) -> Case:
    n = next(_sequence)
    offence_row = db.session.get(Offence, offence)
    case = Case(
        crime_reference=f"GP/26/{900000 + n:06d}",
        offence_code=offence,
        domestic_abuse=domestic_abuse,
        reported_on=reported_on,
        referral_due_on=referral_due_on(reported_on),
        offence_from=reported_on,
        area=area,
        officer_id=officer.id,
        team_id=officer.team_id,
        status=status,
    )
    for i in range(victims):
        dob = date(1980, 5, 1)
        reasons = enhanced_reasons(VictimFacts(
            most_serious_offence=offence_row.most_serious, sexual_offence=offence_row.sexual,
            domestic_abuse=domestic_abuse, date_of_birth=dob, offence_date=reported_on))
        case.victims.append(Victim(
            role="primary" if i == 0 else "secondary",
            name=f"Victim{n} Person{i}",
            date_of_birth=dob,
            phone="07700 900123",
            email=f"victim{n}.{i}@example.org",
            address="1 High Street, Newport",
            enhanced_rights=bool(reasons),
            enhanced_reasons=",".join(reasons),
        ))
    db.session.add(case)
    db.session.flush()
    return case
