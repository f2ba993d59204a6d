"""The challenge–response login as a did:key identity whose key the harness holds (ID-AUTH-001's
exchange), shared by the requirements that judge it and those that need a logged-in user as their
set-up (certificate login, second factors)."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from conformance import Evidence, NonConformance, msg, precondition

from .._shared.dependent import served_body, unreadable
from .._shared.ownread import own_json
from .._shared.times import rfc3339_instant
from . import did as didlib
from .registration import new_key
from .requestbodies import challenge_request, key_proof

if TYPE_CHECKING:  # for annotations only: the target protocols load httpx, which a run over files need not
    from conformance import HttpTarget
    from conformance.area import JsonObject, Response

CHALLENGES = "/1.0/auth/challenges"
PROOFS = "/1.0/auth/proofs"


class Subject:
    """A did:key identity the harness holds the key of."""

    def __init__(self, curve: str = "Ed25519") -> None:
        self.key = new_key(curve)
        self.did = didlib.did_key(self.key.public_key())
        self.kid = f"{self.did}#{didlib.multikey(self.key.public_key())}"

    def proof(self, challenge: str, *, key: didlib.PrivateKey | None = None) -> JsonObject:
        signature = didlib.sign(key or self.key, challenge.encode("utf-8"))
        return key_proof(self.did, challenge, self.kid, didlib.b64url(signature))


def _issued(api: HttpTarget, did: str, *, acr: str | None = None,
            ttl_s: int | None = None, rule: str | None = None) -> tuple[str, JsonObject, str]:
    """(where, body, the challenge) of POST challenges; NonConformance, under ``rule`` (the
    caller's R-number stating the issuance), when none is issued."""
    response = api.post(CHALLENGES, json=challenge_request(did, acr, ttl_s))
    where = response.requested
    if response.status != 201:  # annex D's contract: a challenge is a resource created
        raise NonConformance(msg("identity.auth-no-challenge"), file=where, expected=201,
                             actual=response.status, rule=rule)
    body = own_json(response, rule)
    value = body.get("challenge") if isinstance(body, dict) else None
    if not isinstance(body, dict) or not isinstance(value, str) or len(value) < 16:
        raise NonConformance(msg("identity.auth-challenge-short"), file=where,
                             pointer="/challenge", actual=value if not isinstance(value, str) else len(value),
                             rule=rule)
    return where, body, value


def expiry(text: object) -> datetime | None:
    """An RFC 3339 date-time with its offset (R1 of ID-AUTH-001, RFC 3339 5.6), else None. The RFC 3339
    form is checked first (:func:`rfc3339_instant`)."""
    return rfc3339_instant(text)


def challenge_of(api: HttpTarget, subject: Subject | str, evidence: Evidence | None, *, set_up: bool = False,
                 acr: str | None = None, ttl_s: int | None = None, rule: str | None = None
                 ) -> tuple[str, datetime | None]:
    """A challenge for ``subject`` (or a DID); a challenge without a time zone-aware expiry is a
    finding when ``evidence`` is given (None: the caller judges the expiry itself, or not at all).
    ``set_up``: its issuance is ID-AUTH-001's to judge (a refusal makes the caller inconclusive,
    naming it), its expiry still the caller's."""
    did = subject if isinstance(subject, str) else subject.did
    if set_up:
        with precondition(msg("identity.pre-challenge", path=CHALLENGES),
                          msg("shared.pre-fix-see", requirement="ID-AUTH-001")):
            where, body, value = _issued(api, did, acr=acr, ttl_s=ttl_s)
    else:  # the caller judges the issuance: its rule states it (ID-AUTH-001 R1)
        where, body, value = _issued(api, did, acr=acr, ttl_s=ttl_s, rule=rule)
    when = expiry(body.get("expires"))
    if when is None:
        if evidence is not None:
            evidence.finding(msg("identity.auth-no-expiry"), file=where, pointer="/expires", actual=body.get("expires"),
                             rule=rule)
    return value, when


def set_up_challenge(api: HttpTarget, subject: Subject | str, *,
                     acr: str | None = None) -> tuple[str, datetime | None]:
    """A challenge as the set-up of a requirement other than ID-AUTH-001 (which judges it)."""
    with precondition(msg("identity.pre-challenge", path=CHALLENGES),
                      msg("shared.pre-fix-see", requirement="ID-AUTH-001")):
        return challenge_of(api, subject, None, acr=acr)


def access_token(response: Response) -> str | None:
    """The access token of a 200 answer, or None (an answer that is no JSON included)."""
    try:
        body = response.json() if response.status == 200 else None
    except NonConformance:
        return None
    token = body.get("access_token") if isinstance(body, dict) else None
    return token if isinstance(token, str) else None


def key_login(api: HttpTarget) -> tuple[Subject, str]:
    """(the identity, its access token) of a key login as a fresh did:key identity, as the set-up of a
    requirement other than ID-AUTH-001 (which judges the exchange: a refusal makes the caller
    inconclusive, naming it)."""
    subject = Subject()
    challenge, _ = set_up_challenge(api, subject)
    with precondition(msg("identity.pre-key-login", path=PROOFS), msg("shared.pre-fix-see", requirement="ID-AUTH-001")):
        response = api.post(PROOFS, json=subject.proof(challenge))
        token = access_token(response)
        if token is None:
            raise NonConformance(msg("identity.auth-proof-not-accepted"), file=response.requested, expected=200,
                                 actual=response.status)
    return subject, token


def issued_challenge(response: Response) -> str | None:
    """The challenge of a challenge answer read outside a precondition (ID-AUTH-001 judges how it is
    served): None when none is issued (a refusal); a 200 or 201 whose body does not parse leaves the
    case inconclusive naming ID-AUTH-001, never a fail under no rule."""
    body, state = served_body(response, (200, 201))
    if body is None and response.status in (200, 201):
        raise unreadable(msg("identity.auth-challenge-what"), f"POST {CHALLENGES}", state, "ID-AUTH-001")
    challenge = body.get("challenge") if isinstance(body, dict) else None
    return challenge if isinstance(challenge, str) else None


def demanded_second_factor(api: HttpTarget, subject: Subject, evidence: Evidence, rule: str | None) -> str:
    """The ``mfa_token`` of the answer to a key proof alone for a challenge requested with ``acr: "high"``, which
    annex D's ``submitProof`` gives as ``mfa_required`` true with an ``mfa_token`` string and no access token
    (ID-MFA-001 R2, ID-MFA-003 R6). An access token of any ``acr`` beside the ``mfa_token``, or ``mfa_required``
    not true, is a finding under ``rule``, and the login goes on with the ``mfa_token``; with no ``rule`` (the
    set-up of ID-MFA-002, whose login completes all the same) they are ID-MFA-001's to judge. No ``mfa_token``
    ends the check: a token on the key proof alone, or no second factor asked for."""
    given, _ = set_up_challenge(api, subject, acr="high")
    answer = api.post(PROOFS, json=subject.proof(given))
    data = own_json(answer, rule) if answer.status == 200 else None
    if not isinstance(data, dict):
        raise NonConformance(msg("identity.auth-no-second-factor"), file=answer.requested, pointer="/mfa_token",
                             rule=rule, actual=answer.status)
    pending, issued = data.get("mfa_token"), "access_token" in data
    on_key = {"acr": data.get("acr"), "amr": data.get("amr")}
    if not isinstance(pending, str) or not pending:
        if issued:
            raise NonConformance(msg("identity.auth-token-on-key-alone"), file=answer.requested, rule=rule,
                                 expected=msg("identity.expect-mfa-required"), actual=on_key)
        raise NonConformance(msg("identity.auth-no-second-factor"), file=answer.requested, pointer="/mfa_token",
                             rule=rule, actual=pending if "mfa_token" in data else msg("engine.none"))
    if rule is not None and issued:
        evidence.finding(msg("identity.auth-token-on-key-alone"), file=answer.requested, pointer="/access_token",
                         rule=rule, expected=msg("identity.expect-mfa-required"), actual=on_key)
    if rule is not None and data.get("mfa_required") is not True:
        evidence.finding(msg("identity.auth-mfa-required-not-true"), file=answer.requested, pointer="/mfa_required",
                         rule=rule, expected=True,
                         actual=data["mfa_required"] if "mfa_required" in data else msg("engine.none"))
    return pending
