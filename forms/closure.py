"""E and S: the end-of-investigation assessment, the closure request and the supervisor's review."""

from __future__ import annotations

from flask_wtf import FlaskForm
from govuk_frontend_wtf.wtforms_widgets import (
    GovRadioInput,
    GovSubmitInput,
    GovTextArea,
)
from wtforms import HiddenField, RadioField, SubmitField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import InputRequired, Length, ValidationError

from victimcare.journey.closure import OUTCOMES


class AssessmentForm(FlaskForm):
    outcome = RadioField("How far was it met?", choices=[SelectChoice(k, v) for k, v in OUTCOMES.items()],
                         widget=GovRadioInput(), validators=[InputRequired(message="Select how far it was met")])
    explanation = TextAreaField("Explanation", widget=GovTextArea(),
                                validators=[InputRequired(message="Explain the assessment"), Length(max=2000)])
    version = HiddenField()
    submit = SubmitField("Save assessment", widget=GovSubmitInput())


class RequestClosureForm(FlaskForm):
    outcome = TextAreaField("Outcome of the investigation", widget=GovTextArea(),
                            validators=[InputRequired(message="Enter the outcome of the investigation"),
                                        Length(max=5000)])
    submit = SubmitField("Request closure", widget=GovSubmitInput())


class ReviewForm(FlaskForm):
    decision = RadioField("Your decision", choices=[SelectChoice("approve", "Approve: close the case"),
                                                    SelectChoice("return", "Return it to the officer with actions")],
                          widget=GovRadioInput(), validators=[InputRequired(message="Select approve or return")])
    actions = TextAreaField("Actions required", description="Needed when you return the case",
                            widget=GovTextArea(), validators=[Length(max=5000)])
    submit = SubmitField("Save decision", widget=GovSubmitInput())

    def validate_actions(self, field):
        if self.decision.data == "return" and not (field.data or "").strip():
            raise ValidationError("Enter the actions required before the case can close")


class ReopenForm(FlaskForm):
    reason = TextAreaField("Why reopen the case?", widget=GovTextArea(),
                           validators=[InputRequired(message="Enter why the case is being reopened"), Length(max=2000)])
    submit = SubmitField("Reopen case", widget=GovSubmitInput())
