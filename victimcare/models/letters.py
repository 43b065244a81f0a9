"""Letters to victims: each one produced (previewed or printed) is recorded on the case."""

from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from victimcare.extensions import db
from victimcare.models.users import User
from victimcare.timeutil import utcnow


class Letter(db.Model):
    """One letter produced for a victim: which, in what language, by whom and when.

    The text is not stored: it is rebuilt from the case, so the record says what was disclosed to whom
    without keeping a second copy of the victim's details.
    """

    __tablename__ = "letters"
    __table_args__ = (sa.Index("ix_letters_case_produced", "case_id", "produced_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(sa.ForeignKey("cases.id"))
    victim_id: Mapped[int] = mapped_column(sa.ForeignKey("victims.id"), index=True)
    # victimcare.letters.kinds.LETTER_KINDS
    kind: Mapped[str] = mapped_column(sa.String(30))
    # "en", "cy", or "cy+en" for a bilingual letter (Welsh first)
    language: Mapped[str] = mapped_column(sa.String(8))
    # The key stage a key-stage update letter tells the victim about (events are never deleted; the
    # updates they make due can be, when a victim stops wanting them).
    event_id: Mapped[int | None] = mapped_column(sa.ForeignKey("key_stage_events.id"))
    output: Mapped[str] = mapped_column(sa.String(10))  # preview, pdf
    produced_by_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id"))
    produced_at: Mapped[datetime] = mapped_column(sa.DateTime(timezone=True), default=utcnow)

    produced_by: Mapped[User] = relationship()
    victim: Mapped["Victim"] = relationship()  # noqa: F821
