"""Which letters there are, who may produce them, and which language each is written in."""

from __future__ import annotations

from victimcare.letters.wording import letter_text
from victimcare.models import Role

ACKNOWLEDGEMENT = "acknowledgement"
NO_CONTACT = "no-contact"
KEY_STAGE = "key-stage-update"

# kind -> (what officers call it, the roles that may produce it). The Victim Care Unit writes after
# its own attempts and may acknowledge a report; key-stage updates are the investigation's, which the
# unit does not see.
LETTER_KINDS: dict[str, tuple[str, frozenset[Role]]] = {
    ACKNOWLEDGEMENT: (letter_text("Written acknowledgement of the report (Right 3)"),
                      frozenset({Role.OFFICER, Role.SUPERVISOR, Role.VCU})),
    NO_CONTACT: (letter_text("Letter after unsuccessful contact attempts"),
                 frozenset({Role.OFFICER, Role.SUPERVISOR, Role.VCU})),
    KEY_STAGE: (letter_text("Key-stage update letter"), frozenset({Role.OFFICER, Role.SUPERVISOR})),
}

# Letters are written in the languages of the Welsh Language Standards; a victim who speaks another
# language gets English and an interpreter or translation (Right 1).
LETTER_LOCALES = ("cy", "en")
BILINGUAL = "cy+en"
LANGUAGE_LABELS = {"en": letter_text("English"), "cy": letter_text("Welsh"),
                   BILINGUAL: letter_text("Welsh and English")}


def may_produce(kind: str, role: Role) -> bool:
    return kind in LETTER_KINDS and role in LETTER_KINDS[kind][1]


def letter_locales(preferred: str, *, bilingual: bool) -> tuple[str, ...]:
    """The languages a letter is written in, in print order.

    The victim's choice decides, never the language the officer works in. A bilingual letter puts
    Welsh first, as the Welsh Language Standards expect.
    """
    if bilingual:
        return ("cy", "en")
    return (preferred,) if preferred in LETTER_LOCALES else ("en",)


def language_code(locales: tuple[str, ...]) -> str:
    """How a letter's languages are recorded: "en", "cy", or "cy+en"."""
    return "+".join(locales)
