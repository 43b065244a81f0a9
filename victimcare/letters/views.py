"""Letters to a victim: choose the language, preview the letter, download it as a PDF.

Producing a letter (preview or PDF) discloses the victim's case to them, so it is a POST with a CSRF
token, recorded as a Letter on the case and in the audit log.
"""

from __future__ import annotations

from datetime import date

from flask import Blueprint, Response, abort, render_template, request
from flask_login import current_user
from wtforms.fields.choices import SelectChoice

from forms.cases import AcknowledgementForm
from forms.letters import LetterForm
from victimcare import audit
from victimcare.access import can_edit_case, permission, victim_of_case_or_404, visible_case_or_404
from victimcare.cases.journey_views import STAGE_LABELS
from victimcare.extensions import db
from victimcare.i18n import format_date
from victimcare.letters import services
from victimcare.letters.text import lt
from victimcare.letters.kinds import (
    ACKNOWLEDGEMENT,
    KEY_STAGE,
    LANGUAGE_LABELS,
    LETTER_KINDS,
    NO_CONTACT,
    letter_locales,
    may_produce,
)
from victimcare.models import Role
from victimcare.models.audit import AuditAction
from victimcare.pdf import render_pdf

bp = Blueprint("letters", __name__, url_prefix="/cases/<int:case_id>/victims/<int:victim_id>/letters")

@bp.record_once
def _letter_text_in_templates(state) -> None:
    """lt() in any template: the letters' pages, and the letters listed on the case page."""
    state.app.jinja_env.globals["lt"] = lt


KIND = '<any("acknowledgement", "no-contact", "key-stage-update"):kind>'


def _case_and_victim(case_id: int, victim_id: int, kind: str):
    if not may_produce(kind, current_user.role):
        abort(403)
    case = visible_case_or_404(case_id, current_user)
    return case, victim_of_case_or_404(case, victim_id)


def _form(case, victim, kind: str, *, submitted: bool = True) -> LetterForm:
    form = LetterForm() if submitted else LetterForm(formdata=None)
    preferred = services.victims_language(victim)
    if preferred in LANGUAGE_LABELS:
        own = lt("%(language)s, the language %(name)s chose", language=lt(LANGUAGE_LABELS[preferred]),
                 name=victim.name)
    else:
        own = lt("English: %(name)s chose another language (%(code)s), in which letters are not written; "
                 "arrange an interpreter or a translation", name=victim.name, code=preferred)
    form.language.choices = [SelectChoice("preferred", own),
                             SelectChoice("bilingual", lt("Welsh and English (bilingual, Welsh first)"))]
    form.event.choices = [SelectChoice("", lt("Select the key stage"))]
    if kind == KEY_STAGE:
        form.event.choices += [
            SelectChoice(str(e.id), f"{STAGE_LABELS[e.stage]} – {format_date(e.occurred_on)}")
            for e in services.key_stage_events(case)]
    return form


def _event(case, kind: str, form: LetterForm):
    if kind != KEY_STAGE:
        return None
    event = next((e for e in services.key_stage_events(case) if str(e.id) == form.event.data), None)
    if event is None:
        form.event.errors = [lt("Select the key stage the letter is about")]
    return event


def _page(case, victim, kind: str, form: LetterForm, *, parts=None, problem: str | None = None, status=200):
    return audit.render_disclosed(
        "letters/letter.html", case=case, victim=victim, kind=kind, kind_label=lt(LETTER_KINDS[kind][0]), form=form,
        parts=parts, problem=problem, can_edit=can_edit_case(current_user, case),
        acknowledgement_form=AcknowledgementForm(formdata=None, sent_on=date.today()),
        follow_up=services.follow_up_for(victim) if kind == NO_CONTACT else None,
        ACKNOWLEDGEMENT=ACKNOWLEDGEMENT, NO_CONTACT=NO_CONTACT, KEY_STAGE=KEY_STAGE, is_vcu=current_user.role == Role.VCU
    ), status


@bp.get(f"/{KIND}")
@permission("letters:produce")
def choose(case_id: int, victim_id: int, kind: str):
    case, victim = _case_and_victim(case_id, victim_id, kind)
    form = _form(case, victim, kind, submitted=False)
    form.event.data = request.args.get("event")  # from an update's page: the key stage it is about
    try:
        services.check_available(kind, victim)
    except services.LetterNotAvailable as refused:
        problem = str(refused)
    else:
        problem = None
    audit.record(AuditAction.CONSULT, "victim", victim.id, case_id=case.id, victim_id=victim.id,
                 detail=f"letter page ({kind})")
    return _page(case, victim, kind, form, problem=problem)


@bp.post(f"/{KIND}")
@permission("letters:produce")
def produce(case_id: int, victim_id: int, kind: str):
    case, victim = _case_and_victim(case_id, victim_id, kind)
    form = _form(case, victim, kind)
    try:
        services.check_available(kind, victim)
    except services.LetterNotAvailable as refused:
        return _page(case, victim, kind, form, problem=str(refused), status=409)
    valid = form.validate_on_submit()
    event = _event(case, kind, form)
    if not valid or (kind == KEY_STAGE and event is None):
        audit.record(AuditAction.CONSULT, "victim", victim.id, case_id=case.id, victim_id=victim.id,
                     detail=f"letter page ({kind})")
        return _page(case, victim, kind, form)
    locales = letter_locales(services.victims_language(victim), bilingual=form.language.data == "bilingual")
    output = "pdf" if form.pdf.data else "preview"
    context = services.letter_context(kind, case, victim, event=event, by=current_user, today=date.today())
    parts = services.write_letter(context, locales)
    services.record_letter(kind, case, victim, locales=locales, output=output, event=event, by=current_user)
    if output == "preview":
        return _page(case, victim, kind, form, parts=parts)
    document = render_pdf(render_template("letters/letter_print.html", parts=parts, context=context))
    db.session.commit()
    filename = f"letter-{kind}-{case.crime_reference.replace('/', '-')}-{victim.id}-{'-'.join(locales)}.pdf"
    return Response(document, mimetype="application/pdf",
                    headers={"Content-Disposition": f"inline; filename={filename}"})

