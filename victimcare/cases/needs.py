"""A in the database: needs assessments (with history) and referrals under the Code's consent rules."""

from __future__ import annotations

from datetime import date

import sqlalchemy as sa

from victimcare import audit
from victimcare.cases.contracts import current_contract
from victimcare.cases.updates import timescales
from victimcare.extensions import db
from victimcare.journey.contract import may_refer, referral_needs_explicit_consent
from victimcare.journey.needs import referral_on_time
from victimcare.journey.stages import referral_due_on
from victimcare.models import (
    Case,
    NeedsAssessment,
    Offence,
    Referral,
    SupportService,
    User,
    Victim,
)
from victimcare.models.audit import AuditAction


class ReferralRefused(ValueError):
    pass


ASSESSMENT_FIELDS = ("assessed_on", "risk", "vulnerability_notes", "support_needs", "special_measures",
                     "vps_offered_on", "vps_taken", "notes")


def record_assessment(victim: Victim, *, by: User, **fields) -> NeedsAssessment:
    assessment = NeedsAssessment(victim_id=victim.id, recorded_by_id=by.id,
                                 **{k: fields[k] for k in ASSESSMENT_FIELDS if k in fields})
    db.session.add(assessment)
    db.session.flush()
    audit.record(AuditAction.COLLECT, "needs-assessment", assessment.id, case_id=victim.case_id, victim_id=victim.id)
    return assessment


def assessments_for(victim_id: int) -> list[NeedsAssessment]:
    return list(db.session.scalars(sa.select(NeedsAssessment).where(NeedsAssessment.victim_id == victim_id)
                                   .order_by(NeedsAssessment.assessed_on.desc(), NeedsAssessment.id.desc())))


def explicit_consent_needed(case: Case, victim: Victim) -> bool:
    offence = db.session.get(Offence, case.offence_code)
    return referral_needs_explicit_consent(sexual_offence=offence.sexual, domestic_abuse=case.domestic_abuse,
                                           bereaved=victim.bereaved)


def make_referral(case: Case, victim: Victim, *, service_code: str, referred_on: date, by: User) -> Referral:
    contract = current_contract(victim.id)
    consent = contract.referral_consent if contract else "not-asked"
    explicit = explicit_consent_needed(case, victim)
    if not may_refer(consent, explicit_consent_needed=explicit):
        if consent == "refused":
            raise ReferralRefused("The victim does not want to be referred (recorded in their contract)")
        raise ReferralRefused("This victim can be referred only with their explicit consent: record it in the "
                              "contract first")
    if db.session.get(SupportService, service_code) is None:
        raise ReferralRefused("Select a service from the list")
    # "automatic": the victim was referred because they did not opt out.
    referral = Referral(victim_id=victim.id, service_code=service_code, referred_on=referred_on,
                        consent="given" if consent == "given" else "automatic", recorded_by_id=by.id)
    db.session.add(referral)
    db.session.flush()
    audit.record(AuditAction.DISCLOSE, "referral", referral.id, case_id=case.id, victim_id=victim.id,
                 recipients=service_code, justification="referral to victim support services (Victims' Code right 4)")
    return referral


def update_referral(referral: Referral, *, status: str, outcome: str | None, case_id: int) -> None:
    referral.status = status
    referral.outcome = outcome or referral.outcome
    audit.record(AuditAction.ALTER, "referral", referral.id, case_id=case_id, victim_id=referral.victim_id,
                 detail=f"status {status}")


def referrals_for(victim_id: int) -> list[Referral]:
    return list(db.session.scalars(sa.select(Referral).where(Referral.victim_id == victim_id).order_by(Referral.id)))


def referral_timeliness(case: Case, victim: Victim, referrals: list[Referral], today: date) -> tuple[date, str]:
    """The Code's 2-working-day referral deadline and where this victim stands against it."""
    due = referral_due_on(case.reported_on, timescales())
    contract = current_contract(victim.id)
    first = min((r.referred_on for r in referrals if r.referred_on), default=None)
    return due, referral_on_time(due, first, bool(contract and contract.referral_consent == "refused"), today)
