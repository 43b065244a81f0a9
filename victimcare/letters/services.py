"""What a letter says (from the case, for one victim only), writing it in its languages, and the
record of each letter produced."""

from __future__ import annotations

from datetime import date

import sqlalchemy as sa
from flask import render_template
from markupsafe import Markup
from sqlalchemy.orm import joinedload

from victimcare import audit
from victimcare.cases.contracts import current_contract
from victimcare.cases.updates import timescales
from victimcare.extensions import db
from victimcare.i18n import preferred_language
from victimcare.journey.stages import working_days_allowed
from victimcare.journey.vcu import UNSUCCESSFUL
from victimcare.letters.kinds import KEY_STAGE, LETTER_KINDS, NO_CONTACT, language_code
from victimcare.letters.text import lt, writing_in
from victimcare.letters.wording import OFFENCE_NAMES, RIGHTS, STAGE_PARAGRAPHS, SUPPORT_SERVICES
from victimcare.models import Case, ContactAttempt, FollowUp, KeyStageEvent, Letter, Role, User, Victim
from victimcare.models.audit import AuditAction


class LetterNotAvailable(ValueError):
    """This letter cannot be written for this victim yet; the message says why."""


def victims_language(victim: Victim) -> str:
    contract = current_contract(victim.id)
    return preferred_language(victim.preferred_language, contract.language if contract else None)


def key_stage_events(case: Case) -> list[KeyStageEvent]:
    return list(db.session.scalars(sa.select(KeyStageEvent).where(KeyStageEvent.case_id == case.id)
                                   .order_by(KeyStageEvent.occurred_on.desc(), KeyStageEvent.id.desc())))


def follow_up_for(victim: Victim) -> FollowUp | None:
    return db.session.scalar(sa.select(FollowUp).where(FollowUp.victim_id == victim.id))


def check_available(kind: str, victim: Victim) -> None:
    """The letter after unsuccessful contact is written only once the Victim Care Unit's attempts ran out."""
    if kind == NO_CONTACT:
        follow_up = follow_up_for(victim)
        if follow_up is None or not (follow_up.status == "letter-needed" or follow_up.outcome == "letter-sent"):
            raise LetterNotAvailable(lt("This letter is sent only after three unsuccessful contact attempts by "
                                        "the Victim Care Unit, and they have not been made."))


def unsuccessful_attempts(victim: Victim) -> int:
    return db.session.scalar(
        sa.select(sa.func.count()).select_from(ContactAttempt).join(FollowUp)
        .where(FollowUp.victim_id == victim.id, ContactAttempt.outcome.in_(UNSUCCESSFUL))) or 0


def letter_context(kind: str, case: Case, victim: Victim, *, event: KeyStageEvent | None, by: User,
                   today: date) -> dict:
    """Everything a letter may print. Only this victim's details: never another victim of the case."""
    contract = current_contract(victim.id)
    update_days = working_days_allowed("arrested", victim.enhanced_rights, timescales())
    if contract is not None and contract.update_within_days:
        update_days = min(update_days, contract.update_within_days)
    # The unit signs its own letter; the officer in the case signs the others, whoever prints them.
    if kind == NO_CONTACT:
        signatory = by.display_name if by.role == Role.VCU else None
    else:
        signatory = case.officer.display_name
    return {
        "kind": kind,
        "today": today,
        "crime_reference": case.crime_reference,
        "reported_on": case.reported_on,
        "offence": OFFENCE_NAMES.get(case.offence_code),
        "offence_recorded_name": case.offence.name,
        "officer_name": case.officer.display_name,
        "addressee": victim.contact_name if victim.kind == "business" and victim.contact_name else victim.name,
        "organisation": victim.name if victim.kind == "business" else None,
        "address_lines": [line.strip() for line in (victim.address or "").splitlines() if line.strip()],
        "update_days": update_days,
        "event": event,
        "stage_paragraph": STAGE_PARAGRAPHS.get(event.stage) if event is not None else None,
        "attempts": unsuccessful_attempts(victim) if kind == NO_CONTACT else None,
        "signatory": signatory,
        "rights": RIGHTS,
        "support_services": SUPPORT_SERVICES,
    }


def write_letter(context: dict, locales: tuple[str, ...]) -> list[tuple[str, Markup]]:
    """The letter once per language, each written wholly in that language (dates too)."""
    parts = []
    for locale in locales:
        with writing_in(locale):
            parts.append((locale, Markup(render_template("letters/_letter.html", lt=lt, locale=locale,
                                                         **context))))
    return parts


def record_letter(kind: str, case: Case, victim: Victim, *, locales: tuple[str, ...], output: str,
                  event: KeyStageEvent | None, by: User) -> Letter:
    """A letter produced is a disclosure to the victim: recorded on the case and in the audit log."""
    letter = Letter(case_id=case.id, victim_id=victim.id, kind=kind, language=language_code(locales),
                    event_id=event.id if event is not None else None, output=output, produced_by_id=by.id)
    db.session.add(letter)
    db.session.flush()
    audit.record(AuditAction.DISCLOSE, "letter", letter.id, case_id=case.id, victim_id=victim.id,
                 recipients="victim (letter)", justification=LETTER_KINDS[kind][0],
                 detail=f"{kind} letter, {letter.language}, {output}"
                        + (f", key stage {event.stage}" if kind == KEY_STAGE and event is not None else ""))
    return letter


def letters_for_case(case_id: int) -> list[Letter]:
    return list(db.session.scalars(
        sa.select(Letter).where(Letter.case_id == case_id)
        .options(joinedload(Letter.produced_by), joinedload(Letter.victim)).order_by(Letter.produced_at, Letter.id)))
