"""The Victim Care Unit: queue filters, contact attempts, letters, and support offered when reached."""

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
from victimcare.journey.contract import CONTACT_METHODS
from victimcare.journey.needs import SUPPORT_NEEDS
from victimcare.journey.vcu import ATTEMPT_OUTCOMES
from victimcare.reference_data import AREAS


class QueueFilterForm(FlaskForm):
    class Meta:
        csrf = False  # a GET filter that changes nothing

    area = SelectField(_l("Area"), choices=[SelectChoice("", _l("All areas"))] + [SelectChoice(a, a) for a in AREAS],
                       widget=GovSelect(), validators=[Optional()])
    category = SelectField(_l("Offence category"), widget=GovSelect(), validators=[Optional()])
    assignee = SelectField(_l("Claimed by"), widget=GovSelect(), validators=[Optional()])
    submit = SubmitField(_l("Filter"), widget=GovSubmitInput())


class ClaimForm(FlaskForm):
    version = HiddenField()
    submit = SubmitField(_l("Claim"), widget=GovSubmitInput())


class AttemptForm(FlaskForm):
    attempted_on = GovDateField(_l("Date of the attempt"), required_message=_l("Enter the date of the attempt"),
                                validators=[not_in_future])
    method = RadioField(_l("How?"), choices=[SelectChoice(k, v) for k, v in CONTACT_METHODS.items()],
                        default="phone", widget=GovRadioInput(), validators=[InputRequired(message=_l("Select how"))])
    outcome = RadioField(_l("Outcome"), choices=[SelectChoice(k, v) for k, v in ATTEMPT_OUTCOMES.items()],
                         widget=GovRadioInput(), validators=[InputRequired(message=_l("Select the outcome"))])
    notes = TextAreaField(_l("Notes"), widget=GovTextArea(), validators=[Optional(), Length(max=2000)])
    version = HiddenField()
    submit = SubmitField(_l("Record attempt"), widget=GovSubmitInput())


class LetterForm(FlaskForm):
    sent_on = GovDateField(_l("Date the letter was sent"), required_message=_l("Enter the date the letter was sent"),
                           validators=[not_in_future])
    version = HiddenField()
    submit = SubmitField(_l("Record letter sent"), widget=GovSubmitInput())


class ReachedForm(FlaskForm):
    """Support is offered for each need, in line with the victim's wishes."""

    reached_on = GovDateField(_l("Date reached"), required_message=_l("Enter the date the victim was reached"),
                              validators=[not_in_future])
    needs = SelectMultipleField(_l("Needs discussed"), choices=[SelectChoice(k, v) for k, v in SUPPORT_NEEDS.items()],
                                widget=GovCheckboxesInput())
    accepted = SelectMultipleField(_l("Support the victim accepted"), description=_l("Leave a need unticked if they declined"),
                                   choices=[SelectChoice(k, v) for k, v in SUPPORT_NEEDS.items()],
                                   widget=GovCheckboxesInput())
    notes = TextAreaField(_l("Notes for the officer in the case"), widget=GovTextArea(),
                          validators=[Optional(), Length(max=3000)])
    version = HiddenField()
    submit = SubmitField(_l("Record the call"), widget=GovSubmitInput())

    def validate_accepted(self, field):
        extra = set(field.data or []) - set(self.needs.data or [])
        if extra:
            raise ValidationError(_l("Support can be accepted only for needs that were discussed"))
