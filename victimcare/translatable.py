"""Text defined in code (labels by code, reference data) marked for the Welsh catalogue.

Kept free of Flask so the CARES rules can use it: the text stays English where it is defined, and is
translated where it is read, in the language of the request (English outside one: the API, the
command line, tests of the rules).
"""

from __future__ import annotations

from collections.abc import Iterator


def N_(text: str) -> str:
    """Marks `text` for extraction into the catalogue; `translate` (or Labels) translates it when shown."""
    return text


def translate(text: str) -> str:
    from flask_babel import gettext  # imported here so the rules modules import no Flask

    return gettext(text) if text else text


def _lazy(text: str):
    from victimcare.i18n import lazy_gettext

    return lazy_gettext(text)


class Labels(dict):
    """Display labels by stored code: English inside, read in the language of the request."""

    def __getitem__(self, code):
        return translate(super().__getitem__(code))

    def get(self, code, default=None):
        return self[code] if code in self else default

    # Lazy, so that form choices built when a module is imported are shown in each request's language.
    def items(self) -> Iterator[tuple]:
        return ((code, _lazy(text)) for code, text in dict.items(self))

    def values(self) -> Iterator:
        return (_lazy(text) for text in dict.values(self))

    def english(self, code) -> str:
        """The label as written in the code: for audit details and other code-level text."""
        return super().__getitem__(code)
