"""Passwords: Argon2id hashes, and what a new password must be."""

from __future__ import annotations

from argon2 import Parameters, PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from pcc_cases.domain.errors import InvalidInputError
from pcc_cases.translation import N_

MIN_LENGTH = 12
MAX_LENGTH = 200


def hasher(parameters: Parameters) -> PasswordHasher:
    return PasswordHasher.from_parameters(parameters)


def check_new_password(password: str, person_id: str) -> str:
    """A password a person may choose: 12 to 200 characters, not their own id.

    Length is what makes a password hard to guess (NIST SP 800-63B); no rules of
    character classes, which only make passwords harder to remember.

    Raises:
        InvalidInputError: too short, too long, or the person's id.
    """
    if len(password) < MIN_LENGTH or len(password) > MAX_LENGTH:
        raise InvalidInputError(
            N_("a password has {low} to {high} characters; this one has {count}"),
            field="password",
            low=MIN_LENGTH,
            high=MAX_LENGTH,
            count=len(password),
        )
    if person_id.casefold() in password.casefold():
        raise InvalidInputError(N_("a password may not contain your own id"), field="password")
    return password


def verify(hashing: PasswordHasher, stored_hash: str, password: str) -> bool:
    """Whether ``password`` matches ``stored_hash`` (never raises for a wrong one)."""
    try:
        return hashing.verify(stored_hash, password)
    except (VerificationError, InvalidHashError):
        return False


DUMMY_PASSWORD = "not a password of anyone"  # noqa: S105 - hashed for timing parity only
