"""A: the assessment of needs (shared/domain.md §4) and whether a referral was made on time."""

from __future__ import annotations

from datetime import date

RISK_LEVELS: dict[str, str] = {"standard": "Standard", "medium": "Medium", "high": "High"}

SUPPORT_NEEDS: dict[str, str] = {
    "emotional": "Emotional wellbeing",
    "physical-health": "Physical health",
    "mental-health": "Mental health",
    "housing": "Housing",
    "finance": "Finance",
    "safety": "Safety and security",
    "children": "Children and dependants",
    "communication": "Communication and language",
    "disability": "Disability and access",
}

SPECIAL_MEASURES: dict[str, str] = {
    "screens": "Screens",
    "live-link": "Live link",
    "evidence-in-private": "Evidence given in private",
    "wigs-gowns": "Removal of wigs and gowns",
    "video-evidence": "Video-recorded evidence in chief",
    "intermediary": "Intermediary",
    "communication-aids": "Communication aids",
}

VPS_CHOICES: dict[str, str] = {
    "not-offered": "Not offered yet",
    "taken": "Offered and made",
    "declined": "Offered and declined",
    "undecided": "Offered; the victim is thinking about it",
}

REFERRAL_STATUSES: dict[str, str] = {
    "sent": "Sent",
    "accepted": "Accepted",
    "declined-by-agency": "Declined by the agency",
    "service-started": "Service started",
    "closed": "Closed",
}


def referral_on_time(due_on: date, referred_on: date | None, refusal_recorded: bool, today: date) -> str:
    """'on-time', 'late', 'refused' (the victim's choice, not a failure), 'due' or 'overdue'."""
    if refusal_recorded:
        return "refused"
    if referred_on is not None:
        return "on-time" if referred_on <= due_on else "late"
    return "overdue" if today > due_on else "due"
