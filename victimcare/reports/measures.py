"""The Victims' Board measures (shared/domain.md §6), aggregated in the database and protected.

Each measure counts, per category of a breakdown, how many of the relevant records meet it. The
counts go through `disclosure.protect` before anything is shown, whatever the format.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import sqlalchemy as sa

from victimcare.extensions import db
from victimcare.journey.feedback import SCALE, SURVEY_STAGES
from victimcare.models import (
    Case,
    Contract,
    Feedback,
    NeedsAssessment,
    Offence,
    Victim,
    VictimUpdate,
    WhatMatters,
)
from victimcare.reports.disclosure import ProtectedTable, percentage, protect
from victimcare.reports.statistics import (
    Proportion,
    significant_change,
    wilson_interval,
)


def _month(column) -> sa.ColumnElement:
    """YYYYMM as a number: extract() works on SQLite and PostgreSQL alike."""
    return sa.cast(sa.extract("year", column) * 100 + sa.extract("month", column), sa.Integer)


def _declared(column) -> sa.ColumnElement:
    return sa.func.coalesce(column, "Not recorded")


# key -> (label, column); "month" is worked out from the date each measure is about.
BREAKDOWNS = {
    "area": ("Area", Case.area),
    "rights": ("Rights under the Code", sa.case((Victim.enhanced_rights, "Enhanced"), else_="Standard")),
    "offence": ("Offence category", Offence.category),
    "month": ("Month", None),
    "sex": ("Sex (self-declared)", _declared(Victim.sex)),
    "ethnicity": ("Ethnicity (self-declared)", _declared(Victim.ethnicity)),
    "disability": ("Disability (self-declared)", _declared(Victim.disability)),
}


def _breakdown(key: str, dated) -> tuple[str, sa.ColumnElement]:
    label, column = BREAKDOWNS[key]
    return label, _month(dated) if column is None else column


@dataclass(frozen=True)
class Period:
    start: date
    end: date

    def previous(self) -> Period:
        """The period of the same length just before this one, for comparison."""
        end = date.fromordinal(self.start.toordinal() - 1)
        return Period(date.fromordinal(end.toordinal() - (self.end - self.start).days), end)

    @property
    def label(self) -> str:
        return f"{self.start:%-d %B %Y} to {self.end:%-d %B %Y}"


@dataclass(frozen=True)
class MeasureTable:
    """A rate by category. The counts meeting the measure and the counts it applies to are each a
    protected table (category rows and an 'All' total); the share is shown only from published counts.
    """

    key: str
    title: str
    breakdown: str
    categories: list[str]
    met: ProtectedTable
    total: ProtectedTable

    def rows(self) -> list[dict]:
        """Per category (and 'All'): the published count meeting the measure, the total, the share."""
        out = []
        for i, category in enumerate([*self.categories, "All"]):
            out.append({"category": category, "met": self.met.shown(i, 0), "total": self.total.shown(i, 0),
                        "percent": percentage(self.met.value(i, 0), self.total.value(i, 0), self.met.threshold)})
        return out


VICTIM_MEASURES = {
    "contract": ("Victims with a contract agreed",
                 sa.exists().where(Contract.victim_id == Victim.id)),
    "what-matters": ("Victims with what matters recorded (or who did not wish to say)",
                     sa.or_(sa.exists().where(WhatMatters.victim_id == Victim.id),
                            sa.exists().where(Contract.victim_id == Victim.id, Contract.what_matters_declined))),
    "needs": ("Victims with a needs assessment", sa.exists().where(NeedsAssessment.victim_id == Victim.id)),
    "acknowledged": ("Victims given a written acknowledgement", Victim.acknowledged_on.is_not(None)),
    "vps": ("Victims offered a Victim Personal Statement",
            sa.exists().where(NeedsAssessment.victim_id == Victim.id, NeedsAssessment.vps_offered_on.is_not(None))),
}


def victim_measure(key: str, period: Period, breakdown: str, threshold: int) -> MeasureTable:
    title, condition = VICTIM_MEASURES[key]
    label, column = _breakdown(breakdown, Case.reported_on)
    rows = db.session.execute(
        sa.select(column.label("category"), sa.func.sum(sa.case((condition, 1), else_=0)), sa.func.count())
        .select_from(Victim).join(Case, Case.id == Victim.case_id).join(Offence, Offence.code == Case.offence_code)
        .where(Case.reported_on.between(period.start, period.end))
        .group_by(column).order_by(column)).all()
    return _table(key, title, label, rows, threshold)


def updates_on_time(period: Period, breakdown: str, threshold: int, today: date) -> MeasureTable:
    """Key-stage updates that fell due in the period, given on or before their due date."""
    label, column = _breakdown(breakdown, VictimUpdate.due_on)
    on_time = sa.and_(VictimUpdate.given_on.is_not(None), VictimUpdate.given_on <= VictimUpdate.due_on)
    rows = db.session.execute(
        sa.select(column.label("category"), sa.func.sum(sa.case((on_time, 1), else_=0)), sa.func.count())
        .select_from(VictimUpdate).join(Victim, Victim.id == VictimUpdate.victim_id)
        .join(Case, Case.id == VictimUpdate.case_id).join(Offence, Offence.code == Case.offence_code)
        .where(VictimUpdate.kind == "key-stage", VictimUpdate.due_on.between(period.start, min(period.end, today)))
        .group_by(column).order_by(column)).all()
    return _table("updates-on-time", "Key-stage updates given on time", label, rows, threshold)


def _category(value) -> str:
    if isinstance(value, int) and value > 100_000:  # a YYYYMM month
        return date(value // 100, value % 100, 1).strftime("%B %Y")
    return str(value)


def _table(key: str, title: str, breakdown_label: str, rows, threshold: int) -> MeasureTable:
    categories = [_category(category) for category, _, _ in rows] or ["(none)"]
    met = [[int(count or 0)] for _, count, _ in rows] or [[0]]
    total = [[int(count)] for _, _, count in rows] or [[0]]
    return MeasureTable(key, title, breakdown_label, categories, protect(met, threshold), protect(total, threshold))


@dataclass(frozen=True)
class StageSatisfaction:
    stage: str
    label: str
    now: Proportion
    before: Proportion
    change: str | None
    published: bool


def satisfaction(period: Period, threshold: int) -> list[StageSatisfaction]:
    """Per survey stage: % completely, very or fairly satisfied, with 95% intervals, against the period before."""
    previous = period.previous()
    results = []
    for stage, label in SURVEY_STAGES.items():
        answer = getattr(Feedback, stage)
        counts = {}
        for name, window in (("now", period), ("before", previous)):
            satisfied, answered = db.session.execute(
                sa.select(sa.func.sum(sa.case((answer <= 3, 1), else_=0)), sa.func.count(answer))
                .where(Feedback.surveyed_on.between(window.start, window.end))).one()
            counts[name] = wilson_interval(int(satisfied or 0), int(answered or 0))
        published = counts["now"].total >= threshold
        change = significant_change(counts["before"], counts["now"]) if published and \
            counts["before"].total >= threshold else None
        results.append(StageSatisfaction(stage, label, counts["now"], counts["before"], change, published))
    return results


SATISFIED_LABEL = ", ".join(SCALE[i].lower() for i in (1, 2, 3))


@dataclass(frozen=True)
class CrossTable:
    """Counts by two dimensions, protected together with their row and column totals."""

    title: str
    row_label: str
    rows: list[str]
    columns: list[str]
    table: ProtectedTable


def needs_met(period: Period, threshold: int) -> CrossTable:
    """At closure, how far each thing that mattered to victims was met, by what-matters category."""
    from victimcare.journey.closure import OUTCOMES
    from victimcare.journey.contract import WHAT_MATTERS_CATEGORIES

    counts = dict(((category, outcome), n) for category, outcome, n in db.session.execute(
        sa.select(WhatMatters.category, WhatMatters.outcome, sa.func.count())
        .join(Victim, Victim.id == WhatMatters.victim_id).join(Case, Case.id == Victim.case_id)
        .where(WhatMatters.outcome.is_not(None), Case.closed_on.between(period.start, period.end))
        .group_by(WhatMatters.category, WhatMatters.outcome)))
    categories = [c for c in WHAT_MATTERS_CATEGORIES if any(k[0] == c for k in counts)] or ["other"]
    interior = [[counts.get((category, outcome), 0) for outcome in OUTCOMES] for category in categories]
    return CrossTable("Needs met at closure, by what mattered", "What mattered",
                      [WHAT_MATTERS_CATEGORIES[c] for c in categories], list(OUTCOMES.values()),
                      protect(interior, threshold))
