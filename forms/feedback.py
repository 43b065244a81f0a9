"""Victim feedback: recorded by phone, imported from the survey, and service recovery."""

from __future__ import annotations

from flask_wtf import FlaskForm
from flask_wtf.file import FileAllowed, FileField, FileRequired
from govuk_frontend_wtf.wtforms_widgets import (
    GovCheckboxInput,
    GovFileInput,
    GovRadioInput,
    GovSubmitInput,
    GovTextArea,
)
from wtforms import BooleanField, RadioField, SubmitField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import InputRequired, Length, Optional

from victimcare.i18n import lazy_gettext as _l
from forms.cases import not_in_future
from forms.fields import GovDateField
from victimcare.journey.feedback import FEEDBACK_POINTS, LESSON_THEMES, SCALE


def _scale_field(label: str) -> RadioField:
    return RadioField(label, choices=[SelectChoice(str(k), v) for k, v in SCALE.items()] +
                      [SelectChoice("", _l("Not answered"))], default="", widget=GovRadioInput(), validators=[Optional()])


class FeedbackForm(FlaskForm):
    stage = RadioField(_l("When was the feedback given?"),
                       choices=[SelectChoice(k, v) for k, v in FEEDBACK_POINTS.items() if k != "survey"],
                       widget=GovRadioInput(), validators=[InputRequired(message=_l("Select when the feedback was given"))])
    surveyed_on = GovDateField(_l("Date"), required_message=_l("Enter the date of the feedback"), validators=[not_in_future])
    ease_of_contact = _scale_field(_l("Ease of contact"))
    actions_taken = _scale_field(_l("Actions taken"))
    kept_informed = _scale_field(_l("Kept informed"))
    treatment = _scale_field(_l("Treatment"))
    whole_experience = _scale_field(_l("Whole experience"))
    comments = TextAreaField(_l("What the victim said"), widget=GovTextArea(), validators=[Optional(), Length(max=5000)])
    consent_to_use = BooleanField(_l("The victim agrees that their feedback may be used to improve the service"),
                                  widget=GovCheckboxInput())
    submit = SubmitField(_l("Save feedback"), widget=GovSubmitInput())


class FeedbackImportForm(FlaskForm):
    file = FileField(_l("Survey results (CSV)"), widget=GovFileInput(),
                     validators=[FileRequired(message=_l("Choose a CSV file")),
                                 FileAllowed(["csv"], message=_l("The file must be a CSV file"))])
    skip_invalid = BooleanField(_l("Import the valid rows and skip the rows with errors"), widget=GovCheckboxInput())
    submit = SubmitField(_l("Check and import"), widget=GovSubmitInput())


class RecoveryForm(FlaskForm):
    what_was_done = TextAreaField(_l("What was done for the victim"), widget=GovTextArea(),
                                  validators=[InputRequired(message=_l("Enter what was done")), Length(max=5000)])
    lessons_learnt = TextAreaField(_l("What was learnt"), widget=GovTextArea(),
                                   validators=[InputRequired(message=_l("Enter what was learnt")), Length(max=5000)])
    lesson_theme = RadioField(_l("What was the lesson mostly about?"),
                              description=_l("The Victims' Board sees how many lessons there were on each theme, "
                                          "never what was written."),
                              choices=[SelectChoice(k, v) for k, v in LESSON_THEMES.items()], widget=GovRadioInput(),
                              validators=[InputRequired(message=_l("Select what the lesson was mostly about"))])
    submit = SubmitField(_l("Record and close"), widget=GovSubmitInput())
