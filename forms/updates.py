"""R: key stages and the updates given to victims."""

from __future__ import annotations

from flask_wtf import FlaskForm
from govuk_frontend_wtf.wtforms_widgets import (
    GovRadioInput,
    GovSelect,
    GovSubmitInput,
    GovTextArea,
)
from wtforms import HiddenField, RadioField, SelectField, SubmitField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import InputRequired, Length, Optional

from victimcare.i18n import lazy_gettext as _l
from forms.cases import not_in_future
from forms.fields import GovDateField
from victimcare.journey.contract import CONTACT_METHODS
from victimcare.journey.stages import KEY_STAGES


class KeyStageEventForm(FlaskForm):
    stage = SelectField(_l("Key stage"), choices=[SelectChoice("", _l("Select the key stage"))] +
                        [SelectChoice(t.code, _l(t.label)) for t in KEY_STAGES],
                        widget=GovSelect(), validators=[InputRequired(message=_l("Select the key stage"))])
    occurred_on = GovDateField(_l("Date it happened"), required_message=_l("Enter the date it happened"),
                               validators=[not_in_future])
    notes = TextAreaField(_l("Notes for the investigation plan"), widget=GovTextArea(),
                          validators=[Optional(), Length(max=2000)])
    submit = SubmitField(_l("Record key stage"), widget=GovSubmitInput())


class GiveUpdateForm(FlaskForm):
    given_on = GovDateField(_l("Date the update was given"), required_message=_l("Enter the date the update was given"),
                            validators=[not_in_future])
    method = RadioField(_l("How was it given?"), choices=[SelectChoice(k, v) for k, v in CONTACT_METHODS.items()],
                        widget=GovRadioInput(), validators=[InputRequired(message=_l("Select how the update was given"))])
    what_was_said = TextAreaField(_l("What the victim was told"), widget=GovTextArea(),
                                  validators=[InputRequired(message=_l("Enter what the victim was told")), Length(max=5000)])
    victims_views = TextAreaField(
        _l("The victim's views on the investigation at this stage"),
        description=_l("In their words where you can. If they had none, say so."),
        widget=GovTextArea(),
        validators=[InputRequired(message=_l("Record the victim's views, or that they had none")), Length(max=5000)])
    # Asked only for a no-further-action update, where it is required (the view decides).
    told_right_to_review = RadioField(
        _l("Did you tell the victim how to ask for a review under the Victims' Right to Review?"),
        choices=[SelectChoice("yes", _l("Yes")), SelectChoice("no", _l("No"))], widget=GovRadioInput(),
        validators=[Optional()])
    version = HiddenField()
    submit = SubmitField(_l("Save update"), widget=GovSubmitInput())


class OverdueReasonForm(FlaskForm):
    reason = TextAreaField(_l("Why is this update late?"), widget=GovTextArea(),
                           validators=[InputRequired(message=_l("Enter why the update is late")), Length(max=2000)])
    version = HiddenField()
    submit = SubmitField(_l("Save reason"), widget=GovSubmitInput())
