"""The Victims' Board measures (shared/domain.md §6), aggregated in the database and protected.

Each measure counts, per category of a breakdown, how many of the relevant records meet it. The
counts go through `disclosure.protect` before anything is shown, whatever the format.

The grouped statements are kept per month (`kept.py`, the list `KEPT`): a report adds up the kept
counts of the whole months before the report's date that have not changed since they were counted,
and counts the rest from the records, the same statement either way.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

import sqlalchemy as sa
from flask_babel import gettext
from sqlalchemy.orm import aliased

from victimcare.extensions import db
from victimcare.i18n import format_date
from victimcare.journey.feedback import SCALE, SURVEY_STAGES
from victimcare.models import (
    AgencyImpact,
    Case,
    ClosureStep,
    Complaint,
    Contract,
    Feedback,
    FollowUp,
    KeyStageEvent,
    NeedsAssessment,
    Offence,
    Referral,
    ServiceRecovery,
    SupportOffer,
    SupportService,
    Victim,
    VictimUpdate,
    WhatMatters,
)
from victimcare.reports import kept
from victimcare.reports.disclosure import ProtectedTable, percentage, protect, protect_rate
from victimcare.translatable import N_
from victimcare.reports.statistics import (
    AGE_BANDS,
    Proportion,
    significant_change,
    wilson_interval,
)


def _declared(column) -> sa.ColumnElement:
    return sa.func.coalesce(column, N_("Not recorded"))


def age_in_years(date_of_birth, on) -> sa.ColumnElement:
    """Whole years from a date of birth to a date, in SQL (SQLite and PostgreSQL): a birthday not yet
    reached in the year counts one fewer, as `statistics.age_band` does."""
    def year(d):
        return sa.cast(sa.extract("year", d), sa.Integer)

    def month_day(d):
        return sa.cast(sa.extract("month", d) * 100 + sa.extract("day", d), sa.Integer)

    return year(on) - year(date_of_birth) - sa.case((month_day(on) < month_day(date_of_birth), 1), else_=0)


def age_band(date_of_birth, on) -> sa.ColumnElement:
    """The victim's age band (`statistics.AGE_BANDS`) as SQL; "Not known" without a date of birth."""
    years = age_in_years(date_of_birth, on)
    return sa.case((date_of_birth.is_(None), N_("Not known")),
                   *((years <= high, label) for _, high, label in AGE_BANDS[:-1]), else_=AGE_BANDS[-1][2])


# key -> (label, column); "month" is worked out from the date each measure is about. Age is the
# victim's age on the date the crime was reported.
BREAKDOWNS = {
    "area": (N_("Area"), Case.area),
    "rights": (N_("Rights under the Code"), sa.case((Victim.enhanced_rights, N_("Enhanced")), else_=N_("Standard"))),
    "offence": (N_("Offence category"), Offence.category),
    "month": (N_("Month"), None),
    "age": (N_("Age band (when the crime was reported)"), age_band(Victim.date_of_birth, Case.reported_on)),
    "sex": (N_("Sex (self-declared)"), _declared(Victim.sex)),
    "ethnicity": (N_("Ethnicity (self-declared)"), _declared(Victim.ethnicity)),
    "disability": (N_("Disability (self-declared)"), _declared(Victim.disability)),
}
AGE_ORDER = {label: i for i, (_, _, label) in enumerate(AGE_BANDS)} | {"Not known": len(AGE_BANDS)}


def _dims(breakdown: str) -> list[sa.ColumnElement]:
    """The breakdown's grouping column; none by month (the month is each statement's own date's)."""
    column = BREAKDOWNS[breakdown][1]
    return [] if column is None else [column]


@dataclass(frozen=True)
class Period:
    start: date
    end: date

    def previous(self) -> Period:
        """The period just before this one, for comparison: as many whole calendar months when this one
        is whole months (a quarter against the quarter before), otherwise as many days."""
        end = date.fromordinal(self.start.toordinal() - 1)
        if self.start.day == 1 and (self.end + timedelta(days=1)).day == 1:
            months = (self.end.year - self.start.year) * 12 + self.end.month - self.start.month + 1
            first = self.start.year * 12 + self.start.month - 1 - months
            return Period(date(first // 12, first % 12 + 1, 1), end)
        return Period(date.fromordinal(end.toordinal() - (self.end - self.start).days), end)

    @property
    def label(self) -> str:
        return gettext("%(start)s to %(end)s", start=format_date(self.start), end=format_date(self.end))


@dataclass(frozen=True)
class MeasureTable:
    """A rate by category, this period and the previous one of the same length.

    The counts meeting the measure and the counts it applies to are the two columns of one protected
    table per period (`disclosure.protect_rate`: category rows and an 'All' total); a share is shown
    only from published counts. With the month breakdown the months of the two periods differ, so
    only the 'All' rows are compared.
    """

    key: str
    title: str
    breakdown: str
    categories: list[str]
    met: ProtectedTable
    total: ProtectedTable
    before_categories: list[str] = field(default_factory=list)
    before_met: ProtectedTable | None = None
    before_total: ProtectedTable | None = None
    section: str = "code"
    pair_categories: bool = True

    def rows(self) -> list[dict]:
        """Per category (and 'All'): the published counts meeting the measure, the totals and the shares,
        this period and before."""
        threshold = self.met.threshold
        before = {name: i for i, name in enumerate([*self.before_categories, "All"])}
        out = []
        for i, category in enumerate([*self.categories, "All"]):
            row = {"category": category, "met": self.met.shown(i, 0), "total": self.total.shown(i, 0),
                   "met_value": self.met.value(i, 0), "total_value": self.total.value(i, 0),
                   "percent": percentage(self.met.value(i, 0), self.total.value(i, 0), threshold),
                   "before_met": "–", "before_total": "–", "before_percent": "–",
                   "before_met_value": None, "before_total_value": None}
            j = before.get(category) if self.pair_categories or category == "All" else None
            if self.before_met is not None and j is not None:
                met, total = self.before_met.value(j, 0), self.before_total.value(j, 0)
                row |= {"before_met": self.before_met.shown(j, 0), "before_total": self.before_total.shown(j, 0),
                        "before_met_value": met, "before_total_value": total,
                        "before_percent": percentage(met, total, threshold)}
            out.append(row)
        return out


@dataclass(frozen=True)
class Measure:
    """One rate: its key and title, what meets it, and (when not every record counts) what it is of."""

    key: str
    title: str
    met: sa.ColumnElement
    of: sa.ColumnElement | None = None
    section: str = "code"


# The victims, and the cases, a statement counts: named WITH clauses that a statement with per-victim or
# per-case summaries adds with its own condition (`_kept_rates`' `scope`), and that the summaries read.
COUNTED_VICTIMS = sa.table("counted_victims", sa.column("id"))
COUNTED_CASES = sa.table("counted_cases", sa.column("id"))


def _counted_victims(condition) -> sa.CTE:
    return sa.select(Victim.id).join(Case, Case.id == Victim.case_id).where(condition).cte(COUNTED_VICTIMS.name)


def _counted_cases(condition) -> sa.CTE:
    return sa.select(Case.id).where(condition).cte(COUNTED_CASES.name)


def _per_victim():
    """Each kind of journey record summarised once per victim (GROUP BY victim_id), to be outer-joined to
    the victims: one pass over each table instead of a probe per victim (an EXISTS per row).

    The current contract is the latest revision: its referral consent is "refused" exactly when the
    highest revision among the refused ones is the highest revision of all.

    Each summary covers only the victims being counted (`COUNTED_VICTIMS`, a WITH clause the statement
    adds with its own condition): a victim's summary row is the same whichever other victims are
    summarised, so the counts are too, and the database reads a month's records, not every one."""
    counted = sa.select(COUNTED_VICTIMS.c.id)
    contracts = sa.select(
        Contract.victim_id.label("victim_id"),
        sa.func.max(sa.case((Contract.what_matters_declined, 1), else_=0)).label("declined"),
        sa.func.max(Contract.revision).label("latest"),
        sa.func.max(sa.case((Contract.referral_consent == "refused", Contract.revision))).label("refused"),
    ).where(Contract.victim_id.in_(counted)).group_by(Contract.victim_id).subquery("victim_contracts")
    items = sa.select(WhatMatters.victim_id.label("victim_id")).where(WhatMatters.victim_id.in_(counted)) \
        .group_by(WhatMatters.victim_id).subquery("victim_what_matters")
    needs = sa.select(
        NeedsAssessment.victim_id.label("victim_id"),
        sa.func.max(sa.case((NeedsAssessment.vps_offered_on.is_not(None), 1), else_=0)).label("vps_offered"),
        sa.func.max(sa.case((NeedsAssessment.vps_taken == "taken", 1), else_=0)).label("vps_taken"),
    ).where(NeedsAssessment.victim_id.in_(counted)).group_by(NeedsAssessment.victim_id).subquery("victim_needs")
    referrals = sa.select(Referral.victim_id.label("victim_id"), sa.func.min(Referral.referred_on).label("first_on")) \
        .where(Referral.referred_on.is_not(None), Referral.victim_id.in_(counted)) \
        .group_by(Referral.victim_id).subquery("victim_referrals")
    return contracts, items, needs, referrals


_CONTRACTS, _ITEMS, _NEEDS, _REFERRALS = _per_victim()
_PER_VICTIM_JOINS = [(summary, summary.c.victim_id == Victim.id, True)
                     for summary in (_CONTRACTS, _ITEMS, _NEEDS, _REFERRALS)]
_VPS_OFFERED = _NEEDS.c.vps_offered == 1
VICTIM_MEASURES = {m.key: m for m in (
    Measure("contract", N_("Victims with a contract agreed"), _CONTRACTS.c.victim_id.is_not(None)),
    Measure("what-matters", N_("Victims with what matters recorded (or who did not wish to say)"),
            sa.or_(_ITEMS.c.victim_id.is_not(None), _CONTRACTS.c.declined == 1)),
    Measure("needs", N_("Victims with a needs assessment"), _NEEDS.c.victim_id.is_not(None)),
    # Right 4: referred by the Code's deadline (stored on the case), or the victim's refusal recorded.
    Measure("referred", N_("Victims referred to support within 2 working days, or their refusal recorded"),
            sa.or_(_CONTRACTS.c.refused == _CONTRACTS.c.latest, _REFERRALS.c.first_on <= Case.referral_due_on)),
    Measure("acknowledged", N_("Victims given a written acknowledgement"), Victim.acknowledged_on.is_not(None)),
    Measure("vps", N_("Victims offered a Victim Personal Statement"), _VPS_OFFERED),
    Measure("vps-taken", N_("Victims offered a Victim Personal Statement who made one"),
            _NEEDS.c.vps_taken == 1, of=_VPS_OFFERED),
)}


def _kept_rates(source: str, measures: list[Measure], *, base, dated, joins, where=(), capped: bool = False,
                breakdowns: tuple[str, ...] = tuple(BREAKDOWNS), scope=None) -> kept.Kept:
    """Several rates over the same records as one grouped statement, kept per month for each breakdown.

    `joins` are (target, on) or (target, on, outer); the offences table is joined only for the offence
    breakdown (every case has an offence). `capped`: records dated after the report's date are left out.
    `scope(condition)`: the WITH clause the joined summaries read (`_counted_victims`, `_counted_cases`)."""
    sums = []
    for measure in measures:
        of = sa.true() if measure.of is None else measure.of
        sums += [sa.func.sum(sa.case((sa.and_(of, measure.met), 1), else_=0)),
                 sa.func.sum(sa.case((of, 1), else_=0))]

    def select(groups, condition, breakdown):
        query = sa.select(*(group.label(f"g{i}") for i, group in enumerate(groups)), *sums).select_from(base)
        for target, on, *outer in joins:
            if target is Offence and breakdown not in ("offence", kept.EVERY_BREAKDOWN):
                continue
            query = query.join(target, on, isouter=bool(outer and outer[0]))
        if scope is not None:
            query = query.add_cte(scope(condition))
        return query.where(*where, condition).group_by(*groups)

    return kept.Kept(source, dated, tuple(measure.key for measure in measures), select, _dims, breakdowns, capped)


def _rates(statement: kept.Kept, measures: list[Measure], *, period: Period, breakdown: str, threshold: int,
           today: date | None, by_month: bool = False):
    """The statement's rates, this period and the previous one. With `by_month` the statement is also
    grouped by month and the result is (tables by the breakdown, tables by month): one pass over the
    records for both, the counts added up per category before disclosure control."""
    label = BREAKDOWNS[breakdown][0]
    monthly = by_month and breakdown != "month"
    rows = kept.rows(statement, period=period, breakdown=breakdown, today=today or date.today(),
                     with_month=by_month or breakdown == "month")
    width = 3 if monthly else 2
    if not monthly:
        tables = _tables(measures, rows, label, breakdown, threshold, width, lambda row: row[1])
        return (tables, tables) if by_month else tables
    return (_tables(measures, rows, label, breakdown, threshold, width, lambda row: row[1]),
            _tables(measures, sorted(rows, key=lambda row: (row[0], row[2])), BREAKDOWNS["month"][0], "month",
                    threshold, width, lambda row: row[2]))


def _tables(measures, rows, label, breakdown, threshold, width, category) -> list[MeasureTable]:
    """Per measure, the protected tables of both periods from grouped rows (now, category..., sums),
    adding up rows of the same category in the order they first appear."""
    tables = []
    for i, measure in enumerate(measures):
        per_period = {}
        for flag in (1, 0):
            counts: dict = {}
            for row in rows:
                if row[0] == flag and row[width + 1 + 2 * i]:
                    met, total = counts.get(category(row), (0, 0))
                    counts[category(row)] = (met + int(row[width + 2 * i] or 0), total + int(row[width + 1 + 2 * i]))
            per_period[flag] = [(name, met, total) for name, (met, total) in counts.items()]
        categories, met, total = _protected(per_period[1], breakdown, threshold)
        before_categories, before_met, before_total = _protected(per_period[0], breakdown, threshold)
        tables.append(MeasureTable(measure.key, measure.title, label, categories, met, total,
                                   before_categories, before_met, before_total, measure.section,
                                   # different months: compare the periods as a whole
                                   pair_categories=breakdown != "month"))
    return tables


def _protected(rows, breakdown: str, threshold: int):
    if breakdown == "age":
        rows = sorted(rows, key=lambda row: AGE_ORDER.get(row[0], 99))
    categories = [_category(category) for category, _, _ in rows] or ["(none)"]
    pairs = [(int(met or 0), int(total or 0)) for _, met, total in rows] or [(0, 0)]
    return categories, *protect_rate(pairs, threshold)


def _victims_reported():
    return dict(base=Victim, dated=Case.reported_on, joins=[(Case, Case.id == Victim.case_id),
                                                            (Offence, Offence.code == Case.offence_code),
                                                            *_PER_VICTIM_JOINS],
                scope=_counted_victims)


VICTIMS = _kept_rates("victims", list(VICTIM_MEASURES.values()), **_victims_reported())


def victim_measures(period: Period, breakdown: str, threshold: int, today: date | None = None) -> list[MeasureTable]:
    """The victim-level Code measures (victims of crimes reported in the period), in one query."""
    return _rates(VICTIMS, list(VICTIM_MEASURES.values()), period=period, breakdown=breakdown, threshold=threshold,
                  today=today)


_ON_TIME = sa.and_(VictimUpdate.given_on.is_not(None), VictimUpdate.given_on <= VictimUpdate.due_on)
UPDATE_MEASURES = [Measure("updates-on-time", N_("Key-stage updates given on time"), _ON_TIME),
                   Measure("updates-on-time-enhanced", N_("Key-stage updates given on time: enhanced-rights victims"),
                           _ON_TIME, of=Victim.enhanced_rights),
                   Measure("updates-on-time-standard", N_("Key-stage updates given on time: standard victims"),
                           _ON_TIME, of=sa.not_(Victim.enhanced_rights)),
                   Measure("right-to-review", N_("No-further-action updates telling the victim how to ask for a review "
                                               "(Victims' Right to Review)"), VictimUpdate.told_right_to_review.is_(True),
                           of=KeyStageEvent.stage == "no-further-action")]
UPDATES = _kept_rates("updates", UPDATE_MEASURES, base=VictimUpdate, dated=VictimUpdate.due_on,
                      joins=[(Victim, Victim.id == VictimUpdate.victim_id), (Case, Case.id == VictimUpdate.case_id),
                             (Offence, Offence.code == Case.offence_code),
                             (KeyStageEvent, KeyStageEvent.id == VictimUpdate.event_id, True)],
                      where=[VictimUpdate.kind == "key-stage"], capped=True)


def updates_on_time(period: Period, breakdown: str, threshold: int, today: date, *, by_month: bool = False):
    """Key-stage updates that fell due in the period, given on or before their due date. With `by_month`,
    (tables by the breakdown, tables by month) from the same query."""
    return _rates(UPDATES, UPDATE_MEASURES, period=period, breakdown=breakdown, threshold=threshold, today=today,
                  by_month=by_month)


def _category(value) -> str:
    if isinstance(value, int) and value > 100_000:  # a YYYYMM month
        return date(value // 100, value % 100, 1).strftime("%B %Y")
    return str(value)


@dataclass(frozen=True)
class StageSatisfaction:
    """One survey stage: this period and the previous one. The satisfied and other answers of every stage
    are protected as one table per period; a share (and its interval) is shown only where both counts
    are published, and a change only where both periods' shares are."""

    stage: str
    label: str
    now: Proportion
    before: Proportion
    change: str | None
    published: bool
    answers: str = ""  # the published number of answers, or "<10"
    before_published: bool = False


def _satisfaction_statement(groups, condition, breakdown):
    columns = []
    for stage in SURVEY_STAGES:
        answer = getattr(Feedback, stage)
        columns += [sa.func.sum(sa.case((answer <= 3, 1), else_=0)), sa.func.count(answer)]
    return sa.select(*(group.label(f"g{i}") for i, group in enumerate(groups)), *columns) \
        .where(condition).group_by(*groups)


SATISFACTION = kept.Kept("satisfaction", Feedback.surveyed_on, tuple(SURVEY_STAGES), _satisfaction_statement,
                         lambda breakdown: [])


def satisfaction(period: Period, threshold: int, today: date | None = None) -> list[StageSatisfaction]:
    """Per survey stage: % completely, very or fairly satisfied, with 95% intervals, against the period before.

    One query for every stage and both periods."""
    rows = {int(row[0]): row[1:] for row in kept.rows(SATISFACTION, period=period, today=today or date.today())}
    counts, tables = {}, {}
    for flag in (1, 0):
        values = rows.get(flag, (0,) * (2 * len(SURVEY_STAGES)))
        pairs = [(int(values[2 * i] or 0), int(values[2 * i + 1] or 0)) for i in range(len(SURVEY_STAGES))]
        counts[flag] = pairs
        tables[flag] = protect([[satisfied, answered - satisfied] for satisfied, answered in pairs], threshold)
    results = []
    for i, (stage, label) in enumerate(SURVEY_STAGES.items()):
        shown = {flag: tables[flag].value(i, 0) is not None and tables[flag].value(i, 1) is not None
                 and counts[flag][i][1] >= threshold for flag in (1, 0)}
        proportions = {flag: wilson_interval(*counts[flag][i]) for flag in (1, 0)}
        change = significant_change(proportions[0], proportions[1]) if shown[1] and shown[0] else None
        results.append(StageSatisfaction(stage, label, proportions[1], proportions[0], change, shown[1],
                                         tables[1].shown(i, 2), shown[0]))
    return results


SATISFIED_LABEL = ", ".join(SCALE[i].lower() for i in (1, 2, 3))


@dataclass(frozen=True)
class CrossTable:
    """Counts by two dimensions, protected together with their row and column totals; the same table
    for the previous period of the same length is protected on its own."""

    key: str
    title: str
    row_label: str
    rows: list[str]
    columns: list[str]
    table: ProtectedTable
    before: ProtectedTable | None = None


def _cross(key: str, title: str, row_label: str, rows: dict[str, str], columns: dict[str, str], counts,
           threshold: int, *, keep_all_rows: bool = False) -> CrossTable:
    """A cross table from (now, row, column, count) results; rows with no counts in either period are
    left out unless asked for."""
    counts = {(int(now), r, c): int(n) for now, r, c, n in counts}
    present = [r for r in rows if keep_all_rows or any(k[1] == r for k in counts)] or [next(iter(rows))]
    tables = [protect([[counts.get((now, r, c), 0) for c in columns] for r in present], threshold)
              for now in (1, 0)]
    return CrossTable(key, title, row_label, [rows[r] for r in present], list(columns.values()), *tables)


def _kept_count(source: str, *, base, dated, dims: list, joins=(), where=()) -> kept.Kept:
    """A count of records by two dimensions (a cross table) as a kept statement: met and total both
    hold the count."""
    def select(groups, condition, breakdown):
        query = sa.select(*(group.label(f"g{i}") for i, group in enumerate(groups)),
                          sa.func.count().label("met"), sa.func.count().label("total")).select_from(base)
        for target, on in joins:
            query = query.join(target, on)
        return query.where(*where, condition).group_by(*groups)

    return kept.Kept(source, dated, ("count",), select, lambda breakdown: list(dims))


def _counted(statement: kept.Kept, period: Period, today: date | None) -> list[tuple]:
    """(now, row, column, count) of a kept count for both periods."""
    return [row[:-1] for row in kept.rows(statement, period=period, today=today or date.today())]


NEEDS_MET = _kept_count("needs-met", base=WhatMatters, dated=Case.closed_on,
                        dims=[WhatMatters.category, WhatMatters.outcome],
                        joins=[(Victim, Victim.id == WhatMatters.victim_id), (Case, Case.id == Victim.case_id)],
                        where=[WhatMatters.outcome.is_not(None)])


def needs_met(period: Period, threshold: int, today: date | None = None) -> CrossTable:
    """At closure, how far each thing that mattered to victims was met, by what-matters category."""
    from victimcare.journey.closure import OUTCOMES
    from victimcare.journey.contract import WHAT_MATTERS_CATEGORIES

    return _cross("needs-met", N_("Needs met at closure, by what mattered"), N_("What mattered"), WHAT_MATTERS_CATEGORIES,
                  OUTCOMES, _counted(NEEDS_MET, period, today), threshold)


AGENCIES = _kept_count("partner-agencies", base=AgencyImpact, dated=Feedback.surveyed_on,
                       dims=[AgencyImpact.service_code, AgencyImpact.impact],
                       joins=[(Feedback, Feedback.id == AgencyImpact.feedback_id)])


def partner_agencies(period: Period, threshold: int, today: date | None = None) -> CrossTable:
    """What victims surveyed in the period said each partner agency did for their experience."""
    from victimcare.journey.feedback import IMPACTS

    services = dict(db.session.execute(sa.select(SupportService.code, SupportService.name)
                                       .order_by(SupportService.name)).all())
    return _cross("partner-agencies", N_("Partner agencies' impact on victims' experience"), N_("Agency"),
                  services or {"-": N_("No agencies")}, IMPACTS, _counted(AGENCIES, period, today), threshold)


# Per case, summarised once (GROUP BY case_id) and outer-joined: its what-matters items (of any of its
# victims) and how many are unassessed; whether a supervisor approved or returned it. Only the cases
# being counted are summarised (`COUNTED_CASES`, as for the per-victim summaries).
_OTHER_VICTIM = aliased(Victim)
_COUNTED_CASE_IDS = sa.select(COUNTED_CASES.c.id)
_CASE_ITEMS = sa.select(_OTHER_VICTIM.case_id.label("case_id"), sa.func.count(WhatMatters.id).label("items"),
                        sa.func.sum(sa.case((WhatMatters.outcome.is_(None), 1), else_=0)).label("unassessed")) \
    .select_from(WhatMatters).join(_OTHER_VICTIM, _OTHER_VICTIM.id == WhatMatters.victim_id) \
    .where(_OTHER_VICTIM.case_id.in_(_COUNTED_CASE_IDS)) \
    .group_by(_OTHER_VICTIM.case_id).subquery("case_what_matters")
_CASE_STEPS = sa.select(ClosureStep.case_id.label("case_id"),
                        *(sa.func.max(sa.case((ClosureStep.step == name, 1), else_=0)).label(name)
                          for name in ("approved", "returned"))) \
    .where(ClosureStep.case_id.in_(_COUNTED_CASE_IDS)).group_by(ClosureStep.case_id).subquery("case_steps")
CLOSURE_MEASURES = [
    Measure("closures-assessed", N_("Closures with every what-matters item assessed"), _CASE_ITEMS.c.unassessed == 0,
            of=_CASE_ITEMS.c["items"] > 0, section="needs"),
    Measure("closures-reviewed", N_("Closures approved by a supervisor"), _CASE_STEPS.c.approved == 1, section="needs"),
    Measure("closures-returned", N_("Closures returned by a supervisor before approval"), _CASE_STEPS.c.returned == 1,
            section="needs")]
CLOSURES = _kept_rates("closures", CLOSURE_MEASURES, base=Case, dated=Case.closed_on,
                       joins=[(Victim, sa.and_(Victim.case_id == Case.id, Victim.role == "primary")),
                              (Offence, Offence.code == Case.offence_code),
                              (_CASE_ITEMS, _CASE_ITEMS.c.case_id == Case.id, True),
                              (_CASE_STEPS, _CASE_STEPS.c.case_id == Case.id, True)],
                       where=[Case.closed_on.is_not(None)], scope=_counted_cases)


def closures(period: Period, breakdown: str, threshold: int, today: date | None = None) -> list[MeasureTable]:
    """Cases closed in the period (by their primary victim for the breakdown): what-matters assessed,
    supervisor-reviewed, returned at least once before closing."""
    return _rates(CLOSURES, CLOSURE_MEASURES, period=period, breakdown=breakdown, threshold=threshold, today=today)


_FOLLOW_UP_JOINS = [(Victim, Victim.id == FollowUp.victim_id), (Case, Case.id == FollowUp.case_id),
                    (Offence, Offence.code == Case.offence_code)]
_DONE = FollowUp.status == "done"
FOLLOW_UP_MEASURES = [
    Measure("vcu-follow-ups-done", N_("VCU follow-ups done (of those due)"), _DONE, section="vcu"),
    Measure("vcu-follow-ups-on-time", N_("VCU follow-ups done on time (of those due)"),
            sa.and_(_DONE, FollowUp.completed_on <= FollowUp.due_on), section="vcu"),
    Measure("vcu-letters", N_("VCU follow-ups closed by letter after unsuccessful calls (of those due)"),
            FollowUp.letter_sent_on.is_not(None), section="vcu")]
FOLLOW_UPS = _kept_rates("follow-ups", FOLLOW_UP_MEASURES, base=FollowUp, dated=FollowUp.due_on,
                         joins=_FOLLOW_UP_JOINS, capped=True)
SUPPORT_MEASURES = [Measure("vcu-support-taken-up", N_("Support offered by the VCU that victims took up"),
                            SupportOffer.accepted, section="vcu")]
SUPPORT = _kept_rates("support", SUPPORT_MEASURES, base=SupportOffer, dated=FollowUp.completed_on,
                      joins=[(FollowUp, FollowUp.id == SupportOffer.follow_up_id), *_FOLLOW_UP_JOINS])


def victim_care_unit(period: Period, breakdown: str, threshold: int, today: date) -> list[MeasureTable]:
    """The VCU's follow-ups that fell due in the period, and the support victims took up when reached."""
    return (_rates(FOLLOW_UPS, FOLLOW_UP_MEASURES, period=period, breakdown=breakdown, threshold=threshold,
                   today=today)
            + _rates(SUPPORT, SUPPORT_MEASURES, period=period, breakdown=breakdown, threshold=threshold,
                     today=today))


SATISFIED_MEASURES = [Measure("satisfaction-whole-experience", N_("Victims satisfied with the whole experience"),
                              Feedback.whole_experience <= 3, of=Feedback.whole_experience.is_not(None),
                              section="satisfaction")]
SATISFIED = _kept_rates("satisfied", SATISFIED_MEASURES, base=Feedback, dated=Feedback.surveyed_on,
                        joins=[(Victim, Victim.id == Feedback.victim_id), (Case, Case.id == Feedback.case_id),
                               (Offence, Offence.code == Case.offence_code)], breakdowns=("month",))


def satisfaction_by_month(period: Period, threshold: int, today: date | None = None) -> MeasureTable:
    """Victims completely, very or fairly satisfied with the whole experience, month by month."""
    return _rates(SATISFIED, SATISFIED_MEASURES, period=period, breakdown="month", threshold=threshold,
                  today=today)[0]


COMPLAINTS = _kept_count("complaints", base=Complaint, dated=Complaint.received_on,
                         dims=[Complaint.about, Complaint.outcome])


def complaints(period: Period, threshold: int, today: date | None = None) -> CrossTable:
    """Complaints received in the period, by what they were about and how they ended."""
    from victimcare.journey.feedback import COMPLAINT_OUTCOMES, COMPLAINT_SUBJECTS

    return _cross("complaints", N_("Complaints received, by what they were about and outcome"), N_("About"),
                  COMPLAINT_SUBJECTS, COMPLAINT_OUTCOMES, _counted(COMPLAINTS, period, today), threshold)


def scrutiny_panel(period: Period, threshold: int, today: date) -> list[CrossTable]:
    """The Scrutiny Panel's findings by kind, and the actions that followed by status, for the samples of
    months in the period (counts only: never a case, a person or the Panel's comments)."""
    from victimcare.scrutiny.services import FINDING_KINDS, findings_summary

    summaries = {1: findings_summary(period.start, period.end, today=today),
                 0: findings_summary(period.previous().start, period.previous().end, today=today)}
    findings = [(now, kind, "findings", n) for now, s in summaries.items() for kind, n in s.findings.items()]
    actions = [(now, status, "actions", n) for now, s in summaries.items()
               for status, n in (("open", s.actions_open - s.actions_overdue), ("overdue", s.actions_overdue),
                                 ("done", s.actions_done))]
    return [_cross("scrutiny-findings", N_("Scrutiny Panel findings on the sampled cases, by kind"), N_("Finding"),
                   FINDING_KINDS, {"findings": N_("Findings")}, findings, threshold, keep_all_rows=True),
            _cross("scrutiny-actions", N_("Actions following the Panel's findings, by status"), N_("Status"),
                   {"open": N_("Open, not yet due"), "overdue": N_("Open and overdue"), "done": N_("Done")},
                   {"actions": N_("Actions")}, actions, threshold, keep_all_rows=True)]


def _recoveries():
    return dict(base=ServiceRecovery, dated=Feedback.surveyed_on,
                joins=[(Feedback, Feedback.id == ServiceRecovery.feedback_id),
                       (Victim, Victim.id == Feedback.victim_id),
                       (Case, Case.id == ServiceRecovery.case_id), (Offence, Offence.code == Case.offence_code)])


RECOVERY_MEASURES = [Measure("service-recovery-closed", N_("Service-recovery items closed (of those raised in the period)"),
                             ServiceRecovery.status == "done", section="complaints")]
RECOVERY = _kept_rates("recovery", RECOVERY_MEASURES, **_recoveries())


def service_recovery(period: Period, breakdown: str, threshold: int, today: date | None = None) -> list[MeasureTable]:
    """Service-recovery items raised by feedback in the period, and how many are closed."""
    return _rates(RECOVERY, RECOVERY_MEASURES, period=period, breakdown=breakdown, threshold=threshold, today=today)


LESSONS = _kept_count("lesson-themes", base=ServiceRecovery, dated=Feedback.surveyed_on,
                      dims=[ServiceRecovery.lesson_theme],
                      joins=[(Feedback, Feedback.id == ServiceRecovery.feedback_id)],
                      where=[ServiceRecovery.status == "done", ServiceRecovery.lesson_theme.is_not(None)])


def lesson_themes(period: Period, threshold: int, today: date | None = None) -> CrossTable:
    """What was learnt from the service-recovery items raised in the period, by theme (never the text)."""
    from victimcare.journey.feedback import LESSON_THEMES

    counts = [(now, theme, "closed", n) for now, theme, n in _counted(LESSONS, period, today)]
    return _cross("lesson-themes", N_("Lessons learnt from service recovery, by theme"), N_("Theme"), LESSON_THEMES,
                  {"closed": N_("Items closed")}, counts, threshold)


# Every statement whose counts are kept per month (`victimcare report refresh` counts them).
KEPT = [VICTIMS, UPDATES, CLOSURES, FOLLOW_UPS, SUPPORT, RECOVERY, SATISFIED, SATISFACTION, NEEDS_MET, AGENCIES,
        COMPLAINTS, LESSONS]

# Where the records a kept statement counts take their month from, with the case each belongs to: a
# change to any record of a case makes stale the months these dates put that case's records in
# (freshness.py). Every kept statement's date must be here (tests/unit/test_kept_counts.py checks).
CASE_DATES = [(Case.id, Case.reported_on), (Case.id, Case.closed_on), (VictimUpdate.case_id, VictimUpdate.due_on),
              (FollowUp.case_id, FollowUp.due_on), (FollowUp.case_id, FollowUp.completed_on),
              (Feedback.case_id, Feedback.surveyed_on), (Complaint.case_id, Complaint.received_on)]


