"""Clock helpers: the app stores and compares instants in UTC."""

from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

# The force's local time, in which users read and enter dates and times.
LONDON = ZoneInfo("Europe/London")


def utcnow() -> datetime:
    return datetime.now(UTC)


def as_utc(value: datetime) -> datetime:
    """SQLite hands timestamps back without a zone; every stored instant is UTC."""
    return value if value.tzinfo else value.replace(tzinfo=UTC)
