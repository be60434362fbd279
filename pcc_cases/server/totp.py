"""The second factor: time-based one-time codes (RFC 6238), enrolled with a QR code."""

from __future__ import annotations

import pendulum
import pyotp
import segno

from pcc_cases.domain.errors import InvalidInputError
from pcc_cases.translation import N_

ISSUER = "pcc_cases"
STEP_SECONDS = 30


def new_secret() -> str:
    return pyotp.random_base32()


def provisioning_uri(secret: str, person_id: str, organisation: str) -> str:
    """The ``otpauth://`` address an authenticator app reads from the QR code."""
    issuer = f"{ISSUER} {organisation}".strip()
    return pyotp.TOTP(secret).provisioning_uri(name=person_id, issuer_name=issuer)


def qr_svg(uri: str) -> str:
    """The QR code of ``uri`` as an SVG document (no script, no outside references)."""
    return str(segno.make(uri, error="m").svg_inline(scale=4, title="QR"))


def accepted_step(secret: str, code: str, now: pendulum.DateTime, last_step: int | None) -> int:
    """The time step ``code`` belongs to, or -1 when it is wrong or was already used.

    A code of the current step or the one before or after is accepted (clocks drift), but
    only once: a code seen at a step at or before ``last_step`` is refused (replay).
    """
    code = code.strip().replace(" ", "")
    if not (code.isascii() and code.isdigit() and len(code) == 6):
        return -1
    totp = pyotp.TOTP(secret)
    current = int(now.timestamp()) // STEP_SECONDS
    for step in (current - 1, current, current + 1):
        if last_step is not None and step <= last_step:
            continue
        if totp.at(step * STEP_SECONDS) == code:
            return step
    return -1


def code_now(secret: str) -> str:
    """The code an authenticator app shows now for ``secret`` (the demo's ``totp`` command).

    Raises:
        InvalidInputError: ``secret`` is not a base32 key.
    """
    key = secret.strip().replace(" ", "").upper()
    try:
        return str(pyotp.TOTP(key).now())
    except (ValueError, TypeError):
        raise InvalidInputError(
            N_("{key!r} is not an authenticator key (letters A-Z and digits 2-7)"),
            field="key",
            key=secret,
        ) from None


def code_at(secret: str, moment: pendulum.DateTime) -> str:
    """The code an authenticator app shows at ``moment`` (for tests and the demo)."""
    return str(pyotp.TOTP(secret).at(int(moment.timestamp())))
