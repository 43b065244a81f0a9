"""Letter text chosen in Python: what each key stage means for the victim, their rights under the Code,
the support services and the offences. Marked with letter_text for the `letters` catalogue (not N_, which
the app's `messages` extraction would take); translated when the letter is written, in its language (text.lt).
"""

from __future__ import annotations


def letter_text(message: str) -> str:
    """Marks text for the letters catalogue without translating it yet."""
    return message


# Key stage -> what happened, told to the victim; %(date)s is the day it happened.
STAGE_PARAGRAPHS: dict[str, str] = {
    "arrested": letter_text("On %(date)s a suspect was arrested."),
    "interviewed": letter_text("On %(date)s a suspect was interviewed under caution."),
    "bailed": letter_text("On %(date)s the suspect was released on bail. Bail can come with conditions, for "
                          "example not to contact you."),
    "bail-changed": letter_text("On %(date)s the suspect's bail conditions were changed or cancelled."),
    "released-under-investigation": letter_text(
        "On %(date)s the suspect was released while the investigation continues (released under investigation). "
        "This means there are no bail conditions, and the investigation has not ended."),
    "charged": letter_text(
        "On %(date)s the suspect was charged (or summonsed to court), so the case will go to court. The Witness "
        "Care Unit will contact you about the court case and your part in it."),
    "no-further-action": letter_text(
        "On %(date)s it was decided to take no further action against the suspect. The officer in the case can "
        "explain the reasons for this decision."),
    "out-of-court-disposal": letter_text(
        "On %(date)s the case against the suspect was dealt with without going to court, for example by a "
        "caution, a conditional caution or a community resolution."),
    "passed-to-cps": letter_text(
        "On %(date)s we sent the case file to the Crown Prosecution Service, who will decide whether the suspect "
        "should be charged."),
    "cps-decision": letter_text(
        "On %(date)s the Crown Prosecution Service made its decision on whether to charge the suspect. The officer "
        "in the case can explain what it means for you."),
    "filed": letter_text("On %(date)s the investigation was filed: we have followed every line of enquiry we can "
                         "for now. If new information comes to light, we will look at the case again."),
}

# The twelve rights of the Code of Practice for Victims of Crime (shared/domain.md §1), in order.
RIGHTS: tuple[str, ...] = (
    letter_text("to be able to understand and to be understood, with an interpreter or a translation if you need one"),
    letter_text("to have the details of the crime recorded without unjustified delay"),
    letter_text("to be given information when you report the crime, as in this letter"),
    letter_text("to be referred to services that support victims, and to have services that meet your needs"),
    letter_text("to be given information about compensation"),
    letter_text("to be given information about the investigation and any prosecution"),
    letter_text("to make a Victim Personal Statement, saying how the crime has affected you"),
    letter_text("to be given information about the trial and your role as a witness"),
    letter_text("to be given information about the outcome of the case and any appeals"),
    letter_text("to be paid expenses and to have your property returned"),
    letter_text("to be given information about the offender after a conviction"),
    letter_text("to make a complaint if you do not receive these rights"),
)

# Free, confidential support open to every victim, whether or not they take part in the investigation.
SUPPORT_SERVICES: tuple[str, ...] = (
    letter_text("Connect Gwent, the victims' hub for Gwent: 0300 123 21 33"),
    letter_text("Victim Support Supportline, free, 24 hours a day: 08 08 16 89 111"),
    letter_text("Live Fear Free, for domestic abuse and sexual violence, free, 24 hours a day: 0808 80 10 800"),
)

# Offence code (victimcare.reference_data.OFFENCES) -> its name in a letter. An offence an administrator
# adds later prints under its recorded name until the catalogue has it.
OFFENCE_NAMES: dict[str, str] = {
    "homicide": letter_text("Murder or manslaughter"),
    "attempted-murder": letter_text("Attempted murder"),
    "wounding-with-intent": letter_text("Wounding or causing grievous bodily harm with intent"),
    "assault-with-injury": letter_text("Assault causing injury"),
    "assault-without-injury": letter_text("Common assault or battery"),
    "rape": letter_text("Rape"),
    "sexual-assault": letter_text("Sexual assault or another sexual offence"),
    "kidnap": letter_text("Kidnap"),
    "false-imprisonment": letter_text("False imprisonment"),
    "human-trafficking": letter_text("Human trafficking or modern slavery"),
    "terrorism": letter_text("A terrorism offence"),
    "arson-endangering-life": letter_text("Arson endangering life"),
    "stalking": letter_text("Stalking"),
    "harassment": letter_text("Harassment"),
    "controlling-behaviour": letter_text("Controlling or coercive behaviour"),
    "robbery": letter_text("Robbery"),
    "burglary-residential": letter_text("Burglary of a home"),
    "vehicle-crime": letter_text("Theft of or from a vehicle"),
    "theft": letter_text("Theft"),
    "criminal-damage": letter_text("Criminal damage"),
    "fraud": letter_text("Fraud"),
    "public-order": letter_text("A public order offence"),
}
