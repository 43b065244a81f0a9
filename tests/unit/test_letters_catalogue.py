"""The letters' Welsh catalogue (gettext domain `letters`): every piece of letter text has a Welsh
translation, the compiled catalogue matches the one translators edit, and letter templates take their
text only from it, so a letter is never partly in the language of the user who printed it.

Completeness only: the Welsh awaits review by the force's Welsh-language team (see the .po header).
"""

from __future__ import annotations

import re
from pathlib import Path

from babel.messages.extract import extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.mofile import read_mo
from babel.messages.pofile import read_po

ROOT = Path(__file__).resolve().parents[2]
CATALOGUE = ROOT / "victimcare" / "translations" / "cy" / "LC_MESSAGES" / "letters.po"
# As README's `pybabel extract -F babel-letters.cfg --no-default-keywords -k lt -k lazy_lt -k letter_text`.
KEYWORDS = {"lt": None, "lazy_lt": None, "letter_text": None}


def _letter_messages() -> set[str]:
    with open(ROOT / "babel-letters.cfg") as cfg:
        method_map, options_map = parse_mapping_cfg(cfg)
    return {message for _f, _l, message, _c, _ctx in extract_from_dir(ROOT, method_map, options_map,
                                                                      keywords=KEYWORDS)}


def _catalogue():
    with open(CATALOGUE, "rb") as po:
        return read_po(po, locale="cy")


def test_every_piece_of_letter_text_has_a_welsh_translation():
    catalogue = _catalogue()
    sources = _letter_messages()
    assert len(sources) > 50, "extraction found almost nothing: is babel-letters.cfg right?"
    untranslated = sorted(m for m in sources if catalogue.get(m) is None or catalogue.get(m).fuzzy
                          or not catalogue.get(m).string)
    assert untranslated == [], "no Welsh for these letter texts (README, Letters to victims):\n" + "\n".join(
        untranslated)


def test_the_compiled_letters_catalogue_says_what_the_po_file_says():
    with open(CATALOGUE.with_suffix(".mo"), "rb") as mo:
        compiled = {m.id: m.string for m in read_mo(mo) if m.id}
    edited = {m.id: m.string for m in _catalogue() if m.id and m.string and not m.fuzzy}
    assert compiled == edited, "run: pybabel compile -d victimcare/translations -D letters"


def test_the_letters_catalogue_is_marked_as_awaiting_review_by_the_welsh_language_team():
    assert "AWAITING REVIEW by Gwent Police's Welsh-language team" in _catalogue().header_comment.replace("\n# ", " ")


def test_the_letter_template_takes_its_text_only_from_the_letters_catalogue():
    """The app's own gettext (_ or trans) follows the user's language, not the victim's."""
    template = (ROOT / "templates" / "letters" / "_letter.html").read_text()
    assert re.search(r"\b_\(|\bgettext\(|{%-?\s*trans\b", template) is None
