"""E and S: what must be true before a case closes, and the case's allowed state changes."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from victimcare.translatable import Labels, N_, translate

OUTCOMES: dict[str, str] = Labels({
    "met": N_("Met"),
    "partly-met": N_("Partly met"),
    "not-met": N_("Not met"),
    "no-longer-relevant": N_("No longer relevant"),
})

# The steps a case's closure history records (ClosureStep.step).
CLOSURE_STEPS = Labels({"requested": N_("Closure requested"), "approved": N_("Approved"), "returned": N_("Returned"),
                        "reopened": N_("Reopened")})

# action -> (from states, to state)
TRANSITIONS: dict[str, tuple[frozenset[str], str]] = {
    "request-closure": (frozenset({"open"}), "closure-requested"),
    "approve": (frozenset({"closure-requested"}), "closed"),
    "return": (frozenset({"closure-requested"}), "open"),
    "reopen": (frozenset({"closed"}), "open"),
}


class TransitionNotAllowed(ValueError):
    pass


def next_status(current: str, action: str) -> str:
    allowed_from, to = TRANSITIONS[action]
    if current not in allowed_from:
        raise TransitionNotAllowed(f"a case that is {current} cannot be {action.replace('-', ' ')}d")
    return to


@dataclass
class VictimAtClosure:
    name: str
    wants_updates: bool = True
    final_update_given: bool = False
    what_matters_recorded: bool = False
    what_matters_declined: bool = False
    unassessed_items: int = 0
    assessed_without_explanation: int = 0
    overdue_without_reason: int = 0


@dataclass
class CaseAtClosure:
    victims: list[VictimAtClosure] = field(default_factory=list)


def closure_blockers(case: CaseAtClosure) -> list[str]:
    """Everything that stops the case closing, each said so the officer knows what to do."""
    problems = []
    if not case.victims:
        problems.append(translate(N_("Record at least one victim")))
    for victim in case.victims:
        if victim.wants_updates and not victim.final_update_given:
            problems.append(translate(N_("Give %(name)s a final update on the outcome")) % {"name": victim.name})
        if not victim.what_matters_recorded and not victim.what_matters_declined:
            problems.append(translate(N_("Record what matters to %(name)s, or that they did not wish to say"))
                            % {"name": victim.name})
        if victim.unassessed_items:
            text = (N_("Assess how far %(count)s thing that mattered to %(name)s was met") if victim.unassessed_items == 1
                    else N_("Assess how far %(count)s things that mattered to %(name)s were met"))
            problems.append(translate(text) % {"count": victim.unassessed_items, "name": victim.name})
        if victim.assessed_without_explanation:
            problems.append(translate(N_("Explain each assessment of what mattered to %(name)s")) % {"name": victim.name})
        if victim.overdue_without_reason:
            text = (N_("Give or record a reason for %(count)s overdue update to %(name)s")
                    if victim.overdue_without_reason == 1
                    else N_("Give or record a reason for %(count)s overdue updates to %(name)s"))
            problems.append(translate(text) % {"count": victim.overdue_without_reason, "name": victim.name})
    return problems


def is_overdue(due_on: date, given: bool, today: date) -> bool:
    return not given and due_on < today
