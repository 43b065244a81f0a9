"""Welsh and English: which language a request is answered in, and text in a given language.

The Welsh Language Standards let staff work in Welsh and victims choose Welsh. The language is the
signed-in user's saved choice, else the choice made in this browser before signing in, else English.
Text written for a victim (letters, e-mails) follows the victim's language, not the user's:
render it inside `in_language(victim_language)`.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, datetime

from babel.dates import format_date as babel_format_date
from babel.dates import format_time as babel_format_time
from babel.numbers import format_decimal, format_percent as babel_format_percent
from flask import has_request_context, request, session
from flask_babel import force_locale, get_locale, gettext
from flask_babel.speaklater import LazyString
from markupsafe import Markup, escape
from flask_login import current_user

from victimcare.api_request import is_api_request
from victimcare.timeutil import LONDON, as_utc

DEFAULT_LOCALE = "en"
# Language code -> its name in that language, as the language switch shows it.
LOCALES: dict[str, str] = {"en": "English", "cy": "Cymraeg"}
SESSION_KEY = "locale"

# CLDR patterns: "25 November 2026" / "25 Tachwedd 2026", and the short form for tables.
DATE_PATTERN = "d MMMM y"
MONTH_PATTERN = "LLLL y"
SHORT_DATE_PATTERN = "d MMM y"


class EscapedLazyString(LazyString):
    """Flask-Babel's lazy text marks itself as safe HTML; this one is escaped like any other string."""

    def __html__(self) -> Markup:
        return escape(str(self))


def lazy_gettext(string: str, **variables) -> EscapedLazyString:
    """Text defined at import time (form labels, messages) and translated when shown."""
    return EscapedLazyString(gettext, string, **variables)


def select_locale() -> str:
    """Flask-Babel's locale selector: the user's saved language, else this browser's choice, else English.

    The JSON API and its documentation stay in English: their words are field names and codes.
    """
    if not has_request_context() or is_api_request(request):  # the command line too
        return DEFAULT_LOCALE
    saved = getattr(current_user, "locale", None) if current_user and current_user.is_authenticated else None
    if saved in LOCALES:
        return saved
    chosen = session.get(SESSION_KEY)
    if chosen in LOCALES:
        return chosen
    return DEFAULT_LOCALE


def remember_language_choice(user) -> None:
    """At sign-in, a language chosen on the sign-in page becomes the user's if they had none saved."""
    chosen = session.get(SESSION_KEY)
    if user.locale is None and chosen in LOCALES:
        user.locale = chosen


def keep_language_after_sign_out(user) -> None:
    """The sign-in page a user returns to stays in the language they work in."""
    if user.locale in LOCALES:
        session[SESSION_KEY] = user.locale


def current_locale() -> str:
    locale = get_locale()
    return locale.language if locale is not None else DEFAULT_LOCALE


def preferred_language(victim_language: str | None, contract_language: str | None) -> str:
    """The language things addressed to a victim use: the one agreed in their contract, else the one
    recorded when the crime was reported, else English."""
    return contract_language or victim_language or DEFAULT_LOCALE


@contextmanager
def in_language(locale: str | None) -> Iterator[None]:
    """Render text addressed to someone else (a victim) in their language, whatever the user's."""
    with force_locale(locale if locale in LOCALES else DEFAULT_LOCALE):
        yield


def format_date(value: date | None, pattern: str = DATE_PATTERN) -> str:
    """A date in the current language, e.g. "25 Tachwedd 2026"."""
    if value is None:
        return ""
    if isinstance(value, datetime):
        value = as_utc(value).astimezone(LONDON).date()
    return babel_format_date(value, pattern, locale=current_locale())


def format_month(value: date) -> str:
    """A month and year in the current language, e.g. "Tachwedd 2026"."""
    return babel_format_date(value, MONTH_PATTERN, locale=current_locale())


def format_datetime(value: datetime | None) -> str:
    """A moment in UK time in the current language, e.g. "25 November 2026 at 14:05"."""
    if value is None:
        return ""
    local = as_utc(value).astimezone(LONDON)
    return gettext("%(date)s at %(time)s", date=format_date(local.date()),
                   time=babel_format_time(local, "HH:mm", locale=current_locale()))


def format_number(value: int | float | None) -> str:
    """A count or figure with the language's grouping, e.g. "1,234"."""
    if value is None:
        return ""
    return format_decimal(value, locale=current_locale())


def format_percent(value: float | None, decimals: int = 0) -> str:
    """A share (0.5 is 50%) as the language writes a percentage."""
    if value is None:
        return ""
    return babel_format_percent(value, format="#,##0" + ("." + "0" * decimals if decimals else "") + "%",
                                locale=current_locale())


def category_label(value) -> str:
    """A report's row name: a month ("March 2026") in the current language, anything else translated."""
    text = str(value)
    try:
        month = datetime.strptime(text, "%B %Y").date()
    except ValueError:
        return gettext(text) if text else text
    return format_month(month)
