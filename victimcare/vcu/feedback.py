"""Victims' feedback: recorded by phone or imported from the survey, and service recovery when dissatisfied."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from datetime import date

import sqlalchemy as sa
from sqlalchemy.orm import joinedload

from victimcare import audit
from victimcare.extensions import db
from victimcare.journey.feedback import (
    IMPORT_HEADER,
    SURVEY_STAGES,
    ImportRow,
    dissatisfied_stages,
    parse_import_row,
)
from victimcare.models import (
    AgencyImpact,
    Case,
    Feedback,
    ServiceRecovery,
    User,
    Victim,
)
from victimcare.models.audit import AuditAction
from victimcare.timeutil import utcnow


def record_feedback(case: Case, victim: Victim, *, stage: str, surveyed_on: date, answers: dict[str, int | None],
                    comments: str | None, consent_to_use: bool, impacts: dict[str, tuple[str, str | None]],
                    source: str, by: User | None) -> Feedback:
    feedback = Feedback(case_id=case.id, victim_id=victim.id, stage=stage, surveyed_on=surveyed_on,
                        comments=comments, consent_to_use=consent_to_use, source=source,
                        recorded_by_id=by.id if by else None, **answers)
    db.session.add(feedback)
    db.session.flush()
    for service_code, (impact, comment) in impacts.items():
        db.session.add(AgencyImpact(feedback_id=feedback.id, service_code=service_code, impact=impact,
                                    comment=comment))
    if dissatisfied_stages(answers):
        db.session.add(ServiceRecovery(case_id=case.id, feedback_id=feedback.id, team_id=case.team_id))
    audit.record(AuditAction.COLLECT, "feedback", feedback.id, case_id=case.id, victim_id=victim.id,
                 detail=f"{source}: {stage}", user=by)
    return feedback


@dataclass
class ImportReport:
    imported: int = 0
    unchanged: int = 0
    errors: list[str] = field(default_factory=list)  # "line N: field: message"
    skipped_lines: list[int] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors


def import_feedback(text: str, *, skip_invalid: bool, today: date, by: User | None) -> ImportReport:
    """Validate every row first; import nothing from a file with errors unless skip_invalid.

    Re-importing the same file changes nothing: a row already imported with the same answers is
    counted as unchanged; one with different answers is an error (a duplicate).
    """
    report = ImportReport()
    reader = csv.DictReader(io.StringIO(text.lstrip("\ufeff")))
    header = tuple(h.strip() for h in (reader.fieldnames or ()))
    if header != IMPORT_HEADER:
        report.errors.append(f"line 1: the header must be {','.join(IMPORT_HEADER)}")
        return report
    rows = [parse_import_row(number, raw, today) for number, raw in enumerate(reader, start=2)]
    _check_against_database(rows)
    for row in rows:
        report.errors.extend(f"line {row.line}: {error}" for error in row.errors)
    if report.errors and not skip_invalid:
        return report
    cases = {c.crime_reference: c for c in db.session.scalars(
        sa.select(Case).where(Case.crime_reference.in_({r.crime_reference for r in rows})))}
    for row in rows:
        if row.errors:
            report.skipped_lines.append(row.line)
            continue
        if getattr(row, "unchanged", False):
            report.unchanged += 1
            continue
        case = cases[row.crime_reference]
        victim = db.session.get(Victim, row.victim_id)
        record_feedback(case, victim, stage="survey", surveyed_on=row.surveyed_on, answers=row.answers,
                        comments=row.comments, consent_to_use=False, impacts={}, source="import", by=by)
        report.imported += 1
    return report


def _check_against_database(rows: list[ImportRow]) -> None:
    references = {r.crime_reference for r in rows if r.crime_reference}
    victims_by_case: dict[str, set[int]] = {}
    for reference, victim_id in db.session.execute(
            sa.select(Case.crime_reference, Victim.id).join(Victim, Victim.case_id == Case.id)
            .where(Case.crime_reference.in_(references))):
        victims_by_case.setdefault(reference, set()).add(victim_id)
    victim_ids = {r.victim_id for r in rows if r.victim_id}
    existing = {(f.victim_id, f.surveyed_on): f for f in db.session.scalars(
        sa.select(Feedback).where(Feedback.victim_id.in_(victim_ids), Feedback.stage == "survey"))}
    seen: dict[tuple[int, date], int] = {}
    for row in rows:
        if row.errors:
            continue
        if row.crime_reference not in victims_by_case:
            row.errors.append(f"crime_reference: {row.crime_reference} is not a known case")
            continue
        if row.victim_id not in victims_by_case[row.crime_reference]:
            row.errors.append(f"victim_id: {row.victim_id} is not a victim on {row.crime_reference}")
            continue
        key = (row.victim_id, row.surveyed_on)
        if key in seen:
            row.errors.append(f"duplicate: the same victim and survey date as line {seen[key]}")
            continue
        seen[key] = row.line
        previous = existing.get(key)
        if previous is not None:
            same = all(getattr(previous, s) == row.answers[s] for s in SURVEY_STAGES) and \
                previous.comments == row.comments
            if same:
                row.unchanged = True  # type: ignore[attr-defined]
            else:
                row.errors.append("duplicate: already imported for this victim and date with different answers")


def recoveries_statement(user: User, *, status: str = "open") -> sa.Select:
    return (sa.select(ServiceRecovery).where(ServiceRecovery.team_id == user.team_id, ServiceRecovery.status == status)
            .options(joinedload(ServiceRecovery.feedback), joinedload(ServiceRecovery.case))
            .order_by(ServiceRecovery.created_at, ServiceRecovery.id))


def complete_recovery(recovery: ServiceRecovery, *, what_was_done: str, lessons_learnt: str, lesson_theme: str,
                      by: User) -> None:
    recovery.what_was_done, recovery.lessons_learnt = what_was_done.strip(), lessons_learnt.strip()
    recovery.lesson_theme = lesson_theme
    recovery.status, recovery.done_by_id, recovery.done_at = "done", by.id, utcnow()
    audit.record(AuditAction.ALTER, "service-recovery", recovery.id, case_id=recovery.case_id,
                 detail="service recovery recorded")


def feedback_for_case(case_id: int) -> list[Feedback]:
    return list(db.session.scalars(sa.select(Feedback).where(Feedback.case_id == case_id)
                                   .order_by(Feedback.surveyed_on, Feedback.id)))
