"""Letters to victims: which language (the victim's, or bilingual) and, for an update, which key stage.

Its text is in the letters' catalogue (victimcare.letters.text), like the rest of the letters' pages.
"""

from __future__ import annotations

from flask_wtf import FlaskForm
from govuk_frontend_wtf.wtforms_widgets import GovRadioInput, GovSelect, GovSubmitInput
from wtforms import RadioField, SelectField, SubmitField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import InputRequired, Optional

from victimcare.letters.text import lazy_lt


class LetterForm(FlaskForm):
    # Choices are set per victim (views): "preferred" names the language they chose.
    language = RadioField(lazy_lt("Language of the letter"), choices=[SelectChoice("preferred", "preferred"),
                                                                      SelectChoice("bilingual", "bilingual")],
                          default="preferred", widget=GovRadioInput(),
                          validators=[InputRequired(message=lazy_lt("Select the language of the letter"))])
    event = SelectField(lazy_lt("Key stage the letter is about"), widget=GovSelect(), validators=[Optional()])
    preview = SubmitField(lazy_lt("Preview the letter"), widget=GovSubmitInput())
    pdf = SubmitField(lazy_lt("Download the letter (PDF)"), widget=GovSubmitInput())
