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

from forms.cases import LANGUAGES, YES_NO, not_in_future
from forms.fields import GovDateField
from victimcare.journey.contract import (
    CONTACT_METHODS,
    REFERRAL_CONSENT,
    WHAT_MATTERS_CATEGORIES,
)
from victimcare.journey.stages import FREQUENCIES


class ContractForm(FlaskForm):
    agreed_on = GovDateField("Date agreed", required_message="Enter the date the contract was agreed",
                             validators=[not_in_future])
    wants_updates = RadioField(
        "Does the victim want to be updated?",
        choices=[SelectChoice("yes", "Yes"), SelectChoice("no", "No, the victim chose not to receive updates")],
        default="yes", widget=GovRadioInput(), validators=[InputRequired(message="Say whether the victim wants updates")])
    # No Optional(): validate_methods decides, because the answer depends on wants_updates.
    methods = SelectMultipleField("How should we contact them?", choices=[SelectChoice(k, v) for k, v in CONTACT_METHODS.items()],
                                  widget=GovCheckboxesInput())
    frequency = RadioField("How often?", choices=[SelectChoice(k, label) for k, (label, _) in FREQUENCIES.items()],
                           default="28-days", widget=GovRadioInput(), validators=[InputRequired(message="Select how often")])
    update_within_days = IntegerField(
        "Update within how many working days of a key stage?",
        description="Only if the victim asked for sooner than the Victims' Code (1 working day for enhanced rights, 5 otherwise)",
        widget=GovTextInput(), validators=[Optional(), NumberRange(min=0, max=5, message="Enter a number of working days from 0 to 5")])
    good_times = StringField("Good times to contact them", widget=GovTextInput(), validators=[Optional(), Length(max=200)])
    may_leave_messages = RadioField("May we leave messages?", choices=YES_NO, default="no", widget=GovRadioInput())
    representative = StringField(
        "Nominated representative or family spokesperson", description="Name and how to contact them, if any",
        widget=GovTextInput(), validators=[Optional(), Length(max=200)])
    language = RadioField("Language for updates", choices=LANGUAGES, default="en", widget=GovRadioInput(),
                          validators=[InputRequired(message="Select the language for updates")])
    interpreter_needed = RadioField("Interpreter needed?", choices=YES_NO, default="no", widget=GovRadioInput())
    referral_consent = RadioField("Referral to support services", choices=[SelectChoice(k, v) for k, v in REFERRAL_CONSENT.items()],
                                  default="not-asked", widget=GovRadioInput(),
                                  validators=[InputRequired(message="Record the victim's choice about referral")])
    version = HiddenField()
    submit = SubmitField("Save contract", widget=GovSubmitInput())

    def validate_methods(self, field):
        if self.wants_updates.data == "yes" and not field.data:
            raise ValidationError("Select at least one way to contact the victim")
        if "representative" in (field.data or []) and not self.representative.data:
            self.representative.errors = [*self.representative.errors, "Enter the representative's name and contact details"]
            raise ValidationError("Updates through a representative need the representative's details")


class WhatMattersForm(FlaskForm):
    category = SelectField("What is it about?", choices=[SelectChoice("", "Select a category")] +
                           [SelectChoice(k, v) for k, v in WHAT_MATTERS_CATEGORIES.items()],
                           widget=GovSelect(), validators=[InputRequired(message="Select what it is about")])
    in_their_words = TextAreaField("In the victim's own words", widget=GovTextArea(),
                                   validators=[InputRequired(message="Enter what matters, in the victim's words"),
                                               Length(max=2000, message="Keep it to 2,000 characters or fewer")])
    submit = SubmitField("Add", widget=GovSubmitInput())


class DeclinedToSayForm(FlaskForm):
    submit = SubmitField("The victim did not wish to say", widget=GovSubmitInput())
