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

from victimcare.i18n import lazy_gettext as _l
from victimcare.journey.closure import OUTCOMES


class AssessmentForm(FlaskForm):
    outcome = RadioField(_l("How far was it met?"), choices=[SelectChoice(k, v) for k, v in OUTCOMES.items()],
                         widget=GovRadioInput(), validators=[InputRequired(message=_l("Select how far it was met"))])
    explanation = TextAreaField(_l("Explanation"), widget=GovTextArea(),
                                validators=[InputRequired(message=_l("Explain the assessment")), Length(max=2000)])
    version = HiddenField()
    submit = SubmitField(_l("Save assessment"), widget=GovSubmitInput())


class RequestClosureForm(FlaskForm):
    outcome = TextAreaField(_l("Outcome of the investigation"), widget=GovTextArea(),
                            validators=[InputRequired(message=_l("Enter the outcome of the investigation")),
                                        Length(max=5000)])
    submit = SubmitField(_l("Request closure"), widget=GovSubmitInput())


class ReviewForm(FlaskForm):
    decision = RadioField(_l("Your decision"), choices=[SelectChoice("approve", _l("Approve: close the case")),
                                                    SelectChoice("return", _l("Return it to the officer with actions"))],
                          widget=GovRadioInput(), validators=[InputRequired(message=_l("Select approve or return"))])
    actions = TextAreaField(_l("Actions required"), description=_l("Needed when you return the case"),
                            widget=GovTextArea(), validators=[Length(max=5000)])
    submit = SubmitField(_l("Save decision"), widget=GovSubmitInput())

    def validate_actions(self, field):
        if self.decision.data == "return" and not (field.data or "").strip():
            raise ValidationError(_l("Enter the actions required before the case can close"))


class ReopenForm(FlaskForm):
    reason = TextAreaField(_l("Why reopen the case?"), widget=GovTextArea(),
                           validators=[InputRequired(message=_l("Enter why the case is being reopened")), Length(max=2000)])
    submit = SubmitField(_l("Reopen case"), widget=GovSubmitInput())
