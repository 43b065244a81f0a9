"""What blocks a case from closing, and the journey's allowed state changes."""

import pytest

from victimcare.journey.closure import (
    CaseAtClosure,
    TransitionNotAllowed,
    VictimAtClosure,
    closure_blockers,
    next_status,
)


def ready(name="Alys", **overrides) -> VictimAtClosure:
    facts = dict(name=name, wants_updates=True, final_update_given=True, what_matters_recorded=True)
    facts.update(overrides)
    return VictimAtClosure(**facts)


def test_a_case_with_everything_done_can_close():
    assert closure_blockers(CaseAtClosure([ready(), ready("Bryn")])) == []


def test_each_missing_thing_is_named_with_the_victim():
    blockers = closure_blockers(CaseAtClosure([
        ready(final_update_given=False),
        ready("Bryn", what_matters_recorded=False),
        ready("Cai", unassessed_items=2),
        ready("Dilys", overdue_without_reason=1),
        ready("Efa", assessed_without_explanation=1),
    ]))
    assert blockers == [
        "Give Alys a final update on the outcome",
        "Record what matters to Bryn, or that they did not wish to say",
        "Assess how far 2 things that mattered to Cai were met",
        "Give or record a reason for 1 overdue update to Dilys",
        "Explain each assessment of what mattered to Efa",
    ]


def test_a_victim_who_wanted_no_updates_needs_no_final_update():
    assert closure_blockers(CaseAtClosure([ready(wants_updates=False, final_update_given=False)])) == []


def test_did_not_wish_to_say_is_an_answer():
    assert closure_blockers(CaseAtClosure([ready(what_matters_recorded=False, what_matters_declined=True)])) == []


def test_a_case_with_no_victim_cannot_close():
    assert closure_blockers(CaseAtClosure([])) == ["Record at least one victim"]


@pytest.mark.parametrize(("current", "action", "to"), [
    ("open", "request-closure", "closure-requested"),
    ("closure-requested", "approve", "closed"),
    ("closure-requested", "return", "open"),
    ("closed", "reopen", "open"),
])
def test_allowed_transitions(current, action, to):
    assert next_status(current, action) == to


@pytest.mark.parametrize(("current", "action"), [
    ("open", "approve"), ("open", "reopen"), ("closed", "approve"), ("closed", "request-closure"),
    ("closure-requested", "request-closure"), ("open", "return"),
])
def test_disallowed_transitions(current, action):
    with pytest.raises(TransitionNotAllowed):
        next_status(current, action)


def test_feedback_rules():
    from datetime import date

    from victimcare.journey.feedback import (
        dissatisfied_stages,
        parse_import_row,
        satisfied,
    )

    assert [satisfied(a) for a in (1, 3, 4, 7, None)] == [True, True, False, False, None]
    assert dissatisfied_stages({"kept_informed": 5, "treatment": 4, "ease_of_contact": None}) == ["kept_informed"]
    row = parse_import_row(2, {"crime_reference": "gp/26/000001", "victim_id": "7", "surveyed_on": "2026-11-01",
                               "ease_of_contact": "1", "actions_taken": "", "kept_informed": "8",
                               "treatment": "x", "whole_experience": "3", "comments": " "}, date(2026, 11, 24))
    assert row.crime_reference == "GP/26/000001" and row.victim_id == 7
    assert row.answers["ease_of_contact"] == 1 and row.answers["actions_taken"] is None
    assert row.errors == ["kept_informed: '8' is not an answer from 1 to 7", "treatment: 'x' is not an answer from 1 to 7"]
    future = parse_import_row(3, {"crime_reference": "GP/26/1", "victim_id": "a", "surveyed_on": "2027-01-01"},
                              date(2026, 11, 24))
    assert "victim_id: 'a' is not a whole number" in future.errors
    assert "surveyed_on: 2027-01-01 is in the future" in future.errors
