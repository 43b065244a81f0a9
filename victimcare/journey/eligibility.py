"""Who gets enhanced rights under the Victims' Code (shared/domain.md §2)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from victimcare.translatable import Labels, N_

REASONS: dict[str, str] = Labels({
    "most-serious-crime": N_("Victim of the most serious crime"),
    "domestic-abuse": N_("Domestic abuse"),
    "hate-crime": N_("Hate crime"),
    "bereaved": N_("Bereaved close relative"),
    "persistently-targeted": N_("Persistently targeted"),
    "under-18": N_("Under 18 at the time of the offence"),
    "vulnerable": N_("Vulnerable"),
    "intimidated": N_("Intimidated"),
})


@dataclass(frozen=True)
class VictimFacts:
    """What eligibility depends on, gathered from the case and the victim."""

    most_serious_offence: bool
    sexual_offence: bool = False
    domestic_abuse: bool = False
    hate_crime: bool = False
    business: bool = False
    date_of_birth: date | None = None
    offence_date: date | None = None
    vulnerable: bool = False
    intimidated: bool = False
    persistently_targeted: bool = False
    bereaved: bool = False
    # Complainants of sexual offences and domestic abuse are treated as intimidated
    # unless they say otherwise.
    declines_intimidated: bool = False


def age_on(date_of_birth: date, on: date) -> int:
    years = on.year - date_of_birth.year
    if (on.month, on.day) < (date_of_birth.month, date_of_birth.day):
        years -= 1
    return years


def enhanced_reasons(facts: VictimFacts) -> list[str]:
    """The reason codes that apply, in a stable order; empty means standard rights."""
    if facts.business:
        return []
    reasons = []
    if facts.most_serious_offence:
        reasons.append("most-serious-crime")
    if facts.domestic_abuse:
        reasons.append("domestic-abuse")
    if facts.hate_crime:
        reasons.append("hate-crime")
    if facts.bereaved:
        reasons.append("bereaved")
    if facts.persistently_targeted:
        reasons.append("persistently-targeted")
    if facts.date_of_birth and facts.offence_date and age_on(facts.date_of_birth, facts.offence_date) < 18:
        reasons.append("under-18")
    if facts.vulnerable:
        reasons.append("vulnerable")
    presumed_intimidated = (facts.sexual_offence or facts.domestic_abuse) and not facts.declines_intimidated
    if facts.intimidated or presumed_intimidated:
        reasons.append("intimidated")
    return reasons
