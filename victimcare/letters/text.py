"""The letters' own message catalogue (gettext domain `letters`, beside the app's `messages`), and
writing a letter in a given language. The pages that produce letters take their text from it too, in
the user's language, so the letters' catalogue and the app's never edit the same file.

A letter's text follows the victim's language, never the user's, so every part is written inside
`writing_in(locale)`: Flask-Babel's force_locale, through the app's one helper (i18n.in_language).
"""

from __future__ import annotations

from flask_babel import Domain

from victimcare.i18n import in_language

LETTERS_DOMAIN = "letters"
_letters = Domain(domain=LETTERS_DOMAIN)  # the app's translation directories, its own catalogue


def lt(message: str, **variables) -> str:
    """Letter text in the language the letter is being written in (outside a letter, the user's)."""
    return _letters.gettext(message, **variables)


def lazy_lt(message: str, **variables):
    """lt for text defined at import time (form labels): translated when shown."""
    return _letters.lazy_gettext(message, **variables)


writing_in = in_language
