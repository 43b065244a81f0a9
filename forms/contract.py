"""C: the contract with a victim, and what matters to them."""

from __future__ import annotations

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
    IntegerField,
    RadioField,
    SelectField,
    SelectMultipleField,
    StringField,
    SubmitField,
    TextAreaField,
)
from wtforms.fields.choices import SelectChoice
from wtforms.validators import (
    InputRequired,
    Length,
    NumberRange,
    Optional,
    ValidationError,
)

from victimcare.i18n import lazy_gettext as _l
from forms.cases import LANGUAGES, YES_NO, not_in_future
from forms.fields import GovDateField
from victimcare.journey.contract import (
    CONTACT_METHODS,
    REFERRAL_CONSENT,
    WHAT_MATTERS_CATEGORIES,
)
from victimcare.journey.stages import FREQUENCIES


class ContractForm(FlaskForm):
    agreed_on = GovDateField(_l("Date agreed"), required_message=_l("Enter the date the contract was agreed"),
                             validators=[not_in_future])
    wants_updates = RadioField(
        _l("Does the victim want to be updated?"),
        choices=[SelectChoice("yes", _l("Yes")), SelectChoice("no", _l("No, the victim chose not to receive updates"))],
        default="yes", widget=GovRadioInput(), validators=[InputRequired(message=_l("Say whether the victim wants updates"))])
    # No Optional(): validate_methods decides, because the answer depends on wants_updates.
    methods = SelectMultipleField(_l("How should we contact them?"), choices=[SelectChoice(k, v) for k, v in CONTACT_METHODS.items()],
                                  widget=GovCheckboxesInput())
    frequency = RadioField(_l("How often?"), choices=[SelectChoice(k, _l(label)) for k, (label, _) in FREQUENCIES.items()],
                           default="28-days", widget=GovRadioInput(), validators=[InputRequired(message=_l("Select how often"))])
    update_within_days = IntegerField(
        _l("Update within how many working days of a key stage?"),
        description=_l("Only if the victim asked for sooner than the Victims' Code (1 working day for enhanced rights, 5 otherwise)"),
        widget=GovTextInput(), validators=[Optional(), NumberRange(min=0, max=5, message=_l("Enter a number of working days from 0 to 5"))])
    good_times = StringField(_l("Good times to contact them"), widget=GovTextInput(), validators=[Optional(), Length(max=200)])
    may_leave_messages = RadioField(_l("May we leave messages?"), choices=YES_NO, default="no", widget=GovRadioInput())
    representative = StringField(
        _l("Nominated representative or family spokesperson"), description=_l("Name and how to contact them, if any"),
        widget=GovTextInput(), validators=[Optional(), Length(max=200)])
    language = RadioField(_l("Language for updates"), choices=LANGUAGES, default="en", widget=GovRadioInput(),
                          validators=[InputRequired(message=_l("Select the language for updates"))])
    interpreter_needed = RadioField(_l("Interpreter needed?"), choices=YES_NO, default="no", widget=GovRadioInput())
    referral_consent = RadioField(_l("Referral to support services"), choices=[SelectChoice(k, v) for k, v in REFERRAL_CONSENT.items()],
                                  default="not-asked", widget=GovRadioInput(),
                                  validators=[InputRequired(message=_l("Record the victim's choice about referral"))])
    version = HiddenField()
    submit = SubmitField(_l("Save contract"), widget=GovSubmitInput())

    def validate_methods(self, field):
        if self.wants_updates.data == "yes" and not field.data:
            raise ValidationError(_l("Select at least one way to contact the victim"))
        if "representative" in (field.data or []) and not self.representative.data:
            self.representative.errors = [*self.representative.errors, _l("Enter the representative's name and contact details")]
            raise ValidationError(_l("Updates through a representative need the representative's details"))


class WhatMattersForm(FlaskForm):
    category = SelectField(_l("What is it about?"), choices=[SelectChoice("", _l("Select a category"))] +
                           [SelectChoice(k, v) for k, v in WHAT_MATTERS_CATEGORIES.items()],
                           widget=GovSelect(), validators=[InputRequired(message=_l("Select what it is about"))])
    in_their_words = TextAreaField(_l("In the victim's own words"), widget=GovTextArea(),
                                   validators=[InputRequired(message=_l("Enter what matters, in the victim's words")),
                                               Length(max=2000, message=_l("Keep it to 2,000 characters or fewer"))])
    submit = SubmitField(_l("Add"), widget=GovSubmitInput())


class DeclinedToSayForm(FlaskForm):
    submit = SubmitField(_l("The victim did not wish to say"), widget=GovSubmitInput())
