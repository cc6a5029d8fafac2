"""Why a token is refused: one typed error per reason, all of them AuthError (HTTP 401).

Each names its reason in `reason` (sent as `extensions.reason` beside the code
UNAUTHENTICATED), so a client or the federation can tell an expired token from a forged one.
"""

from __future__ import annotations


class AuthError(Exception):
    """The request carries no usable token; the HTTP layer answers 401."""

    reason = "UNAUTHENTICATED"


class MissingToken(AuthError):
    reason = "MISSING_TOKEN"


class InvalidToken(AuthError):
    """Not a JWT, a signature that does not match its contents, or claims missing or malformed."""

    reason = "INVALID_TOKEN"


class ExpiredToken(AuthError):
    reason = "EXPIRED_TOKEN"


class LegacyToken(AuthError):
    """Signed with the shared HS256 secret used before the deployment moved to EdDSA keys."""

    reason = "LEGACY_TOKEN"


class UnknownKey(AuthError):
    """The token's `kid` names no key its issuer publishes."""

    reason = "UNKNOWN_KEY"


class RetiredKey(AuthError):
    """The token's key was retired: its grace period after a rotation is over, or it was
    retired at once (a leaked key)."""

    reason = "RETIRED_KEY"


class UntrustedIssuer(AuthError):
    """The token's `iss` is not an issuer the verifier trusts (another province, or none)."""

    reason = "UNTRUSTED_ISSUER"


class IssuerUnreachable(AuthError):
    """The issuer's public keys could not be fetched, and none were known for the token's kid."""

    reason = "ISSUER_UNREACHABLE"


class WrongProvince(AuthError):
    """A province's token used for another province's data."""

    reason = "WRONG_PROVINCE"


class AggregatesOnly(AuthError):
    """A central token used for a province's personal data: it reads statistics only."""

    reason = "AGGREGATES_ONLY"
