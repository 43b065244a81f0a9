"""C: the contract with the victim and what matters to them (shared/domain.md §4)."""

from __future__ import annotations

from victimcare.translatable import Labels, N_

CONTACT_METHODS: dict[str, str] = Labels({
    "phone": N_("Phone call"),
    "email": N_("Email"),
    "letter": N_("Letter"),
    "text": N_("Text message"),
    "in-person": N_("In person"),
    "representative": N_("Through a representative"),
})

WHAT_MATTERS_CATEGORIES: dict[str, str] = Labels({
    "kept-informed": N_("Being kept informed"),
    "safety": N_("Safety and protection"),
    "listened-to": N_("Being listened to and believed"),
    "justice": N_("The offender caught and brought to justice"),
    "property": N_("Property returned or repaired"),
    "compensation": N_("Compensation and financial loss"),
    "wellbeing": N_("Health and wellbeing support"),
    "prevention": N_("Stopping it happening again"),
    "privacy": N_("Privacy"),
    "practical-help": N_("Practical help (housing, transport, childcare, work)"),
    "other": N_("Something else"),
})

REFERRAL_CONSENT: dict[str, str] = Labels({
    "given": N_("Consents to referral"),
    "refused": N_("Does not want to be referred"),
    "not-asked": N_("Not asked yet"),
})


def referral_needs_explicit_consent(*, sexual_offence: bool, domestic_abuse: bool, bereaved: bool) -> bool:
    """Most victims are referred unless they opt out; these only with their explicit consent."""
    return sexual_offence or domestic_abuse or bereaved


def may_refer(consent: str, *, explicit_consent_needed: bool) -> bool:
    if consent == "refused":
        return False
    if explicit_consent_needed:
        return consent == "given"
    return True
