"""Authentication by proof of key control (challenge–response), its failed proofs limited, and, for
the high assurance level, a second factor (TOTP, or a device the person holds, verified as WebAuthn
verifies it) with RFC 8176 ``amr`` values.

The harness authenticates as did:key identities whose keys it generates for the run
(Ed25519 and P-256), signs challenges itself and computes one-time codes (RFC 6238) from
the seed the target provisions.
"""

from __future__ import annotations

import secrets
import time
from datetime import UTC, datetime
from typing import TYPE_CHECKING

import pytest

from conformance import Evidence, Inconclusive, Message, NonConformance, Parameters, Targets, msg, precondition, reason
from conformance.area import SchemaRegistry
from conformance.areas._shared.ownread import own_json
from conformance.areas._shared.problems import check_refused
from conformance.areas.identity import did as didlib
from conformance.areas.identity.keylogin import (
    CHALLENGES,
    PROOFS,
    Subject,
    access_token,
    challenge_of,
    demanded_second_factor,
    issued_challenge,
    set_up_challenge,
)
from conformance.areas.identity.registration import new_key
from conformance.areas.identity.requestbodies import (
    challenge_request,
    device_assertion_options_request,
    device_assertion_request,
    device_options_request,
    otp_request,
    totp_request,
)
from conformance.areas.identity.webauthn import Authenticator
from conformance.areas.interfaces.openapi import CONTRACT
from conformance.codecs.totp import decode_seed, totp

if TYPE_CHECKING:  # for annotations only: the target protocols load httpx, which a run over files need not
    from conformance import HttpTarget
    from conformance.area import JsonObject, Response

TOTP = "/1.0/auth/totp"
OTP = "/1.0/auth/otp"
#: what a seed's member left out means (the defaults of the Key URI format's otpauth URIs: SHA1, 6 digits, 30 s)
TOTP_DEFAULTS = {"algorithm": "SHA1", "digits": 6, "period": 30}
#: annex D's schema of the seed ``provisionTotp`` answers with (201)
TOTP_SEED = CONTRACT + "#/paths/~11.0~1auth~1totp/post/responses/201/content/application~1json/schema"
#: RFC 8176 section 2: the registered Authentication Method Reference values.
RFC8176_AMR = {"face", "fpt", "geo", "hwk", "iris", "kba", "mca", "mfa", "otp", "pin", "pop", "pwd", "rba",
               "retina", "sc", "sms", "swk", "tel", "user", "vbm", "wia"}
KEY_AMR = {"pop", "swk", "hwk"}
#: what annex D's `OtpToken` and `DeviceToken` add (RFC 8176 2): the one-time password (ID-MFA-002 R3), the device-bound
#: key (ID-MFA-003 R2) beside the login's key proof
OTP_AMR, DEVICE_AMR, LOGIN_AMR = "otp", "hwk", {"pop", "swk"}
UV_ONLY = 0x04  # WebAuthn 6.1 flags: user verified, the user-present bit (0x01) clear


def token_of(response: Response, evidence: Evidence, rule: str | None = None) -> JsonObject | None:
    """The token a key proof yields; a finding (under ``rule``, the caller's R-number stating the
    accepted proof, None where it is a set-up) when it yields none."""
    where = response.requested
    if response.status != 200:
        evidence.finding(msg("identity.auth-proof-not-accepted"), file=where, expected=200, actual=response.status,
                         rule=rule)
        return None
    body = own_json(response, rule)
    if not isinstance(body, dict) or not isinstance(body.get("access_token"), str):
        evidence.finding(msg("identity.auth-no-token"), file=where, pointer="/access_token", rule=rule)
        return None
    return body


def refused(response: Response, schemas: SchemaRegistry, evidence: Evidence, why: Message,
            rule: str | None = None) -> None:
    check_refused(response, schemas, evidence, why, expected=msg("identity.expect-401-problem"), rule=rule)


def refused_without_token(response: Response, schemas: SchemaRegistry, evidence: Evidence, why: Message,
                          rule: str | None = None) -> None:
    """A proof the platform must refuse: 4xx problem details (:func:`refused`), and no token in
    the answer, whatever its status; ``rule``: the caller's R-number stating the refusal."""
    refused(response, schemas, evidence, why, rule)
    if 400 <= response.status < 500:
        try:
            body = response.json()
        except NonConformance:
            return  # check_problem's finding: the body is no problem document
        if isinstance(body, dict) and "access_token" in body:
            evidence.finding(msg("identity.auth-refusal-token", request=why), file=response.requested,
                             pointer="/access_token", expected=msg("identity.expect-no-token"),
                             actual=msg("identity.actual-token-issued"), rule=rule)


@pytest.mark.requirement("ID-AUTH-001")
def test_a_valid_proof_of_key_control_is_accepted(targets: Targets, evidence: Evidence):
    api = targets.http("api")
    for curve in ("Ed25519", "P-256"):
        subject = Subject(curve)
        challenge, _ = challenge_of(api, subject, evidence, rule="R1")
        body = token_of(api.post(PROOFS, json=subject.proof(challenge)), evidence, "R2")
        if body is None:
            continue
        amr = body.get("amr")
        if not isinstance(amr, list) or not KEY_AMR & set(amr):
            evidence.finding(msg("identity.auth-amr-no-key-proof", curve=curve),
                             file=api.requested("POST", PROOFS),
                             pointer="/amr", expected=msg("identity.expect-one-of", values=str(sorted(KEY_AMR))),
                             actual=amr, rule="R2")


@pytest.mark.requirement("ID-AUTH-002")
def test_wrong_tampered_and_replayed_proofs_are_refused(targets: Targets, schemas: SchemaRegistry, evidence: Evidence):
    api = targets.http("api")
    subject = Subject()
    # First a valid proof accepted through the same route with the run's credentials: then a 401
    # to a wrong proof is the platform's refusal of that proof (provoked), judged with its body,
    # not a refusal of the run's credentials; the accepted proof is the one replayed below.
    challenge, _ = set_up_challenge(api, subject)
    proof = subject.proof(challenge)
    with precondition(msg("identity.pre-key-login", path=PROOFS),
                      msg("shared.pre-fix-see", requirement="ID-AUTH-001")):
        token_of(api.post(PROOFS, json=proof), evidence)  # its finding makes the precondition unmet
    refused_without_token(api.post(PROOFS, json=proof, provoked=True), schemas, evidence,
                          msg("identity.refuse-replayed-proof"), "R3")

    challenge, _ = set_up_challenge(api, subject)
    refused_without_token(api.post(PROOFS, json=subject.proof(challenge, key=new_key("Ed25519")), provoked=True),
                          schemas, evidence, msg("identity.refuse-foreign-key"), "R1")

    challenge, _ = set_up_challenge(api, subject)
    tampered = challenge[:-1] + ("A" if challenge[-1] != "A" else "B")
    refused_without_token(api.post(PROOFS, json=subject.proof(tampered), provoked=True), schemas, evidence,
                          msg("identity.refuse-tampered-challenge"), "R2")

    challenge, _ = set_up_challenge(api, subject)
    proof = subject.proof(challenge)
    raw = bytearray(didlib.unb64url(str(proof["signature"])))
    raw[0] ^= 0x01
    refused_without_token(api.post(PROOFS, json={**proof, "signature": didlib.b64url(bytes(raw))}, provoked=True),
                          schemas, evidence, msg("identity.refuse-tampered-signature"), "R1")


@pytest.mark.requirement("ID-AUTH-003")
def test_expired_challenges_are_refused(targets: Targets, params: Parameters, schemas: SchemaRegistry,
                                        evidence: Evidence):
    api = targets.http("api")
    subject = Subject()
    # its issuance, and its `expires` as an RFC 3339 date-time with an offset, are ID-AUTH-001's (R1); how long
    # the expiry it states lies ahead is this requirement's
    challenge, expires = challenge_of(api, subject, None, set_up=True, ttl_s=1)
    if expires is None:
        raise Inconclusive(msg("identity.auth-expiry-unreadable"))
    # The stated expiry is the first rule: a platform may shorten a requested lifetime, never lengthen it.
    allowed = time.time() + 1 + params.number("clock_skew_s")
    if expires.timestamp() > allowed:
        evidence.finding(msg("identity.auth-expiry-too-late"), rule="R1",
                         file=api.requested("POST", CHALLENGES), pointer="/expires",
                         expected=msg("identity.expect-no-later-than",
                                      time=datetime.fromtimestamp(allowed, UTC).isoformat()),
                         actual=expires.isoformat())
    wait = expires.timestamp() - time.time() + params.number("clock_skew_s")
    if wait > params.number("max_wait_s") and evidence.findings_count:
        return  # the lengthened expiry is the finding; waiting for it would prove nothing more
    if wait > params.number("max_wait_s"):
        raise Inconclusive(msg("identity.auth-expiry-too-far", wait=wait))
    evidence.note(msg("identity.auth-waiting"), expires=expires.isoformat(), seconds=round(max(wait, 0), 1))
    time.sleep(max(wait, 0))
    # step 3: 4xx problem details with no token; a 5xx, or a 4xx without problem details, is the failure too
    refused_without_token(api.post(PROOFS, json=subject.proof(challenge)), schemas, evidence,
                          msg("identity.refuse-expired-challenge"), "R2")


#: NIST SP 800-63B-4 3.2.2: consecutive failed attempts on one account limited to no more than 100
FAILED_PROOF_LIMIT = 100


@pytest.mark.requirement("ID-AUTH-004")
def test_failed_proofs_are_limited_to_100_in_a_row(targets: Targets, schemas: SchemaRegistry, evidence: Evidence):
    api = targets.http("api")
    subject = Subject()
    # a valid first login shows the identity logs in (ID-AUTH-001's), and the refusals below are provoked
    with precondition(msg("identity.pre-key-login", path=PROOFS),
                      msg("shared.pre-fix-see", requirement="ID-AUTH-001")):
        if token_of(api.post(PROOFS, json=subject.proof(set_up_challenge(api, subject)[0])), evidence) is None:
            raise NonConformance(msg("identity.auth-no-key-login"))
    stranger = new_key("Ed25519")
    refused_in_a_row = 0
    for _ in range(FAILED_PROOF_LIMIT):
        challenge = issued_challenge(api.post(CHALLENGES, json=challenge_request(subject.did), provoked=True))
        if challenge is None:
            refused_in_a_row += 1  # a refused challenge is a refused attempt: the limit already holds
            continue
        answer = api.post(PROOFS, json=subject.proof(challenge, key=stranger), provoked=True)
        if answer.status == 200:
            raise Inconclusive(msg("identity.auth-wrong-proof-accepted", requirement="ID-AUTH-002"))
        refused_in_a_row += 1
    evidence.note(msg("identity.auth-refused-in-a-row"), refused=refused_in_a_row)
    challenge = issued_challenge(api.post(CHALLENGES, json=challenge_request(subject.did), provoked=True))
    if challenge is None:
        return  # the login is refused at its first step: the limit holds
    answer = api.post(PROOFS, json=subject.proof(challenge), provoked=True)
    if access_token(answer) is not None:  # a 200 whose body does not parse issues no token: refused below
        evidence.finding(msg("identity.auth-unthrottled", limit=FAILED_PROOF_LIMIT), file=answer.requested,
                         expected=msg("identity.expect-401-problem"), actual=answer.status)
        return
    refused_without_token(answer, schemas, evidence, msg("identity.refuse-after-failed-proofs",
                                                         limit=FAILED_PROOF_LIMIT))


#: ID-MFA-001's rule for each step of :func:`high_assurance_login`
MFA_LOGIN_RULES = {"totp-seed": "R1", "step-up": "R2", "code": "R3", "wrong-code": "R4"}


def high_assurance_login(api: HttpTarget, schemas: SchemaRegistry, evidence: Evidence, *, wrong_code_first: bool,
                         first_factor: dict | None = None, rules: dict[str, str] | None = None) -> dict | None:
    """Key login, TOTP provisioning, then a high assurance login with the one-time code; the
    key login's token is kept in ``first_factor["token"]`` when a dict is given. ``rules``: the
    caller's R-number for each step (:data:`MFA_LOGIN_RULES`); none where the login is a set-up."""
    rules = rules or {}
    subject = Subject()
    with precondition(msg("identity.pre-key-login", path=PROOFS),
                      msg("shared.pre-fix-see", requirement="ID-AUTH-001")):
        first = token_of(api.post(PROOFS, json=subject.proof(set_up_challenge(api, subject)[0])), evidence)
        if first is None:
            raise NonConformance(msg("identity.auth-no-key-login"))
    if first_factor is not None:
        first_factor["token"] = first
    response = api.post(TOTP, json=totp_request(), headers={"Authorization": f"Bearer {first['access_token']}"},
                        auth=None)
    body = own_json(response, rules.get("totp-seed")) if response.status == 201 else None  # annex D: 201 alone
    if not isinstance(body, dict) or not isinstance(body.get("secret"), str):
        raise NonConformance(msg("identity.auth-no-totp-seed"), file=response.requested,
                             expected=msg("identity.expect-201-with-secret"),
                             actual=response.status, rule=rules.get("totp-seed"))
    for member in ("algorithm", "digits", "period"):
        if member not in body:
            evidence.finding(msg("identity.auth-totp-member", member=member), file=response.requested,
                             pointer=f"/{member}", expected=msg("identity.expect-totp-members"),
                             rule=rules.get("totp-seed"))
    # A member it lacks was named above and takes its default; the seed is then judged by annex
    # D's own schema of the answer (D.79), so the case allows the digits and spellings the contract does.
    seed_parameters = {**TOTP_DEFAULTS, **body}
    try:
        if outside := schemas.findings(seed_parameters, TOTP_SEED):
            raise ValueError(f"{outside[0].pointer}: {outside[0].message}")
        seed = decode_seed(body["secret"])
        digits, period, algorithm = (seed_parameters[member] for member in ("digits", "period", "algorithm"))
    except (ValueError, TypeError) as exc:
        raise NonConformance(msg("identity.auth-totp-unusable", reason=reason(exc)), file=response.requested,
                             rule=rules.get("totp-seed")) from None

    def second_factor_pending() -> str:
        return demanded_second_factor(api, subject, evidence, rules.get("step-up"))

    def code(offset: int = 0) -> str:
        value = int(totp(seed, time.time(), period=period, digits=digits, algorithm=algorithm))
        return str((value + offset) % 10**digits).zfill(digits)

    if wrong_code_first:
        refused(api.post(OTP, json=otp_request(second_factor_pending(), code(offset=1))), schemas, evidence,
                msg("identity.refuse-wrong-code"), rules.get("wrong-code"))
    answer = api.post(OTP, json=otp_request(second_factor_pending(), code()))
    if answer.status != 200 or not isinstance(data := own_json(answer, rules.get("code")), dict) \
            or "access_token" not in data:
        evidence.finding(msg("identity.auth-code-not-accepted"), file=answer.requested,
                         expected=msg("identity.expect-200-with-access-token"), actual=answer.status,
                         rule=rules.get("code"))
        return None
    return data


@pytest.mark.requirement("ID-MFA-001")
def test_high_assurance_needs_a_second_factor(targets: Targets, schemas: SchemaRegistry, evidence: Evidence):
    token = high_assurance_login(targets.http("api"), schemas, evidence, wrong_code_first=True,
                                 rules=MFA_LOGIN_RULES)
    if token is not None and token.get("acr") != "high":
        evidence.finding(msg("identity.auth-acr-not-high"), file=targets.http("api").requested("POST", OTP),
                         pointer="/acr", expected="high", actual=token.get("acr"), rule="R3")


@pytest.mark.requirement("ID-MFA-002")
def test_the_second_factor_is_required_and_amr_states_what_was_done(targets: Targets, schemas: SchemaRegistry,
                                                                    evidence: Evidence):
    api = targets.http("api")
    # The login that yields the tokens is ID-MFA-001's; what they may do is judged here.
    first: dict = {}
    with precondition(msg("identity.pre-mfa-login"), msg("shared.pre-fix-see", requirement="ID-MFA-001")):
        token = high_assurance_login(api, schemas, evidence, wrong_code_first=False, first_factor=first)
        if token is None:
            raise NonConformance(msg("identity.auth-no-key-login"))
    key_only = first["token"]
    # R1: the first factor alone does not reach the high assurance operation (RFC 9470 3)
    alone = api.request("DELETE", TOTP, headers={"Authorization": f"Bearer {key_only['access_token']}"}, auth=None,
                       provoked=True)
    if not 400 <= alone.status < 500:
        evidence.finding(msg("identity.auth-step-up-not-required", path=TOTP), file=alone.requested, rule="R1",
                         expected=msg("identity.expect-401-step-up"), actual=alone.status)
    # R2: with both factors it does
    both = api.request("DELETE", TOTP, headers={"Authorization": f"Bearer {token['access_token']}"}, auth=None)
    if not 200 <= both.status < 300:
        evidence.finding(msg("identity.auth-step-up-refused", path=TOTP), file=both.requested, rule="R2",
                         expected="2xx", actual=both.status)
    # R3, R4: the amr values agree with the factors the exchange required
    where = api.requested("POST", OTP)
    amr = token.get("amr")
    if not isinstance(amr, list) or not all(isinstance(v, str) for v in amr):
        evidence.finding(msg("identity.auth-no-amr"), file=where, pointer="/amr", rule="R3", actual=amr)
    else:
        unregistered = [v for v in amr if v not in RFC8176_AMR]
        if unregistered:
            evidence.finding(msg("identity.auth-amr-unregistered"), file=where, pointer="/amr", rule="R3",
                             expected=sorted(RFC8176_AMR), actual=unregistered)
        if OTP_AMR not in amr or not KEY_AMR & set(amr):
            evidence.finding(msg("identity.auth-amr-factors"), file=where, pointer="/amr", rule="R3",
                             expected=msg("identity.expect-otp-and-one-of", values=str(sorted(KEY_AMR))), actual=amr)
    first_amr = key_only.get("amr")
    if isinstance(first_amr, list) and (OTP_AMR in first_amr or "mfa" in first_amr):
        evidence.finding(msg("identity.auth-amr-overstated"), file=api.requested("POST", PROOFS), pointer="/amr",
                         rule="R4", actual=first_amr)

DEVICE = "/1.0/auth/webauthn"


def device_pending(api: HttpTarget, subject: Subject, rule: str, evidence: Evidence) -> tuple[str, str, str]:
    """A high assurance key login's pending second factor and the device challenge for it:
    (mfa_token, relying party ID, challenge). The login is judged here, under R6 (``mfa_required`` true with an
    ``mfa_token`` and no token, on the key alone: :func:`demanded_second_factor`): a platform may declare
    ``device-factor`` without ``mfa``, where ID-MFA-001, which judges the same answer, does not apply (fifty-sixth
    reading, b3); the challenge is ID-AUTH-001's set-up. The assertion options are the input of the assertion
    ``rule`` judges: none is a finding under it."""
    mfa_token = demanded_second_factor(api, subject, evidence, "R6")
    options = api.post(f"{DEVICE}/assertion-options", json=device_assertion_options_request(mfa_token))
    body = own_json(options, rule) if options.status == 200 else None
    if not isinstance(body, dict) or not isinstance(body.get("challenge"), str) \
            or not isinstance(body.get("rpId"), str):
        raise NonConformance(msg("identity.device-no-options"), file=options.requested, rule=rule,
                             expected=msg("identity.expect-200-challenge-rpid"), actual=options.status)
    return mfa_token, body["rpId"], body["challenge"]


@pytest.mark.requirement("ID-MFA-003")
def test_a_device_the_person_holds_is_the_second_factor(targets: Targets, schemas: SchemaRegistry,
                                                        evidence: Evidence):
    api = targets.http("api")
    subject = Subject("P-256")
    with precondition(msg("identity.pre-key-login", path=PROOFS),
                      msg("shared.pre-fix-see", requirement="ID-AUTH-001")):
        first = token_of(api.post(PROOFS, json=subject.proof(set_up_challenge(api, subject)[0])), evidence)
        if first is None:
            raise NonConformance(msg("identity.auth-no-key-login"))
    bearer = {"Authorization": f"Bearer {first['access_token']}"}
    device = Authenticator()
    # R1: the device is registered to the identity (WebAuthn 7.1)
    options = api.post(f"{DEVICE}/registration-options", json=device_options_request(), headers=bearer, auth=None)
    created = own_json(options, "R1") if options.status == 200 else None
    if not isinstance(created, dict) or not isinstance(created.get("challenge"), str) \
            or not isinstance((created.get("rp") or {}).get("id"), str):
        raise NonConformance(msg("identity.device-no-options"), file=options.requested, rule="R1",
                             expected=msg("identity.expect-200-challenge-rpid"), actual=options.status)
    registered = api.post(f"{DEVICE}/registrations", json=device.registration(created), headers=bearer, auth=None)
    if registered.status != 201:  # annex D's contract gives 201 alone
        raise NonConformance(msg("identity.device-not-registered"), file=registered.requested, rule="R1",
                             expected=201, actual=registered.status)
    # R2: an assertion by the device gives the high assurance token naming the device key (RFC 8176 hwk)
    mfa_token, rp_id, challenge = device_pending(api, subject, "R2", evidence)
    assertion = device.assertion(rp_id, challenge)
    answer = api.post(f"{DEVICE}/assertions", json=device_assertion_request(mfa_token, assertion))
    data = own_json(answer, "R2") if answer.status == 200 else None
    if not isinstance(data, dict) or "access_token" not in data:
        evidence.finding(msg("identity.device-assertion-refused"), file=answer.requested, rule="R2",
                         expected=msg("identity.expect-200-with-access-token"), actual=answer.status)
    else:
        amr = data.get("amr") if isinstance(data.get("amr"), list) else []
        if data.get("acr") != "high" or DEVICE_AMR not in amr or not LOGIN_AMR & set(amr):
            evidence.finding(msg("identity.device-token-factors"), file=answer.requested, rule="R2",
                             expected=msg("identity.expect-high-hwk"),
                             actual={"acr": data.get("acr"), "amr": data.get("amr")})
    # R3-R5: assertions the platform must refuse (WebAuthn 7.2)
    wrong = {
        "R3": (msg("identity.refuse-device-other-key"),
               lambda rp, c: device.assertion(rp, c, key=Authenticator().key)),
        "R4": (msg("identity.refuse-device-other-challenge"),
               lambda rp, c: device.assertion(rp, didlib.b64url(secrets.token_bytes(32)))),
        "R5": (msg("identity.refuse-device-not-present"),
               lambda rp, c: device.assertion(rp, c, flags=UV_ONLY)),
    }
    for rule, (why, make) in wrong.items():
        mfa_token, rp_id, challenge = device_pending(api, subject, rule, evidence)
        response = api.post(f"{DEVICE}/assertions", json=device_assertion_request(mfa_token, make(rp_id, challenge)),
                            provoked=True)
        refused_without_token(response, schemas, evidence, why, rule)
