"""Recording cases and victims: the rules applied, the change audited, nothing committed here.

Callers (views, API, import) commit, so a change and its audit record land together.
"""

from __future__ import annotations

import sqlalchemy as sa

from victimcare import audit
from victimcare.extensions import db
from victimcare.journey.eligibility import VictimFacts, enhanced_reasons
from victimcare.models import Case, EnhancedGround, Offence, Role, User, Victim
from victimcare.models.audit import AuditAction
from victimcare.vcu.services import create_follow_up, refresh_follow_up


class Conflict(Exception):
    """Someone else changed the record since the form was opened."""


class DuplicateReference(ValueError):
    def __init__(self, existing: Case):
        super().__init__(f"Case {existing.crime_reference} already exists")
        self.existing = existing


def check_version(record, submitted: str | int | None) -> None:
    """Optimistic locking for forms: the version the user saw must still be the current one."""
    if submitted in (None, "") or int(submitted) != record.version:
        raise Conflict()


CASE_FIELDS = ("crime_reference", "offence_code", "domestic_abuse", "hate_crime", "reported_on", "offence_from",
               "offence_to", "area")


def create_case(*, officer: User, by: User | None = None, **fields) -> Case:
    existing = db.session.scalar(sa.select(Case).where(Case.crime_reference == fields["crime_reference"]))
    if existing is not None:
        raise DuplicateReference(existing)
    case = new_case(officer=officer, **fields)
    db.session.add(case)
    db.session.flush()
    audit.record(AuditAction.COLLECT, "case", case.id, case_id=case.id, user=by)
    return case


def new_case(*, officer: User, in_force=None, **fields) -> Case:
    """A case with the offence rules and referral deadline applied, not yet added or audited (the bulk
    import adds many at once); `in_force` is the timescales, when the caller has already read them."""
    case = Case(officer_id=officer.id, team_id=officer.team_id, **{k: fields[k] for k in CASE_FIELDS if k in fields})
    _apply_offence_rules(case)
    _set_referral_due(case, in_force)
    return case


def may_be_given_case(by: User, officer: User | None) -> bool:
    """Whom `by` may make the officer in a case: themselves; for a supervisor, an active officer in their
    team; for an administrator (the records-system import), any active officer or supervisor in a team."""
    if officer is None:
        return False
    if officer.id == by.id:
        return by.role in (Role.OFFICER, Role.SUPERVISOR)
    if not officer.active:
        return False
    if by.role == Role.SUPERVISOR:
        return officer.role == Role.OFFICER and officer.team_id == by.team_id
    if by.role == Role.ADMIN:
        return officer.role in (Role.OFFICER, Role.SUPERVISOR) and officer.team_id is not None
    return False


def case_changes(case: Case, *, officer: User | None = None, **fields) -> list[str]:
    """The case's fields that `fields` would change, after the offence rules (so an offence that is always
    domestic abuse does not count a `domestic_abuse: false` as a change)."""
    if "domestic_abuse" in fields:
        offence = db.session.get(Offence, fields.get("offence_code", case.offence_code))
        if offence is not None and offence.always_domestic_abuse:
            fields = {**fields, "domestic_abuse": True}
    changed = [k for k in CASE_FIELDS if k in fields and getattr(case, k) != fields[k]]
    if officer is not None and officer.id != case.officer_id:
        changed.append("officer")
    return changed


def update_case(case: Case, *, officer: User | None = None, by: User | None = None, **fields) -> Case:
    if fields.get("crime_reference") and fields["crime_reference"] != case.crime_reference:
        existing = db.session.scalar(sa.select(Case).where(Case.crime_reference == fields["crime_reference"]))
        if existing is not None:
            raise DuplicateReference(existing)
    changed = case_changes(case, officer=officer, **fields)
    for key in changed:
        if key != "officer":
            setattr(case, key, fields[key])
    if "officer" in changed:
        case.officer_id, case.team_id = officer.id, officer.team_id
    _apply_offence_rules(case)
    _set_referral_due(case)
    db.session.flush()
    for victim in case.victims:
        refresh_eligibility(victim, case)
    _refresh_follow_ups(case, case.victims)
    audit.record(AuditAction.ALTER, "case", case.id, case_id=case.id, detail="changed " + ", ".join(changed), user=by)
    return case


def _set_referral_due(case: Case, in_force=None) -> None:
    """The Code's referral deadline (Right 4), kept on the case so the Board's measure is plain SQL."""
    from victimcare.cases.updates import timescales
    from victimcare.journey.stages import referral_due_on

    case.referral_due_on = referral_due_on(case.reported_on, in_force if in_force is not None else timescales())


def _apply_offence_rules(case: Case) -> None:
    offence = db.session.get(Offence, case.offence_code)
    if offence is not None and offence.always_domestic_abuse:
        case.domestic_abuse = True


VICTIM_FIELDS = ("role", "kind", "name", "contact_name", "relationship_to_primary", "date_of_birth", "address",
                 "phone", "email", "preferred_language", "interpreter_needed", "communication_needs", "vulnerable",
                 "intimidated", "persistently_targeted", "bereaved", "declines_intimidated")


def add_victim(case: Case, *, by: User | None = None, **fields) -> Victim:
    victim = new_victim(case, **fields)
    db.session.add(victim)
    db.session.flush()
    create_follow_up(case, victim)  # the Victim Care Unit follows up every victim
    audit.record(AuditAction.COLLECT, "victim", victim.id, case_id=case.id, victim_id=victim.id, user=by)
    return victim


def new_victim(case: Case, **fields) -> Victim:
    """A victim on `case` with their enhanced-rights reasons worked out; not yet flushed or followed up."""
    victim = Victim(case=case, **{k: fields[k] for k in VICTIM_FIELDS if k in fields})
    with db.session.no_autoflush:  # the victim joins the session when added, not half-made here
        refresh_eligibility(victim, case)
    return victim


def victim_changes(victim: Victim, fields: dict) -> list[str]:
    return [k for k in VICTIM_FIELDS if k in fields and getattr(victim, k) != fields[k]]


class GroundsWouldBeRemoved(Exception):
    """An edit would take away enhanced-rights grounds: that needs a stated reason, never silence."""

    def __init__(self, removed: list[str]):
        super().__init__(", ".join(removed))
        self.removed = removed


def update_victim(victim: Victim, *, grounds_change_reason: str | None = None, by: User | None = None,
                  **fields) -> Victim:
    before = victim.enhanced_reason_codes
    changed = victim_changes(victim, fields)
    for key in changed:
        setattr(victim, key, fields[key])
    after = refresh_eligibility(victim, victim.case)
    removed = [reason for reason in before if reason not in after]
    if removed and not (grounds_change_reason or "").strip():
        raise GroundsWouldBeRemoved(removed)
    db.session.flush()
    _refresh_follow_ups(victim.case, [victim])
    detail = "changed " + ", ".join(changed) if changed else "no change"
    if removed:
        detail += f"; enhanced-rights grounds removed ({', '.join(removed)}): {grounds_change_reason.strip()}"
    audit.record(AuditAction.ALTER, "victim", victim.id, case_id=victim.case_id, victim_id=victim.id, detail=detail,
                 user=by)
    return victim


def record_acknowledgement(victim: Victim, sent_on) -> None:
    victim.acknowledged_on = sent_on
    audit.record(AuditAction.ALTER, "victim", victim.id, case_id=victim.case_id, victim_id=victim.id,
                 detail="written acknowledgement sent (Victims' Code right 3)")


def add_enhanced_ground(victim: Victim, *, reason: str, note: str, by: User) -> EnhancedGround:
    ground = EnhancedGround(victim_id=victim.id, reason=reason, note=note, added_by_id=by.id)
    db.session.add(ground)
    db.session.flush()
    refresh_eligibility(victim, victim.case)
    _refresh_follow_ups(victim.case, [victim])
    audit.record(AuditAction.ALTER, "enhanced-ground", ground.id, case_id=victim.case_id, victim_id=victim.id,
                 detail=f"added ground {reason}")
    return ground


def derived_reasons(victim: Victim, case: Case) -> list[str]:
    offence = db.session.get(Offence, case.offence_code)
    return enhanced_reasons(VictimFacts(
        most_serious_offence=offence.most_serious,
        sexual_offence=offence.sexual,
        domestic_abuse=case.domestic_abuse,
        hate_crime=case.hate_crime is not None,
        business=victim.kind == "business",
        date_of_birth=victim.date_of_birth,
        offence_date=case.offence_from,
        vulnerable=victim.vulnerable,
        intimidated=victim.intimidated,
        persistently_targeted=victim.persistently_targeted,
        bereaved=victim.bereaved,
        declines_intimidated=victim.declines_intimidated,
    ))


def refresh_eligibility(victim: Victim, case: Case) -> list[str]:
    """Store the victim's enhanced-rights reasons: the derived ones, then any the officer added."""
    reasons = derived_reasons(victim, case)
    added = db.session.scalars(sa.select(EnhancedGround.reason).where(EnhancedGround.victim_id == victim.id)
                               .order_by(EnhancedGround.id)) if victim.id else []
    for reason in added:
        if reason not in reasons:
            reasons.append(reason)
    victim.enhanced_reasons = ",".join(reasons)
    victim.enhanced_rights = bool(reasons)
    return reasons




def _refresh_follow_ups(case: Case, victims) -> None:
    for victim in victims:
        refresh_follow_up(case, victim)
