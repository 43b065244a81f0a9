"""The Victims Scrutiny Panel: drawing a sample, checking packs, findings, actions and closing them."""

from __future__ import annotations

from datetime import date

from flask_wtf import FlaskForm
from govuk_frontend_wtf.wtforms_widgets import GovRadioInput, GovSelect, GovSubmitInput, GovTextArea, GovTextInput
from wtforms import HiddenField, RadioField, SelectField, StringField, SubmitField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import InputRequired, Length, Optional, ValidationError

from forms.fields import GovDateField
from victimcare.scrutiny.sampling import DEFAULT_SIZE, MAX_SEED, MAX_SIZE
from victimcare.scrutiny.services import FINDING_KINDS


def recent_months(today: date, count: int = 24) -> list[SelectChoice]:
    """The months before this one, newest first: a sample is of a month that has ended."""
    months, year, month = [], today.year, today.month
    for _ in range(count):
        year, month = (year - 1, 12) if month == 1 else (year, month - 1)
        first = date(year, month, 1)
        months.append(SelectChoice(first.isoformat(), f"{first:%B %Y}"))
    return months


def whole_number(low: int, high: int, what: str):
    def check(form, field):
        value = (field.data or "").strip().replace(",", "")
        if not value:
            return
        if not value.isdigit() or not low <= int(value) <= high:
            raise ValidationError(f"{what} must be a whole number from {low:,} to {high:,}")
    return check


class DrawForm(FlaskForm):
    month = SelectField("Month", description="The sample is drawn from the cases closed in this month",
                        widget=GovSelect(), validators=[InputRequired(message="Choose the month")])
    size = StringField("Number of cases", default=str(DEFAULT_SIZE), widget=GovTextInput(),
                       validators=[InputRequired(message="Enter the number of cases"),
                                   whole_number(1, MAX_SIZE, "The number of cases")])
    seed = StringField("Seed (optional)",
                       description="Leave blank for a new random draw. "
                                   "To repeat an earlier draw exactly, enter its seed.",
                       widget=GovTextInput(), validators=[Optional(), whole_number(1, MAX_SEED, "The seed")])
    submit = SubmitField("Draw the sample", widget=GovSubmitInput())

    def month_date(self) -> date | None:
        try:
            return date.fromisoformat(self.month.data)
        except (TypeError, ValueError):
            return None


class ReviewForm(FlaskForm):
    decision = RadioField("Is the pack safe to give the Panel?", choices=[
        SelectChoice("approve", "Yes: approve it for the Panel"),
        SelectChoice("return", "No: return it for re-redaction")],
        widget=GovRadioInput(), validators=[InputRequired(message="Choose whether to approve or return the pack")])
    reason = TextAreaField("What is wrong with it", description="Needed when you return the pack",
                           widget=GovTextArea(), validators=[Optional(), Length(max=2000)])
    extra_terms = TextAreaField("Words that still identify someone, one a line",
                                description="For example a nickname, a pub or a school named in the notes. "
                                            "Each is replaced by “Person 1”, “Person 2”… "
                                            "when the pack is redacted again.",
                                widget=GovTextArea(), validators=[Optional(), Length(max=2000)])
    version = HiddenField()
    submit = SubmitField("Save decision", widget=GovSubmitInput())

    def validate_reason(self, field):
        if self.decision.data == "return" and not (field.data or "").strip():
            raise ValidationError("Say what is wrong with the pack")


class RedactAgainForm(FlaskForm):
    version = HiddenField()
    submit = SubmitField("Redact again", widget=GovSubmitInput())


class FindingForm(FlaskForm):
    kind = RadioField("Finding", choices=[SelectChoice(k, v) for k, v in FINDING_KINDS.items()],
                      widget=GovRadioInput(), validators=[InputRequired(message="Choose the kind of finding")])
    comment = TextAreaField("Comment", widget=GovTextArea(),
                            validators=[InputRequired(message="Enter the Panel's comment"), Length(max=5000)])
    submit = SubmitField("Record finding", widget=GovSubmitInput())


class ActionForm(FlaskForm):
    owner_team = SelectField("Team that owns the action", widget=GovSelect(),
                             validators=[InputRequired(message="Choose the team")])
    description = TextAreaField("Action", widget=GovTextArea(),
                                validators=[InputRequired(message="Enter the action"), Length(max=2000)])
    due_on = GovDateField("Due by", required_message="Enter the date the action is due by")
    submit = SubmitField("Add action", widget=GovSubmitInput())

    def validate_due_on(self, field):
        if field.data and field.data < date.today():
            raise ValidationError("Due by must be today or in the future")


class CloseActionForm(FlaskForm):
    note = TextAreaField("What the team did", widget=GovTextArea(),
                         description="The Panel reads this: the names and contact details of anyone in the case "
                                     "are replaced as in the pack.",
                         validators=[InputRequired(message="Say what the team did"), Length(max=3000)])
    version = HiddenField()
    submit = SubmitField("Close the action", widget=GovSubmitInput())
