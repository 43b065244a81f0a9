"""Key stages of an investigation and when the victim's update about each falls due (§3)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, timedelta

from victimcare.journey.calendar import add_working_days, on_or_after
from victimcare.translatable import N_


@dataclass(frozen=True)
class Timescale:
    """Working days allowed for an update: for standard victims and for enhanced-rights victims."""

    code: str
    label: str
    standard_days: int
    enhanced_days: int
    configurable: bool = False


KEY_STAGES: tuple[Timescale, ...] = (
    Timescale("arrested", N_("Suspect arrested"), 5, 1),
    Timescale("interviewed", N_("Suspect interviewed under caution (voluntary)"), 5, 1),
    Timescale("bailed", N_("Released on bail"), 5, 1),
    Timescale("bail-changed", N_("Bail conditions changed or cancelled"), 5, 1),
    Timescale("released-under-investigation", N_("Released under investigation"), 5, 1),
    Timescale("charged", N_("Charged, summonsed or postal requisition"), 5, 1),
    Timescale("no-further-action", N_("No further action (with the reasons and the right to review)"), 5, 1),
    Timescale("out-of-court-disposal", N_("Out-of-court disposal"), 5, 1),
    Timescale("passed-to-cps", N_("File passed to CPS for a charging decision"), 5, 1, configurable=True),
    Timescale("cps-decision", N_("CPS charging decision received"), 5, 1, configurable=True),
    Timescale("filed", N_("Investigation filed pending new information"), 5, 1, configurable=True),
)
# Other deadlines the Code sets from the date the crime was reported.
REFERRAL = Timescale("referral", N_("Referral to victim support services"), 2, 2)
ACKNOWLEDGEMENT = Timescale("acknowledgement", N_("Written acknowledgement of the report"), 5, 5, configurable=True)

DEFAULT_TIMESCALES: dict[str, Timescale] = {t.code: t for t in (*KEY_STAGES, REFERRAL, ACKNOWLEDGEMENT)}
KEY_STAGE_CODES = frozenset(t.code for t in KEY_STAGES)

# Contract frequencies: calendar days between periodic updates; None means key stages only.
FREQUENCIES: dict[str, tuple[str, int | None]] = {
    "weekly": (N_("Weekly"), 7),
    "fortnightly": (N_("Every two weeks"), 14),
    "28-days": (N_("Every 28 days"), 28),
    "key-stages": (N_("At key stages only"), None),
}
DEFAULT_FREQUENCY = "28-days"


def working_days_allowed(code: str, enhanced: bool, timescales: Mapping[str, Timescale] | None = None) -> int:
    timescale = (timescales or DEFAULT_TIMESCALES)[code]
    return timescale.enhanced_days if enhanced else timescale.standard_days


def update_due_on(code: str, occurred_on: date, *, enhanced: bool, contract_days: int | None = None,
                  timescales: Mapping[str, Timescale] | None = None) -> date:
    """When the victim must be told about a key stage: the Code's deadline, or the contract's if sooner."""
    if code not in KEY_STAGE_CODES:
        raise ValueError(f"unknown key stage {code!r}")
    days = working_days_allowed(code, enhanced, timescales)
    if contract_days is not None:
        days = min(days, contract_days)
    return add_working_days(occurred_on, days)


def periodic_due_on(last_update_on: date, frequency: str) -> date | None:
    """The next periodic update under the contract, moved to a working day; None for key stages only."""
    _, days = FREQUENCIES[frequency]
    if days is None:
        return None
    return on_or_after(last_update_on + timedelta(days=days))


def referral_due_on(reported_on: date, timescales: Mapping[str, Timescale] | None = None) -> date:
    return add_working_days(reported_on, working_days_allowed("referral", False, timescales))


def acknowledgement_due_on(reported_on: date, timescales: Mapping[str, Timescale] | None = None) -> date:
    return add_working_days(reported_on, working_days_allowed("acknowledgement", False, timescales))
