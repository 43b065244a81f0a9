"""A: needs assessment and referrals to support services."""

from __future__ import annotations

from flask_wtf import FlaskForm
from govuk_frontend_wtf.wtforms_widgets import (
    GovCheckboxesInput,
    GovRadioInput,
    GovSelect,
    GovSubmitInput,
    GovTextArea,
)
from wtforms import (
    HiddenField,
    RadioField,
    SelectField,
    SelectMultipleField,
    SubmitField,
    TextAreaField,
)
from wtforms.fields.choices import SelectChoice
from wtforms.validators import InputRequired, Length, Optional, ValidationError

from forms.cases import not_in_future
from forms.fields import GovDateField
from victimcare.journey.needs import (
    REFERRAL_STATUSES,
    RISK_LEVELS,
    SPECIAL_MEASURES,
    SUPPORT_NEEDS,
    VPS_CHOICES,
)


def _choices(options: dict[str, str]) -> list[SelectChoice]:
    return [SelectChoice(k, v) for k, v in options.items()]


class NeedsAssessmentForm(FlaskForm):
    assessed_on = GovDateField("Date assessed", required_message="Enter the date of the assessment",
                               validators=[not_in_future])
    risk = RadioField("Risk (THRIVE)", choices=_choices(RISK_LEVELS), widget=GovRadioInput(),
                      validators=[InputRequired(message="Select the level of risk")])
    vulnerability_notes = TextAreaField("Vulnerability and risk: what you found", widget=GovTextArea(),
                                        validators=[Optional(), Length(max=3000)])
    support_needs = SelectMultipleField("Support needs", choices=_choices(SUPPORT_NEEDS), widget=GovCheckboxesInput(),
                                        validators=[Optional()])
    special_measures = SelectMultipleField("Special measures to consider for court", choices=_choices(SPECIAL_MEASURES),
                                           widget=GovCheckboxesInput(), validators=[Optional()])
    vps = RadioField("Victim Personal Statement", choices=_choices(VPS_CHOICES), default="not-offered",
                     widget=GovRadioInput(), validators=[InputRequired(message="Say whether a VPS was offered")])
    vps_offered_on = GovDateField("Date the VPS was offered", validators=[not_in_future])
    notes = TextAreaField("Other notes", widget=GovTextArea(), validators=[Optional(), Length(max=3000)])
    submit = SubmitField("Save assessment", widget=GovSubmitInput())

    def validate_vps_offered_on(self, field):
        if self.vps.data != "not-offered" and field.data is None and not field.errors:
            raise ValidationError("Enter the date the VPS was offered")


class ReferralForm(FlaskForm):
    service = SelectField("Refer to", widget=GovSelect(), validators=[InputRequired(message="Select the service")])
    referred_on = GovDateField("Date referred", required_message="Enter the date of the referral",
                               validators=[not_in_future])
    submit = SubmitField("Record referral", widget=GovSubmitInput())


class ReferralStatusForm(FlaskForm):
    status = RadioField("Status", choices=_choices(REFERRAL_STATUSES), widget=GovRadioInput(),
                        validators=[InputRequired(message="Select the referral's status")])
    outcome = TextAreaField("Outcome", widget=GovTextArea(), validators=[Optional(), Length(max=2000)])
    version = HiddenField()
    submit = SubmitField("Save", widget=GovSubmitInput())
