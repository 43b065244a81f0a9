"""Which language things addressed to a victim use (letters, e-mails): theirs, never the officer's."""

from __future__ import annotations

import pytest

from victimcare.i18n import preferred_language


@pytest.mark.parametrize(("recorded", "contract", "expected"), [
    ("cy", None, "cy"),   # no contract yet: what was recorded at the report
    ("en", "cy", "cy"),   # the contract agreed with the victim decides
    ("cy", "en", "en"),
    ("pl", None, "pl"),   # another language is kept; a letter then says how to get it translated
    (None, None, "en"),   # nothing recorded: English
    ("", "", "en"),
])
def test_the_contract_language_wins_then_the_recorded_one_then_english(recorded, contract, expected):
    assert preferred_language(recorded, contract) == expected
