"""The force's default reference data (shared/domain.md §2); admins can add to it."""

from __future__ import annotations

import re
from dataclasses import dataclass

from victimcare.translatable import Labels, N_

# A crime reference as the records system issues it: force, two-digit year, serial number.
CRIME_REFERENCE = re.compile(r"^GP/\d{2}/\d{6,7}$")

# Gwent's five local authority areas.
AREAS: tuple[str, ...] = ("Blaenau Gwent", "Caerphilly", "Monmouthshire", "Newport", "Torfaen")

VIOLENCE = N_("Violence against the person")
SEXUAL = N_("Sexual offences")
ROBBERY = N_("Robbery")
THEFT = N_("Theft offences")
DAMAGE = N_("Criminal damage and arson")
FRAUD = N_("Fraud")
PUBLIC_ORDER = N_("Public order offences")
OTHER = N_("Other crimes against society")


@dataclass(frozen=True)
class OffenceDefault:
    code: str
    name: str
    category: str
    most_serious: bool
    sexual: bool = False
    always_domestic_abuse: bool = False


OFFENCES: tuple[OffenceDefault, ...] = (
    OffenceDefault("homicide", N_("Murder or manslaughter"), VIOLENCE, True),
    OffenceDefault("attempted-murder", N_("Attempted murder"), VIOLENCE, True),
    OffenceDefault("wounding-with-intent", N_("Wounding or causing GBH with intent"), VIOLENCE, True),
    OffenceDefault("assault-with-injury", N_("Assault with injury (ABH, or GBH without intent)"), VIOLENCE, False),
    OffenceDefault("assault-without-injury", N_("Common assault or battery"), VIOLENCE, False),
    OffenceDefault("rape", N_("Rape"), SEXUAL, True, sexual=True),
    OffenceDefault("sexual-assault", N_("Sexual assault and other sexual offences"), SEXUAL, True, sexual=True),
    OffenceDefault("kidnap", N_("Kidnap"), VIOLENCE, True),
    OffenceDefault("false-imprisonment", N_("False imprisonment"), VIOLENCE, True),
    OffenceDefault("human-trafficking", N_("Human trafficking or modern slavery"), VIOLENCE, True),
    OffenceDefault("terrorism", N_("Terrorism offences"), OTHER, True),
    OffenceDefault("arson-endangering-life", N_("Arson endangering life"), DAMAGE, True),
    OffenceDefault("stalking", N_("Stalking"), VIOLENCE, False),
    OffenceDefault("harassment", N_("Harassment"), VIOLENCE, False),
    # Most serious through the domestic abuse qualifier, which this offence always carries.
    OffenceDefault("controlling-behaviour", N_("Controlling or coercive behaviour"), VIOLENCE, False,
                   always_domestic_abuse=True),
    OffenceDefault("robbery", N_("Robbery of personal property"), ROBBERY, False),
    OffenceDefault("burglary-residential", N_("Residential burglary"), THEFT, False),
    OffenceDefault("vehicle-crime", N_("Theft of or from a vehicle"), THEFT, False),
    OffenceDefault("theft", N_("Other theft"), THEFT, False),
    OffenceDefault("criminal-damage", N_("Criminal damage (not endangering life)"), DAMAGE, False),
    OffenceDefault("fraud", N_("Fraud"), FRAUD, False),
    OffenceDefault("public-order", N_("Public order offences"), PUBLIC_ORDER, False),
)

HATE_CRIME_STRANDS: dict[str, str] = Labels({
    "race": N_("Race"),
    "religion": N_("Religion or belief"),
    "sexual-orientation": N_("Sexual orientation"),
    "disability": N_("Disability"),
    "transgender": N_("Transgender identity"),
})

# Victim support services and partner agencies (shared/domain.md §4).
SUPPORT_SERVICES: tuple[tuple[str, str], ...] = (
    ("connect-gwent", N_("Connect Gwent victims' hub")),
    ("victim-support", N_("Victim Support")),
    ("new-pathways", N_("New Pathways (sexual violence)")),
    ("embrace", N_("Embrace (children and young people)")),
    ("age-cymru", N_("Age Cymru")),
    ("domestic-abuse-services", N_("Domestic abuse services (IDVA)")),
    ("witness-care-unit", N_("Witness Care Unit")),
)
