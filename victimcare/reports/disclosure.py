"""Disclosure control for anything the Victims' Board sees (shared/domain.md §6)."""

from __future__ import annotations

SUPPRESSED = "<10"


def publish_count(count: int, threshold: int) -> str:
    """A count as it may be published: below the threshold it is shown only as '<threshold'."""
    if count < threshold:
        return f"<{threshold}"
    return f"{count:,}"
