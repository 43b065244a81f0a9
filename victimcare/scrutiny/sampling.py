"""The Victims Scrutiny Panel's monthly sample of closed cases: a reproducible random draw, no Flask.

The draw depends only on the seed and the candidates (sorted by case id first), so the same seed over
the same month's closed cases gives the same sample, whatever order the database returned them in.
"""

from __future__ import annotations

import random
import secrets
from collections.abc import Iterable
from dataclasses import dataclass

DEFAULT_SIZE = 10
MAX_SIZE = 50
MAX_SEED = 2**31 - 1  # fits the database's integer column and is short enough to read out


@dataclass(frozen=True)
class Candidate:
    """A closed case that may be sampled, with the facts the inclusion rules need."""

    case_id: int
    enhanced_rights: bool = False  # at least one victim has enhanced rights
    domestic_abuse_or_hate_crime: bool = False


def new_seed() -> int:
    return secrets.randbelow(MAX_SEED) + 1


def draw(candidates: Iterable[Candidate], seed: int, size: int = DEFAULT_SIZE) -> list[int]:
    """The sampled case ids, in the order drawn.

    Where any exist, the sample includes at least one enhanced-rights case and at least one
    domestic-abuse or hate-crime case (one case can be both); the rest are drawn at random.
    """
    if size < 1:
        raise ValueError("a sample needs at least one case")
    pool = sorted(set(candidates), key=lambda c: c.case_id)
    if len(pool) <= size:
        return [c.case_id for c in pool]
    rng = random.Random(seed)
    chosen: list[Candidate] = []
    enhanced = [c for c in pool if c.enhanced_rights]
    protected = [c for c in pool if c.domestic_abuse_or_hate_crime]
    both = [c for c in enhanced if c.domestic_abuse_or_hate_crime]
    if enhanced:
        # With room for only one case, prefer one that meets both guarantees.
        chosen.append(rng.choice(both if size == 1 and both else enhanced))
    if protected and len(chosen) < size and not any(c.domestic_abuse_or_hate_crime for c in chosen):
        chosen.append(rng.choice(protected))
    rest = [c for c in pool if c not in chosen]
    chosen += rng.sample(rest, size - len(chosen))
    return [c.case_id for c in chosen]
