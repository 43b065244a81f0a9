"""Counts kept per month, and per day for the current month, so that a Board report adds up a year of
kept counts instead of recounting a year of records.

Each of the report's grouped statements that is kept (`Kept`, listed in `measures.KEPT`) puts every
record in exactly one day by one date (`dated`), so its counts add up across days and months.
`refresh` runs the statement grouped by month (or day) and by each breakdown's category, and stores
the raw, unprotected sums in `board_counts`, under a *unit*: a month as YYYYMM for every month before
the current one, and a day as YYYYMMDD for each day of the current month before today (the current
month fills up day by day, and a report on it, or on a year ending today, is the common case). A
report then reads, for each period:

- the whole months, and the days, that have been counted (`board_count_months.counted` set, one row
  per unit) from `board_counts`, added up per category, as they were counted;
- everything else from the records: today and later, the part-months at the ends of a period that
  is not whole months where their days are not kept, and any unit never counted.

Disclosure control applies to the sums, once, exactly as for counts made from the records
(`measures._protected`). A change to a record bumps the units (its month and its day) it counts in
(`freshness.py`); the next `refresh` (`victimcare report refresh`, run nightly so that yesterday is
kept by the morning) counts those units again. Until then a report reads them as counted and says
so (`as_counted`: when they were counted, how many have changed since): reading a changed month
from the records instead would make a year's report recount most of its months after a day of
ordinary edits (a day's edits touch cases of many months). Once a month is over and kept whole,
`refresh` drops its days.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

import sqlalchemy as sa

from victimcare.extensions import db
from victimcare.models import BoardCount, BoardCountMonth
from victimcare.timeutil import utcnow

_LIVE = ContextVar("board_counts_live", default=False)


@contextmanager
def counted_live() -> Iterator[None]:
    """Count everything from the records, ignoring kept counts (to compare the two, and in the benchmark)."""
    token = _LIVE.set(True)
    try:
        yield
    finally:
        _LIVE.reset(token)


def month_number(day: date) -> int:
    return day.year * 100 + day.month


def day_number(day: date) -> int:
    return day.year * 10000 + day.month * 100 + day.day


def is_day(unit: int) -> bool:
    return unit > 999_999  # YYYYMMDD, not YYYYMM


def month_of(column) -> sa.ColumnElement:
    """YYYYMM as a number: extract() works on SQLite and PostgreSQL alike."""
    return sa.cast(sa.extract("year", column) * 100 + sa.extract("month", column), sa.Integer)


def day_of(column) -> sa.ColumnElement:
    """YYYYMMDD as a number."""
    return sa.cast(sa.extract("year", column) * 10000 + sa.extract("month", column) * 100
                   + sa.extract("day", column), sa.Integer)


def _month_start(number: int) -> date:
    return date(number // 100, number % 100, 1)


def _month_end(first: date) -> date:
    return (first.replace(day=28) + timedelta(days=4)).replace(day=1) - timedelta(days=1)


@dataclass(frozen=True)
class Kept:
    """One grouped statement of the report whose counts are kept per month.

    `select(groups, condition, breakdown)` is the statement: its group columns, then a (met, total)
    pair of sums per name in `names`, over the records meeting `condition`, grouped by `groups`.
    `dims(breakdown)` are its grouping columns other than the month (at most two: kept as `category`
    and `detail`). `breakdowns` are those it is kept for ("" when it has no breakdown); a breakdown
    with no column of its own (by month) is added up from the first one's counts when refreshing.
    `capped`: records dated after the report's date are not counted yet (updates and follow-ups due).
    """

    source: str
    dated: sa.ColumnElement
    names: tuple[str, ...]
    select: Callable[[list, sa.ColumnElement, str], sa.Select]
    dims: Callable[[str], list]
    breakdowns: tuple[str, ...] = ("",)
    capped: bool = False


# The breakdown `Kept.select` is asked for when grouping by every breakdown's column at once: it must
# join what any breakdown needs.
EVERY_BREAKDOWN = "*"


@dataclass(frozen=True)
class Split:
    """Where a report reads each part of its windows from: whole months and days from kept counts, and
    date ranges (adjacent ones joined) from the records."""

    months: list[int]
    days: list[int]
    live: list[tuple[date, date]]


def split(windows: list[tuple[date, date]], today: date, fresh: set[int]) -> Split:
    """The whole months of the windows before today's month, and the days before today, that are kept
    and current (`fresh`); the rest is counted from the records."""
    current = today.replace(day=1)
    months, days, live = [], [], []

    def count_live(start: date, end: date) -> None:
        if live and live[-1][1] + timedelta(days=1) == start:
            live[-1] = (live[-1][0], end)
        else:
            live.append((start, end))

    for start, end in windows:
        day = start
        while day <= end:
            first = day.replace(day=1)
            last = min(_month_end(first), end)
            if day == first and last == _month_end(first) and last < current and month_number(first) in fresh:
                months.append(month_number(first))
            else:
                while day <= last:
                    if day < today and day_number(day) in fresh:
                        days.append(day_number(day))
                    else:
                        count_live(day, day)
                    day += timedelta(days=1)
            day = last + timedelta(days=1)
    return Split(months, days, live)


_READING: ContextVar[set[int] | None] = ContextVar("board_counts_reading", default=None)


def fresh_months() -> set[int]:
    """The units (months and days) whose kept counts are current: counted since their records last changed."""
    return set(db.session.scalars(sa.select(BoardCountMonth.month)
                                  .where(BoardCountMonth.counted == BoardCountMonth.changes)))


def counted_units() -> set[int]:
    """The units (months and days) a report reads from kept counts: every one counted at least once, as it
    was counted (none when counting live). A record changed since shows after the next refresh; the
    report says as of when its figures were counted and how many of its units have changed since
    (`as_counted`). So a day's edits leave a year's report as quick as it was, and every format of the
    report read on one day gives the same figures."""
    if _LIVE.get():
        return set()
    reading = _READING.get()
    if reading is not None:
        return reading
    return set(db.session.scalars(sa.select(BoardCountMonth.month).where(BoardCountMonth.counted.is_not(None))))


@dataclass(frozen=True)
class AsCounted:
    """When the kept counts a report read were counted (the oldest), and how many of its months and days
    have had records changed since (counted again at the next refresh)."""

    at: datetime | None
    changed: int


def as_counted(period) -> AsCounted:
    """For the units from the previous period's start to the period's end that are read from kept counts."""
    if _LIVE.get():
        return AsCounted(None, 0)
    first, last = period.previous().start, period.end
    at, changed = None, 0
    for unit, changes, counted, counted_at in db.session.execute(
            sa.select(BoardCountMonth.month, BoardCountMonth.changes, BoardCountMonth.counted,
                      BoardCountMonth.counted_at).where(BoardCountMonth.counted.is_not(None))):
        within = (month_number(first) <= unit <= month_number(last) if unit <= 999_999
                  else day_number(first) <= unit <= day_number(last))
        if within:
            at = counted_at if at is None or (counted_at and counted_at < at) else at
            changed += changes != counted
    return AsCounted(at, changed)


@contextmanager
def one_reading() -> Iterator[None]:
    """Read which months and days are kept once for every statement of a report (one query, not one each)."""
    token = _READING.set(counted_units())
    try:
        yield
    finally:
        _READING.reset(token)


def rows(kept: Kept, *, period, breakdown: str = "", today: date, with_month: bool = False) -> list[tuple]:
    """The statement's rows for the period and the one before: (now, *dims, [month,] *sums), `now`
    1 for the period and 0 for the one before, from kept counts where they are current and from the
    records elsewhere, added up per group and in order of the groups."""
    dims = kept.dims(breakdown)
    previous = period.previous()
    end = min(period.end, today) if kept.capped else period.end
    windows = [(previous.start, min(previous.end, end)), (period.start, end)]
    parts = split(windows, today, counted_units())
    width = 1 + len(dims) + with_month
    found: list[tuple] = []
    if parts.live:
        now = sa.case((kept.dated >= period.start, 1), else_=0)
        groups = [now, *dims, *([month_of(kept.dated)] if with_month else [])]
        condition = sa.or_(*(kept.dated.between(start, stop) for start, stop in parts.live))
        found += db.session.execute(kept.select(groups, condition, breakdown)).all()
    for units, start in ((parts.months, month_number(period.start)), (parts.days, day_number(period.start))):
        if units:
            found += _kept_rows(kept, units, start, breakdown, len(dims), with_month)
    totals: dict[tuple, list[int]] = {}
    for row in found:
        sums = totals.setdefault(tuple(row[:width]), [0] * (2 * len(kept.names)))
        for i, value in enumerate(row[width:]):
            sums[i] += int(value or 0)
    return [(*key, *sums) for key, sums in sorted(totals.items(), key=lambda item: _order(item[0]))]


def _order(key: tuple) -> tuple:
    return tuple((value is None, value) for value in key)


def _kept_rows(kept: Kept, units: list[int], start: int, breakdown: str, dims: int, with_month: bool) -> list[tuple]:
    """The kept counts of the units (all months or all days), `start` the period's first unit of that kind."""
    now = sa.case((BoardCount.month >= start, 1), else_=0)
    groups = [now, *(BoardCount.category, BoardCount.detail)[:dims], *([BoardCount.month] if with_month else [])]
    found = db.session.execute(
        sa.select(*groups, BoardCount.measure, sa.func.sum(BoardCount.met), sa.func.sum(BoardCount.total))
        .where(BoardCount.source == kept.source, BoardCount.breakdown == breakdown, BoardCount.month.in_(units))
        .group_by(*groups, BoardCount.measure)).all()
    position = {name: i for i, name in enumerate(kept.names)}
    pivoted: dict[tuple, list[int]] = {}
    for *key, measure, met, total in found:
        if with_month and is_day(key[-1]):
            key[-1] //= 100  # a day's counts are its month's
        sums = pivoted.setdefault(tuple(key), [0] * (2 * len(kept.names)))
        sums[2 * position[measure]] += int(met)
        sums[2 * position[measure] + 1] += int(total)
    return [(*key, *sums) for key, sums in pivoted.items()]


# --- Keeping the counts current ---

def bump(connection: sa.Connection, months: set[int]) -> None:
    """Mark units (months and days) as changed (their kept counts are no longer used until they are
    counted again)."""
    if not months:
        return
    if connection.dialect.name == "postgresql":
        from sqlalchemy.dialects.postgresql import insert
    else:
        from sqlalchemy.dialects.sqlite import insert
    table = BoardCountMonth.__table__
    # In month order, so that concurrent writers lock the rows in the same order.
    for month in sorted(months):
        statement = insert(table).values(month=month, changes=1)
        connection.execute(statement.on_conflict_do_update(
            index_elements=[table.c.month], set_={"changes": table.c.changes + 1}))


def forget(connection: sa.Connection | None = None) -> None:
    """Mark every kept month as changed: after writes that bypass the ORM (the seed) or that change what
    every month counts (offence categories)."""
    connection = connection or db.session.connection()
    connection.execute(sa.update(BoardCountMonth).values(changes=BoardCountMonth.changes + 1))


@dataclass(frozen=True)
class Refreshed:
    months: list[int]
    rows: int
    days: list[int] = field(default_factory=list)


def refresh(statements: list[Kept], *, today: date, everything: bool = False,
            progress: Callable[[str], None] | None = None) -> Refreshed:
    """Count again every month before today's, and every day of today's month before today, that is not
    current (or, with `everything`, every such month holding records and every such day), for every
    statement and breakdown, and mark them counted; drop the days of earlier months, now kept whole.
    One transaction."""
    say = progress or (lambda message: None)
    known = {unit: changes for unit, changes, counted in db.session.execute(
        sa.select(BoardCountMonth.month, BoardCountMonth.changes, BoardCountMonth.counted))
        if everything or counted != changes}
    counted = set(db.session.scalars(sa.select(BoardCountMonth.month)))
    current = month_number(today)
    firsts = [db.session.scalar(sa.select(sa.func.min(kept.dated))) for kept in statements]
    firsts = [day for day in firsts if day is not None]
    months = {unit for unit in known if not is_day(unit)}
    if firsts:
        day = min(firsts).replace(day=1)
        while month_number(day) < current:
            if everything or month_number(day) not in counted:
                months.add(month_number(day))
            day = _month_end(day) + timedelta(days=1)
    months = sorted(month for month in months if month < current)
    this_month = [today.replace(day=n) for n in range(1, today.day)]
    days = sorted(day_number(day) for day in this_month
                  if everything or day_number(day) in known or day_number(day) not in counted)
    written = 0
    if months:
        ranges = split([(_month_start(month), _month_end(_month_start(month))) for month in months],
                       date.max, set()).live
        written += _count(statements, months, ranges, month_of, say)
    if days:
        ranges = split([(_day(unit), _day(unit)) for unit in days], date.max, set()).live
        written += _count(statements, days, ranges, day_of, say)
    # Days of earlier months: their month is kept whole now (or will be counted whole from the records).
    old_days = sa.and_(BoardCountMonth.month > 999_999, BoardCountMonth.month < current * 100)
    db.session.execute(sa.delete(BoardCount).where(BoardCount.month > 999_999, BoardCount.month < current * 100))
    db.session.execute(sa.delete(BoardCountMonth).where(old_days))
    stamp = utcnow()
    connection = db.session.connection()
    if connection.dialect.name == "postgresql":
        from sqlalchemy.dialects.postgresql import insert
    else:
        from sqlalchemy.dialects.sqlite import insert
    for unit in [*months, *days]:
        # `counted` is the change number read before counting: a change made meanwhile leaves it stale.
        changes = known.get(unit, 0)
        statement = insert(BoardCountMonth.__table__).values(month=unit, changes=changes, counted=changes,
                                                             counted_at=stamp)
        connection.execute(statement.on_conflict_do_update(
            index_elements=[BoardCountMonth.month], set_={"counted": changes, "counted_at": stamp}))
    db.session.commit()
    return Refreshed(months, written, days)


def _day(unit: int) -> date:
    return date(unit // 10000, unit // 100 % 100, unit % 100)


def _count(statements: list[Kept], units: list[int], ranges: list[tuple[date, date]], unit_of,
           say: Callable[[str], None]) -> int:
    """Count the units (months by `month_of`, or days by `day_of`) over the date ranges holding them, and
    store the counts in place of those kept before."""
    condition_of = lambda kept: sa.or_(*(kept.dated.between(start, stop) for start, stop in ranges))  # noqa: E731
    written = 0
    for kept in statements:
        first: list[tuple] | None = None
        together = _by_every_breakdown(kept, unit_of, condition_of(kept))
        for breakdown in kept.breakdowns:
            db.session.execute(sa.delete(BoardCount).where(
                BoardCount.source == kept.source, BoardCount.breakdown == breakdown, BoardCount.month.in_(units)))
            dims = kept.dims(breakdown)
            if not dims and first is not None:
                # Every record is in exactly one category of any breakdown: add the categories up.
                found = _by_month_only(first, len(kept.names))
            elif together is not None:
                found = together[breakdown]
            else:
                found = db.session.execute(kept.select([unit_of(kept.dated), *dims], condition_of(kept),
                                                       breakdown)).all()
            if first is None:
                first = found
            values = []
            for row in found:
                unit, keys, sums = row[0], list(row[1:1 + len(dims)]), row[1 + len(dims):]
                keys += [None] * (2 - len(keys))
                for i, name in enumerate(kept.names):
                    met, total = int(sums[2 * i] or 0), int(sums[2 * i + 1] or 0)
                    if met or total:
                        values.append({"source": kept.source, "breakdown": breakdown, "month": int(unit),
                                       "category": keys[0], "detail": keys[1], "measure": name,
                                       "met": met, "total": total})
            if values:
                db.session.execute(sa.insert(BoardCount), values)
            written += len(values)
            say(f"  {kept.source} {breakdown or '-'}: {len(values)} counts")
    return written


def _by_every_breakdown(kept: Kept, unit_of, condition: sa.ColumnElement) -> dict[str, list[tuple]] | None:
    """The statement's rows for each of its breakdowns with one column, from one pass over the records:
    the statement grouped by the unit and every breakdown's column at once, then added up per breakdown
    (in the database, one statement). Each breakdown apart would join the records again: at a million
    cases that is most of a refresh. None when the statement has fewer than two such breakdowns."""
    single = [breakdown for breakdown in kept.breakdowns if len(kept.dims(breakdown)) == 1]
    if len(single) < 2:
        return None
    columns = [kept.dims(breakdown)[0] for breakdown in single]
    fine = kept.select([unit_of(kept.dated), *columns], condition, EVERY_BREAKDOWN).cte("by_every_breakdown")
    unit, *rest = fine.c
    categories, sums = rest[:len(columns)], rest[len(columns):]
    parts = [sa.select(sa.literal(breakdown).label("breakdown"), unit.label("unit"),
                       sa.cast(category, sa.String).label("category"), *(sa.func.sum(column) for column in sums))
             .group_by(unit, category) for breakdown, category in zip(single, categories)]
    found: dict[str, list[tuple]] = {breakdown: [] for breakdown in single}
    for breakdown, *row in db.session.execute(sa.union_all(*parts)):
        found[breakdown].append(tuple(row))
    return found


def _by_month_only(found: list[tuple], names: int) -> list[tuple]:
    totals: dict[int, list[int]] = {}
    for row in found:
        sums = totals.setdefault(int(row[0]), [0] * (2 * names))
        for i, value in enumerate(row[-2 * names:]):
            sums[i] += int(value or 0)
    return [(month, *sums) for month, sums in totals.items()]
