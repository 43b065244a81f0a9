"""API tokens: issued once, kept only as a hash, and ended by expiry, revocation or deactivation."""

from __future__ import annotations

import hashlib
import secrets
from datetime import timedelta

import sqlalchemy as sa

from victimcare import audit
from victimcare.extensions import db
from victimcare.models import ApiToken, User
from victimcare.models.audit import AuditAction
from victimcare.timeutil import as_utc, utcnow

# A recognisable prefix lets secret scanners and people spot a leaked token.
PREFIX = "vct_"
DEFAULT_EXPIRY_DAYS = 90
# Writing last_used_at on every request would turn each read into a write.
LAST_USED_RESOLUTION = timedelta(seconds=60)


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def issue_token(user: User, *, name: str = "api", expires_days: int = DEFAULT_EXPIRY_DAYS, actor=None
                ) -> tuple[ApiToken, str]:
    """A new token for `user`: the row to store and the token itself, shown once and never again."""
    token = PREFIX + secrets.token_urlsafe(32)
    row = ApiToken(user_id=user.id, name=name, token_hash=token_hash(token),
                   expires_at=utcnow() + timedelta(days=expires_days))
    db.session.add(row)
    db.session.flush()
    audit.record(AuditAction.ADMIN, "api-token", row.id, user=actor,
                 detail=f"issued API token {row.id} ({name}) to {user.username}, expires in {expires_days} days")
    return row, token


def revoke_token(row: ApiToken, *, actor=None) -> bool:
    if row.revoked_at is not None:
        return False
    row.revoked_at = utcnow()
    audit.record(AuditAction.ADMIN, "api-token", row.id, user=actor,
                 detail=f"revoked API token {row.id} of {row.user.username}")
    return True


def revoke_all(user: User, *, actor=None) -> int:
    rows = db.session.scalars(sa.select(ApiToken).where(ApiToken.user_id == user.id, ApiToken.revoked_at.is_(None)))
    return sum(revoke_token(row, actor=actor) for row in rows)


def tokens_of(user: User | None = None) -> list[ApiToken]:
    statement = sa.select(ApiToken).join(ApiToken.user).order_by(User.username, ApiToken.id)
    if user is not None:
        statement = statement.where(ApiToken.user_id == user.id)
    return list(db.session.scalars(statement))


def is_usable(row: ApiToken, now=None) -> bool:
    now = now or utcnow()
    return row.revoked_at is None and as_utc(row.expires_at) > now and row.user.active


def user_for_token(token: str) -> User | None:
    """The active user a presented token acts for, or None: unknown, expired, revoked or deactivated."""
    if not token.startswith(PREFIX) or len(token) > 200:
        return None
    row = db.session.scalar(sa.select(ApiToken).where(ApiToken.token_hash == token_hash(token)))
    now = utcnow()
    if row is None or not is_usable(row, now):
        return None
    if row.last_used_at is None or now - as_utc(row.last_used_at) > LAST_USED_RESOLUTION:
        db.session.execute(sa.update(ApiToken).where(ApiToken.id == row.id).values(last_used_at=now))
        db.session.commit()
    return row.user
