"""Counts kept per month, so that a Board report adds up a year of monthly counts instead of recounting
a year of records.

Each of the report's grouped statements that is kept (`Kept`, listed in `measures.KEPT`) puts every
record in exactly one month by one date (`dated`), so its counts add up across months. `refresh`
runs the statement month by month, grouped by month and by each breakdown's category, and stores the
raw, unprotected sums in `board_counts`. A report then reads, for each period:

- the whole months that are kept and current (`board_count_months.counted == changes`) from
  `board_counts`, added up per category;
- everything else from the records, as before: the months from the one holding the report's date
  onwards (the current month is never kept), the part-months at the ends of a period that is not
  whole months, and any month changed since it was counted.

Disclosure control applies to the sums, once, exactly as for counts made from the records
(`measures._protected`). A change to a record bumps the months it counts in (`freshness.py`), so a
changed month is counted from the records until the next `refresh` (`victimcare report refresh`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from datetime import date, timedelta

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


def month_of(column) -> sa.ColumnElement:
    """YYYYMM as a number: extract() works on SQLite and PostgreSQL alike."""
    return sa.cast(sa.extract("year", column) * 100 + sa.extract("month", column), sa.Integer)


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


def split(windows: list[tuple[date, date]], today: date, fresh: set[int]) -> tuple[list[int], list[tuple[date, date]]]:
    """The months of the windows that can be read from kept counts (whole, before today's month and
    current), and the date ranges to count from the records (the rest, adjacent ranges joined)."""
    current = today.replace(day=1)
    kept, live = [], []
    for start, end in windows:
        day = start
        while day <= end:
            first = day.replace(day=1)
            last = _month_end(first)
            if day == first and last <= end and last < current and month_number(first) in fresh:
                kept.append(month_number(first))
            elif live and live[-1][1] + timedelta(days=1) == day:
                live[-1] = (live[-1][0], min(last, end))
            else:
                live.append((day, min(last, end)))
            day = last + timedelta(days=1)
    return kept, live


_FRESH: ContextVar[set[int] | None] = ContextVar("board_counts_fresh", default=None)


def fresh_months() -> set[int]:
    """The months whose kept counts are current (none when counting live)."""
    if _LIVE.get():
        return set()
    fresh = _FRESH.get()
    if fresh is not None:
        return fresh
    return set(db.session.scalars(sa.select(BoardCountMonth.month)
                                  .where(BoardCountMonth.counted == BoardCountMonth.changes)))


@contextmanager
def one_reading() -> Iterator[None]:
    """Read which months are current once for every statement of a report (one query, not one each)."""
    token = _FRESH.set(fresh_months())
    try:
        yield
    finally:
        _FRESH.reset(token)


def rows(kept: Kept, *, period, breakdown: str = "", today: date, with_month: bool = False) -> list[tuple]:
    """The statement's rows for the period and the one before: (now, *dims, [month,] *sums), `now`
    1 for the period and 0 for the one before, from kept counts where they are current and from the
    records elsewhere, added up per group and in order of the groups."""
    dims = kept.dims(breakdown)
    previous = period.previous()
    end = min(period.end, today) if kept.capped else period.end
    windows = [(previous.start, min(previous.end, end)), (period.start, end)]
    kept_months, live = split(windows, today, fresh_months())
    width = 1 + len(dims) + with_month
    found: list[tuple] = []
    if live:
        now = sa.case((kept.dated >= period.start, 1), else_=0)
        groups = [now, *dims, *([month_of(kept.dated)] if with_month else [])]
        condition = sa.or_(*(kept.dated.between(start, stop) for start, stop in live))
        found += db.session.execute(kept.select(groups, condition, breakdown)).all()
    if kept_months:
        found += _kept_rows(kept, kept_months, period, breakdown, len(dims), with_month)
    totals: dict[tuple, list[int]] = {}
    for row in found:
        sums = totals.setdefault(tuple(row[:width]), [0] * (2 * len(kept.names)))
        for i, value in enumerate(row[width:]):
            sums[i] += int(value or 0)
    return [(*key, *sums) for key, sums in sorted(totals.items(), key=lambda item: _order(item[0]))]


def _order(key: tuple) -> tuple:
    return tuple((value is None, value) for value in key)


def _kept_rows(kept: Kept, months: list[int], period, breakdown: str, dims: int, with_month: bool) -> list[tuple]:
    now = sa.case((BoardCount.month >= month_number(period.start), 1), else_=0)
    groups = [now, *(BoardCount.category, BoardCount.detail)[:dims], *([BoardCount.month] if with_month else [])]
    found = db.session.execute(
        sa.select(*groups, BoardCount.measure, sa.func.sum(BoardCount.met), sa.func.sum(BoardCount.total))
        .where(BoardCount.source == kept.source, BoardCount.breakdown == breakdown, BoardCount.month.in_(months))
        .group_by(*groups, BoardCount.measure)).all()
    position = {name: i for i, name in enumerate(kept.names)}
    pivoted: dict[tuple, list[int]] = {}
    for *key, measure, met, total in found:
        sums = pivoted.setdefault(tuple(key), [0] * (2 * len(kept.names)))
        sums[2 * position[measure]] += int(met)
        sums[2 * position[measure] + 1] += int(total)
    return [(*key, *sums) for key, sums in pivoted.items()]


# --- Keeping the counts current ---

def bump(connection: sa.Connection, months: set[int]) -> None:
    """Mark months as changed (their kept counts are no longer used until they are counted again)."""
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


def refresh(statements: list[Kept], *, today: date, everything: bool = False,
            progress: Callable[[str], None] | None = None) -> Refreshed:
    """Count again every month before today's that is not current (or, with `everything`, every month
    holding records), for every statement and breakdown, and mark those months counted. One transaction."""
    say = progress or (lambda message: None)
    known = {month: changes for month, changes, counted in db.session.execute(
        sa.select(BoardCountMonth.month, BoardCountMonth.changes, BoardCountMonth.counted))
        if everything or counted != changes}
    current = month_number(today)
    firsts = [db.session.scalar(sa.select(sa.func.min(kept.dated))) for kept in statements]
    firsts = [day for day in firsts if day is not None]
    months = set(known)
    if firsts:
        day = min(firsts).replace(day=1)
        counted = set(db.session.scalars(sa.select(BoardCountMonth.month)))
        while month_number(day) < current:
            if everything or month_number(day) not in counted:
                months.add(month_number(day))
            day = _month_end(day) + timedelta(days=1)
    months = sorted(month for month in months if month < current)
    if not months:
        return Refreshed([], 0)
    ranges = split([(_month_start(month), _month_end(_month_start(month))) for month in months],
                   date.max, set())[1]
    condition_of = lambda kept: sa.or_(*(kept.dated.between(start, stop) for start, stop in ranges))  # noqa: E731
    written = 0
    for kept in statements:
        first: list[tuple] | None = None
        for breakdown in kept.breakdowns:
            db.session.execute(sa.delete(BoardCount).where(
                BoardCount.source == kept.source, BoardCount.breakdown == breakdown, BoardCount.month.in_(months)))
            dims = kept.dims(breakdown)
            if not dims and first is not None:
                # Every record is in exactly one category of any breakdown: add the categories up.
                found = _by_month_only(first, len(kept.names))
            else:
                found = db.session.execute(kept.select([month_of(kept.dated), *dims], condition_of(kept),
                                                       breakdown)).all()
                if first is None:
                    first = found
            values = []
            for row in found:
                month, keys, sums = row[0], list(row[1:1 + len(dims)]), row[1 + len(dims):]
                keys += [None] * (2 - len(keys))
                for i, name in enumerate(kept.names):
                    met, total = int(sums[2 * i] or 0), int(sums[2 * i + 1] or 0)
                    if met or total:
                        values.append({"source": kept.source, "breakdown": breakdown, "month": int(month),
                                       "category": keys[0], "detail": keys[1], "measure": name,
                                       "met": met, "total": total})
            if values:
                db.session.execute(sa.insert(BoardCount), values)
            written += len(values)
            say(f"  {kept.source} {breakdown or '-'}: {len(values)} counts")
    stamp = utcnow()
    connection = db.session.connection()
    if connection.dialect.name == "postgresql":
        from sqlalchemy.dialects.postgresql import insert
    else:
        from sqlalchemy.dialects.sqlite import insert
    for month in months:
        # `counted` is the change number read before counting: a change made meanwhile leaves it stale.
        changes = known.get(month, 0)
        statement = insert(BoardCountMonth.__table__).values(month=month, changes=changes, counted=changes,
                                                             counted_at=stamp)
        connection.execute(statement.on_conflict_do_update(
            index_elements=[BoardCountMonth.month], set_={"counted": changes, "counted_at": stamp}))
    db.session.commit()
    return Refreshed(months, written)


def _by_month_only(found: list[tuple], names: int) -> list[tuple]:
    totals: dict[int, list[int]] = {}
    for row in found:
        sums = totals.setdefault(int(row[0]), [0] * (2 * names))
        for i, value in enumerate(row[-2 * names:]):
            sums[i] += int(value or 0)
    return [(month, *sums) for month, sums in totals.items()]
