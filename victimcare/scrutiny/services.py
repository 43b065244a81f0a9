"""The Victims Scrutiny Panel: drawing a month's sample, redacting and approving packs, findings and actions.

Nothing here commits: callers do, so a change and its audit records land together.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date

import sqlalchemy as sa
from flask_babel import gettext
from sqlalchemy.orm import joinedload, selectinload

from victimcare import audit
from victimcare.cases import contracts, needs, updates
from victimcare.journey.stages import DEFAULT_TIMESCALES
from victimcare.extensions import db
from victimcare.models import (
    Case,
    CaseStatus,
    ClosureStep,
    PlanAction,
    Role,
    ScrutinyAction,
    ScrutinyFinding,
    ScrutinyPack,
    ScrutinySample,
    User,
    Victim,
)
from victimcare.models.audit import AuditAction
from victimcare.scrutiny import redaction, sampling
from victimcare.i18n import format_month
from victimcare.timeutil import utcnow
from victimcare.translatable import Labels, N_

FINDING_KINDS: dict[str, str] = Labels({
    "good-practice": N_("Good practice"),
    "improvement": N_("Area for improvement"),
    "concern": N_("Concern"),
})
PACK_STATUSES: dict[str, str] = Labels({"draft": N_("Waiting for approval"), "approved": N_("Approved for the Panel"),
                                 "returned": N_("Returned for re-redaction")})
STAFF_ROLES = {Role.OFFICER: "Officer", Role.SUPERVISOR: "Supervisor", Role.VCU: "VCU staff"}
PANEL = "Victims Scrutiny Panel"
STAGE_LABELS = Labels({code: t.label for code, t in DEFAULT_TIMESCALES.items()})


class ScrutinyError(ValueError):
    def __init__(self, field: str, message: str):
        super().__init__(message)
        self.field, self.message = field, message


def month_bounds(month: date) -> tuple[date, date]:
    first = month.replace(day=1)
    return first, first.replace(day=calendar.monthrange(first.year, first.month)[1])


# --- drawing the sample -------------------------------------------------------------------------


def candidates(month: date) -> list[sampling.Candidate]:
    """The month's closed cases, with the facts the inclusion rules need."""
    first, last = month_bounds(month)
    enhanced = sa.exists().where(Victim.case_id == Case.id, Victim.enhanced_rights)
    rows = db.session.execute(
        sa.select(Case.id, enhanced, Case.domestic_abuse, Case.hate_crime)
        .where(Case.status == CaseStatus.CLOSED, Case.closed_on.between(first, last)))
    return [sampling.Candidate(case_id, bool(has_enhanced), bool(domestic) or hate is not None)
            for case_id, has_enhanced, domestic, hate in rows]


def draw_sample(*, month: date, by: User, seed: int | None = None,
                size: int = sampling.DEFAULT_SIZE) -> ScrutinySample:
    """Draw the month's sample and redact a pack for each case, waiting for a supervisor's approval."""
    month = month.replace(day=1)
    pool = candidates(month)
    if not pool:
        raise ScrutinyError("month", gettext("No cases closed in %(month)s, so there is nothing to sample", month=format_month(month)))
    seed = seed if seed is not None else sampling.new_seed()
    drawn = sorted(sampling.draw(pool, seed, size))
    sample = ScrutinySample(month=month, seed=seed, size=size, candidates=len(pool), drawn_by_id=by.id)
    db.session.add(sample)
    db.session.flush()
    cases = {c.id: c for c in db.session.scalars(
        sa.select(Case).where(Case.id.in_(drawn)).options(selectinload(Case.victims), joinedload(Case.offence)))}
    for number, case_id in enumerate(drawn, start=1):
        case = cases[case_id]
        pack = ScrutinyPack(sample_id=sample.id, case_id=case.id, number=number, team_id=case.team_id,
                            content=redact_case(case, label=f"Case {number}"))
        db.session.add(pack)
        db.session.flush()
        audit.record(AuditAction.CONSULT, "case", case.id, case_id=case.id, user=by,
                     justification=f"drawn for the {PANEL}'s sample for {month:%B %Y}",
                     detail=f"scrutiny sample {sample.id} (seed {seed})")
        audit.record(AuditAction.COLLECT, "scrutiny-pack", pack.id, case_id=case.id, user=by,
                     detail=f"redacted pack {pack.label} of scrutiny sample {sample.id}")
    return sample


def redact_case(case: Case, *, label: str, extra_terms: list[str] | tuple[str, ...] = ()) -> dict:
    return redaction.build_pack(case_snapshot(case), label=label, extra_terms=extra_terms)


def case_snapshot(case: Case) -> dict:
    """The case as plain data for redaction.build_pack: everything the Panel may review, unredacted."""
    victim_ids = [v.id for v in case.victims]
    contract_by_victim = contracts.current_contracts(victim_ids)
    what_matters = contracts.what_matters_by_victim(victim_ids)
    case_updates = updates.updates_for_case(case.id)
    events = updates.events_for_case(case.id)
    steps = list(db.session.scalars(sa.select(ClosureStep).where(ClosureStep.case_id == case.id)
                                    .order_by(ClosureStep.id)))
    actions = list(db.session.scalars(sa.select(PlanAction).where(PlanAction.case_id == case.id)
                                      .order_by(PlanAction.id)))
    # Everyone who worked on the case first, so the officer in the case is "Officer 1"; then the rest of
    # the team and the Victim Care Unit, whose names may be written in the notes.
    involved = [case.officer_id, *(u.given_by_id for u in case_updates), *(s.by_id for s in steps)]
    staff_ids = list(dict.fromkeys(i for i in involved if i is not None))
    others = db.session.scalars(sa.select(User.id).where(
        sa.or_(User.team_id == case.team_id, User.role == Role.VCU)).order_by(User.id))
    staff_ids += [i for i in others if i not in staff_ids]
    users = {u.id: u for u in db.session.scalars(sa.select(User).where(User.id.in_(staff_ids)))}
    stages = {e.id: e.stage for e in events}
    return {
        "crime_reference": case.crime_reference, "reported_on": case.reported_on,
        "offence": case.offence.name, "offence_category": case.offence.category, "area": case.area,
        "domestic_abuse": case.domestic_abuse, "hate_crime": case.hate_crime, "offence_from": case.offence_from,
        "offence_to": case.offence_to, "closed_on": case.closed_on, "officer_id": case.officer_id,
        "staff": [{"id": i, "name": users[i].display_name, "role": STAFF_ROLES.get(users[i].role, "Staff")}
                  for i in staff_ids if i in users],
        "victims": [_victim_snapshot(v, contract_by_victim.get(v.id), what_matters.get(v.id, []),
                                     [u for u in case_updates if u.victim_id == v.id], stages)
                    for v in case.victims],
        "key_stages": [{"stage": STAGE_LABELS.get(e.stage, e.stage), "occurred_on": e.occurred_on, "notes": e.notes}
                       for e in events],
        "plan_actions": [{"what": a.what, "who": a.who, "by_when": a.by_when, "status": a.status} for a in actions],
        "closure_steps": [{"step": s.step, "on": s.created_at.date(), "by_id": s.by_id, "outcome": s.outcome,
                           "reason": s.reason} for s in steps],
    }


def _victim_snapshot(victim: Victim, contract, what_matters, victim_updates, stages) -> dict:
    return {
        "id": victim.id, "role": str(victim.role), "kind": str(victim.kind), "name": victim.name,
        "contact_name": victim.contact_name, "date_of_birth": victim.date_of_birth, "address": victim.address,
        "phone": victim.phone, "email": victim.email, "relationship_to_primary": victim.relationship_to_primary,
        "communication_needs": victim.communication_needs, "interpreter_needed": victim.interpreter_needed,
        "enhanced_rights": victim.enhanced_rights, "enhanced_reasons": victim.enhanced_reason_codes,
        "acknowledged_on": victim.acknowledged_on,
        "other_names": [contract.representative] if contract and contract.representative else [],
        "contract": None if contract is None else {
            "agreed_on": contract.agreed_on, "wants_updates": contract.wants_updates, "methods": contract.method_codes,
            "frequency": contract.frequency, "good_times": contract.good_times,
            "representative": contract.representative, "referral_consent": contract.referral_consent},
        "what_matters": [{"category": w.category, "in_their_words": w.in_their_words, "outcome": w.outcome,
                          "outcome_explanation": w.outcome_explanation} for w in what_matters],
        "needs": [{"assessed_on": n.assessed_on, "risk": n.risk, "support_needs": n.support_needs,
                   "vps_taken": n.vps_taken, "vulnerability_notes": n.vulnerability_notes, "notes": n.notes}
                  for n in needs.assessments_for(victim.id)],
        "referrals": [{"service": r.service.name, "consent": r.consent, "status": r.status,
                       "referred_on": r.referred_on, "outcome": r.outcome} for r in needs.referrals_for(victim.id)],
        "updates": [{"kind": str(u.kind), "stage": STAGE_LABELS.get(stages.get(u.event_id), None),
                     "due_on": u.due_on, "given_on": u.given_on, "method": u.method, "given_by_id": u.given_by_id,
                     "what_was_said": u.what_was_said, "victims_views": u.victims_views,
                     "overdue_reason": u.overdue_reason} for u in victim_updates],
    }


# --- checking and approving packs ---------------------------------------------------------------


def review_pack(pack: ScrutinyPack, *, decision: str, by: User, reason: str | None = None,
                extra_terms: str | None = None) -> None:
    """Approve a pack for the Panel, or return it for re-redaction (an approved pack can be withdrawn so)."""
    if decision == "approve":
        if pack.status != "draft":
            raise ScrutinyError("decision", gettext("Only a pack waiting for approval can be approved: redact it again first"))
        pack.status, pack.return_reason = "approved", None
        audit.record(AuditAction.DISCLOSE, "scrutiny-pack", pack.id, case_id=pack.case_id, recipients=PANEL,
                     justification="redacted pack checked and approved by a supervisor", user=by)
    elif decision == "return":
        if not (reason or "").strip():
            raise ScrutinyError("reason", gettext("Say what is wrong with the pack"))
        pack.status, pack.return_reason = "returned", reason.strip()
        terms = [t.strip() for t in (extra_terms or "").splitlines() if t.strip()]
        if terms:
            pack.extra_terms = "\n".join(dict.fromkeys([*(pack.extra_terms or "").splitlines(), *terms]))
        audit.record(AuditAction.ALTER, "scrutiny-pack", pack.id, case_id=pack.case_id, user=by,
                     detail="returned for re-redaction")
    else:
        raise ScrutinyError("decision", gettext("Choose whether to approve the pack or return it"))
    pack.reviewed_by_id, pack.reviewed_at = by.id, utcnow()


def redact_again(pack: ScrutinyPack, *, by: User) -> None:
    """Redact a returned pack afresh from the case, with the words the supervisor added; it waits for approval."""
    if pack.status != "returned":
        raise ScrutinyError("decision", gettext("Only a returned pack is redacted again"))
    case = db.session.get(Case, pack.case_id)
    pack.content = redact_case(case, label=pack.label, extra_terms=(pack.extra_terms or "").splitlines())
    pack.status, pack.redacted_at = "draft", utcnow()
    audit.record(AuditAction.CONSULT, "case", case.id, case_id=case.id, user=by,
                 justification=f"redacted again for the {PANEL}", detail=f"scrutiny pack {pack.id}")
    audit.record(AuditAction.ALTER, "scrutiny-pack", pack.id, case_id=case.id, user=by, detail="redacted again")


def packs_for(sample: ScrutinySample, user: User) -> list[ScrutinyPack]:
    """The packs of a sample `user` may list: the Panel sees only approved ones."""
    statement = sa.select(ScrutinyPack).where(ScrutinyPack.sample_id == sample.id).options(
        joinedload(ScrutinyPack.team)).order_by(ScrutinyPack.number)
    if user.role == Role.BOARD:
        statement = statement.where(ScrutinyPack.status == "approved")
    return list(db.session.scalars(statement))


def can_review(user: User, pack: ScrutinyPack) -> bool:
    """A supervisor of the case's team: they can open the original case to check the redaction."""
    return user.role == Role.SUPERVISOR and user.team_id == pack.team_id


def can_read_pack(user: User, pack: ScrutinyPack) -> bool:
    return can_review(user, pack) or (user.role == Role.BOARD and pack.status == "approved")


# --- the Panel's findings and actions -----------------------------------------------------------


def record_finding(pack: ScrutinyPack, *, kind: str, comment: str, by: User) -> ScrutinyFinding:
    if pack.status != "approved":
        raise ScrutinyError("comment", gettext("Findings are recorded on approved packs only"))
    if kind not in FINDING_KINDS:
        raise ScrutinyError("kind", gettext("Choose the kind of finding"))
    finding = ScrutinyFinding(pack_id=pack.id, kind=kind, comment=comment.strip(), by_id=by.id)
    db.session.add(finding)
    db.session.flush()
    return finding


def add_action(pack: ScrutinyPack, *, owner_team_id: int, description: str, due_on: date,
               by: User) -> ScrutinyAction:
    if pack.status != "approved":
        raise ScrutinyError("description", gettext("Actions are raised on approved packs only"))
    action = ScrutinyAction(pack_id=pack.id, owner_team_id=owner_team_id, description=description.strip(),
                            due_on=due_on, created_by_id=by.id)
    db.session.add(action)
    db.session.flush()
    return action


def close_action(action: ScrutinyAction, *, note: str, by: User) -> None:
    """Close an action with what the team did. The Panel reads the note, so it is kept redacted as the pack is:
    a team naturally writes about the victim it called or the officer it briefed."""
    if action.status != "open":
        raise ScrutinyError("note", gettext("This action is already closed"))
    if not note.strip():
        raise ScrutinyError("note", gettext("Say what the team did"))
    pack = action.pack
    case = db.session.get(Case, pack.case_id)
    audit.record(AuditAction.CONSULT, "case", case.id, case_id=case.id, user=by,
                 justification=f"to redact the note closing a {PANEL} action", detail=f"scrutiny action {action.id}")
    action.status = "done"
    action.closing_note = redaction.redact_text(case_snapshot(case), note.strip(), label=pack.label,
                                                extra_terms=(pack.extra_terms or "").splitlines())
    action.closed_by_id, action.closed_at = by.id, utcnow()


def can_close(user: User, action: ScrutinyAction) -> bool:
    return user.role == Role.SUPERVISOR and user.team_id == action.owner_team_id


def findings_for(pack_id: int) -> list[ScrutinyFinding]:
    return list(db.session.scalars(sa.select(ScrutinyFinding).where(ScrutinyFinding.pack_id == pack_id)
                                   .options(joinedload(ScrutinyFinding.by)).order_by(ScrutinyFinding.id)))


def actions_statement(user: User, *, status: str | None = None, pack_id: int | None = None) -> sa.Select:
    """The actions `user` may see: the Panel sees all; a team sees those it owns."""
    statement = sa.select(ScrutinyAction).options(
        joinedload(ScrutinyAction.owner_team), joinedload(ScrutinyAction.pack).joinedload(ScrutinyPack.sample)
    ).order_by(ScrutinyAction.status.desc(), ScrutinyAction.due_on, ScrutinyAction.id)
    if user.role != Role.BOARD:
        statement = statement.where(ScrutinyAction.owner_team_id == user.team_id)
    if status:
        statement = statement.where(ScrutinyAction.status == status)
    if pack_id is not None:
        statement = statement.where(ScrutinyAction.pack_id == pack_id)
    return statement


# --- for the Board report -----------------------------------------------------------------------


@dataclass(frozen=True)
class FindingsSummary:
    """Counts only: no case, person or free text."""

    samples: int
    cases_reviewed: int
    findings: dict[str, int]  # by kind, every kind present
    actions_open: int
    actions_done: int
    actions_overdue: int  # open and past their due date (included in actions_open)


def findings_summary(period_start: date, period_end: date, *, today: date | None = None) -> FindingsSummary:
    """The Panel's findings by kind and its actions open, done and overdue, for samples of months in the period."""
    today = today or date.today()
    in_period = ScrutinySample.month.between(period_start.replace(day=1), period_end)
    samples = db.session.scalar(sa.select(sa.func.count()).select_from(ScrutinySample).where(in_period))
    reviewed = db.session.scalar(
        sa.select(sa.func.count(sa.distinct(ScrutinyFinding.pack_id))).join(ScrutinyPack)
        .join(ScrutinySample).where(in_period))
    kinds = dict(db.session.execute(
        sa.select(ScrutinyFinding.kind, sa.func.count()).join(ScrutinyPack).join(ScrutinySample)
        .where(in_period).group_by(ScrutinyFinding.kind)).all())
    open_, done, overdue = db.session.execute(
        sa.select(sa.func.count().filter(ScrutinyAction.status == "open"),
                  sa.func.count().filter(ScrutinyAction.status == "done"),
                  sa.func.count().filter(ScrutinyAction.status == "open", ScrutinyAction.due_on < today))
        .select_from(ScrutinyAction).join(ScrutinyPack).join(ScrutinySample).where(in_period)).one()
    return FindingsSummary(samples=samples, cases_reviewed=reviewed,
                           findings={kind: kinds.get(kind, 0) for kind in FINDING_KINDS},
                           actions_open=open_, actions_done=done, actions_overdue=overdue)
