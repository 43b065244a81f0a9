"""The Victims' Board report: choosing the period and the breakdown."""

from __future__ import annotations

from flask_wtf import FlaskForm
from govuk_frontend_wtf.wtforms_widgets import GovRadioInput, GovSubmitInput
from wtforms import RadioField, SubmitField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import ValidationError

from victimcare.i18n import lazy_gettext as _l
from forms.fields import GovDateField


class ReportPeriodForm(FlaskForm):
    class Meta:
        csrf = False  # a GET that changes nothing

    start = GovDateField(_l("From"), required_message=_l("Enter the first day of the period"))
    end = GovDateField(_l("To"), required_message=_l("Enter the last day of the period"))
    breakdown = RadioField(_l("Break down by"), choices=[
        SelectChoice("area", _l("Area")), SelectChoice("rights", _l("Enhanced or standard rights")),
        SelectChoice("offence", _l("Offence category")), SelectChoice("month", _l("Month")), SelectChoice("age", _l("Age band")),
        SelectChoice("sex", _l("Sex")),
        SelectChoice("ethnicity", _l("Ethnicity")), SelectChoice("disability", _l("Disability"))],
        default="area", widget=GovRadioInput())
    submit = SubmitField(_l("Show report"), widget=GovSubmitInput())

    def validate_end(self, field):
        if field.data and self.start.data:
            if field.data < self.start.data:
                raise ValidationError(_l("The last day must be on or after the first day"))
            if (field.data - self.start.data).days > 3 * 366:
                raise ValidationError(_l("Choose a period of three years or less"))
