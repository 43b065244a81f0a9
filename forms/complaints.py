"""Complaints about the service a victim had (Victims' Code right 12)."""

from __future__ import annotations

from flask_wtf import FlaskForm
from govuk_frontend_wtf.wtforms_widgets import GovRadioInput, GovSubmitInput, GovTextArea
from wtforms import RadioField, SubmitField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import InputRequired, Length, Optional

from victimcare.i18n import lazy_gettext as _l
from forms.cases import not_in_future
from forms.fields import GovDateField
from victimcare.journey.feedback import COMPLAINT_OUTCOMES, COMPLAINT_SUBJECTS


class ComplaintForm(FlaskForm):
    received_on = GovDateField(_l("Date the complaint was received"), required_message=_l("Enter the date it was received"),
                               validators=[not_in_future])
    about = RadioField(_l("What was it about?"), choices=[SelectChoice(k, v) for k, v in COMPLAINT_SUBJECTS.items()],
                       widget=GovRadioInput(), validators=[InputRequired(message=_l("Select what it was about"))])
    outcome = RadioField(_l("Outcome"), choices=[SelectChoice(k, v) for k, v in COMPLAINT_OUTCOMES.items()],
                         default="open", widget=GovRadioInput(),
                         validators=[InputRequired(message=_l("Select the outcome, or open"))])
    notes = TextAreaField(_l("Notes"), description=_l("For the case file only: the Victims' Board sees counts, not notes."),
                          widget=GovTextArea(), validators=[Optional(), Length(max=5000)])
    submit = SubmitField(_l("Record complaint"), widget=GovSubmitInput())
