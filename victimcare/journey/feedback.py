"""Victim feedback: the user-satisfaction survey's five stages on a 7-point scale (shared/domain.md §5)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from victimcare.translatable import Labels, N_

SURVEY_STAGES: dict[str, str] = Labels({
    "ease_of_contact": N_("Ease of contact"),
    "actions_taken": N_("Actions taken"),
    "kept_informed": N_("Kept informed"),
    "treatment": N_("Treatment"),
    "whole_experience": N_("Whole experience"),
})
SCALE: dict[int, str] = Labels({
    1: N_("Completely satisfied"),
    2: N_("Very satisfied"),
    3: N_("Fairly satisfied"),
    4: N_("Neither satisfied nor dissatisfied"),
    5: N_("Fairly dissatisfied"),
    6: N_("Very dissatisfied"),
    7: N_("Completely dissatisfied"),
})
FEEDBACK_POINTS: dict[str, str] = Labels({
    "initial": N_("After the initial response"),
    "key-stage": N_("At a key stage"),
    "closure": N_("At closure"),
    "survey": N_("User-satisfaction survey"),
})
IMPACTS: dict[str, str] = Labels({"positive": N_("Positive"), "neutral": N_("Neutral"), "negative": N_("Negative")})
# What was learnt from a service-recovery item, as a theme the Board can count (it never sees the text).
LESSON_THEMES: dict[str, str] = Labels({
    "communication": N_("Communication"),
    "timeliness": N_("Timeliness"),
    "attitude": N_("Attitude and treatment"),
    "process": N_("Process"),
    "information": N_("Information given"),
    "other": N_("Other"),
})
# Complaints about the service (Right 12): what they were about, and how they ended.
COMPLAINT_SUBJECTS: dict[str, str] = Labels({
    "not-kept-informed": N_("Not kept informed"),
    "attitude": N_("Attitude or treatment"),
    "delay": N_("Delay"),
    "outcome": N_("The outcome"),
    "other": N_("Other"),
})
COMPLAINT_OUTCOMES: dict[str, str] = Labels({
    "upheld": N_("Upheld"),
    "not-upheld": N_("Not upheld"),
    "resolved-informally": N_("Resolved informally"),
    "open": N_("Open"),
})
IMPORT_HEADER = ("crime_reference", "victim_id", "surveyed_on", *SURVEY_STAGES, "comments")


def satisfied(answer: int | None) -> bool | None:
    """The headline measure: completely, very or fairly satisfied (1-3)."""
    return None if answer is None else answer <= 3


def dissatisfied_stages(answers: dict[str, int | None]) -> list[str]:
    """Stages a victim was fairly, very or completely dissatisfied with: each calls for service recovery."""
    return [stage for stage in SURVEY_STAGES if (answers.get(stage) or 0) >= 5]


@dataclass
class ImportRow:
    line: int
    crime_reference: str
    victim_id: int | None
    surveyed_on: date | None
    answers: dict[str, int | None]
    comments: str | None
    errors: list[str] = field(default_factory=list)


def parse_import_row(line: int, raw: dict[str, str], today: date) -> ImportRow:
    """Check one CSV row's shape; what the database knows (references, duplicates) is checked after."""
    errors = []
    reference = (raw.get("crime_reference") or "").strip().upper()
    if not reference:
        errors.append("crime_reference: missing")
    victim_id = None
    text = (raw.get("victim_id") or "").strip()
    if not text.isdigit():
        errors.append(f"victim_id: {text!r} is not a whole number")
    else:
        victim_id = int(text)
    surveyed_on = None
    try:
        surveyed_on = date.fromisoformat((raw.get("surveyed_on") or "").strip())
        if surveyed_on > today:
            errors.append(f"surveyed_on: {surveyed_on.isoformat()} is in the future")
            surveyed_on = None
    except ValueError:
        errors.append(f"surveyed_on: {raw.get('surveyed_on')!r} is not a date like 2026-11-24")
    answers: dict[str, int | None] = {}
    for stage in SURVEY_STAGES:
        value = (raw.get(stage) or "").strip()
        if value == "":
            answers[stage] = None
        elif value.isdigit() and 1 <= int(value) <= 7:
            answers[stage] = int(value)
        else:
            errors.append(f"{stage}: {value!r} is not an answer from 1 to 7")
            answers[stage] = None
    comments = (raw.get("comments") or "").strip() or None
    return ImportRow(line, reference, victim_id, surveyed_on, answers, comments, errors)
