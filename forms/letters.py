"""Letters to victims: which language (the victim's, or bilingual) and, for an update, which key stage."""

from __future__ import annotations

from flask_wtf import FlaskForm
from govuk_frontend_wtf.wtforms_widgets import GovRadioInput, GovSelect, GovSubmitInput
from wtforms import RadioField, SelectField, SubmitField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import InputRequired, Optional


class LetterForm(FlaskForm):
    # Labels are set per victim (views): "preferred" names the language they chose.
    language = RadioField("Language of the letter", choices=[SelectChoice("preferred", "The victim's language"),
                                                             SelectChoice("bilingual", "Welsh and English")],
                          default="preferred", widget=GovRadioInput(),
                          validators=[InputRequired(message="Select the language of the letter")])
    event = SelectField("Key stage the letter is about", widget=GovSelect(), validators=[Optional()])
    preview = SubmitField("Preview the letter", widget=GovSubmitInput())
    pdf = SubmitField("Download the letter (PDF)", widget=GovSubmitInput())
