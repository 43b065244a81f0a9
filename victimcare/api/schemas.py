"""The API's marshmallow schemas: what a client may send (strict: unknown fields are refused) and
what it gets back. The OpenAPI document is generated from these."""

from __future__ import annotations

import re
from datetime import date

import marshmallow as ma
import sqlalchemy as sa
from marshmallow import fields, validate

from victimcare.extensions import db
from victimcare.journey.eligibility import REASONS
from victimcare.journey.closure import OUTCOMES
from victimcare.journey.contract import CONTACT_METHODS, REFERRAL_CONSENT, WHAT_MATTERS_CATEGORIES
from victimcare.journey.needs import REFERRAL_STATUSES, RISK_LEVELS, SPECIAL_MEASURES, SUPPORT_NEEDS, VPS_CHOICES
from victimcare.journey.feedback import (
    COMPLAINT_OUTCOMES,
    COMPLAINT_SUBJECTS,
    FEEDBACK_POINTS,
    IMPACTS,
    LESSON_THEMES,
    SURVEY_STAGES,
)
from victimcare.journey.vcu import ATTEMPT_OUTCOMES
from victimcare.journey.stages import DEFAULT_FREQUENCY, FREQUENCIES, KEY_STAGE_CODES
from victimcare.models import CaseStatus, Offence, UpdateKind
from victimcare.reference_data import AREAS, CRIME_REFERENCE, HATE_CRIME_STRANDS

LANGUAGE = re.compile(r"^[a-z]{2}$")
# C0 controls other than tab, line feed and carriage return, and DEL.
CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
# The API's factor codes and the victim's flags they set.
FACTORS = {"vulnerable": "vulnerable", "intimidated": "intimidated",
           "persistently-targeted": "persistently_targeted", "bereaved": "bereaved"}


def today() -> date:
    """Today, for 'not in the future' checks (a function, so tests can move the clock)."""
    return date.today()


class StrictBoolean(fields.Boolean):
    """true or false only: "yes", 1 and "0" are a client's mistake, not a truth value."""

    def _deserialize(self, value, attr, data, **kwargs):
        if not isinstance(value, bool):
            raise self.make_error("invalid")
        return value


class Text(fields.String):
    """A string without control characters: PostgreSQL refuses NUL in text, and no field needs the others."""

    default_error_messages = {"control": "Must not contain control characters."}

    def _deserialize(self, value, attr, data, **kwargs):
        text = super()._deserialize(value, attr, data, **kwargs)
        if CONTROL_CHARACTERS.search(text):
            raise self.make_error("control")
        return text


class Strict(ma.Schema):
    class Meta:
        unknown = ma.RAISE


def _not_in_future(name: str):
    def check(value: date) -> None:
        if value > today():
            raise ma.ValidationError(f"{name} must be today or in the past")
    return check


# --- cases and victims ------------------------------------------------------------------------


class VictimInSchema(Strict):
    role = Text(load_default="primary", validate=validate.OneOf(["primary", "secondary"]))
    kind = Text(load_default="person", validate=validate.OneOf(["person", "business"]),
                         metadata={"description": "A business has a named point of contact and no enhanced rights"})
    name = Text(required=True, validate=validate.Length(min=1, max=120))
    contact_name = Text(allow_none=True, validate=validate.Length(max=120))
    relationship_to_primary = Text(allow_none=True, validate=validate.Length(max=60))
    date_of_birth = fields.Date(allow_none=True, validate=_not_in_future("Date of birth"))
    address = Text(allow_none=True, validate=validate.Length(max=500))
    phone = Text(allow_none=True, validate=validate.Length(max=40))
    email = fields.Email(allow_none=True, validate=validate.Length(max=254))
    preferred_language = Text(
        load_default="en", validate=validate.Regexp(LANGUAGE, error="Use a two-letter ISO 639-1 code, like en or cy"))
    interpreter_needed = StrictBoolean(load_default=False)
    communication_needs = Text(allow_none=True, validate=validate.Length(max=1000))
    factors = fields.List(Text(validate=validate.OneOf(list(FACTORS))), load_default=list)
    declines_intimidated = StrictBoolean(
        load_default=False, metadata={"description": "The victim says they are not intimidated (sexual offences and "
                                                     "domestic abuse complainants are presumed to be)"})

    @ma.validates_schema
    def _business_contact(self, data, **kwargs):
        if data.get("kind") == "business" and not (data.get("contact_name") or "").strip():
            raise ma.ValidationError("Enter the business's named point of contact", "contact_name")

    @ma.post_load
    def _to_fields(self, data, **kwargs):
        """The keyword arguments services.add_victim and update_victim take."""
        if "factors" in data:
            factors = data.pop("factors")
            for code, flag in FACTORS.items():
                data[flag] = code in factors
        if "name" in data:
            data["name"] = data["name"].strip()
        if data.get("kind") == "business":
            data["date_of_birth"] = None
        return data


class VictimPatchSchema(VictimInSchema):
    """Any of a victim's fields; factors, when sent, replace the recorded ones."""

    role = Text(validate=validate.OneOf(["primary", "secondary"]))
    kind = Text(validate=validate.OneOf(["person", "business"]))
    name = Text(validate=validate.Length(min=1, max=120))
    preferred_language = Text(
        validate=validate.Regexp(LANGUAGE, error="Use a two-letter ISO 639-1 code, like en or cy"))
    interpreter_needed = StrictBoolean()
    factors = fields.List(Text(validate=validate.OneOf(list(FACTORS))))
    declines_intimidated = StrictBoolean()
    grounds_change_reason = Text(validate=validate.Length(max=2000), metadata={
        "description": "Why, when the change removes enhanced-rights grounds the victim had"})


class CaseFieldsMixin:
    @staticmethod
    def check_offence(code: str) -> None:
        if db.session.scalar(sa.select(Offence.code).where(Offence.code == code, Offence.active)) is None:
            raise ma.ValidationError("Unknown offence code")

    @staticmethod
    def check_crime_reference(value: str) -> None:
        if not CRIME_REFERENCE.match(value.strip().upper()):
            raise ma.ValidationError("Crime reference must be like GP/26/012345")

    @staticmethod
    def check_dates(data: dict) -> None:
        reported, start, end = data.get("reported_on"), data.get("offence_date"), data.get("offence_to")
        if start and reported and start > reported:
            raise ma.ValidationError("Date of the offence must be on or before the date reported", "offence_date")
        if end and start and end < start:
            raise ma.ValidationError("Last date of the offence must be on or after the date of the offence",
                                     "offence_to")


class CaseInSchema(Strict, CaseFieldsMixin):
    crime_reference = Text(required=True, metadata={"example": "GP/26/7000123"})
    offence = Text(required=True, metadata={"description": "An offence code, e.g. burglary-residential"})
    domestic_abuse = StrictBoolean(load_default=False)
    hate_crime = Text(load_default=None, allow_none=True, validate=validate.OneOf(list(HATE_CRIME_STRANDS)))
    reported_on = fields.Date(required=True, validate=_not_in_future("Date reported"))
    offence_date = fields.Date(required=True, validate=_not_in_future("Date of the offence"))
    offence_to = fields.Date(load_default=None, allow_none=True, validate=_not_in_future("Last date of the offence"))
    area = Text(required=True, validate=validate.OneOf(AREAS))
    officer = Text(metadata={"description": "Username of the officer in the case (default: the token's "
                                                     "user)"})
    victims = fields.List(fields.Nested(VictimInSchema), required=True, validate=validate.Length(min=1, max=50))

    # A bulk import sets the active offence codes once rather than look each case's up.
    active_offences: set[str] | None = None

    @ma.validates("offence")
    def _offence(self, value, **kwargs):
        if self.active_offences is None:
            self.check_offence(value)
        elif value not in self.active_offences:
            raise ma.ValidationError("Unknown offence code")

    @ma.validates("crime_reference")
    def _crime_reference(self, value, **kwargs):
        self.check_crime_reference(value)

    @ma.validates_schema
    def _dates(self, data, **kwargs):
        self.check_dates(data)

    @ma.post_load
    def _normalise(self, data, **kwargs):
        data["crime_reference"] = data["crime_reference"].strip().upper()
        return data


class CasePatchSchema(Strict, CaseFieldsMixin):
    """Any of the case's own fields; victims change through their own resource."""

    crime_reference = Text()
    offence = Text()
    domestic_abuse = StrictBoolean()
    hate_crime = Text(allow_none=True, validate=validate.OneOf(list(HATE_CRIME_STRANDS)))
    reported_on = fields.Date(validate=_not_in_future("Date reported"))
    offence_date = fields.Date(validate=_not_in_future("Date of the offence"))
    offence_to = fields.Date(allow_none=True, validate=_not_in_future("Last date of the offence"))
    area = Text(validate=validate.OneOf(AREAS))
    officer = Text(metadata={"description": "Username of the officer in the case"})

    @ma.validates("offence")
    def _offence(self, value, **kwargs):
        self.check_offence(value)

    @ma.validates("crime_reference")
    def _crime_reference(self, value, **kwargs):
        self.check_crime_reference(value)

    @ma.post_load
    def _normalise(self, data, **kwargs):
        if "crime_reference" in data:
            data["crime_reference"] = data["crime_reference"].strip().upper()
        return data


class VictimSchema(ma.Schema):
    id = fields.Integer(required=True)
    role = Text(required=True)
    kind = Text(required=True)
    name = Text(required=True)
    contact_name = Text(allow_none=True)
    relationship_to_primary = Text(allow_none=True)
    date_of_birth = fields.Date(allow_none=True)
    address = Text(allow_none=True)
    phone = Text(allow_none=True)
    email = Text(allow_none=True)
    preferred_language = Text(required=True)
    interpreter_needed = fields.Boolean(required=True)
    communication_needs = Text(allow_none=True)
    factors = fields.Method("_factors", metadata={"type": "array", "items": {"type": "string"}})
    declines_intimidated = fields.Boolean(required=True)
    enhanced_rights = fields.Boolean(required=True)
    enhanced_reasons = fields.List(Text(validate=validate.OneOf(list(REASONS))), required=True,
                                   attribute="enhanced_reason_codes")
    version = fields.Integer(required=True)

    def _factors(self, victim) -> list[str]:
        return [code for code, flag in FACTORS.items() if getattr(victim, flag)]


class CaseSchema(ma.Schema):
    id = fields.Integer(required=True)
    crime_reference = Text(required=True)
    offence = Text(required=True, attribute="offence_code")
    domestic_abuse = fields.Boolean(required=True)
    hate_crime = Text(allow_none=True, required=True)
    reported_on = fields.Date(required=True)
    offence_date = fields.Date(required=True, attribute="offence_from")
    offence_to = fields.Date(allow_none=True, required=True)
    area = Text(required=True)
    officer = fields.Function(lambda case: case.officer.username, required=True,
                              metadata={"type": "string", "description": "Username of the officer in the case"})
    status = fields.Enum(CaseStatus, by_value=True, required=True)
    referral_due_on = fields.Date(allow_none=True, required=True,
                                  metadata={"description": "Right 4: refer to support services by this day"})
    closed_on = fields.Date(allow_none=True, required=True)
    version = fields.Integer(required=True, metadata={"description": "Also sent as the ETag"})
    victims = fields.List(fields.Nested(VictimSchema), required=True)


class CaseListQuerySchema(Strict):
    status = fields.Enum(CaseStatus, by_value=True)
    area = Text(validate=validate.OneOf(AREAS))
    reported_from = fields.Date()
    reported_to = fields.Date()
    cursor = Text(validate=validate.Length(max=40), metadata={"description": "next_cursor from the last page"})
    limit = fields.Integer(load_default=50, validate=validate.Range(min=1, max=200))


class CasePageSchema(ma.Schema):
    items = fields.List(fields.Nested(CaseSchema), required=True)
    next_cursor = Text(allow_none=True, required=True,
                                metadata={"description": "Pass as cursor for the next page; null on the last page"})


# --- key-stage events and the updates they make due -------------------------------------------


class EventInSchema(Strict):
    type = Text(required=True, validate=validate.OneOf(sorted(KEY_STAGE_CODES)),
                         metadata={"description": "A key-stage code, e.g. arrested, charged, no-further-action"})
    occurred_on = fields.Date(required=True, validate=_not_in_future("Date it happened"))
    notes = Text(load_default=None, allow_none=True, validate=validate.Length(max=2000))


class UpdateDueSchema(ma.Schema):
    victim_id = fields.Integer(required=True)
    due_on = fields.Date(required=True)


class EventSchema(ma.Schema):
    id = fields.Integer(required=True)
    case_id = fields.Integer(required=True)
    type = Text(required=True, attribute="stage")
    occurred_on = fields.Date(required=True)
    notes = Text(allow_none=True, required=True)
    updates_due = fields.List(fields.Nested(UpdateDueSchema), required=True,
                              metadata={"description": "For each victim who wants updates, the day the Victims' "
                                                       "Code's update about this event is due"})


class UpdateOwedSchema(UpdateDueSchema):
    given_on = fields.Date(allow_none=True, required=True, metadata={"description": "null until it is given"})


class EventWithUpdatesSchema(EventSchema):
    updates_due = fields.List(fields.Nested(UpdateOwedSchema), required=True)


class EventListSchema(ma.Schema):
    items = fields.List(fields.Nested(EventWithUpdatesSchema), required=True)


class UpdateListQuerySchema(Strict):
    status = Text(validate=validate.OneOf(["due", "overdue"]),
                           metadata={"description": "due: not yet late; overdue: past its day; omit for both"})
    cursor = Text(validate=validate.Length(max=80), metadata={"description": "next_cursor from the last page"})
    limit = fields.Integer(load_default=50, validate=validate.Range(min=1, max=200))


class UpdateSchema(ma.Schema):
    id = fields.Integer(required=True)
    case_id = fields.Integer(required=True)
    crime_reference = fields.Function(lambda u: u.case.crime_reference, required=True, metadata={"type": "string"})
    victim_id = fields.Integer(required=True)
    victim_name = fields.Function(lambda u: u.victim.name, required=True, metadata={"type": "string"})
    kind = fields.Enum(UpdateKind, by_value=True, required=True)
    stage = fields.Function(lambda u: u.event.stage if u.event else None, required=True,
                            metadata={"type": "string", "nullable": True,
                                      "description": "The key stage the update is about (key-stage updates)"})
    due_on = fields.Date(required=True)
    overdue = fields.Function(lambda u: u.due_on < today(), required=True, metadata={"type": "boolean"})


class UpdatePageSchema(ma.Schema):
    items = fields.List(fields.Nested(UpdateSchema), required=True)
    next_cursor = Text(allow_none=True, required=True)


# --- contracts and what matters -----------------------------------------------------------------


class ContractInSchema(Strict):
    agreed_on = fields.Date(required=True, validate=_not_in_future("Date agreed"))
    wants_updates = StrictBoolean(required=True)
    methods = fields.List(Text(validate=validate.OneOf(list(CONTACT_METHODS))), load_default=list)
    frequency = Text(load_default=DEFAULT_FREQUENCY, validate=validate.OneOf(list(FREQUENCIES)))
    update_within_days = fields.Integer(
        load_default=None, allow_none=True, strict=True, validate=validate.Range(min=0, max=5),
        metadata={"description": "Only if the victim asked for sooner than the Victims' Code (working days)"})
    good_times = Text(load_default=None, allow_none=True, validate=validate.Length(max=200))
    may_leave_messages = StrictBoolean(load_default=False)
    representative = Text(load_default=None, allow_none=True, validate=validate.Length(max=200))
    language = Text(load_default="en",
                    validate=validate.Regexp(LANGUAGE, error="Use a two-letter ISO 639-1 code, like en or cy"))
    interpreter_needed = StrictBoolean(load_default=False)
    referral_consent = Text(load_default="not-asked", validate=validate.OneOf(list(REFERRAL_CONSENT)))

    @ma.validates_schema
    def _methods(self, data, **kwargs):
        if data.get("wants_updates") and not data.get("methods"):
            raise ma.ValidationError("Select at least one way to contact the victim", "methods")
        if "representative" in (data.get("methods") or []) and not (data.get("representative") or "").strip():
            raise ma.ValidationError("Updates through a representative need the representative's details",
                                     "representative")

    @ma.post_load
    def _to_fields(self, data, **kwargs):
        """The keyword arguments contracts.record_contract takes."""
        data["methods"] = ",".join(dict.fromkeys(data["methods"])) if data["wants_updates"] else ""
        return data


class WhatMattersInSchema(Strict):
    category = Text(required=True, validate=validate.OneOf(list(WHAT_MATTERS_CATEGORIES)))
    in_their_words = Text(required=True, validate=validate.Length(min=1, max=2000))

    @ma.validates("in_their_words")
    def _not_blank(self, value, **kwargs):
        if not value.strip():
            raise ma.ValidationError("Enter what matters, in the victim's words")


class WhatMattersSchema(ma.Schema):
    id = fields.Integer(required=True)
    category = Text(required=True)
    in_their_words = Text(required=True)
    outcome = Text(allow_none=True, required=True, metadata={"description": "How far it was met, at the end"})
    outcome_explanation = Text(allow_none=True, required=True)


class WhatMattersAssessmentInSchema(Strict):
    outcome = Text(required=True, validate=validate.OneOf(list(OUTCOMES)),
                   metadata={"description": "How far it was met: " + ", ".join(OUTCOMES)})
    explanation = Text(required=True, validate=validate.Length(min=1, max=2000))

    @ma.validates("explanation")
    def _not_blank(self, value, **kwargs):
        if not value.strip():
            raise ma.ValidationError("Explain the assessment")


class ContractSchema(ma.Schema):
    revision = fields.Integer(required=True, metadata={"description": "Also sent as the ETag"})
    agreed_on = fields.Date(required=True)
    wants_updates = fields.Boolean(required=True)
    methods = fields.List(Text(), required=True)
    frequency = Text(required=True)
    update_within_days = fields.Integer(allow_none=True, required=True)
    good_times = Text(allow_none=True, required=True)
    may_leave_messages = fields.Boolean(required=True)
    representative = Text(allow_none=True, required=True)
    language = Text(required=True)
    interpreter_needed = fields.Boolean(required=True)
    referral_consent = Text(required=True)
    what_matters_declined = fields.Boolean(required=True)
    what_matters = fields.List(fields.Nested(WhatMattersSchema), required=True)


# --- closure (E) and the supervisor's review (S) ------------------------------------------------


class ClosureRequestInSchema(Strict):
    outcome = Text(required=True, validate=validate.Length(min=1, max=5000),
                   metadata={"description": "The outcome of the investigation"})

    @ma.validates("outcome")
    def _not_blank(self, value, **kwargs):
        if not value.strip():
            raise ma.ValidationError("Enter the outcome of the investigation")


class ClosureDecisionInSchema(Strict):
    decision = Text(required=True, validate=validate.OneOf(["approve", "return"]))
    actions = Text(load_default=None, allow_none=True, validate=validate.Length(max=5000),
                   metadata={"description": "The actions required (needed to return the case)"})

    @ma.validates_schema
    def _actions(self, data, **kwargs):
        if data.get("decision") == "return" and not (data.get("actions") or "").strip():
            raise ma.ValidationError("Enter the actions required before the case can close", "actions")


class ClosureStepSchema(ma.Schema):
    id = fields.Integer(required=True)
    case_id = fields.Integer(required=True)
    step = Text(required=True, metadata={"description": "requested, approved, returned or reopened"})
    outcome = Text(allow_none=True, required=True)
    reason = Text(allow_none=True, required=True)
    by = fields.Function(lambda step: step.by.username, required=True, metadata={"type": "string"})
    case_status = fields.Function(lambda step: step.case_status, required=True, metadata={"type": "string"})


# --- needs assessments and referrals (A) --------------------------------------------------------


class AssessmentInSchema(Strict):
    assessed_on = fields.Date(required=True, validate=_not_in_future("Date assessed"))
    risk = Text(required=True, validate=validate.OneOf(list(RISK_LEVELS)))
    vulnerability_notes = Text(load_default=None, allow_none=True, validate=validate.Length(max=3000))
    support_needs = fields.List(Text(validate=validate.OneOf(list(SUPPORT_NEEDS))), load_default=list)
    special_measures = fields.List(Text(validate=validate.OneOf(list(SPECIAL_MEASURES))), load_default=list)
    vps = Text(load_default="not-offered", validate=validate.OneOf(list(VPS_CHOICES)),
               metadata={"description": "Victim Personal Statement: offered and made, declined, ..."})
    vps_offered_on = fields.Date(load_default=None, allow_none=True, validate=_not_in_future("Date the VPS was offered"))
    notes = Text(load_default=None, allow_none=True, validate=validate.Length(max=3000))

    @ma.validates_schema
    def _vps_date(self, data, **kwargs):
        if data.get("vps", "not-offered") != "not-offered" and data.get("vps_offered_on") is None:
            raise ma.ValidationError("Enter the date the VPS was offered", "vps_offered_on")

    @ma.post_load
    def _to_fields(self, data, **kwargs):
        """The keyword arguments needs.record_assessment takes."""
        data["support_needs"] = ",".join(dict.fromkeys(data["support_needs"]))
        data["special_measures"] = ",".join(dict.fromkeys(data["special_measures"]))
        data["vps_taken"] = data.pop("vps")
        if data["vps_taken"] == "not-offered":
            data["vps_offered_on"] = None
        return data


def _codes(text: str) -> list[str]:
    return [code for code in (text or "").split(",") if code]


class AssessmentSchema(ma.Schema):
    id = fields.Integer(required=True)
    assessed_on = fields.Date(required=True)
    risk = Text(required=True)
    vulnerability_notes = Text(allow_none=True, required=True)
    support_needs = fields.Function(lambda a: _codes(a.support_needs), required=True,
                                    metadata={"type": "array", "items": {"type": "string"}})
    special_measures = fields.Function(lambda a: _codes(a.special_measures), required=True,
                                       metadata={"type": "array", "items": {"type": "string"}})
    vps = Text(required=True, attribute="vps_taken")
    vps_offered_on = fields.Date(allow_none=True, required=True)
    notes = Text(allow_none=True, required=True)


class ReferralInSchema(Strict):
    service = Text(required=True, metadata={"description": "A support service code, e.g. victim-support"})
    referred_on = fields.Date(required=True, validate=_not_in_future("Date referred"))


class ReferralPatchSchema(Strict):
    status = Text(required=True, validate=validate.OneOf(list(REFERRAL_STATUSES)),
                  metadata={"description": "sent, accepted, declined-by-agency, service-started or closed"})
    outcome = Text(allow_none=True, validate=validate.Length(max=2000),
                   metadata={"description": "What came of the referral; left as it was when absent or null"})


class ReferralSchema(ma.Schema):
    id = fields.Integer(required=True)
    service = Text(required=True, attribute="service_code")
    referred_on = fields.Date(allow_none=True, required=True)
    consent = Text(required=True, metadata={"description": "given, or automatic (the victim did not opt out)"})
    status = Text(required=True)
    outcome = Text(allow_none=True, required=True)


# --- the Victim Care Unit's follow-ups ----------------------------------------------------------


class FollowUpQuerySchema(Strict):
    area = Text(validate=validate.OneOf(AREAS))
    offence_category = Text(validate=validate.Length(max=80))
    assignee = Text(validate=validate.OneOf(["me", "unclaimed"]))
    cursor = Text(validate=validate.Length(max=120), metadata={"description": "next_cursor from the last page"})
    limit = fields.Integer(load_default=50, validate=validate.Range(min=1, max=200))


class FollowUpSchema(ma.Schema):
    id = fields.Integer(required=True)
    case_id = fields.Integer(required=True)
    crime_reference = fields.Function(lambda f: f.case.crime_reference, required=True, metadata={"type": "string"})
    victim_id = fields.Integer(required=True)
    victim_name = fields.Function(lambda f: f.victim.name, required=True, metadata={"type": "string"})
    enhanced_rights = fields.Function(lambda f: f.priority == 0, required=True, metadata={"type": "boolean"})
    area = Text(required=True)
    offence_category = Text(required=True)
    due_on = fields.Date(required=True)
    status = Text(required=True, metadata={"description": "open, letter-needed or done"})
    claimed_by = fields.Function(lambda f: f.claimed_by.username if f.claimed_by else None, required=True,
                                 metadata={"type": "string", "nullable": True})
    outcome = Text(allow_none=True, required=True)


class FollowUpPageSchema(ma.Schema):
    items = fields.List(fields.Nested(FollowUpSchema), required=True)
    next_cursor = Text(allow_none=True, required=True)


class AttemptInSchema(Strict):
    attempted_on = fields.Date(required=True, validate=_not_in_future("Date of the attempt"))
    method = Text(required=True, validate=validate.OneOf(list(CONTACT_METHODS)))
    outcome = Text(required=True, validate=validate.OneOf(list(ATTEMPT_OUTCOMES)))
    notes = Text(load_default=None, allow_none=True, validate=validate.Length(max=2000))


# --- feedback -----------------------------------------------------------------------------------


class AnswersSchema(Strict):
    """Each survey stage on the 7-point scale: 1 completely satisfied ... 7 completely dissatisfied."""

    ease_of_contact = fields.Integer(load_default=None, allow_none=True, strict=True, validate=validate.Range(1, 7))
    actions_taken = fields.Integer(load_default=None, allow_none=True, strict=True, validate=validate.Range(1, 7))
    kept_informed = fields.Integer(load_default=None, allow_none=True, strict=True, validate=validate.Range(1, 7))
    treatment = fields.Integer(load_default=None, allow_none=True, strict=True, validate=validate.Range(1, 7))
    whole_experience = fields.Integer(load_default=None, allow_none=True, strict=True,
                                      validate=validate.Range(1, 7))

    @ma.validates_schema
    def _some_answer(self, data, **kwargs):
        if all(answer is None for answer in data.values()):
            raise ma.ValidationError("Record at least one answer")


class ImpactInSchema(Strict):
    impact = Text(required=True, validate=validate.OneOf(list(IMPACTS)))
    comment = Text(load_default=None, allow_none=True, validate=validate.Length(max=1000))


class FeedbackInSchema(Strict):
    stage = Text(required=True, validate=validate.OneOf(list(FEEDBACK_POINTS)))
    surveyed_on = fields.Date(required=True, validate=_not_in_future("Date of the feedback"))
    answers = fields.Nested(AnswersSchema, required=True)
    comments = Text(load_default=None, allow_none=True, validate=validate.Length(max=5000))
    consent_to_use = StrictBoolean(load_default=False)
    impacts = fields.Dict(keys=Text(validate=validate.Length(max=40)), values=fields.Nested(ImpactInSchema),
                          load_default=dict, metadata={"description": "Impact of each agency the victim was "
                                                                      "referred to, by service code"})



class FeedbackSchema(ma.Schema):
    id = fields.Integer(required=True)
    case_id = fields.Integer(required=True)
    victim_id = fields.Integer(required=True)
    stage = Text(required=True)
    surveyed_on = fields.Date(required=True)
    answers = fields.Function(lambda f: {stage: getattr(f, stage) for stage in SURVEY_STAGES}, required=True,
                              metadata={"type": "object"})
    comments = Text(allow_none=True, required=True)
    consent_to_use = fields.Boolean(required=True)
    service_recovery = fields.Function(lambda f: f.service_recovery, required=True, metadata={
        "type": "boolean", "description": "Dissatisfied: the case's supervisor has a service-recovery item"})


# --- bulk import from the records system ------------------------------------------------------


class ImportQuerySchema(Strict):
    skip_invalid = fields.Boolean(load_default=False, metadata={
        "description": "Import the valid cases and list the skipped ones, rather than import nothing"})


class ImportRequestSchema(Strict):
    """The JSON form of an import (documentation: the body is read by the import itself, line by line)."""

    cases = fields.List(fields.Nested(CaseInSchema), required=True,
                        metadata={"description": "Each case as POST /api/v1/cases takes it, with `officer`"})


class SkippedCaseSchema(ma.Schema):
    lines = fields.List(fields.Integer(), required=True)
    crime_reference = Text(required=True)


class ImportReportSchema(ma.Schema):
    created = fields.Integer(required=True)
    updated = fields.Integer(required=True)
    unchanged = fields.Integer(required=True)
    skipped = fields.List(fields.Nested(SkippedCaseSchema), required=True,
                          metadata={"description": "With skip_invalid: the cases not imported, by line"})
    errors = fields.Dict(keys=Text(), values=fields.Dict(keys=Text(), values=fields.List(Text())), required=True,
                         metadata={"description": "By line (for a JSON body, the case's position in cases, from "
                                                  "1), then by field: what is wrong"})


class ImportRefusedSchema(ma.Schema):
    """422: the import's report (nothing imported), or a bad query parameter's `{"errors": {field: [...]}}`."""

    created = fields.Integer()
    updated = fields.Integer()
    unchanged = fields.Integer()
    skipped = fields.List(fields.Nested(SkippedCaseSchema))
    errors = fields.Dict(keys=Text(), values=fields.Raw(), required=True)
# --- pages of a list read -----------------------------------------------------------------------


class PageQuerySchema(Strict):
    cursor = Text(validate=validate.Length(max=80), metadata={"description": "next_cursor from the last page"})
    limit = fields.Integer(load_default=50, validate=validate.Range(min=1, max=200))


def page_of(item_schema) -> type[ma.Schema]:
    """The body of a cursor-paged list of `item_schema`."""
    name = item_schema.__name__.removesuffix("Schema")
    return ma.Schema.from_dict({
        "items": fields.List(fields.Nested(item_schema), required=True),
        "next_cursor": Text(allow_none=True, required=True,
                            metadata={"description": "Pass as cursor for the next page; null on the last page"}),
    }, name=f"{name}PageSchema")


AssessmentPageSchema = page_of(AssessmentSchema)
ReferralPageSchema = page_of(ReferralSchema)
FeedbackPageSchema = page_of(FeedbackSchema)


# --- updates given to victims (R) ---------------------------------------------------------------


class ProgressInSchema(Strict):
    what_matters_id = fields.Integer(required=True, strict=True, validate=validate.Range(min=1, max=2**31 - 1))
    progress = Text(required=True, validate=validate.Length(min=1, max=5000))


class GiveUpdateInSchema(Strict):
    given_on = fields.Date(required=True, validate=_not_in_future("Date the update was given"))
    method = Text(required=True, validate=validate.OneOf(list(CONTACT_METHODS)))
    what_was_said = Text(required=True, validate=validate.Length(min=1, max=5000))
    victims_views = Text(required=True, validate=validate.Length(min=1, max=5000), metadata={
        "description": "The victim's views on the investigation at this stage (or that they had none)"})
    told_right_to_review = StrictBoolean(load_default=None, allow_none=True, metadata={
        "description": "No-further-action updates only, and required there: was the victim told how to ask for a "
                       "review under the Victims' Right to Review?"})
    progress = fields.List(fields.Nested(ProgressInSchema), load_default=list, validate=validate.Length(max=100),
                           metadata={"description": "Progress on each thing that matters to the victim"})

    @ma.validates("what_was_said")
    def _said(self, value, **kwargs):
        if not value.strip():
            raise ma.ValidationError("Enter what the victim was told")

    @ma.validates("victims_views")
    def _views(self, value, **kwargs):
        if not value.strip():
            raise ma.ValidationError("Record the victim's views, or that they had none")


class OverdueReasonInSchema(Strict):
    reason = Text(required=True, validate=validate.Length(min=1, max=2000))

    @ma.validates("reason")
    def _not_blank(self, value, **kwargs):
        if not value.strip():
            raise ma.ValidationError("Enter why the update is late")


class CaseUpdateSchema(ma.Schema):
    """An update owed to a victim and, once given, what was said."""

    id = fields.Integer(required=True)
    case_id = fields.Integer(required=True)
    victim_id = fields.Integer(required=True)
    kind = fields.Enum(UpdateKind, by_value=True, required=True)
    stage = fields.Function(lambda u: u.event.stage if u.event else None, required=True,
                            metadata={"type": "string", "nullable": True})
    event_id = fields.Integer(allow_none=True, required=True)
    due_on = fields.Date(required=True)
    overdue_reason = Text(allow_none=True, required=True)
    given_on = fields.Date(allow_none=True, required=True)
    given_by = fields.Function(lambda u: u.given_by.username if u.given_by else None, required=True,
                               metadata={"type": "string", "nullable": True})
    method = Text(allow_none=True, required=True)
    what_was_said = Text(allow_none=True, required=True)
    victims_views = Text(allow_none=True, required=True)
    told_right_to_review = fields.Boolean(allow_none=True, required=True)
    version = fields.Integer(required=True, metadata={"description": "Also sent as the ETag"})


CaseUpdatePageSchema = page_of(CaseUpdateSchema)


# --- the Victim Care Unit: one follow-up, the call, the letter ----------------------------------


class AttemptSchema(ma.Schema):
    id = fields.Integer(required=True)
    attempted_on = fields.Date(required=True)
    method = Text(required=True)
    outcome = Text(required=True)
    notes = Text(allow_none=True, required=True)
    by = fields.Function(lambda a: a.by.username, required=True, metadata={"type": "string"})


class SupportOfferSchema(ma.Schema):
    need = Text(required=True)
    accepted = fields.Boolean(required=True)


class FollowUpDetailSchema(FollowUpSchema):
    letter_sent_on = fields.Date(allow_none=True, required=True)
    completed_on = fields.Date(allow_none=True, required=True)
    notes = Text(allow_none=True, required=True)
    attempts = fields.List(fields.Nested(AttemptSchema), required=True)
    support_offered = fields.List(fields.Nested(SupportOfferSchema), required=True,
                                  metadata={"description": "Support offered per need when the victim was reached, "
                                                           "and whether they took it up"})
    version = fields.Integer(required=True, metadata={"description": "Also sent as the ETag"})


class SupportOfferInSchema(Strict):
    need = Text(required=True, validate=validate.OneOf(list(SUPPORT_NEEDS)))
    accepted = StrictBoolean(required=True, metadata={"description": "Whether the victim took the support up"})


class ReachedInSchema(Strict):
    reached_on = fields.Date(required=True, validate=_not_in_future("Date reached"))
    support_offered = fields.List(fields.Nested(SupportOfferInSchema), load_default=list,
                                  validate=validate.Length(max=len(SUPPORT_NEEDS)))
    notes = Text(load_default=None, allow_none=True, validate=validate.Length(max=3000),
                 metadata={"description": "Notes for the officer in the case"})

    @ma.validates("support_offered")
    def _each_need_once(self, value, **kwargs):
        # A need that failed its own check is missing here: it is reported on its own.
        needs = [offer["need"] for offer in value if "need" in offer]
        if len(set(needs)) != len(needs):
            raise ma.ValidationError("Give each need once")


class LetterInSchema(Strict):
    sent_on = fields.Date(required=True, validate=_not_in_future("Date the letter was sent"))


# --- enhanced-rights grounds, reopening, complaints, service recovery ---------------------------


class EnhancedGroundInSchema(Strict):
    reason = Text(required=True, validate=validate.OneOf(list(REASONS)))
    note = Text(required=True, validate=validate.Length(min=1, max=2000),
                metadata={"description": "Why the ground applies"})

    @ma.validates("note")
    def _not_blank(self, value, **kwargs):
        if not value.strip():
            raise ma.ValidationError("Say why the ground applies")


class ReopenInSchema(Strict):
    reason = Text(required=True, validate=validate.Length(min=1, max=2000))

    @ma.validates("reason")
    def _not_blank(self, value, **kwargs):
        if not value.strip():
            raise ma.ValidationError("Enter why the case is being reopened")


class ComplaintInSchema(Strict):
    received_on = fields.Date(required=True, validate=_not_in_future("Date the complaint was received"))
    about = Text(required=True, validate=validate.OneOf(list(COMPLAINT_SUBJECTS)))
    outcome = Text(load_default="open", validate=validate.OneOf(list(COMPLAINT_OUTCOMES)))
    notes = Text(load_default=None, allow_none=True, validate=validate.Length(max=5000))


class ComplaintSchema(ma.Schema):
    id = fields.Integer(required=True)
    case_id = fields.Integer(required=True)
    received_on = fields.Date(required=True)
    about = Text(required=True)
    outcome = Text(required=True)
    notes = Text(allow_none=True, required=True)
    recorded_by = fields.Function(lambda c: c.recorded_by.username, required=True, metadata={"type": "string"})


ComplaintPageSchema = page_of(ComplaintSchema)


class RecoveryQuerySchema(PageQuerySchema):
    status = Text(load_default="open", validate=validate.OneOf(["open", "done"]))


class RecoveryFeedbackSchema(FeedbackSchema):
    class Meta:
        exclude = ("service_recovery",)


class RecoverySchema(ma.Schema):
    id = fields.Integer(required=True)
    case_id = fields.Integer(required=True)
    crime_reference = fields.Function(lambda r: r.case.crime_reference, required=True, metadata={"type": "string"})
    feedback = fields.Nested(RecoveryFeedbackSchema, required=True,
                             metadata={"description": "The feedback whose dissatisfied answer raised the item"})
    status = Text(required=True, metadata={"description": "open or done"})
    what_was_done = Text(allow_none=True, required=True)
    lessons_learnt = Text(allow_none=True, required=True)
    lesson_theme = Text(allow_none=True, required=True)
    version = fields.Integer(required=True, metadata={"description": "Also sent as the ETag"})


RecoveryPageSchema = page_of(RecoverySchema)


class RecoveryCloseInSchema(Strict):
    what_was_done = Text(required=True, validate=validate.Length(min=1, max=5000))
    lessons_learnt = Text(required=True, validate=validate.Length(min=1, max=5000))
    lesson_theme = Text(required=True, validate=validate.OneOf(list(LESSON_THEMES)),
                        metadata={"description": "What the lesson was mostly about (the Board sees counts by theme)"})

    @ma.validates("what_was_done")
    def _done(self, value, **kwargs):
        if not value.strip():
            raise ma.ValidationError("Enter what was done")

    @ma.validates("lessons_learnt")
    def _learnt(self, value, **kwargs):
        if not value.strip():
            raise ma.ValidationError("Enter what was learnt")
