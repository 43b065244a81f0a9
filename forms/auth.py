from flask_wtf import FlaskForm
from govuk_frontend_wtf.wtforms_widgets import (
    GovSubmitInput,
    GovTextInput,
)
from wtforms import PasswordField, StringField, SubmitField
from wtforms.validators import InputRequired, Length

from forms.fields import TranslatedPasswordInput
from victimcare.i18n import lazy_gettext as _l


class SignInForm(FlaskForm):
    username = StringField(
        _l("Username"),
        widget=GovTextInput(),
        validators=[InputRequired(message=_l("Enter your username")), Length(max=64)],
    )
    password = PasswordField(
        _l("Password"),
        widget=TranslatedPasswordInput(),
        validators=[InputRequired(message=_l("Enter your password")), Length(max=256)],
    )
    submit = SubmitField(_l("Sign in"), widget=GovSubmitInput())
