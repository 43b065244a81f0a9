"""Bounded lists: fetch one row more than a page to know whether another page follows.

No COUNT(*) over the whole table, so a page costs the same at 1,000 cases as at 1,000,000.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa
from flask import current_app, request

from victimcare.extensions import db


@dataclass
class Page:
    items: list[Any]
    number: int
    has_next: bool

    @property
    def has_previous(self) -> bool:
        return self.number > 1


def page_number() -> int:
    try:
        return max(1, min(int(request.args.get("page", "1")), 10_000))
    except ValueError:
        return 1


def paginate(statement: sa.Select, *, per_page: int | None = None, scalars: bool = True) -> Page:
    per_page = per_page or current_app.config["PAGE_SIZE"]
    number = page_number()
    statement = statement.limit(per_page + 1).offset((number - 1) * per_page)
    rows = list(db.session.scalars(statement) if scalars else db.session.execute(statement))
    return Page(items=rows[:per_page], number=number, has_next=len(rows) > per_page)
