"""The server's own settings: lifetimes, lockout and password hashing cost."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

import attrs
from argon2 import Parameters
from argon2.profiles import CHEAPEST, RFC_9106_LOW_MEMORY

from pcc_cases.services.settings import DEFAULT_SETTINGS, Settings


@attrs.frozen
class SsoSettings:
    """The school's OpenID provider and this server's registration with it.

    ``redirect_uri`` is this server's ``/api/v1/auth/sso/callback`` as the browser reaches
    it (registered at the provider); ``staff_id_claim`` names the ID token's claim that
    holds the staff id (for example ``employee_id``, ``preferred_username`` or ``email``).
    """

    issuer: str
    client_id: str
    client_secret: str = attrs.field(repr=False)
    redirect_uri: str
    staff_id_claim: str = "employee_id"
    scope: str = "openid profile"
    timeout: float = 10.0


@attrs.frozen
class ServerSettings:
    """How long sessions and tokens live, when an account locks, how hard a hash is.

    The defaults are the ones the docs promise; tests shorten nothing but the hashing cost
    (``CHEAP_HASHING``), so that a test logs in within milliseconds.
    """

    services: Settings = DEFAULT_SETTINGS
    session_idle: dt.timedelta = dt.timedelta(minutes=30)
    session_lifetime: dt.timedelta = dt.timedelta(hours=12)
    failures_before_lock: int = 5
    first_lock: dt.timedelta = dt.timedelta(minutes=15)
    longest_lock: dt.timedelta = dt.timedelta(hours=24)
    failure_delay: float = 1.0  # seconds added to every failed login (slows guessing)
    token_lifetime_max: dt.timedelta = dt.timedelta(days=366)
    hashing: Parameters = RFC_9106_LOW_MEMORY
    letterhead: Mapping[str, str] = attrs.field(factory=dict)
    sso: SsoSettings | None = None  # the school's OpenID provider, if it has one

    @property
    def organisation(self) -> str:
        """The organisation's name for reports and exports: the letterhead's."""
        return self.letterhead.get("organisation", "")


CHEAP_HASHING = CHEAPEST
"""Argon2id at its lowest cost: for tests only, never for real passwords."""
