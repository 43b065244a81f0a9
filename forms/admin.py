from flask_wtf import FlaskForm
from govuk_frontend_wtf.wtforms_widgets import (
    GovRadioInput,
    GovSubmitInput,
    GovTextInput,
)
from wtforms import IntegerField, PasswordField, RadioField, StringField, SubmitField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import (
    EqualTo,
    InputRequired,
    Length,
    NumberRange,
    Optional,
    ValidationError,
)

from victimcare.i18n import lazy_gettext as _l
from forms.fields import GovDateField, TranslatedPasswordInput
from victimcare.models.users import ROLE_LABELS


class UserForm(FlaskForm):
    username = StringField(
        _l("Username"),
        description=_l("Letters, numbers, dots, hyphens or underscores, for example j.jones"),
        widget=GovTextInput(),
        validators=[InputRequired(message=_l("Enter a username")), Length(max=64)],
    )
    display_name = StringField(
        _l("Full name"),
        widget=GovTextInput(),
        validators=[InputRequired(message=_l("Enter the person's full name")), Length(max=120)],
    )
    role = RadioField(
        _l("Role"),
        choices=[SelectChoice(role.value, label) for role, label in ROLE_LABELS.items()],
        widget=GovRadioInput(),
        validators=[InputRequired(message=_l("Select a role"))],
    )
    team = StringField(
        _l("Team"),
        description=_l("Needed for officers and supervisors. A new team name creates the team."),
        widget=GovTextInput(),
        validators=[Optional(), Length(max=100)],
    )
    password = PasswordField(
        _l("Password"),
        description=_l("At least 12 characters and not a common password"),
        widget=TranslatedPasswordInput(),
        validators=[InputRequired(message=_l("Enter a password"))],
    )
    confirm = PasswordField(
        _l("Confirm password"),
        widget=TranslatedPasswordInput(),
        validators=[InputRequired(message=_l("Confirm the password")),
                    EqualTo("password", message=_l("Passwords must match"))],
    )
    submit = SubmitField(_l("Create user"), widget=GovSubmitInput())


class ConfirmForm(FlaskForm):
    """A button that changes something: the form exists for its CSRF token."""

    version = IntegerField(validators=[InputRequired()])
    submit = SubmitField(_l("Confirm"), widget=GovSubmitInput())


class AuditSearchForm(FlaskForm):
    class Meta:
        csrf = False  # a GET search that changes nothing

    username = StringField(_l("Username"), widget=GovTextInput(), validators=[Optional(), Length(max=64)])
    case_id = IntegerField(
        _l("Case number"),
        widget=GovTextInput(),
        validators=[Optional(), NumberRange(min=1, message=_l("Case number must be a whole number above 0"))],
    )
    date_from = GovDateField(_l("From"), description=_l("For example, 27 3 2026"))
    date_to = GovDateField(_l("To"))
    submit = SubmitField(_l("Search"), widget=GovSubmitInput())

    def validate_date_to(self, field):
        if field.data and self.date_from.data and field.data < self.date_from.data:
            raise ValidationError(_l("The 'to' date must be the same as or after the 'from' date"))


class TimescaleForm(FlaskForm):
    standard_days = IntegerField(
        _l("Working days for a standard victim"), widget=GovTextInput(),
        validators=[InputRequired(message=_l("Enter the working days for a standard victim")),
                    NumberRange(min=0, max=20, message=_l("Enter a whole number of working days from 0 to 20"))])
    enhanced_days = IntegerField(
        _l("Working days for a victim with enhanced rights"), widget=GovTextInput(),
        validators=[InputRequired(message=_l("Enter the working days for a victim with enhanced rights")),
                    NumberRange(min=0, max=20, message=_l("Enter a whole number of working days from 0 to 20"))])
    submit = SubmitField(_l("Save timescale"), widget=GovSubmitInput())

    def validate_enhanced_days(self, field):
        if field.data is not None and self.standard_days.data is not None and field.data > self.standard_days.data:
            raise ValidationError(_l("Victims with enhanced rights cannot wait longer than standard victims"))
