"""Password hashing (argon2) and the password policy."""

from __future__ import annotations

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError
from zxcvbn import zxcvbn

MIN_LENGTH = 12
# zxcvbn scores 0-4; below 3 is guessable by an offline attack on a leaked hash.
MIN_STRENGTH = 3

_hasher = PasswordHasher()
# Verifying against this keeps a sign-in for an unknown username as slow as for a real one.
_DUMMY_HASH = _hasher.hash("victimcare-timing-equaliser")


def hash_password(password: str) -> str:
    return _hasher.hash(password)


def verify_password(password_hash: str | None, password: str) -> bool:
    try:
        return _hasher.verify(password_hash or _DUMMY_HASH, password) and password_hash is not None
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        return False


def password_problem(password: str, *, user_inputs: tuple[str, ...] = ()) -> str | None:
    """Why `password` is refused, in words for the person choosing it; None when it is fine."""
    if len(password) < MIN_LENGTH:
        return f"Password must be {MIN_LENGTH} characters or more"
    if len(password) > 256:
        return "Password must be 256 characters or fewer"
    result = zxcvbn(password[:100], user_inputs=list(user_inputs))
    if result["score"] < MIN_STRENGTH:
        warning = result["feedback"].get("warning") or "It is too easy to guess"
        return f"Choose a less common password: {warning.rstrip('.')}"
    return None
