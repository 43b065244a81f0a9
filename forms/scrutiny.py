"""The Victims Scrutiny Panel: drawing a sample, checking packs, findings, actions and closing them."""

from __future__ import annotations

from datetime import date

from flask_babel import gettext
from flask_wtf import FlaskForm
from govuk_frontend_wtf.wtforms_widgets import GovRadioInput, GovSelect, GovSubmitInput, GovTextArea, GovTextInput
from wtforms import HiddenField, RadioField, SelectField, StringField, SubmitField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import InputRequired, Length, Optional, ValidationError

from victimcare.i18n import lazy_gettext as _l
from forms.fields import GovDateField
from victimcare.i18n import format_month, format_number
from victimcare.scrutiny.sampling import DEFAULT_SIZE, MAX_SEED, MAX_SIZE
from victimcare.scrutiny.services import FINDING_KINDS


def recent_months(today: date, count: int = 24) -> list[SelectChoice]:
    """The months before this one, newest first: a sample is of a month that has ended."""
    months, year, month = [], today.year, today.month
    for _ in range(count):
        year, month = (year - 1, 12) if month == 1 else (year, month - 1)
        first = date(year, month, 1)
        months.append(SelectChoice(first.isoformat(), format_month(first)))
    return months


def whole_number(low: int, high: int, what: str):
    def check(form, field):
        value = (field.data or "").strip().replace(",", "")
        if not value:
            return
        if not value.isdigit() or not low <= int(value) <= high:
            raise ValidationError(gettext("%(what)s must be a whole number from %(low)s to %(high)s", what=what,
                                          low=format_number(low), high=format_number(high)))
    return check


class DrawForm(FlaskForm):
    month = SelectField(_l("Month"), description=_l("The sample is drawn from the cases closed in this month"),
                        widget=GovSelect(), validators=[InputRequired(message=_l("Choose the month"))])
    size = StringField(_l("Number of cases"), default=str(DEFAULT_SIZE), widget=GovTextInput(),
                       validators=[InputRequired(message=_l("Enter the number of cases")),
                                   whole_number(1, MAX_SIZE, _l("The number of cases"))])
    seed = StringField(_l("Seed (optional)"),
                       description=_l("Leave blank for a new random draw. "
                                   "To repeat an earlier draw exactly, enter its seed."),
                       widget=GovTextInput(), validators=[Optional(), whole_number(1, MAX_SEED, _l("The seed"))])
    submit = SubmitField(_l("Draw the sample"), widget=GovSubmitInput())

    def month_date(self) -> date | None:
        try:
            return date.fromisoformat(self.month.data)
        except (TypeError, ValueError):
            return None


class ReviewForm(FlaskForm):
    decision = RadioField(_l("Is the pack safe to give the Panel?"), choices=[
        SelectChoice("approve", _l("Yes: approve it for the Panel")),
        SelectChoice("return", _l("No: return it for re-redaction"))],
        widget=GovRadioInput(), validators=[InputRequired(message=_l("Choose whether to approve or return the pack"))])
    reason = TextAreaField(_l("What is wrong with it"), description=_l("Needed when you return the pack"),
                           widget=GovTextArea(), validators=[Optional(), Length(max=2000)])
    extra_terms = TextAreaField(_l("Words that still identify someone, one a line"),
                                description=_l("For example a nickname, a pub or a school named in the notes. "
                                            "Each is replaced by “Person 1”, “Person 2”… "
                                            "when the pack is redacted again."),
                                widget=GovTextArea(), validators=[Optional(), Length(max=2000)])
    version = HiddenField()
    submit = SubmitField(_l("Save decision"), widget=GovSubmitInput())

    def validate_reason(self, field):
        if self.decision.data == "return" and not (field.data or "").strip():
            raise ValidationError(_l("Say what is wrong with the pack"))


class RedactAgainForm(FlaskForm):
    version = HiddenField()
    submit = SubmitField(_l("Redact again"), widget=GovSubmitInput())


class FindingForm(FlaskForm):
    kind = RadioField(_l("Finding"), choices=[SelectChoice(k, v) for k, v in FINDING_KINDS.items()],
                      widget=GovRadioInput(), validators=[InputRequired(message=_l("Choose the kind of finding"))])
    comment = TextAreaField(_l("Comment"), widget=GovTextArea(),
                            validators=[InputRequired(message=_l("Enter the Panel's comment")), Length(max=5000)])
    submit = SubmitField(_l("Record finding"), widget=GovSubmitInput())


class ActionForm(FlaskForm):
    owner_team = SelectField(_l("Team that owns the action"), widget=GovSelect(),
                             validators=[InputRequired(message=_l("Choose the team"))])
    description = TextAreaField(_l("Action"), widget=GovTextArea(),
                                validators=[InputRequired(message=_l("Enter the action")), Length(max=2000)])
    due_on = GovDateField(_l("Due by"), required_message=_l("Enter the date the action is due by"))
    submit = SubmitField(_l("Add action"), widget=GovSubmitInput())

    def validate_due_on(self, field):
        if field.data and field.data < date.today():
            raise ValidationError(_l("Due by must be today or in the future"))


class CloseActionForm(FlaskForm):
    note = TextAreaField(_l("What the team did"), widget=GovTextArea(),
                         description=_l("The Panel reads this: the names and contact details of anyone in the case "
                                     "are replaced as in the pack."),
                         validators=[InputRequired(message=_l("Say what the team did")), Length(max=3000)])
    version = HiddenField()
    submit = SubmitField(_l("Close the action"), widget=GovSubmitInput())
