"""School single sign-on with OpenID Connect: the authorization code flow with PKCE.

The school's provider (Microsoft Entra ID, Google Workspace, SURFconext, Entree, ...)
proves who logs in; one of the ID token's claims carries the staff id that pcc_cases
knows the person by. Authlib makes the authorization request and exchanges the code;
joserfc checks the ID token's signature against the provider's published keys, and its
issuer, audience, expiry and nonce. The provider's second factor is the provider's
business: a single sign-on session is a full session.
"""

from __future__ import annotations

import base64
import binascii
import json
import secrets
import threading
import time
from typing import Any

import attrs
import httpx
from authlib.integrations.requests_client import OAuth2Session
from joserfc import jwt
from joserfc.errors import JoseError
from joserfc.jwk import KeySet

from pcc_cases.domain.errors import NotAuthenticatedError
from pcc_cases.server.config import SsoSettings
from pcc_cases.translation import N_

METADATA_LIFETIME = 3600.0  # seconds before the provider's metadata and keys are read again
CLOCK_LEEWAY = 60  # seconds of clock difference allowed on the token's times

SSO_REFUSED = N_("single sign-on did not succeed; try again, or log in with your password")


@attrs.frozen
class PendingLogin:
    """What the browser keeps between leaving for the provider and coming back: the state
    that ties the answer to this browser, the nonce that ties the ID token to this
    request, and the PKCE verifier that only this server knows.
    """

    state: str
    nonce: str
    verifier: str

    @classmethod
    def new(cls) -> PendingLogin:
        return cls(*(secrets.token_urlsafe(32) for _ in range(3)))

    def cookie_value(self) -> str:
        raw = json.dumps([self.state, self.nonce, self.verifier]).encode()
        return base64.urlsafe_b64encode(raw).decode().rstrip("=")

    @classmethod
    def from_cookie(cls, value: str) -> PendingLogin | None:
        try:
            raw = base64.urlsafe_b64decode(value + "=" * (-len(value) % 4))
            state, nonce, verifier = json.loads(raw)
        except (binascii.Error, ValueError, TypeError):
            return None
        if not all(isinstance(v, str) and 20 <= len(v) <= 100 for v in (state, nonce, verifier)):
            return None
        return cls(state, nonce, verifier)


class ProviderMetadata:
    """The provider's discovery document and signing keys, read once an hour."""

    def __init__(self, settings: SsoSettings) -> None:
        self.settings = settings
        self._lock = threading.Lock()
        self._read_at = 0.0
        self._document: dict[str, Any] = {}
        self._keys: KeySet | None = None

    def document(self, *, refresh: bool = False) -> dict[str, Any]:
        with self._lock:
            if (
                refresh
                or not self._document
                or time.monotonic() - self._read_at > METADATA_LIFETIME
            ):
                self._read()
            return self._document

    def keys(self) -> KeySet:
        self.document()
        assert self._keys is not None  # noqa: S101 - set by document()
        return self._keys

    def _read(self) -> None:
        issuer = self.settings.issuer.rstrip("/")
        with httpx.Client(timeout=self.settings.timeout) as http:
            document = _json(http, f"{issuer}/.well-known/openid-configuration")
            if document.get("issuer") != self.settings.issuer:
                raise NotAuthenticatedError(SSO_REFUSED, field="issuer")
            keys = KeySet.import_key_set(_json(http, str(document["jwks_uri"])))  # type: ignore[arg-type]
        self._document, self._keys, self._read_at = document, keys, time.monotonic()


def _json(http: httpx.Client, url: str) -> dict[str, Any]:
    try:
        answer = http.get(url)
        answer.raise_for_status()
        data = answer.json()
    except (httpx.HTTPError, ValueError):
        raise NotAuthenticatedError(SSO_REFUSED, field="issuer") from None
    if not isinstance(data, dict):
        raise NotAuthenticatedError(SSO_REFUSED, field="issuer")
    return data


def authorization_url(
    settings: SsoSettings, metadata: ProviderMetadata
) -> tuple[str, PendingLogin]:
    """Where to send the browser, and what it must bring back."""
    pending = PendingLogin.new()
    with _client(settings) as client:
        url, _state = client.create_authorization_url(
            metadata.document()["authorization_endpoint"],
            state=pending.state,
            nonce=pending.nonce,
            code_verifier=pending.verifier,
        )
    return str(url), pending


def staff_id(
    settings: SsoSettings,
    metadata: ProviderMetadata,
    pending: PendingLogin | None,
    *,
    code: str | None,
    state: str | None,
    error: str | None = None,
) -> str:
    """The staff id the provider vouches for, after checking that it answered without an
    ``error``, that the answer belongs to this browser's request (``pending``),
    exchanging the code, and checking the ID token.

    Raises:
        NotAuthenticatedError: a state that does not match, a code the provider refuses,
            an ID token that is not valid for this client and request, or no staff id.
    """
    if error or not code:
        raise NotAuthenticatedError(SSO_REFUSED, field="error" if error else "code")
    if pending is None or not secrets.compare_digest(
        (state or "").encode(), pending.state.encode()
    ):
        raise NotAuthenticatedError(SSO_REFUSED, field="state")
    document = metadata.document()
    try:
        with _client(settings) as client:
            tokens = client.fetch_token(
                document["token_endpoint"],
                code=code,
                code_verifier=pending.verifier,
                timeout=settings.timeout,
            )
    except Exception:  # noqa: BLE001 - any refusal or fault of the exchange is a failed login
        raise NotAuthenticatedError(SSO_REFUSED, field="code") from None
    claims = _checked_claims(settings, metadata, str(tokens.get("id_token", "")), pending.nonce)
    value = claims.get(settings.staff_id_claim)
    if not isinstance(value, str) or not value:
        raise NotAuthenticatedError(SSO_REFUSED, field=settings.staff_id_claim)
    return value


def _checked_claims(
    settings: SsoSettings, metadata: ProviderMetadata, id_token: str, nonce: str
) -> dict[str, Any]:
    registry = jwt.JWTClaimsRegistry(
        now=None,
        leeway=CLOCK_LEEWAY,
        iss={"essential": True, "value": settings.issuer},
        aud={"essential": True, "value": settings.client_id},
        nonce={"essential": True, "value": nonce},
        exp={"essential": True},
        sub={"essential": True},
    )
    try:
        token = jwt.decode(id_token, metadata.keys())
        registry.validate(token.claims)
    except (JoseError, ValueError):
        raise NotAuthenticatedError(SSO_REFUSED, field="id_token") from None
    return dict(token.claims)


def _client(settings: SsoSettings) -> OAuth2Session:
    return OAuth2Session(
        client_id=settings.client_id,
        client_secret=settings.client_secret,
        scope=settings.scope,
        redirect_uri=settings.redirect_uri,
        code_challenge_method="S256",
    )
