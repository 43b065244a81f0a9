"""Forms for recording a case and its victims."""

from __future__ import annotations

import re
from datetime import date

from flask_babel import gettext
from flask_wtf import FlaskForm
from govuk_frontend_wtf.wtforms_widgets import (
    GovCheckboxesInput,
    GovRadioInput,
    GovSelect,
    GovSubmitInput,
    GovTextArea,
    GovTextInput,
)
from wtforms import (
    HiddenField,
    RadioField,
    SelectField,
    SelectMultipleField,
    StringField,
    SubmitField,
    TextAreaField,
)
from wtforms.fields.choices import SelectChoice
from wtforms.validators import Email, InputRequired, Length, Optional, ValidationError

from victimcare.i18n import lazy_gettext as _l
from forms.fields import GovDateField
from victimcare.reference_data import AREAS, CRIME_REFERENCE, HATE_CRIME_STRANDS

LANGUAGES = [SelectChoice("en", _l("English")), SelectChoice("cy", _l("Welsh (Cymraeg)")), SelectChoice("other", _l("Another language"))]
YES_NO = [SelectChoice("no", _l("No")), SelectChoice("yes", _l("Yes"))]


def not_in_future(form, field):
    if field.data and field.data > date.today():
        raise ValidationError(gettext("%(name)s must be today or in the past", name=field.label.text))


class CaseForm(FlaskForm):
    crime_reference = StringField(
        _l("Crime reference"), description=_l("As in the records system, for example GP/26/012345"),
        widget=GovTextInput(), validators=[InputRequired(message=_l("Enter the crime reference")), Length(max=20)])
    offence = SelectField(_l("Offence"), widget=GovSelect(), validators=[InputRequired(message=_l("Select the offence"))])
    domestic_abuse = RadioField(_l("Is this domestic abuse related?"), choices=YES_NO, default="no",
                                widget=GovRadioInput(), validators=[InputRequired(message=_l("Say whether this is domestic abuse related"))])
    hate_crime = SelectField(
        _l("Hate crime"), description=_l("If the offence was motivated by hostility to a protected characteristic"),
        choices=[SelectChoice("", _l("Not a hate crime"))] + [SelectChoice(k, v) for k, v in HATE_CRIME_STRANDS.items()],
        widget=GovSelect(), validators=[Optional()])
    reported_on = GovDateField(_l("Date reported"), required_message=_l("Enter the date the crime was reported"),
                               validators=[not_in_future])
    offence_from = GovDateField(_l("Date of the offence"), description=_l("If it happened over a period, the first date"),
                                required_message=_l("Enter the date of the offence"), validators=[not_in_future])
    offence_to = GovDateField(_l("Last date of the offence"), description=_l("Only if it happened over a period"),
                              validators=[not_in_future])
    area = SelectField(_l("Local authority area"), choices=[SelectChoice("", _l("Select an area"))] + [SelectChoice(a, a) for a in AREAS],
                       widget=GovSelect(), validators=[InputRequired(message=_l("Select the area"))])
    officer = SelectField(_l("Officer in the case"), widget=GovSelect(), coerce=int,
                          validators=[InputRequired(message=_l("Select the officer in the case"))])
    version = HiddenField()
    submit = SubmitField(_l("Save case"), widget=GovSubmitInput())

    def validate_crime_reference(self, field):
        field.data = (field.data or "").strip().upper()
        if not CRIME_REFERENCE.match(field.data):
            raise ValidationError(_l("Crime reference must be like GP/26/012345"))

    def validate_offence_from(self, field):
        if field.data and self.reported_on.data and field.data > self.reported_on.data:
            raise ValidationError(_l("Date of the offence must be on or before the date reported"))

    def validate_offence_to(self, field):
        if field.data and self.offence_from.data and field.data < self.offence_from.data:
            raise ValidationError(_l("Last date of the offence must be on or after the date of the offence"))


FACTORS = [
    SelectChoice("vulnerable", _l("Vulnerable: evidence likely to be affected by a mental disorder, impairment of intelligence and social functioning, or a physical disability or disorder")),
    SelectChoice("intimidated", _l("Intimidated: evidence likely to be affected by fear or distress about testifying")),
    SelectChoice("persistently_targeted", _l("Persistently targeted over a period of time")),
    SelectChoice("bereaved", _l("Close relative bereaved by criminal conduct")),
]


class VictimForm(FlaskForm):
    role = RadioField(_l("Victim"), choices=[SelectChoice("primary", _l("Primary victim")), SelectChoice("secondary", _l("Secondary victim"))],
                      default="primary", widget=GovRadioInput(), validators=[InputRequired(message=_l("Select primary or secondary victim"))])
    kind = RadioField(_l("Person or business"), choices=[SelectChoice("person", _l("A person")), SelectChoice("business", _l("A business or organisation"))],
                      default="person", widget=GovRadioInput(), validators=[InputRequired(message=_l("Select a person or a business"))])
    name = StringField(_l("Full name"), description=_l("For a business, its name"), widget=GovTextInput(),
                       validators=[InputRequired(message=_l("Enter the victim's name")), Length(max=120)])
    # No Optional(): it would stop validate_contact_name, which requires it for a business.
    contact_name = StringField(_l("Named point of contact"), description=_l("For a business only"), widget=GovTextInput(),
                               validators=[Length(max=120)])
    relationship_to_primary = StringField(_l("Relationship to the primary victim"),
                                          description=_l("For a secondary victim, for example child in the household"),
                                          widget=GovTextInput(), validators=[Optional(), Length(max=60)])
    date_of_birth = GovDateField(_l("Date of birth"), description=_l("For example, 27 3 1985"))
    address = TextAreaField(_l("Address"), widget=GovTextArea(), validators=[Optional(), Length(max=500)])
    phone = StringField(_l("Phone"), widget=GovTextInput(), validators=[Optional(), Length(max=40)])
    email = StringField(_l("Email"), widget=GovTextInput(),
                        validators=[Optional(), Email(message=_l("Enter an email address like name@example.org")), Length(max=254)])
    preferred_language = RadioField(_l("Preferred language"), choices=LANGUAGES, default="en", widget=GovRadioInput(),
                                    validators=[InputRequired(message=_l("Select the preferred language"))])
    other_language = StringField(_l("Which language?"), description=_l("Two-letter code, for example pl for Polish"),
                                 widget=GovTextInput(), validators=[Length(max=8)])
    interpreter_needed = RadioField(_l("Interpreter needed?"), choices=YES_NO, default="no", widget=GovRadioInput())
    communication_needs = TextAreaField(_l("Communication needs"), widget=GovTextArea(),
                                        validators=[Optional(), Length(max=1000)])
    factors = SelectMultipleField(_l("Does any of these apply?"), choices=FACTORS, widget=GovCheckboxesInput(),
                                  validators=[Optional()])
    grounds_change_reason = TextAreaField(
        _l("Why do these grounds no longer apply?"), widget=GovTextArea(), validators=[Length(max=2000)])
    declines_intimidated = RadioField(
        _l("Does the victim say they are not intimidated?"),
        description=_l("Complainants of sexual offences and domestic abuse are treated as intimidated unless they say otherwise"),
        choices=YES_NO, default="no", widget=GovRadioInput())
    version = HiddenField()
    submit = SubmitField(_l("Save victim"), widget=GovSubmitInput())

    def __init__(self, *args, offence_date: date | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.offence_date = offence_date

    def validate_date_of_birth(self, field):
        if field.data and field.data > date.today():
            raise ValidationError(_l("Date of birth must be in the past"))
        if field.data and self.offence_date and field.data > self.offence_date:
            raise ValidationError(_l("Date of birth must be before the date of the offence"))
        if field.data and field.data.year < 1900:
            raise ValidationError(_l("Date of birth must be after 1900"))

    def validate_contact_name(self, field):
        if self.kind.data == "business" and not field.data:
            raise ValidationError(_l("Enter the business's named point of contact"))

    def validate_other_language(self, field):
        if self.preferred_language.data == "other":
            code = (field.data or "").strip().lower()
            if not re.fullmatch(r"[a-z]{2,3}", code):
                raise ValidationError(_l("Enter the language as a two-letter code, for example pl"))
            field.data = code


class EnhancedGroundForm(FlaskForm):
    reason = SelectField(_l("Ground"), widget=GovSelect(), validators=[InputRequired(message=_l("Select the ground"))])
    note = TextAreaField(_l("Why does it apply?"), widget=GovTextArea(),
                         validators=[InputRequired(message=_l("Say why the ground applies")), Length(max=2000)])
    submit = SubmitField(_l("Add ground"), widget=GovSubmitInput())


class AcknowledgementForm(FlaskForm):
    sent_on = GovDateField(_l("Date the written acknowledgement was sent"),
                           required_message=_l("Enter the date the acknowledgement was sent"), validators=[not_in_future])
    submit = SubmitField(_l("Record acknowledgement"), widget=GovSubmitInput())
