"""The Victims' Board report: choosing the period and the breakdown."""

from __future__ import annotations

from flask_wtf import FlaskForm
from govuk_frontend_wtf.wtforms_widgets import GovRadioInput, GovSubmitInput
from wtforms import RadioField, SubmitField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import ValidationError

from forms.fields import GovDateField


class ReportPeriodForm(FlaskForm):
    class Meta:
        csrf = False  # a GET that changes nothing

    start = GovDateField("From", required_message="Enter the first day of the period")
    end = GovDateField("To", required_message="Enter the last day of the period")
    breakdown = RadioField("Break down by", choices=[
        SelectChoice("area", "Area"), SelectChoice("rights", "Enhanced or standard rights"),
        SelectChoice("offence", "Offence category"), SelectChoice("month", "Month"), SelectChoice("age", "Age band"),
        SelectChoice("sex", "Sex"),
        SelectChoice("ethnicity", "Ethnicity"), SelectChoice("disability", "Disability")],
        default="area", widget=GovRadioInput())
    submit = SubmitField("Show report", widget=GovSubmitInput())

    def validate_end(self, field):
        if field.data and self.start.data:
            if field.data < self.start.data:
                raise ValidationError("The last day must be on or after the first day")
            if (field.data - self.start.data).days > 3 * 366:
                raise ValidationError("Choose a period of three years or less")
