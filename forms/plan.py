"""The investigation plan's actions."""

from __future__ import annotations

from flask_wtf import FlaskForm
from govuk_frontend_wtf.wtforms_widgets import (
    GovRadioInput,
    GovSelect,
    GovSubmitInput,
    GovTextArea,
    GovTextInput,
)
from wtforms import (
    HiddenField,
    RadioField,
    SelectField,
    StringField,
    SubmitField,
    TextAreaField,
)
from wtforms.fields.choices import SelectChoice
from wtforms.validators import InputRequired, Length, Optional

from victimcare.i18n import lazy_gettext as _l
from forms.fields import GovDateField
from victimcare.cases.plan import ACTION_STATUSES


class PlanActionForm(FlaskForm):
    what = TextAreaField(_l("Action"), widget=GovTextArea(),
                         validators=[InputRequired(message=_l("Enter the action")), Length(max=2000)])
    who = StringField(_l("Who"), widget=GovTextInput(), validators=[InputRequired(message=_l("Enter who will do it")),
                                                                 Length(max=120)])
    by_when = GovDateField(_l("By when"))
    what_matters = SelectField(_l("Which thing that matters to the victim does it serve?"), widget=GovSelect(),
                               validators=[Optional()])
    submit = SubmitField(_l("Add action"), widget=GovSubmitInput())


class ActionStatusForm(FlaskForm):
    status = RadioField(_l("Status"), choices=[SelectChoice(k, v) for k, v in ACTION_STATUSES.items()],
                        widget=GovRadioInput(), validators=[InputRequired(message=_l("Select a status"))])
    version = HiddenField()
    submit = SubmitField(_l("Save"), widget=GovSubmitInput())
