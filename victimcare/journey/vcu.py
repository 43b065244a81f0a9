"""The Victim Care Unit's follow-up rules (shared/domain.md §4)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date

from victimcare.journey.calendar import add_working_days
from victimcare.journey.stages import Timescale
from victimcare.translatable import Labels, N_

FOLLOW_UP = Timescale("vcu-follow-up", N_("Victim Care Unit follow-up after the case is recorded"), 5, 2,
                      configurable=True)
MAX_UNSUCCESSFUL_ATTEMPTS = 3

ATTEMPT_OUTCOMES: dict[str, str] = Labels({
    "reached": N_("Reached the victim"),
    "no-answer": N_("No answer"),
    "message-left": N_("Message left"),
    "wrong-number": N_("Wrong number"),
    "declined": N_("Victim declined the call"),
})
# How a follow-up ended (VcuFollowUp.outcome).
FOLLOW_UP_OUTCOMES = Labels({"reached": N_("Reached"), "letter-sent": N_("Letter sent"), "declined": N_("Declined")})
UNSUCCESSFUL = frozenset({"no-answer", "message-left", "wrong-number"})


def follow_up_due_on(recorded_on: date, *, enhanced: bool, timescales: Mapping[str, Timescale] | None = None) -> date:
    timescale = (timescales or {}).get(FOLLOW_UP.code, FOLLOW_UP)
    return add_working_days(recorded_on, timescale.enhanced_days if enhanced else timescale.standard_days)


def letter_needed(outcomes: Iterable[str]) -> bool:
    """After three unsuccessful attempts the follow-up asks for a letter instead."""
    return sum(1 for outcome in outcomes if outcome in UNSUCCESSFUL) >= MAX_UNSUCCESSFUL_ATTEMPTS


def attempt_problem(outcome: str, *, may_leave_messages: bool) -> str | None:
    if outcome == "message-left" and not may_leave_messages:
        return "The victim's contract says not to leave messages"
    return None
