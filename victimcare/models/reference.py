from __future__ import annotations

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from victimcare.extensions import db


class Offence(db.Model):
    """Offence reference data; codes are stable because the API and imports use them."""

    __tablename__ = "offences"

    code: Mapped[str] = mapped_column(sa.String(40), primary_key=True)
    name: Mapped[str] = mapped_column(sa.String(120))
    category: Mapped[str] = mapped_column(sa.String(80))
    most_serious: Mapped[bool] = mapped_column(default=False)
    sexual: Mapped[bool] = mapped_column(default=False)
    always_domestic_abuse: Mapped[bool] = mapped_column(default=False)
    active: Mapped[bool] = mapped_column(default=True)
