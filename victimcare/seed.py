"""Deterministic synthetic data for demos and benchmarks: same seed, same cases.

Rows are built as plain dicts and written with bulk INSERTs (SQLAlchemy's executemany), because
creating ORM objects one at a time is far too slow for the 100,000-case benchmarks.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta

import sqlalchemy as sa
from faker import Faker

from victimcare import audit
from victimcare.extensions import db
from victimcare.journey.eligibility import VictimFacts, enhanced_reasons
from victimcare.journey.stages import referral_due_on
from victimcare.models import Case, Offence, Role, Team, User, Victim
from victimcare.models.audit import AuditAction
from victimcare.reference_data import AREAS, HATE_CRIME_STRANDS
from victimcare.reports import kept
from victimcare.seed_journeys import JourneyWriter
from victimcare.timeutil import utcnow

BATCH = 5_000

# Share of recorded crimes with a victim, by offence code (rough England and Wales mix).
OFFENCE_MIX: dict[str, float] = {
    "assault-without-injury": 20.0, "assault-with-injury": 12.0, "harassment": 8.0, "stalking": 4.0,
    "controlling-behaviour": 1.5, "rape": 1.5, "sexual-assault": 2.5, "criminal-damage": 12.0,
    "theft": 12.0, "vehicle-crime": 7.0, "burglary-residential": 5.0, "robbery": 1.5, "fraud": 5.0,
    "public-order": 5.0, "wounding-with-intent": 1.0, "arson-endangering-life": 0.3,
    "kidnap": 0.1, "false-imprisonment": 0.1, "human-trafficking": 0.1, "attempted-murder": 0.05,
    "homicide": 0.02, "terrorism": 0.005,
}
DOMESTIC_ABUSE_SHARE = {
    "assault-without-injury": 0.12, "assault-with-injury": 0.12, "harassment": 0.10, "stalking": 0.20,
    "controlling-behaviour": 1.0, "rape": 0.30, "sexual-assault": 0.10, "criminal-damage": 0.04,
}
HATE_CRIME_SHARE = {"public-order": 0.08, "assault-without-injury": 0.03, "harassment": 0.04,
                    "criminal-damage": 0.02}
BUSINESS_OFFENCES = {"theft", "criminal-damage", "fraud", "burglary-residential"}
AREA_WEIGHTS = {"Newport": 0.32, "Caerphilly": 0.26, "Torfaen": 0.15, "Blaenau Gwent": 0.13,
                "Monmouthshire": 0.14}
SEXES = ("Female", "Male", "Prefer not to say")
ETHNICITIES = ("White", "White", "White", "White", "White", "White", "White", "White", "White",
               "Asian or Asian British", "Black or Black British", "Mixed or multiple ethnic groups",
               "Other ethnic group", "Prefer not to say")
DISABILITIES = ("No", "No", "No", "No", "No", "Yes", "Prefer not to say")
SECONDARY_RELATIONSHIPS = ("Child in the household", "Partner", "Parent", "Sibling", "Neighbour",
                           "Witness who was harmed")
BEREAVED_RELATIONSHIPS = ("Spouse or partner", "Parent", "Son or daughter", "Sibling")


@dataclass
class SeedSummary:
    cases: int = 0
    victims: int = 0
    enhanced: int = 0


def seed_cases(count: int, *, seed: int = 2026, until: date | None = None,
               officers: list[tuple[int, int]] | None = None,
               progress: Callable[[str], None] | None = None) -> SeedSummary:
    """Add `count` cases reported over the two years up to `until` (default today).

    `officers` is a list of (officer id, team id) to give the cases to; by default the seed
    creates teams and synthetic officers (who cannot sign in) for each area.
    """
    rng = random.Random(seed)
    fake = Faker("en_GB")
    fake.seed_instance(seed)
    until = until or date.today()
    offences = {o.code: o for o in db.session.scalars(sa.select(Offence))}
    codes = [code for code in OFFENCE_MIX if code in offences]
    weights = [OFFENCE_MIX[code] for code in codes]
    first_names = list({fake.first_name() for _ in range(600)})
    last_names = list({fake.last_name() for _ in range(600)})
    streets = list({fake.street_name() for _ in range(300)})
    area_officers = _officers_by_area(rng, count, officers)
    supervisors = dict(db.session.execute(sa.select(User.team_id, sa.func.min(User.id)).where(
        User.role == Role.SUPERVISOR).group_by(User.team_id)).all())
    journeys = JourneyWriter(rng, until, supervisors)

    next_case_id = (db.session.scalar(sa.select(sa.func.max(Case.id))) or 0) + 1
    next_victim_id = (db.session.scalar(sa.select(sa.func.max(Victim.id))) or 0) + 1
    summary = SeedSummary()
    case_rows: list[dict] = []
    victim_rows: list[dict] = []
    now = utcnow()

    def person(role: str, relationship: str | None, offence: Offence, case: dict, *,
               business: bool = False, bereaved: bool = False, adult: bool = False) -> dict:
        nonlocal next_victim_id
        first, last = rng.choice(first_names), rng.choice(last_names)
        if business:
            name = f"{last} {rng.choice(('Stores', 'Garage', 'Café', 'Builders', 'Pharmacy'))} Ltd"
        else:
            name = f"{first} {last}"
        child = not adult and (relationship == "Child in the household" or rng.random() < 0.03)
        age_days = rng.randint(4 * 365, 17 * 365) if child else int(rng.triangular(18, 90, 30) * 365)
        dob = None if business else case["offence_from"] - timedelta(days=age_days)
        factors = {
            "vulnerable": not business and rng.random() < 0.02,
            "intimidated": not business and rng.random() < 0.01,
            "persistently_targeted": not business and (
                offence.code in ("stalking", "harassment") and rng.random() < 0.3),
            "bereaved": bereaved,
        }
        reasons = enhanced_reasons(VictimFacts(
            most_serious_offence=offence.most_serious, sexual_offence=offence.sexual,
            domestic_abuse=case["domestic_abuse"], hate_crime=case["hate_crime"] is not None,
            business=business, date_of_birth=dob, offence_date=case["offence_from"], **factors,
        ))
        row = {
            "id": next_victim_id, "case_id": case["id"], "role": role,
            "kind": "business" if business else "person", "name": name,
            "contact_name": f"{first} {last}" if business else None,
            "relationship_to_primary": relationship, "date_of_birth": dob,
            "address": f"{rng.randint(1, 180)} {rng.choice(streets)}, {case['area']}",
            "phone": f"07{rng.randint(100, 999)} {rng.randint(100000, 999999)}",
            "email": f"{first}.{last}{rng.randint(1, 99)}@example.org".lower().replace(" ", ""),
            "preferred_language": "cy" if rng.random() < 0.06 else "en",
            "interpreter_needed": rng.random() < 0.02, "communication_needs": None,
            **factors, "enhanced_rights": bool(reasons), "enhanced_reasons": ",".join(reasons),
            # Right 3: most victims get the written acknowledgement within a few days of the report.
            "acknowledged_on": _acknowledged_on(rng, case["reported_on"], until),
            "sex": None if business else rng.choice(SEXES),
            "ethnicity": None if business else rng.choice(ETHNICITIES),
            "disability": None if business else rng.choice(DISABILITIES),
            "created_at": now, "version": 1,
        }
        next_victim_id += 1
        summary.victims += 1
        summary.enhanced += bool(reasons)
        return row

    for index in range(count):
        code = rng.choices(codes, weights)[0]
        offence = offences[code]
        area = rng.choices(list(AREA_WEIGHTS), list(AREA_WEIGHTS.values()))[0]
        officer_id, team_id = rng.choice(area_officers[area])
        age_days = int(rng.triangular(0, 730, 0))
        reported = until - timedelta(days=age_days)
        offence_from = reported - timedelta(days=min(int(rng.expovariate(1 / 3)), 60))
        domestic = offence.always_domestic_abuse or rng.random() < DOMESTIC_ABUSE_SHARE.get(code, 0.005)
        hate = rng.choice(list(HATE_CRIME_STRANDS)) if rng.random() < HATE_CRIME_SHARE.get(code, 0.002) else None
        status, closed_on = _status(rng, age_days, reported)
        case = {
            "id": next_case_id, "crime_reference": f"GP/{reported:%y}/{next_case_id:06d}",
            "offence_code": code, "domestic_abuse": domestic, "hate_crime": hate,
            "reported_on": reported, "referral_due_on": referral_due_on(reported), "offence_from": offence_from,
            "offence_to": _period_end(rng, code, offence_from, reported),
            "area": area, "officer_id": officer_id, "team_id": team_id, "status": status,
            "closed_on": closed_on, "created_at": now, "updated_at": now, "version": 1,
        }
        next_case_id += 1
        case_rows.append(case)
        victims = []
        if code == "homicide":
            for _ in range(rng.randint(1, 3)):
                victims.append(person("primary" if _ == 0 else "secondary", rng.choice(BEREAVED_RELATIONSHIPS),
                                      offence, case, bereaved=True, adult=True))
        else:
            business = code in BUSINESS_OFFENCES and rng.random() < 0.08
            victims.append(person("primary", None, offence, case, business=business))
            if not business and rng.random() < (0.2 if domestic else 0.06):
                victims.append(person("secondary", rng.choice(SECONDARY_RELATIONSHIPS), offence, case))
        victim_rows.extend(victims)
        journeys.add_case(case, victims, sexual=offence.sexual, category=offence.category)
        summary.cases += 1
        if len(case_rows) >= BATCH:
            _flush(case_rows, victim_rows)
            journeys.flush()
            if progress and (index + 1) % 50_000 == 0:
                progress(f"  {index + 1:,} cases written")
    _flush(case_rows, victim_rows)
    journeys.flush()
    _advance_sequences()
    audit.record(AuditAction.COLLECT, "seed", detail=f"{summary.cases} synthetic cases, seed {seed}")
    kept.forget()  # written with Core inserts, which no flush sees: no kept month is current now
    db.session.commit()
    return summary


def _acknowledged_on(rng: random.Random, reported: date, until: date) -> date | None:
    if rng.random() > 0.85:
        return None
    sent = reported + timedelta(days=rng.choice((0, 1, 1, 2, 3, 4, 6, 9)))
    return sent if sent <= until else None


def _period_end(rng: random.Random, code: str, offence_from: date, reported: date) -> date | None:
    """Stalking, harassment and coercive control often run over a period, ending by the report."""
    if code in ("stalking", "harassment", "controlling-behaviour") and rng.random() < 0.5 and offence_from < reported:
        return offence_from + timedelta(days=rng.randint(1, (reported - offence_from).days))
    return None


def _status(rng: random.Random, age_days: int, reported: date) -> tuple[str, date | None]:
    closed_share = 0.9 if age_days > 180 else 0.55 if age_days > 60 else 0.15 if age_days > 14 else 0.02
    roll = rng.random()
    if roll < closed_share:
        return "closed", reported + timedelta(days=rng.randint(0, age_days))
    if roll < closed_share + 0.06:
        return "closure-requested", None
    return "open", None


def _officers_by_area(rng: random.Random, count: int,
                      officers: list[tuple[int, int]] | None) -> dict[str, list[tuple[int, int]]]:
    if officers:
        return {area: officers for area in AREAS}
    # About 200 cases per officer whatever the total, as in a real force.
    per_team = max(2, min(200, count // 1_000))
    result: dict[str, list[tuple[int, int]]] = {}
    for area in AREAS:
        team_name = f"{area} Investigations"
        team = db.session.scalar(sa.select(Team).where(Team.name == team_name))
        if team is None:
            team = Team(name=team_name)
            db.session.add(team)
            db.session.flush()
        slug = area.lower().replace(" ", "-")
        existing = {u.username: u for u in db.session.scalars(
            sa.select(User).where(User.username.like(f"seed.{slug}.%")))}
        for i in range(1, per_team + 1):
            username = f"seed.{slug}.{i:02d}"
            if username not in existing:
                user = User(username=username, display_name=f"PC {i:02d} ({area})", password_hash=None,
                            role=Role.OFFICER, team_id=team.id)
                db.session.add(user)
                existing[username] = user
        sergeant = f"seed.{slug}.sgt"
        if db.session.scalar(sa.select(User.id).where(User.username == sergeant)) is None:
            db.session.add(User(username=sergeant, display_name=f"Sgt ({area})", password_hash=None,
                                role=Role.SUPERVISOR, team_id=team.id))
        db.session.flush()
        result[area] = [(u.id, team.id) for u in existing.values() if u.role == Role.OFFICER]
    return result


def _flush(case_rows: list[dict], victim_rows: list[dict]) -> None:
    if case_rows:
        db.session.execute(sa.insert(Case.__table__), case_rows)
    if victim_rows:
        db.session.execute(sa.insert(Victim.__table__), victim_rows)
    case_rows.clear()
    victim_rows.clear()


def _advance_sequences() -> None:
    """Explicit ids leave PostgreSQL's sequences behind; move them past the rows just written."""
    if db.engine.dialect.name == "postgresql":
        for table in ("cases", "victims", "contracts", "what_matters", "needs_assessments", "referrals",
                      "key_stage_events", "victim_updates", "closure_steps", "follow_ups", "contact_attempts",
                      "support_offers", "feedback", "agency_impacts", "service_recoveries"):
            db.session.execute(sa.text(
                f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), (SELECT MAX(id) FROM {table}))"))
