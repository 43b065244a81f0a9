from __future__ import annotations

from datetime import date

import sqlalchemy as sa
from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext
from flask_login import current_user
from wtforms.fields.choices import SelectChoice

from victimcare.i18n import lazy_gettext as _l
from forms.cases import CaseForm, VictimForm
from victimcare import audit
from victimcare.access import (
    can_edit_case,
    editable_case_or_404,
    permission,
    victim_of_case_or_404,
    visible_case_or_404,
)
from victimcare.cases import closure, complaints, services, updates
from victimcare.cases.journey_views import STAGE_LABELS
from victimcare.cases.queries import case_list_statement
from victimcare.extensions import db
from victimcare.journey.eligibility import REASONS
from victimcare.journey.feedback import COMPLAINT_OUTCOMES, COMPLAINT_SUBJECTS
from victimcare.journey.needs import SUPPORT_NEEDS
from victimcare.letters.kinds import LANGUAGE_LABELS, LETTER_KINDS
from victimcare.letters.services import letters_for_case
from victimcare.models import CaseStatus, Offence, Role, User, Victim
from victimcare.models.audit import AuditAction
from victimcare.pagination import paginate
from victimcare.translatable import translate
from victimcare.vcu.services import vcu_summary_for_case

bp = Blueprint("cases", __name__, url_prefix="/cases")

FILTERS = {"open": CaseStatus.OPEN, "closure-requested": CaseStatus.CLOSURE_REQUESTED, "closed": CaseStatus.CLOSED}
CONFLICT_MESSAGE = _l("Someone else changed this record while you were editing it. Your changes have not been "
                      "saved: they are shown below. Check the current record, then save again.")


@bp.get("/")
@permission("cases:read")
def index():
    status_filter = request.args.get("status", "open")
    if status_filter not in FILTERS and status_filter != "all":
        abort(404)
    mine = request.args.get("mine") == "1"
    page = paginate(case_list_statement(current_user, status=FILTERS.get(status_filter), mine=mine))
    audit.record_list("case-list", [case.id for case in page.items], detail=f"case list status={status_filter}")
    return audit.render_disclosed("cases/index.html", page=page, status_filter=status_filter, mine=mine,
                           filters=FILTERS)


@bp.get("/<int:case_id>")
@permission("cases:read")
def show(case_id: int):
    case = visible_case_or_404(case_id, current_user)
    audit.record(AuditAction.CONSULT, "case", case.id, case_id=case.id)
    return audit.render_disclosed("cases/show.html", case=case, can_edit=can_edit_case(current_user, case),
                           can_reopen=can_edit_case(current_user, case, closed_too=True),
                           # The VCU sees victims, contact and support, not the investigation.
                           show_investigation=current_user.role != Role.VCU,
                           events=updates.events_for_case(case.id), case_updates=updates.updates_for_case(case.id),
                           stage_labels=STAGE_LABELS, today=date.today(),
                           closure_history=closure.history(case.id), vcu_summary=vcu_summary_for_case(case),
                           support_needs=SUPPORT_NEEDS, complaints=complaints.complaints_for(case.id),
                           complaint_subjects=COMPLAINT_SUBJECTS, complaint_outcomes=COMPLAINT_OUTCOMES,
                           letters=letters_for_case(case.id), letter_kinds=LETTER_KINDS,
                           letter_languages=LANGUAGE_LABELS)


@bp.route("/new", methods=["GET", "POST"])
@permission("cases:write")
def new():
    form = CaseForm()
    _case_choices(form)
    if request.method == "GET":
        form.officer.data = current_user.id
    if form.validate_on_submit():
        try:
            case = services.create_case(officer=db.session.get(User, form.officer.data), **_case_fields(form))
        except services.DuplicateReference as duplicate:
            db.session.rollback()
            form.crime_reference.errors.append(
                f"A case with crime reference {duplicate.existing.crime_reference} already exists")
        else:
            db.session.commit()
            flash(gettext("Case %(reference)s recorded. Now add the victim.", reference=case.crime_reference), "success")
            return redirect(url_for("cases.new_victim", case_id=case.id))
    return render_template("cases/case_form.html", form=form, case=None)


@bp.route("/<int:case_id>/edit", methods=["GET", "POST"])
@permission("cases:write")
def edit(case_id: int):
    case = editable_case_or_404(case_id, current_user)
    form = CaseForm(obj=case) if request.method == "GET" else CaseForm()
    _case_choices(form)
    if request.method == "GET":
        form.offence.data, form.officer.data = case.offence_code, case.officer_id
        form.domestic_abuse.data = "yes" if case.domestic_abuse else "no"
        form.hate_crime.data = case.hate_crime or ""
        form.version.data = case.version
    if form.validate_on_submit():
        try:
            services.check_version(case, form.version.data)
            services.update_case(case, officer=db.session.get(User, form.officer.data), **_case_fields(form))
        except services.Conflict:
            db.session.rollback()
            flash(str(CONFLICT_MESSAGE), "info")
            form.version.data = db.session.get(type(case), case_id).version
        except services.DuplicateReference as duplicate:
            db.session.rollback()
            form.crime_reference.errors.append(
                f"A case with crime reference {duplicate.existing.crime_reference} already exists")
        else:
            db.session.commit()
            flash(gettext("Case details saved."), "success")
            return redirect(url_for("cases.show", case_id=case.id))
    return render_template("cases/case_form.html", form=form, case=case)


@bp.route("/<int:case_id>/victims/new", methods=["GET", "POST"])
@permission("cases:write")
def new_victim(case_id: int):
    case = editable_case_or_404(case_id, current_user)
    form = VictimForm(offence_date=case.offence_from)
    if request.method == "GET" and case.victims:
        form.role.data = "secondary"
    if form.validate_on_submit():
        victim = services.add_victim(case, **_victim_fields(form))
        db.session.commit()
        flash(gettext("%(name)s added to the case.", name=victim.name), "success")
        return redirect(url_for("cases.show", case_id=case.id))
    return render_template("cases/victim_form.html", form=form, case=case, victim=None)


@bp.route("/<int:case_id>/victims/<int:victim_id>/edit", methods=["GET", "POST"])
@permission("cases:write")
def edit_victim(case_id: int, victim_id: int):
    case = editable_case_or_404(case_id, current_user)
    victim = victim_of_case_or_404(case, victim_id)
    form = VictimForm(obj=victim, offence_date=case.offence_from) if request.method == "GET" else \
        VictimForm(offence_date=case.offence_from)
    if request.method == "GET":
        _victim_form_from(form, victim)
    if form.validate_on_submit():
        try:
            services.check_version(victim, form.version.data)
            services.update_victim(victim, grounds_change_reason=form.grounds_change_reason.data,
                                   **_victim_fields(form))
        except services.GroundsWouldBeRemoved as removal:
            db.session.rollback()
            victim = db.session.get(Victim, victim_id)
            lost = ", ".join(REASONS[code] for code in removal.removed)
            form.grounds_change_reason.errors = [
                f"This change removes the victim's enhanced-rights grounds ({lost}). Say why they no longer apply"]
        except services.Conflict:
            db.session.rollback()
            flash(str(CONFLICT_MESSAGE), "info")
            form.version.data = db.session.get(Victim, victim_id).version
        else:
            db.session.commit()
            flash(gettext("%(name)s's details saved.", name=victim.name), "success")
            return redirect(url_for("cases.show", case_id=case.id))
    audit.record(AuditAction.CONSULT, "victim", victim.id, case_id=case.id, victim_id=victim.id)
    return audit.render_disclosed("cases/victim_form.html", form=form, case=case, victim=victim)



def _case_choices(form: CaseForm) -> None:
    offences = db.session.scalars(sa.select(Offence).where(Offence.active).order_by(Offence.name))
    form.offence.choices = [SelectChoice("", gettext("Select the offence"))] + [
        SelectChoice(o.code, translate(o.name)) for o in offences]
    if current_user.role == Role.SUPERVISOR:
        officers = db.session.scalars(sa.select(User).where(
            User.team_id == current_user.team_id, User.role == Role.OFFICER, User.active).order_by(User.display_name))
        form.officer.choices = [SelectChoice(u.id, u.display_name) for u in officers]
    else:
        form.officer.choices = [SelectChoice(current_user.id, current_user.display_name)]


def _case_fields(form: CaseForm) -> dict:
    return {
        "crime_reference": form.crime_reference.data,
        "offence_code": form.offence.data,
        "domestic_abuse": form.domestic_abuse.data == "yes",
        "hate_crime": form.hate_crime.data or None,
        "reported_on": form.reported_on.data,
        "offence_from": form.offence_from.data,
        "offence_to": form.offence_to.data,
        "area": form.area.data,
    }


def _victim_fields(form: VictimForm) -> dict:
    language = form.other_language.data if form.preferred_language.data == "other" else form.preferred_language.data
    business = form.kind.data == "business"
    return {
        "role": form.role.data,
        "kind": form.kind.data,
        "name": form.name.data.strip(),
        "contact_name": form.contact_name.data or None if business else None,
        "relationship_to_primary": form.relationship_to_primary.data or None,
        "date_of_birth": None if business else form.date_of_birth.data,
        "address": form.address.data or None,
        "phone": form.phone.data or None,
        "email": form.email.data or None,
        "preferred_language": language,
        "interpreter_needed": form.interpreter_needed.data == "yes",
        "communication_needs": form.communication_needs.data or None,
        "vulnerable": "vulnerable" in (form.factors.data or []),
        "intimidated": "intimidated" in (form.factors.data or []),
        "persistently_targeted": "persistently_targeted" in (form.factors.data or []),
        "bereaved": "bereaved" in (form.factors.data or []),
        "declines_intimidated": form.declines_intimidated.data == "yes",
    }


def _victim_form_from(form: VictimForm, victim: Victim) -> None:
    form.role.data, form.kind.data = victim.role.value, victim.kind.value
    if victim.preferred_language in ("en", "cy"):
        form.preferred_language.data = victim.preferred_language
    else:
        form.preferred_language.data, form.other_language.data = "other", victim.preferred_language
    form.interpreter_needed.data = "yes" if victim.interpreter_needed else "no"
    form.declines_intimidated.data = "yes" if victim.declines_intimidated else "no"
    form.factors.data = [f for f in ("vulnerable", "intimidated", "persistently_targeted", "bereaved")
                         if getattr(victim, f)]
    form.version.data = victim.version
