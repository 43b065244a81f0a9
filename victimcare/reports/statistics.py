"""Small statistics for the Board's figures: Wilson score intervals and when a change is significant."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from math import sqrt

from victimcare.translatable import N_

Z_95 = 1.959963984540054

AGE_BANDS = ((0, 17, N_("Under 18")), (18, 24, N_("18 to 24")), (25, 34, N_("25 to 34")), (35, 44, N_("35 to 44")),
             (45, 54, N_("45 to 54")), (55, 64, N_("55 to 64")), (65, 74, N_("65 to 74")), (75, 200, N_("75 and over")))


@dataclass(frozen=True)
class Proportion:
    successes: int
    total: int
    low: float
    high: float

    @property
    def share(self) -> float:
        return self.successes / self.total if self.total else 0.0


def wilson_interval(successes: int, total: int, z: float = Z_95) -> Proportion:
    """The 95% Wilson score interval for a proportion (sound for small counts and shares near 0 or 1)."""
    if total <= 0:
        return Proportion(successes, total, 0.0, 1.0)
    if not 0 <= successes <= total:
        raise ValueError("successes must lie between 0 and total")
    p = successes / total
    denominator = 1 + z * z / total
    centre = (p + z * z / (2 * total)) / denominator
    margin = z * sqrt(p * (1 - p) / total + z * z / (4 * total * total)) / denominator
    # Rounding can leave the bound a hair inside p when p is 0 or 1; the interval always holds p.
    return Proportion(successes, total, max(0.0, min(p, centre - margin)), min(1.0, max(p, centre + margin)))


def significant_change(before: Proportion, after: Proportion) -> str | None:
    """'up' or 'down' only where the two intervals do not overlap; otherwise no marker."""
    if before.total == 0 or after.total == 0:
        return None
    if after.low > before.high:
        return "up"
    if after.high < before.low:
        return "down"
    return None


def age_band(date_of_birth: date | None, on: date) -> str:
    if date_of_birth is None:
        return "Not known"
    years = on.year - date_of_birth.year - ((on.month, on.day) < (date_of_birth.month, date_of_birth.day))
    return next(label for low, high, label in AGE_BANDS if low <= years <= high)
