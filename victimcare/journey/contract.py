"""C: the contract with the victim and what matters to them (shared/domain.md §4)."""

from __future__ import annotations

CONTACT_METHODS: dict[str, str] = {
    "phone": "Phone call",
    "email": "Email",
    "letter": "Letter",
    "text": "Text message",
    "in-person": "In person",
    "representative": "Through a representative",
}

WHAT_MATTERS_CATEGORIES: dict[str, str] = {
    "kept-informed": "Being kept informed",
    "safety": "Safety and protection",
    "listened-to": "Being listened to and believed",
    "justice": "The offender caught and brought to justice",
    "property": "Property returned or repaired",
    "compensation": "Compensation and financial loss",
    "wellbeing": "Health and wellbeing support",
    "prevention": "Stopping it happening again",
    "privacy": "Privacy",
    "practical-help": "Practical help (housing, transport, childcare, work)",
    "other": "Something else",
}

REFERRAL_CONSENT: dict[str, str] = {
    "given": "Consents to referral",
    "refused": "Does not want to be referred",
    "not-asked": "Not asked yet",
}


def referral_needs_explicit_consent(*, sexual_offence: bool, domestic_abuse: bool, bereaved: bool) -> bool:
    """Most victims are referred unless they opt out; these only with their explicit consent."""
    return sexual_offence or domestic_abuse or bereaved


def may_refer(consent: str, *, explicit_consent_needed: bool) -> bool:
    if consent == "refused":
        return False
    if explicit_consent_needed:
        return consent == "given"
    return True
