"""Every JSON body the identity area's tests send a product, built here and listed in
:data:`REQUESTS` (see :mod:`conformance.areas._shared.outgoing`): the VC API issue and verify
requests, the DIF Universal Registrar's create, update, deactivate, export and import
requests (client-managed keys), and the key login's challenge, proof and one-time code.

``tests/areas/identity/test_requests.py`` judges each sample with the harness's own checks:
the platform contract's request schema, the VC Data Model checks a product's credential gets
(with every term defined by a context the credential names: an issuer that signs over RDF in
safe mode refuses to drop one) and the DID Core checks a DID document gets.
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING
from urllib.parse import urlencode

from cryptography.hazmat.primitives.asymmetric import ec, ed25519

from .._shared.outgoing import CONTRACT_ONLY, CREDENTIAL, CREDENTIAL_DRAFT, DID_DRAFT, RequestBody
from . import did as didlib
from .webauthn import Authenticator

if TYPE_CHECKING:
    from conformance.area import JsonArray, JsonObject, JsonValue

V2 = "https://www.w3.org/ns/credentials/v2"
#: The W3C's examples context: what the W3C's own VC test suites name for their test claims, known
#: to every VC 2.0 issuer; its ``@vocab`` defines the subject's terms below.
EXAMPLES_V2 = "https://www.w3.org/ns/credentials/examples/v2"
#: the subject's claims of every credential the harness asks a platform to issue
SUBJECT_CLAIMS = {"identityCategory": "DigitalHuman", "displayName": "Conformance Avatar"}


def credential_draft(holder: str, issuer: JsonValue = None, claims: JsonObject | None = None) -> JsonObject:
    """The unsigned credential of an issue request (VC Data Model 2.0). Without ``issuer``
    the issuing service sets its own (VC API: the issuer instance's); a product that must be
    told takes the profile's ``issuer`` parameter."""
    credential: JsonObject = {
        "@context": [V2, EXAMPLES_V2],
        "type": ["VerifiableCredential"],
        "credentialSubject": {"id": holder, **(SUBJECT_CLAIMS if claims is None else claims)},
    }
    if issuer:
        credential["issuer"] = issuer
    return credential


def issue_request(credential: JsonObject, options: JsonObject | None = None) -> JsonObject:
    """VC API ``POST /credentials/issue``: the credential and the proof options (none: the
    platform chooses)."""
    return {"credential": credential, "options": dict(options or {})}


def issue_requests(holder: str, issuer: JsonValue, proof_type: str | None, cryptosuite: str | None,
                   verification_method: str | None) -> list[JsonObject]:
    """The issue requests a case sends: one per issuer the profile names (or one naming none),
    each with the proof options it names (VC API ``options``)."""
    issuers = issuer if isinstance(issuer, list) else [issuer]
    options: JsonObject = {key: value for key, value in (("proofType", proof_type), ("cryptosuite", cryptosuite),
                                             ("verificationMethod", verification_method)) if value}
    return [issue_request(credential_draft(holder, one), options) for one in issuers]


#: the revocation entry an issue request asks for in its ``options.credentialStatus`` (ID-VCAPI-003)
STATUS_ASKED: JsonObject = {"type": "BitstringStatusListEntry", "statusPurpose": "revocation"}


def revocable_request(request: JsonObject, credential_id: str) -> JsonObject:
    """An issue request of :func:`issue_requests` for a credential identified by ``credential_id`` (its ``id``) whose
    options ask for a revocation entry (Bitstring Status List): what ID-VCAPI-003 issues, then revokes."""
    options = request.get("options")
    credential = request.get("credential")
    return {**request, "credential": {**(credential if isinstance(credential, dict) else {}), "id": credential_id},
            "options": {**(options if isinstance(options, dict) else {}), "credentialStatus": dict(STATUS_ASKED)}}


#: What an issuer must refuse (ID-VCAPI-001 R3, R4): (rule, member, the value sent). A subject
#: that holds no claim (VC Data Model 2.0 4.8: each subject object carries claims; a credential is a
#: set of claims, 3.2); an issuer that is neither a URL string nor an object with an id (4.7). The
#: values are the W3C CCG VC API issuer suite's (10-issuer.js) and the data model suite's
#: (credential-subject-no-claims-fail.json, credential-subject-multiple-empty-fail.json) inputs.
#: A subject with only an id is not among them: the W3C VC 2.0 suite's credential-ok.json has one.
REFUSED_MEMBERS: tuple[tuple[str, str, JsonValue], ...] = (
    ("R3", "credentialSubject", []),
    ("R3", "credentialSubject", {}),
    ("R3", "credentialSubject", [{}]),
    ("R3", "credentialSubject", "did:example:1234"),
    ("R3", "credentialSubject", 4),
    ("R4", "issuer", None),
    ("R4", "issuer", True),
    ("R4", "issuer", 4),
    ("R4", "issuer", []),
)


def refused_drafts(holder: str, issuer: JsonValue, unheld_issuer: str) -> list[tuple[str, str, JsonValue, JsonObject]]:
    """The unsigned credentials an issuer must refuse, each as (rule, member, value, credential):
    the draft of :func:`credential_draft` (naming ``issuer`` when the profile names one) with one
    member wrong (:data:`REFUSED_MEMBERS`), then (R5) the draft naming ``unheld_issuer``, a DID
    whose private key only the harness holds, so that no product can issue as it."""
    drafts: list[tuple[str, str, JsonValue, JsonObject]] = []
    for rule, member, value in REFUSED_MEMBERS:
        credential = credential_draft(holder, issuer)
        credential[member] = copy.deepcopy(value)
        drafts.append((rule, member, value, credential))
    drafts.append(("R5", "issuer", unheld_issuer, credential_draft(holder, unheld_issuer)))
    return drafts


@dataclass(frozen=True)
class Probe:
    """One MUST of VC Data Model 2.0 sections 4-5 that a credential breaks: the issuer must not
    sign it as sent (ID-VCAPI-001 ``issuer_rule``), the verifier must not verify it once signed
    (ID-VCAPI-002 ``verifier_rule``). ``finding`` is the one (rule, pointer) the harness's own VC
    checks (:mod:`.vcmodel`) report on the broken credential: what tells this probe's violation
    from the others, for the reference's planted defects too. ``key`` names the probe in findings
    and defects."""

    key: str
    section: str
    issuer_rule: str
    verifier_rule: str
    findings: tuple[tuple[str, str], ...]
    breaks: Callable[[JsonObject], None]


_DIGEST = "sha384-S57yQDg1MTzF56Oi9DbSQ14u7jBy0RDdx0YbeV7shwhCS88G8SCXeFq82PafhCrW"
#: what JSON-LD expansion says of a value object with a member other than @value, @language, @direction
_INVALID_VALUE = ("jsonld-invalid-value-object", "/@context")
_SCHEMA = "https://example.org/schemas/avatar.json"


def _set(**members: JsonValue) -> Callable[[JsonObject], None]:
    def breaks(credential: JsonObject) -> None:
        credential.update(copy.deepcopy(members))
    return breaks


def _subject(**members: JsonValue) -> Callable[[JsonObject], None]:
    def breaks(credential: JsonObject) -> None:
        subject = credential["credentialSubject"]
        if isinstance(subject, dict):  # the draft's subject is an object; a probe's change keeps it one
            subject.update(members)
    return breaks


def _context(context: JsonArray) -> Callable[[JsonObject], None]:
    return _set(**{"@context": context})


#: The probes, one per MUST a credential can break (issue 79). Each is the valid draft with one
#: change; every term it uses is the W3C examples context's (``@vocab``) or the VC 2.0 context's.
PROBES: tuple[Probe, ...] = (
    Probe("context-first", "4.3", "R6", "R3", (("context-base-first", "/@context/0"),), _context([EXAMPLES_V2, V2])),
    Probe("context-item", "4.3", "R7", "R4", (("context-items", "/@context/2"),), _context([V2, EXAMPLES_V2, 42])),
    Probe("id-not-url", "4.4", "R8", "R5", (("id-url", "/id"),), _set(id="credential 1")),
    Probe("id-many", "4.4", "R9", "R6", (("id-url", "/id"), ("jsonld-invalid-@id-value", "/@context")),
          _set(id=["urn:uuid:1", "urn:uuid:2"])),
    Probe("type-no-vc", "4.5", "R10", "R7", (("type-includes", "/type"),), _set(type=["ExampleAvatarCredential"])),
    # a later context that clears the vocabulary: the type term then maps to no URL
    Probe("type-not-url", "4.5", "R11", "R8", (("type-expands-to-iri", "/type/1"),),
          lambda c: c.update({"@context": [V2, EXAMPLES_V2, {"@vocab": None}],
                              "type": ["VerifiableCredential", "ExampleAvatarCredential"]})),
    Probe("name-extra-member", "4.6", "R12", "R9", (("language-value-keys", "/name/extra"), _INVALID_VALUE),
          _set(name={"@value": "Avatar", "@language": "en", "extra": "x"})),
    Probe("name-no-value", "4.6", "R13", "R10", (("language-value", "/name"),), _set(name={"@language": "en"})),
    Probe("description-extra-member", "4.6", "R14", "R11",
          (("language-value-keys", "/description/extra"), _INVALID_VALUE),
          _set(description={"@value": "An avatar", "@direction": "ltr", "extra": "x"})),
    Probe("subject-id-not-url", "4.8", "R15", "R12", (("id-url", "/credentialSubject/id"),),
          _subject(id="the holder")),
    Probe("valid-from-no-zone", "4.9", "R16", "R13", (("datetime", "/validFrom"),),
          _set(validFrom="2026-01-01T00:00:00")),
    Probe("valid-until-date-only", "4.9", "R17", "R14", (("datetime", "/validUntil"),), _set(validUntil="2036-01-01")),
    Probe("validity-order", "4.9", "R18", "R15", (("validity-order", "/validUntil"),),
          _set(validFrom="2026-01-02T00:00:00Z", validUntil="2026-01-01T00:00:00Z")),
    Probe("status-not-object", "4.10", "R19", "R16", (("typed-object", "/credentialStatus"),),
          _set(credentialStatus="https://example.org/status/1")),
    Probe("status-no-type", "4.10", "R20", "R17", (("type-present", "/credentialStatus/type"),),
          _set(credentialStatus={"id": "https://example.org/status/1"})),
    Probe("status-id-not-url", "4.10", "R21", "R18", (("id-url", "/credentialStatus/id"),),
          _set(credentialStatus={"id": "status 1", "type": "ExampleStatus"})),
    Probe("schema-no-type", "4.11", "R22", "R19", (("type-present", "/credentialSchema/type"),),
          _set(credentialSchema={"id": _SCHEMA})),
    Probe("schema-no-id", "4.11", "R23", "R20", (("credentialSchema-id", "/credentialSchema/id"),),
          _set(credentialSchema={"type": "JsonSchema"})),
    Probe("schema-id-not-url", "4.11", "R24", "R21", (("id-url", "/credentialSchema/id"),),
          _set(credentialSchema={"id": "avatar schema", "type": "JsonSchema"})),
    Probe("related-not-object", "5.3", "R25", "R22", (("related-object", "/relatedResource/0"),),
          _set(relatedResource=[_SCHEMA])),
    Probe("related-no-id", "5.3", "R26", "R23", (("related-id", "/relatedResource/0/id"),),
          _set(relatedResource=[{"digestSRI": _DIGEST}])),
    Probe("related-id-repeated", "5.3", "R27", "R24", (("related-id-unique", "/relatedResource/1/id"),),
          _set(relatedResource=[{"id": _SCHEMA, "digestSRI": _DIGEST}, {"id": _SCHEMA, "digestSRI": _DIGEST}])),
    Probe("related-no-digest", "5.3", "R28", "R25", (("related-digest", "/relatedResource/0"),),
          _set(relatedResource=[{"id": _SCHEMA}])),
    Probe("refresh-no-type", "5.4", "R29", "R26", (("type-present", "/refreshService/type"),),
          _set(refreshService={"id": "https://example.org/refresh/1"})),
    Probe("terms-no-type", "5.5", "R30", "R27", (("type-present", "/termsOfUse/type"),),
          _set(termsOfUse={"id": "https://example.org/terms/1"})),
    Probe("evidence-no-type", "5.6", "R31", "R28", (("type-present", "/evidence/type"),),
          _set(evidence={"id": "https://example.org/evidence/1"})),
)


def probe_drafts(holder: str, issuer: JsonValue) -> list[tuple[Probe, JsonObject]]:
    """Each probe's credential: the draft of :func:`credential_draft` (naming ``issuer`` when
    given) with the one change that breaks its MUST."""
    drafts = []
    for probe in PROBES:
        credential = credential_draft(holder, issuer)
        probe.breaks(credential)
        drafts.append((probe, credential))
    return drafts


def verify_request(credential: JsonObject) -> JsonObject:
    """VC API ``POST /credentials/verify``: a credential the platform issued (or a copy the
    test altered, to be refused)."""
    return {"verifiableCredential": credential, "options": {}}


def did_draft(keys: dict[str, didlib.PrivateKey], did: str = "") -> JsonObject:
    """A DID document draft with the public halves of ``keys`` (by fragment) only: Ed25519 as
    a JWK, P-256 as Multikey. Once the registrar gave the DID (an update), the draft names it as
    the document's ``id`` and each method's ``controller``, as DID Core requires (5.1.1,
    5.2.1); before (a create) the registrar fills both in."""
    methods: JsonArray = []
    for fragment, key in keys.items():
        public = key.public_key()
        method: JsonObject = {"id": f"#{fragment}", **({"controller": did} if did else {})}
        if isinstance(public, ed25519.Ed25519PublicKey):
            jwk: JsonObject = {**didlib.public_jwk(public)}
            method.update(type="JsonWebKey2020", publicKeyJwk=jwk)
        else:
            method.update(type="Multikey", publicKeyMultibase=didlib.multikey(public))
        methods.append(method)
    refs: JsonArray = [f"#{f}" for f in keys]
    document: JsonObject = {"verificationMethod": methods, "authentication": refs, "capabilityInvocation": refs[:1]}
    return {"id": did, **document} if did else document


def create_request(draft: JsonObject) -> JsonObject:
    """Universal Registrar ``create`` (client-managed secret mode): the DID document draft with
    public keys only; the registrar gives the DID."""
    return {"options": {}, "secret": {}, "didDocument": draft}


def update_request(did: str, draft: JsonObject) -> JsonObject:
    """Universal Registrar ``update``: replace the DID document (sign it with :func:`signed`)."""
    return {"did": did, "options": {}, "didDocumentOperation": ["setDidDocument"], "didDocument": [draft]}


def deactivate_request(did: str) -> JsonObject:
    return {"did": did, "options": {}}


def export_request(did: str) -> JsonObject:
    return {"did": did}


def import_request(bundle: JsonValue) -> JsonObject:
    return {"export": bundle}


def signed(body: JsonObject, private_key: didlib.PrivateKey, kid: str, name: str) -> JsonObject:
    """``body`` with the client's signature of the operation ``name`` by ``kid`` (the key
    never leaves the harness)."""
    return didlib.signed_operation(body, private_key, kid, name)


def challenge_request(did: str, acr: str | None = None, ttl_s: int | None = None) -> JsonObject:
    """Key login, step one: a challenge for ``did`` (``acr``: the assurance asked for;
    ``ttl_s``: the lifetime asked for, in seconds)."""
    return {"did": did, **({"acr": acr} if acr else {}), **({"ttl_s": ttl_s} if ttl_s is not None else {})}


def key_proof(did: str, challenge: str, kid: str, signature: str) -> JsonObject:
    """Key login, step two: the challenge signed by a key of the DID's document."""
    return {"did": did, "challenge": challenge, "verificationMethod": kid, "signature": signature}


def otp_request(mfa_token: str, code: str) -> JsonObject:
    """The second factor: a TOTP code (RFC 6238) for the pending login."""
    return {"mfa_token": mfa_token, "code": code}


def totp_request() -> JsonObject:
    """TOTP provisioning: the bearer token says who; the body asks nothing more."""
    return {}


def introspect_request(token: str) -> bytes:
    """RFC 7662 2.1: the token to introspect, as a form (``application/x-www-form-urlencoded``)."""
    return urlencode({"token": token}).encode("ascii")


def certificate_request(csr: str) -> JsonObject:
    """A certificate for a key (ID-CERT-001): a PKCS #10 request in PEM; the bearer token says whose."""
    return {"csr": csr}


def certificate_revocation(certificate: str) -> JsonObject:
    """The holder's revocation of a certificate the platform issued it (PEM)."""
    return {"certificate": certificate}


def certificate_proof(did: str, challenge: str, proof: str) -> JsonObject:
    """A certificate login: a compact JWS over the challenge carrying the certificate in ``x5c``."""
    return {"did": did, "challenge": challenge, "proof": proof}


def device_options_request() -> JsonObject:
    """WebAuthn registration options: the bearer token says whose device; the body asks nothing more."""
    return {}


def device_assertion_options_request(mfa_token: str) -> JsonObject:
    """WebAuthn request options for the second factor of the pending login ``mfa_token``."""
    return {"mfa_token": mfa_token}


def device_assertion_request(mfa_token: str, credential: JsonObject) -> JsonObject:
    """The device's assertion (a ``PublicKeyCredential`` in JSON) for the pending login ``mfa_token``."""
    return {"mfa_token": mfa_token, "credential": credential}


def status_update_request(credential_id: str, revoked: bool = True) -> JsonObject:
    """The VC API's update status: the credential's revocation bit set (or cleared)."""
    return {"credentialId": credential_id, "credentialStatus": {"type": "BitstringStatusList",
                                                                "statusPurpose": "revocation"}, "status": revoked}


# -- samples, as the tests build them ------------------------------------------------------

_HOLDER = "did:key:z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK"
_KID = _HOLDER + "#z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK"
_ISSUER = "did:web:issuer.example"


def _issue_samples() -> list[JsonObject]:
    named = issue_requests(_HOLDER, [_ISSUER, "did:web:second.example"], "DataIntegrityProof", "eddsa-jcs-2022",
                           _ISSUER + "#key-1")
    return [*issue_requests(_HOLDER, None, None, None, None), *named,
            revocable_request(named[0], "urn:uuid:00000000-0000-4000-8000-000000000000")]


def _draft(did: str = "") -> JsonObject:
    return did_draft({"key-1": ed25519.Ed25519PrivateKey.generate(), "key-2": ec.generate_private_key(ec.SECP256R1())},
                     did)


def _signed_samples(name: str, body: JsonObject) -> list[JsonObject]:
    return [signed(body, ed25519.Ed25519PrivateKey.generate(), "did:web:holder.example#key-1", name)]


_DEVICE_OPTIONS: JsonObject = {"rp": {"id": "rp.example"}, "challenge": "c-0123456789abcdef"}


def _device() -> Authenticator:
    return Authenticator()


REQUESTS: dict[str, RequestBody] = {
    "credentials_issue": RequestBody("POST", "/credentials/issue", CREDENTIAL_DRAFT, _issue_samples,
                                     ("issue_request", "issue_requests", "revocable_request")),
    "credentials_verify": RequestBody(
        "POST", "/credentials/verify", CREDENTIAL,
        lambda: [verify_request({**credential_draft(_HOLDER, _ISSUER), "proof": {
            "type": "DataIntegrityProof", "cryptosuite": "eddsa-jcs-2022", "created": "2026-01-01T00:00:00Z",
            "proofPurpose": "assertionMethod", "verificationMethod": _ISSUER + "#key-1", "proofValue": "z3FXQ"}})],
        ("verify_request",)),
    "did_create": RequestBody("POST", "/1.0/create", DID_DRAFT, lambda: [create_request(_draft())],
                              ("create_request",)),
    "did_update": RequestBody("POST", "/1.0/update", DID_DRAFT,
                              lambda: _signed_samples("update", update_request("did:web:holder.example",
                                                                                _draft("did:web:holder.example"))),
                              ("update_request",)),
    "did_deactivate": RequestBody("POST", "/1.0/deactivate", CONTRACT_ONLY,
                                  lambda: _signed_samples("deactivate", deactivate_request("did:web:holder.example")),
                                  ("deactivate_request",)),
    "did_export": RequestBody("POST", "/1.0/export", CONTRACT_ONLY,
                              lambda: _signed_samples("export", export_request("did:web:holder.example")),
                              ("export_request",)),
    "did_import": RequestBody(
        "POST", "/1.0/import", CONTRACT_ONLY,
        lambda: _signed_samples("import", import_request({"did": "did:web:holder.example", "didDocument": {
            **_draft("did:web:holder.example")}})),
        ("import_request",)),
    "auth_challenges": RequestBody("POST", "/1.0/auth/challenges", CONTRACT_ONLY,
                                   lambda: [challenge_request(_HOLDER), challenge_request(_HOLDER, "high"),
                                            challenge_request(_HOLDER, ttl_s=1)],
                                   ("challenge_request",)),
    "auth_proofs": RequestBody("POST", "/1.0/auth/proofs", CONTRACT_ONLY,
                               lambda: [key_proof(_HOLDER, "c-0123456789abcdef", _KID, "AAAA")], ("key_proof",)),
    "auth_totp": RequestBody("POST", "/1.0/auth/totp", CONTRACT_ONLY, lambda: [totp_request()], ("totp_request",)),
    "auth_otp": RequestBody("POST", "/1.0/auth/otp", CONTRACT_ONLY, lambda: [otp_request("mfa-0123", "123456")],
                            ("otp_request",)),
    "auth_introspect": RequestBody("POST", "/1.0/auth/introspect", CONTRACT_ONLY,
                                   lambda: [introspect_request("t-0123")], ("introspect_request",)),
    "auth_device_registration_options": RequestBody("POST", "/1.0/auth/webauthn/registration-options", CONTRACT_ONLY,
                                                    lambda: [device_options_request()], ("device_options_request",)),
    "auth_device_registrations": RequestBody("POST", "/1.0/auth/webauthn/registrations", CONTRACT_ONLY,
                                             lambda: [_device().registration(_DEVICE_OPTIONS)], ("registration",)),
    "auth_device_assertion_options": RequestBody("POST", "/1.0/auth/webauthn/assertion-options", CONTRACT_ONLY,
                                                 lambda: [device_assertion_options_request("mfa-0123")],
                                                 ("device_assertion_options_request",)),
    "auth_device_assertions": RequestBody(
        "POST", "/1.0/auth/webauthn/assertions", CONTRACT_ONLY,
        lambda: [device_assertion_request("mfa-0123", _device().assertion("rp.example", "c-0123456789abcdef"))],
        ("device_assertion_request",)),
    "auth_certificates": RequestBody("POST", "/1.0/auth/certificates", CONTRACT_ONLY,
                                     lambda: [certificate_request("-----BEGIN CERTIFICATE REQUEST-----")],
                                     ("certificate_request",)),
    "auth_certificates_revoke": RequestBody("POST", "/1.0/auth/certificates/revoke", CONTRACT_ONLY,
                                            lambda: [certificate_revocation("-----BEGIN CERTIFICATE-----")],
                                            ("certificate_revocation",)),
    "auth_certificate_proofs": RequestBody("POST", "/1.0/auth/certificate-proofs", CONTRACT_ONLY,
                                           lambda: [certificate_proof(_HOLDER, "c-0123456789abcdef", "e30.e30.AAAA")],
                                           ("certificate_proof",)),
    "credentials_status": RequestBody("POST", "/credentials/status", CONTRACT_ONLY,
                                      lambda: [status_update_request("urn:uuid:00000000-0000-4000-8000-000000000000")],
                                      ("status_update_request",)),
}
