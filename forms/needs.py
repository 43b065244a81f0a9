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

from victimcare.i18n import lazy_gettext as _l
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
    assessed_on = GovDateField(_l("Date assessed"), required_message=_l("Enter the date of the assessment"),
                               validators=[not_in_future])
    risk = RadioField(_l("Risk (THRIVE)"), choices=_choices(RISK_LEVELS), widget=GovRadioInput(),
                      validators=[InputRequired(message=_l("Select the level of risk"))])
    vulnerability_notes = TextAreaField(_l("Vulnerability and risk: what you found"), widget=GovTextArea(),
                                        validators=[Optional(), Length(max=3000)])
    support_needs = SelectMultipleField(_l("Support needs"), choices=_choices(SUPPORT_NEEDS), widget=GovCheckboxesInput(),
                                        validators=[Optional()])
    special_measures = SelectMultipleField(_l("Special measures to consider for court"), choices=_choices(SPECIAL_MEASURES),
                                           widget=GovCheckboxesInput(), validators=[Optional()])
    vps = RadioField(_l("Victim Personal Statement"), choices=_choices(VPS_CHOICES), default="not-offered",
                     widget=GovRadioInput(), validators=[InputRequired(message=_l("Say whether a VPS was offered"))])
    vps_offered_on = GovDateField(_l("Date the VPS was offered"), validators=[not_in_future])
    notes = TextAreaField(_l("Other notes"), widget=GovTextArea(), validators=[Optional(), Length(max=3000)])
    submit = SubmitField(_l("Save assessment"), widget=GovSubmitInput())

    def validate_vps_offered_on(self, field):
        if self.vps.data != "not-offered" and field.data is None and not field.errors:
            raise ValidationError(_l("Enter the date the VPS was offered"))


class ReferralForm(FlaskForm):
    service = SelectField(_l("Refer to"), widget=GovSelect(), validators=[InputRequired(message=_l("Select the service"))])
    referred_on = GovDateField(_l("Date referred"), required_message=_l("Enter the date of the referral"),
                               validators=[not_in_future])
    submit = SubmitField(_l("Record referral"), widget=GovSubmitInput())


class ReferralStatusForm(FlaskForm):
    status = RadioField(_l("Status"), choices=_choices(REFERRAL_STATUSES), widget=GovRadioInput(),
                        validators=[InputRequired(message=_l("Select the referral's status"))])
    outcome = TextAreaField(_l("Outcome"), widget=GovTextArea(), validators=[Optional(), Length(max=2000)])
    version = HiddenField()
    submit = SubmitField(_l("Save"), widget=GovSubmitInput())
