"""A: the assessment of needs (shared/domain.md §4) and whether a referral was made on time."""

from __future__ import annotations

from datetime import date

from victimcare.translatable import Labels, N_

RISK_LEVELS: dict[str, str] = Labels({"standard": N_("Standard"), "medium": N_("Medium"), "high": N_("High")})

SUPPORT_NEEDS: dict[str, str] = Labels({
    "emotional": N_("Emotional wellbeing"),
    "physical-health": N_("Physical health"),
    "mental-health": N_("Mental health"),
    "housing": N_("Housing"),
    "finance": N_("Finance"),
    "safety": N_("Safety and security"),
    "children": N_("Children and dependants"),
    "communication": N_("Communication and language"),
    "disability": N_("Disability and access"),
})

SPECIAL_MEASURES: dict[str, str] = Labels({
    "screens": N_("Screens"),
    "live-link": N_("Live link"),
    "evidence-in-private": N_("Evidence given in private"),
    "wigs-gowns": N_("Removal of wigs and gowns"),
    "video-evidence": N_("Video-recorded evidence in chief"),
    "intermediary": N_("Intermediary"),
    "communication-aids": N_("Communication aids"),
})

VPS_CHOICES: dict[str, str] = Labels({
    "not-offered": N_("Not offered yet"),
    "taken": N_("Offered and made"),
    "declined": N_("Offered and declined"),
    "undecided": N_("Offered; the victim is thinking about it"),
})

REFERRAL_STATUSES: dict[str, str] = Labels({
    "sent": N_("Sent"),
    "accepted": N_("Accepted"),
    "declined-by-agency": N_("Declined by the agency"),
    "service-started": N_("Service started"),
    "closed": N_("Closed"),
})


def referral_on_time(due_on: date, referred_on: date | None, refusal_recorded: bool, today: date) -> str:
    """'on-time', 'late', 'refused' (the victim's choice, not a failure), 'due' or 'overdue'."""
    if refusal_recorded:
        return "refused"
    if referred_on is not None:
        return "on-time" if referred_on <= due_on else "late"
    return "overdue" if today > due_on else "due"
