"""templates/ holds its own copy of GOV.UK Frontend's error-message macro, so that the visually hidden
"Error:" before each message is in the page's language. The copy must stay the package's macro in every
other respect: when govuk-frontend-jinja changes it, this test says to copy it again."""

from __future__ import annotations

from pathlib import Path

import govuk_frontend_jinja

MACRO = Path("components") / "error-message" / "macro.html"
OURS = Path(__file__).resolve().parents[2] / "templates" / "govuk_frontend_jinja" / MACRO
THEIRS = Path(govuk_frontend_jinja.__file__).parent / "templates" / MACRO


def _without_comment(text: str) -> str:
    return text.split("#}\n", 1)[1] if text.startswith("{#") else text


def test_the_error_message_macro_is_the_packages_with_a_translated_prefix():
    ours = _without_comment(OURS.read_text())
    assert 'default(_("Error"))' in ours
    assert ours.replace('default(_("Error"))', 'default("Error")') == THEIRS.read_text()
