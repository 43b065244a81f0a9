"""The letters' own message catalogue (gettext domain `letters`, beside the app's `messages`), and
writing a letter in a given language.

A letter's text follows the victim's language, never the user's, so every part is written inside
`writing_in(locale)`: Flask-Babel's force_locale, through the app's one helper (i18n.in_language).
"""

from __future__ import annotations

from flask_babel import Domain

from victimcare.i18n import in_language

LETTERS_DOMAIN = "letters"
_letters = Domain(domain=LETTERS_DOMAIN)  # the app's translation directories, its own catalogue


def lt(message: str, **variables) -> str:
    """Letter text in the language the letter is being written in."""
    return _letters.gettext(message, **variables)


writing_in = in_language
