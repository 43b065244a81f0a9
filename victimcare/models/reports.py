"""Counts kept for the Victims' Board report (victimcare/reports/kept.py): raw, unprotected counts per month,
recounted when the records they count change. Never shown as they are: the report adds up the months of
its period and applies disclosure control to the sums."""

from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from victimcare.extensions import db


class BoardCount(db.Model):
    """One month's count for one measure of one statement, by one category of a breakdown.

    `source` names the grouped statement (victimcare/reports/measures.py `KEPT`); `breakdown` the report's
    breakdown ("" for statements not broken down); `category` and `detail` the statement's grouping
    values (a cross table's row and column). `met` and `total` are a rate's numerator and denominator;
    for a plain count (a cross table's cell) both hold the count."""

    __tablename__ = "board_counts"
    __table_args__ = (sa.Index("ix_board_counts_source_breakdown_month", "source", "breakdown", "month"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    source: Mapped[str] = mapped_column(sa.String(40))
    breakdown: Mapped[str] = mapped_column(sa.String(20))
    month: Mapped[int]  # the unit counted: a month as YYYYMM, or a day of the current month as YYYYMMDD
    category: Mapped[str | None] = mapped_column(sa.String(200))
    detail: Mapped[str | None] = mapped_column(sa.String(80))
    measure: Mapped[str] = mapped_column(sa.String(60))
    met: Mapped[int] = mapped_column(sa.BigInteger)
    total: Mapped[int] = mapped_column(sa.BigInteger)


class BoardCountMonth(db.Model):
    """Whether a month's kept counts are current: `changes` goes up with every change to a record the
    month counts; `counted` is the value `changes` had when the month was last counted (NULL: never).
    The month's counts may be used only while the two are equal."""

    __tablename__ = "board_count_months"

    month: Mapped[int] = mapped_column(primary_key=True, autoincrement=False)  # YYYYMM, or YYYYMMDD for a day
    changes: Mapped[int] = mapped_column(default=0)
    counted: Mapped[int | None]
    counted_at: Mapped[datetime | None] = mapped_column(sa.DateTime(timezone=True))
