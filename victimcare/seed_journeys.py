"""Synthetic CARES journeys for seeded cases: contracts, what matters, needs, key stages, updates, closure.

Proportions are rough but deliberate: most victims agree a contract, some choose no updates, most
updates are on time and some are late, some closures are returned by supervisors.
"""

from __future__ import annotations

import random
from datetime import UTC, date, datetime, time, timedelta

import sqlalchemy as sa

from victimcare.extensions import db
from victimcare.journey.calendar import add_working_days, on_or_after
from victimcare.journey.contract import WHAT_MATTERS_CATEGORIES
from victimcare.journey.feedback import COMPLAINT_OUTCOMES, COMPLAINT_SUBJECTS, LESSON_THEMES
from victimcare.journey.stages import periodic_due_on, update_due_on
from victimcare.journey.vcu import follow_up_due_on
from victimcare.models import (
    AgencyImpact,
    ClosureStep,
    Complaint,
    ContactAttempt,
    Contract,
    Feedback,
    FollowUp,
    KeyStageEvent,
    NeedsAssessment,
    Referral,
    ServiceRecovery,
    SupportOffer,
    VictimUpdate,
    WhatMatters,
)

# Key stages in the order an investigation meets them: (stages, weight).
STORYLINES = (
    (("filed",), 30),
    (("arrested", "released-under-investigation", "no-further-action"), 12),
    (("arrested", "bailed", "passed-to-cps", "cps-decision", "charged"), 10),
    (("arrested", "charged"), 10),
    (("interviewed", "no-further-action"), 10),
    (("arrested", "out-of-court-disposal"), 8),
    (("interviewed", "passed-to-cps", "cps-decision", "no-further-action"), 6),
    (("arrested", "bailed", "bail-changed", "charged"), 4),
    ((), 10),
)
WORDS = {
    "kept-informed": ("I just want to know what is happening", "Ring me, don't email"),
    "safety": ("I want to feel safe in my own home", "Make sure he can't come near the children"),
    "listened-to": ("I want someone to believe me",),
    "justice": ("I want them caught", "I want him to go to court"),
    "property": ("Get my van back, I need it for work", "My late mum's ring"),
    "compensation": ("Help me claim for the damage",),
    "wellbeing": ("I haven't slept since it happened",),
    "prevention": ("Stop it happening to anyone else",),
    "privacy": ("I don't want the neighbours to know",),
    "practical-help": ("I need the locks changed", "Help with getting to court"),
    "other": ("Something else",),
}
SAID = {"arrested": "A suspect has been arrested.", "charged": "The suspect has been charged.",
        "no-further-action": "No further action: the reasons, and how to ask for a review.",
        "filed": "The investigation is filed until new information comes in."}
VIEWS = ("Relieved to hear it.", "Wants to know about bail conditions.", "Unhappy with the decision.",
         "No views at this stage.", "Worried about meeting the suspect.", "Happy with how it is going.")
# Share completely/very/fairly satisfied per survey stage; "kept informed" is nationally the weakest.
SATISFACTION = {"ease_of_contact": 0.86, "actions_taken": 0.70, "kept_informed": 0.52, "treatment": 0.85,
                "whole_experience": 0.70}
FREQUENCY_WEIGHTS = {"weekly": 15, "fortnightly": 25, "28-days": 45, "key-stages": 15}


class JourneyWriter:
    """Builds rows for the journey tables with explicit ids and writes them in bulk."""

    def __init__(self, rng: random.Random, today: date, supervisors: dict[int, int]):
        self.rng, self.today, self.supervisors = rng, today, supervisors
        self._case_items: list[dict] = []
        self._victim_referrals: dict[int, list[str]] = {}
        self.ids = {model: (db.session.scalar(sa.select(sa.func.max(model.id))) or 0) + 1 for model in (
            Contract, WhatMatters, NeedsAssessment, Referral, KeyStageEvent, VictimUpdate, ClosureStep, FollowUp,
            ContactAttempt, SupportOffer, Feedback, AgencyImpact, ServiceRecovery, Complaint)}
        self.rows: dict[type, list[dict]] = {model: [] for model in self.ids}

    def _add(self, model, **row) -> int:
        row["id"] = self.ids[model]
        self.ids[model] += 1
        self.rows[model].append(row)
        return row["id"]

    def add_case(self, case: dict, victims: list[dict], *, sexual: bool, category: str) -> None:
        rng, today = self.rng, self.today
        reported: date = case["reported_on"]
        closed = case["status"] == "closed"
        end = case["closed_on"] if closed else today
        contracts = {}
        self._case_items = []
        for victim in victims:
            contracts[victim["id"]] = self._contract_and_needs(case, victim, reported, sexual=sexual)
            self._follow_up(case, victim, contracts[victim["id"]], category)
        storyline = rng.choices([s for s, _ in STORYLINES], [w for _, w in STORYLINES])[0]
        span = max((end - reported).days, 1)
        stage_days = sorted(rng.randint(1, span) for _ in storyline)
        last_update: dict[int, date] = {}
        for stage, offset in zip(storyline, stage_days):
            occurred = reported + timedelta(days=offset)
            if occurred > today:
                break
            event_id = self._add(KeyStageEvent, case_id=case["id"], stage=stage, occurred_on=occurred, notes=None,
                                 recorded_by_id=case["officer_id"], created_at=_at(occurred))
            for victim in victims:
                contract = contracts[victim["id"]]
                if contract is not None and not contract["wants_updates"]:
                    continue
                due = update_due_on(stage, occurred, enhanced=victim["enhanced_rights"])
                given = self._given_on(due, closed)
                self._update(case, victim, "key-stage", due, given, event_id=event_id, stage=stage)
                if given:
                    last_update[victim["id"]] = max(given, last_update.get(victim["id"], given))
        for victim in victims:
            contract = contracts[victim["id"]]
            if contract and contract["wants_updates"] and not closed and contract["frequency"] != "key-stages":
                due = periodic_due_on(last_update.get(victim["id"], contract["agreed_on"]), contract["frequency"])
                self._update(case, victim, "periodic", due, None)
        if case["status"] in ("closed", "closure-requested"):
            self._closure(case, victims, contracts, closed)
        for victim in victims:
            if rng.random() < 0.3 and (today - reported).days > 42:
                self._feedback(case, victim, reported)
        if rng.random() < 0.03:
            self._complaint(case, reported)

    def _complaint(self, case: dict, reported: date) -> None:
        """A complaint about the service, recorded by the officer's supervisor."""
        rng = self.rng
        received = min(reported + timedelta(days=rng.randint(7, 120)), self.today)
        about = rng.choices(list(COMPLAINT_SUBJECTS), (40, 20, 20, 15, 5))[0]
        outcome = "open" if (self.today - received).days < 28 else \
            rng.choices([o for o in COMPLAINT_OUTCOMES if o != "open"], (25, 45, 30))[0]
        self._add(Complaint, case_id=case["id"], received_on=received, about=about, outcome=outcome,
                  notes="Victim rang the front desk to complain.",
                  recorded_by_id=self.supervisors.get(case["team_id"], case["officer_id"]),
                  created_at=_at(received), version=1)

    def _feedback(self, case: dict, victim: dict, reported: date) -> None:
        """The satisfaction survey, 6 to 12 weeks after the report."""
        rng = self.rng
        surveyed = min(reported + timedelta(days=rng.randint(42, 84)), self.today)
        answers = {}
        mood = rng.random()  # one victim's answers hang together
        for stage, share in SATISFACTION.items():
            if rng.random() < 0.05:
                answers[stage] = None
            elif mood + rng.gauss(0, 0.1) < share:
                answers[stage] = rng.choices((1, 2, 3), (30, 40, 30))[0]
            else:
                answers[stage] = rng.choices((4, 5, 6, 7), (30, 30, 25, 15))[0]
        feedback_id = self._add(Feedback, case_id=case["id"], victim_id=victim["id"], stage="survey",
                                surveyed_on=surveyed, comments=None, consent_to_use=rng.random() < 0.6,
                                source="import", recorded_by_id=None, created_at=_at(surveyed), **answers)
        for referral in self._victim_referrals.get(victim["id"], ()):
            self._add(AgencyImpact, feedback_id=feedback_id, service_code=referral,
                      impact=rng.choices(("positive", "neutral", "negative"), (60, 30, 10))[0], comment=None)
        if any((a or 0) >= 5 for a in answers.values()):
            done = rng.random() < 0.6
            self._add(ServiceRecovery, case_id=case["id"], feedback_id=feedback_id, team_id=case["team_id"],
                      status="done" if done else "open",
                      what_was_done="Called the victim and apologised" if done else None,
                      lessons_learnt=rng.choice(("Check the contract before shift handover",
                                                 "Tell victims when the file goes to CPS")) if done else None,
                      lesson_theme=rng.choices(list(LESSON_THEMES), (35, 25, 10, 15, 10, 5))[0] if done else None,
                      done_by_id=self.supervisors.get(case["team_id"]) if done else None,
                      done_at=_at(surveyed) if done else None, created_at=_at(surveyed), version=1)

    def _contract_and_needs(self, case: dict, victim: dict, reported: date, *, sexual: bool) -> dict | None:
        rng = self.rng
        if rng.random() < 0.08:
            return None  # not agreed yet: shows up in the Board's compliance figures
        agreed = min(reported + timedelta(days=rng.choice((0, 0, 0, 1, 1, 2, 5))), self.today)
        explicit = sexual or case["domestic_abuse"] or victim["bereaved"]
        consent = rng.choices(("given", "refused", "not-asked"), (60, 25, 15) if explicit else (30, 15, 55))[0]
        contract = {
            "victim_id": victim["id"], "revision": 1, "agreed_on": agreed, "wants_updates": rng.random() > 0.07,
            "methods": rng.choice(("phone", "phone,email", "email", "phone,text", "letter")),
            "frequency": rng.choices(list(FREQUENCY_WEIGHTS), list(FREQUENCY_WEIGHTS.values()))[0],
            "update_within_days": None, "good_times": rng.choice((None, "Evenings", "Mornings", "After 3pm")),
            "may_leave_messages": rng.random() < 0.6, "representative": None,
            "language": victim["preferred_language"], "interpreter_needed": victim["interpreter_needed"],
            "referral_consent": consent, "what_matters_declined": rng.random() < 0.08,
            "recorded_by_id": case["officer_id"], "created_at": _at(agreed),
        }
        self._add(Contract, **contract)
        if not contract["what_matters_declined"]:
            for category in rng.sample(list(WHAT_MATTERS_CATEGORIES), rng.choice((1, 1, 2, 2, 3))):
                self._add(WhatMatters, victim_id=victim["id"], category=category,
                          in_their_words=rng.choice(WORDS[category]), recorded_by_id=case["officer_id"],
                          created_at=_at(agreed), outcome=None, outcome_explanation=None, assessed_at=None,
                          assessed_by_id=None, version=1)
                self._case_items.append(self.rows[WhatMatters][-1])
        if rng.random() < 0.85:
            offered = rng.random() < 0.6
            self._add(NeedsAssessment, victim_id=victim["id"], assessed_on=agreed,
                      risk=rng.choices(("standard", "medium", "high"), (75, 20, 5))[0], vulnerability_notes=None,
                      support_needs=",".join(rng.sample(("emotional", "safety", "housing", "finance"), rng.randint(0, 2))),
                      special_measures="screens" if victim["enhanced_rights"] and rng.random() < 0.3 else "",
                      vps_offered_on=agreed if offered else None,
                      vps_taken=rng.choice(("taken", "declined", "undecided")) if offered else "not-offered",
                      notes=None, recorded_by_id=case["officer_id"], created_at=_at(agreed))
        allowed = consent == "given" or (consent == "not-asked" and not explicit)
        if allowed and rng.random() < 0.85:
            referred = add_working_days(reported, rng.choice((0, 1, 1, 2, 2, 2, 3, 5)))
            if referred <= self.today:
                service = rng.choice(("connect-gwent", "connect-gwent", "victim-support",
                                      "domestic-abuse-services" if case["domestic_abuse"] else "victim-support"))
                self._victim_referrals.setdefault(victim["id"], []).append(service)
                self._add(Referral, victim_id=victim["id"], service_code=service,
                    consent="given" if consent == "given" else "automatic",
                    status=rng.choice(("sent", "accepted", "service-started", "closed")), referred_on=referred,
                    outcome=None, recorded_by_id=case["officer_id"], created_at=_at(referred), version=1)
        return contract

    def _follow_up(self, case: dict, victim: dict, contract: dict | None, category: str) -> None:
        """The VCU's follow-up: most done (reached, letter, declined), recent ones still in the queue."""
        rng = self.rng
        due = follow_up_due_on(case["reported_on"], enhanced=victim["enhanced_rights"])
        row = {"case_id": case["id"], "victim_id": victim["id"], "priority": 0 if victim["enhanced_rights"] else 1,
               "area": case["area"], "offence_category": category, "due_on": due, "status": "open",
               "claimed_by_id": None, "claimed_at": None, "letter_sent_on": None, "completed_at": None,
               "completed_on": None, "outcome": None, "notes": None, "created_at": _at(case["reported_on"]),
               "version": 1}
        if case["status"] == "closed":
            row.update(status="done", outcome="case-closed")
        follow_up_id = self._add(FollowUp, **row)
        if case["status"] == "closed" and rng.random() < 0.15 or due > self.today and rng.random() < 0.7:
            return  # not worked yet
        if rng.random() < 0.25 and due <= self.today - timedelta(days=3) and case["status"] != "closed":
            return  # overdue in the queue
        outcome = rng.choices(("reached", "letter-sent", "declined"), (70, 20, 10))[0]
        attempts = ["no-answer"] * (3 if outcome == "letter-sent" else rng.choice((0, 0, 1, 2)))
        attempts.append({"reached": "reached", "declined": "declined"}.get(outcome, None))
        day = min(due, self.today)
        for attempt in filter(None, attempts):
            self._add(ContactAttempt, follow_up_id=follow_up_id, attempted_on=day, method="phone", outcome=attempt,
                      notes=None, by_id=case["officer_id"], created_at=_at(day))
        finished = self.rows[FollowUp][-1]
        finished.update(status="done", outcome=outcome, completed_on=day, completed_at=_at(day),
                        letter_sent_on=day if outcome == "letter-sent" else None)
        if outcome == "reached":
            for need in rng.sample(("emotional", "safety", "housing", "finance", "mental-health"), rng.randint(1, 3)):
                self._add(SupportOffer, follow_up_id=follow_up_id, need=need, accepted=rng.random() < 0.3,
                          created_at=_at(day))

    def _given_on(self, due: date, closed: bool) -> date | None:
        rng = self.rng
        if due > self.today and not closed:
            return None if rng.random() < 0.6 else on_or_after(due - timedelta(days=rng.randint(0, 2)))
        roll = rng.random()
        if roll < 0.78:
            return min(on_or_after(due - timedelta(days=rng.randint(0, 3))), self.today)
        if roll < 0.93 or closed:
            return min(on_or_after(due + timedelta(days=rng.randint(1, 12))), self.today)
        return None  # still owed: overdue

    def _update(self, case: dict, victim: dict, kind: str, due: date, given: date | None, *,
                event_id: int | None = None, stage: str | None = None) -> None:
        overdue_reason = None
        if given is None and due < self.today and self.rng.random() < 0.3:
            overdue_reason = "Victim not reachable; letter sent"
        self._add(VictimUpdate, case_id=case["id"], victim_id=victim["id"], event_id=event_id, kind=kind,
                  due_on=due, given_at=_at(given) if given else None, given_on=given,
                  method="phone" if given else None, given_by_id=case["officer_id"] if given else None,
                  what_was_said=SAID.get(stage, "Update on the investigation.") if given else None,
                  victims_views=self.rng.choice(VIEWS) if given else None, overdue_reason=overdue_reason,
                  # Most victims told of no further action hear how to ask for a review; not all do.
                  told_right_to_review=(self.rng.random() < 0.85) if given and stage == "no-further-action" else None,
                  created_at=_at(due), version=1)

    def _closure(self, case: dict, victims: list[dict], contracts: dict, closed: bool) -> None:
        rng = self.rng
        requested_on = case["closed_on"] or self.today
        for victim in victims:
            contract = contracts[victim["id"]]
            if contract is None or contract["wants_updates"]:
                self._update(case, victim, "final", requested_on, requested_on)
        for row in self._case_items:
            row["outcome"] = rng.choices(("met", "partly-met", "not-met", "no-longer-relevant"), (50, 25, 15, 10))[0]
            row["outcome_explanation"] = "Assessed with the victim at the final update."
            row["assessed_at"] = _at(requested_on)
            row["assessed_by_id"] = case["officer_id"]
        supervisor = self.supervisors.get(case["team_id"], case["officer_id"])
        if rng.random() < 0.12:
            self._add(ClosureStep, case_id=case["id"], step="requested", outcome="First request", reason=None,
                      by_id=case["officer_id"], created_at=_at(requested_on))
            self._add(ClosureStep, case_id=case["id"], step="returned", outcome=None,
                      reason="Final update to the victim not recorded", by_id=supervisor, created_at=_at(requested_on))
        self._add(ClosureStep, case_id=case["id"], step="requested", outcome=rng.choice(
            ("Charged; awaiting trial", "No further action", "Filed pending new information", "Community resolution")),
            reason=None, by_id=case["officer_id"], created_at=_at(requested_on))
        if closed:
            self._add(ClosureStep, case_id=case["id"], step="approved", outcome=None, reason=None, by_id=supervisor,
                      created_at=_at(requested_on))

    def flush(self) -> None:
        self._victim_referrals.clear()
        for model, rows in self.rows.items():
            if rows:
                db.session.execute(sa.insert(model.__table__), rows)  # Core: one executemany per table
                rows.clear()


def _at(day: date) -> datetime:
    return datetime.combine(day, time(10, 0), tzinfo=UTC)
