"""The Welsh catalogue: every message the app can show has a Welsh translation, and the compiled
catalogue the app loads says the same as the one translators edit.

Completeness only: the Welsh awaits review by the force's Welsh-language team (see the .po header).
"""

from __future__ import annotations

from pathlib import Path

from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.mofile import read_mo
from babel.messages.pofile import read_po

ROOT = Path(__file__).resolve().parents[2]
CATALOGUE = ROOT / "victimcare" / "translations" / "cy" / "LC_MESSAGES" / "messages.po"
# As README's `pybabel extract -k ...`: forms mark their text with lazy_gettext.
KEYWORDS = {**DEFAULT_KEYWORDS, "lazy_gettext": None, "_l": None, "lazy_ngettext": (1, 2)}


def _source_messages() -> set[str]:
    with open(ROOT / "babel.cfg") as cfg:
        method_map, options_map = parse_mapping_cfg(cfg)
    found = set()
    for _filename, _lineno, message, _comments, _context in extract_from_dir(
            ROOT, method_map, options_map, keywords=KEYWORDS):
        found.add(message if isinstance(message, str) else message[0])
    return found


def _catalogue():
    with open(CATALOGUE, "rb") as po:
        return read_po(po, locale="cy")


def _translated(message) -> bool:
    strings = message.string if isinstance(message.string, tuple) else (message.string,)
    return not message.fuzzy and all(strings)


def test_every_message_in_the_sources_has_a_welsh_translation():
    catalogue = _catalogue()
    sources = _source_messages()
    assert len(sources) > 10, "extraction found almost nothing: is babel.cfg right?"
    untranslated = sorted(msgid for msgid in sources
                          if catalogue.get(msgid) is None or not _translated(catalogue.get(msgid)))
    assert untranslated == [], (
        "these messages have no Welsh translation (or a fuzzy one); see README, Welsh and English:\n"
        + "\n".join(untranslated))


def test_the_compiled_catalogue_says_what_the_po_file_says():
    """The app loads the .mo: a .po edited without `pybabel compile` would not reach users."""
    with open(CATALOGUE.with_suffix(".mo"), "rb") as mo:
        compiled = {m.id: m.string for m in read_mo(mo) if m.id}
    edited = {m.id: m.string for m in _catalogue() if m.id and _translated(m)}
    assert compiled == edited, "run: pybabel compile -d victimcare/translations -D messages"


def test_the_catalogue_is_marked_as_awaiting_review_by_the_welsh_language_team():
    assert "AWAITING REVIEW by Gwent Police's Welsh-language team" in _catalogue().header_comment.replace("\n# ", " ")
