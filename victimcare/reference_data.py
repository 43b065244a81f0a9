"""The force's default reference data (shared/domain.md §2); admins can add to it."""

from __future__ import annotations

import re
from dataclasses import dataclass

# A crime reference as the records system issues it: force, two-digit year, serial number.
CRIME_REFERENCE = re.compile(r"^GP/\d{2}/\d{6,7}$")

# Gwent's five local authority areas.
AREAS: tuple[str, ...] = ("Blaenau Gwent", "Caerphilly", "Monmouthshire", "Newport", "Torfaen")

VIOLENCE = "Violence against the person"
SEXUAL = "Sexual offences"
ROBBERY = "Robbery"
THEFT = "Theft offences"
DAMAGE = "Criminal damage and arson"
FRAUD = "Fraud"
PUBLIC_ORDER = "Public order offences"
OTHER = "Other crimes against society"


@dataclass(frozen=True)
class OffenceDefault:
    code: str
    name: str
    category: str
    most_serious: bool
    sexual: bool = False
    always_domestic_abuse: bool = False


OFFENCES: tuple[OffenceDefault, ...] = (
    OffenceDefault("homicide", "Murder or manslaughter", VIOLENCE, True),
    OffenceDefault("attempted-murder", "Attempted murder", VIOLENCE, True),
    OffenceDefault("wounding-with-intent", "Wounding or causing GBH with intent", VIOLENCE, True),
    OffenceDefault("assault-with-injury", "Assault with injury (ABH, or GBH without intent)", VIOLENCE, False),
    OffenceDefault("assault-without-injury", "Common assault or battery", VIOLENCE, False),
    OffenceDefault("rape", "Rape", SEXUAL, True, sexual=True),
    OffenceDefault("sexual-assault", "Sexual assault and other sexual offences", SEXUAL, True, sexual=True),
    OffenceDefault("kidnap", "Kidnap", VIOLENCE, True),
    OffenceDefault("false-imprisonment", "False imprisonment", VIOLENCE, True),
    OffenceDefault("human-trafficking", "Human trafficking or modern slavery", VIOLENCE, True),
    OffenceDefault("terrorism", "Terrorism offences", OTHER, True),
    OffenceDefault("arson-endangering-life", "Arson endangering life", DAMAGE, True),
    OffenceDefault("stalking", "Stalking", VIOLENCE, False),
    OffenceDefault("harassment", "Harassment", VIOLENCE, False),
    # Most serious through the domestic abuse qualifier, which this offence always carries.
    OffenceDefault("controlling-behaviour", "Controlling or coercive behaviour", VIOLENCE, False,
                   always_domestic_abuse=True),
    OffenceDefault("robbery", "Robbery of personal property", ROBBERY, False),
    OffenceDefault("burglary-residential", "Residential burglary", THEFT, False),
    OffenceDefault("vehicle-crime", "Theft of or from a vehicle", THEFT, False),
    OffenceDefault("theft", "Other theft", THEFT, False),
    OffenceDefault("criminal-damage", "Criminal damage (not endangering life)", DAMAGE, False),
    OffenceDefault("fraud", "Fraud", FRAUD, False),
    OffenceDefault("public-order", "Public order offences", PUBLIC_ORDER, False),
)

HATE_CRIME_STRANDS: dict[str, str] = {
    "race": "Race",
    "religion": "Religion or belief",
    "sexual-orientation": "Sexual orientation",
    "disability": "Disability",
    "transgender": "Transgender identity",
}

# Victim support services and partner agencies (shared/domain.md §4).
SUPPORT_SERVICES: tuple[tuple[str, str], ...] = (
    ("connect-gwent", "Connect Gwent victims' hub"),
    ("victim-support", "Victim Support"),
    ("new-pathways", "New Pathways (sexual violence)"),
    ("embrace", "Embrace (children and young people)"),
    ("age-cymru", "Age Cymru"),
    ("domestic-abuse-services", "Domestic abuse services (IDVA)"),
    ("witness-care-unit", "Witness Care Unit"),
)
