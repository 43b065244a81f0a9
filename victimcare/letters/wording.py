"""Letter text chosen in Python: what each key stage means for the victim, their rights under the Code,
the support services and the offences. Marked with N_ for the `letters` catalogue; translated when the
letter is written, in its own language (text.lt).
"""

from __future__ import annotations


def N_(message: str) -> str:
    """Marks text for the letters catalogue without translating it yet."""
    return message


# Key stage -> what happened, told to the victim; %(date)s is the day it happened.
STAGE_PARAGRAPHS: dict[str, str] = {
    "arrested": N_("On %(date)s a suspect was arrested."),
    "interviewed": N_("On %(date)s a suspect was interviewed under caution."),
    "bailed": N_("On %(date)s the suspect was released on bail. Bail can come with conditions, for example not "
                 "to contact you."),
    "bail-changed": N_("On %(date)s the suspect's bail conditions were changed or cancelled."),
    "released-under-investigation": N_(
        "On %(date)s the suspect was released while the investigation continues (released under investigation). "
        "This means there are no bail conditions, and the investigation has not ended."),
    "charged": N_("On %(date)s the suspect was charged (or summonsed to court), so the case will go to court. "
                  "The Witness Care Unit will contact you about the court case and your part in it."),
    "no-further-action": N_("On %(date)s it was decided to take no further action against the suspect. The "
                            "officer in the case can explain the reasons for this decision."),
    "out-of-court-disposal": N_(
        "On %(date)s the case against the suspect was dealt with without going to court, for example by a "
        "caution, a conditional caution or a community resolution."),
    "passed-to-cps": N_("On %(date)s we sent the case file to the Crown Prosecution Service, who will decide "
                        "whether the suspect should be charged."),
    "cps-decision": N_("On %(date)s the Crown Prosecution Service made its decision on whether to charge the "
                       "suspect. The officer in the case can explain what it means for you."),
    "filed": N_("On %(date)s the investigation was filed: we have followed every line of enquiry we can for now. "
                "If new information comes to light, we will look at the case again."),
}

# The twelve rights of the Code of Practice for Victims of Crime (shared/domain.md §1), in order.
RIGHTS: tuple[str, ...] = (
    N_("to be able to understand and to be understood, with an interpreter or a translation if you need one"),
    N_("to have the details of the crime recorded without unjustified delay"),
    N_("to be given information when you report the crime, as in this letter"),
    N_("to be referred to services that support victims, and to have services that meet your needs"),
    N_("to be given information about compensation"),
    N_("to be given information about the investigation and any prosecution"),
    N_("to make a Victim Personal Statement, saying how the crime has affected you"),
    N_("to be given information about the trial and your role as a witness"),
    N_("to be given information about the outcome of the case and any appeals"),
    N_("to be paid expenses and to have your property returned"),
    N_("to be given information about the offender after a conviction"),
    N_("to make a complaint if you do not receive these rights"),
)

# Free, confidential support open to every victim, whether or not they take part in the investigation.
SUPPORT_SERVICES: tuple[str, ...] = (
    N_("Connect Gwent, the victims' hub for Gwent: 0300 123 21 33"),
    N_("Victim Support Supportline, free, 24 hours a day: 08 08 16 89 111"),
    N_("Live Fear Free, for domestic abuse and sexual violence, free, 24 hours a day: 0808 80 10 800"),
)

# Offence code (victimcare.reference_data.OFFENCES) -> its name in a letter. An offence an administrator
# adds later prints under its recorded name until the catalogue has it.
OFFENCE_NAMES: dict[str, str] = {
    "homicide": N_("Murder or manslaughter"),
    "attempted-murder": N_("Attempted murder"),
    "wounding-with-intent": N_("Wounding or causing grievous bodily harm with intent"),
    "assault-with-injury": N_("Assault causing injury"),
    "assault-without-injury": N_("Common assault or battery"),
    "rape": N_("Rape"),
    "sexual-assault": N_("Sexual assault or another sexual offence"),
    "kidnap": N_("Kidnap"),
    "false-imprisonment": N_("False imprisonment"),
    "human-trafficking": N_("Human trafficking or modern slavery"),
    "terrorism": N_("A terrorism offence"),
    "arson-endangering-life": N_("Arson endangering life"),
    "stalking": N_("Stalking"),
    "harassment": N_("Harassment"),
    "controlling-behaviour": N_("Controlling or coercive behaviour"),
    "robbery": N_("Robbery"),
    "burglary-residential": N_("Burglary of a home"),
    "vehicle-crime": N_("Theft of or from a vehicle"),
    "theft": N_("Theft"),
    "criminal-damage": N_("Criminal damage"),
    "fraud": N_("Fraud"),
    "public-order": N_("A public order offence"),
}
