"""Verifying W3C Data Integrity proofs offline: ``eddsa-rdfc-2022``, ``eddsa-jcs-2022``,
``ecdsa-rdfc-2019`` and ``ecdsa-jcs-2019`` (P-256 with SHA-256, P-384 with SHA-384),
``ecdsa-sd-2023`` base and derived proofs (selective disclosure, in ``ecdsasd``),
``bip340-jcs-2025`` and ``bip340-rdfc-2025`` (Schnorr over secp256k1, in ``bip340``), and
the Linked Data proof types deployed credentials still carry: ``Ed25519Signature2020`` and
``EcdsaSecp256r1Signature2019``, and the detached-JWS ones ``Ed25519Signature2018``,
``JsonWebSignature2020``, ``EcdsaSecp256k1Signature2019`` and ``EcdsaSecp256r1Signature2019``
in its JWS form (``ldjws``), and the BBS+ proofs of agent frameworks,
``BbsBlsSignature2020`` and its derived ``BbsBlsSignatureProof2020`` (``bbs2020``: statements
here, the pairing check in Node.js). ``bbs-2023`` is named as not checkable (no maintained
implementation of the IRTF BBS draft it signs with is on PyPI). The suites of the W3C
Recommendations are ID-VC-003's; the proof types and cryptosuites only drafts define
(:func:`drafted`) are ID-VC-008's.

Each cryptosuite hashes two things and verifies one signature over their concatenation:
the proof configuration (the proof without ``proofValue``, carrying the document's
``@context``) and the document without ``proof``, each canonicalised (RDFC-1.0 over the
JSON-LD, with the bundled contexts, or RFC 8785 JCS). The key comes from the verification
method: a did:key is decoded locally; any other DID is resolved only among the DID
documents handed in (e.g. another input of the run). Nothing is fetched; when the key or a
context is not available offline the answer says so instead of guessing.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable
from typing import TYPE_CHECKING, Protocol, TypeVar

from cryptography.hazmat.primitives.asymmetric import ec, ed25519

from conformance import Message, msg, reason

from ...codecs.jcs import canonicalize
from ...codecs.keys import base58_decode, base58_encode
from .._shared import jsonld
from . import bip340, contextcheck, ldjws
from .jwa import PublicKey as PublicKey
from .jwa import signature_ok
from .ldjws import JWS_LEGACY
from .methodkeys import BLS_G2_JWKS as BLS_G2_JWKS
from .methodkeys import BLS_G2_TYPES as BLS_G2_TYPES
from .methodkeys import CURVES as CURVES
from .methodkeys import DEREFERENCEABLE as DEREFERENCEABLE
from .methodkeys import JWK_CURVES as JWK_CURVES
from .methodkeys import RAW_KEY_TYPES as RAW_KEY_TYPES
from .methodkeys import SCHEME as SCHEME
from .methodkeys import key_from_did_jwk as key_from_did_jwk
from .methodkeys import key_from_jwk as key_from_jwk
from .methodkeys import key_from_method as key_from_method
from .methodkeys import key_from_multikey as key_from_multikey
from .methodkeys import offline_resolver as offline_resolver
from .unchecked import Unavailable, UnsupportedKey

if TYPE_CHECKING:
    from conformance.area import JsonArray, JsonObject, JsonValue

_T = TypeVar("_T")

SUITES = ("eddsa-rdfc-2022", "eddsa-jcs-2022", "ecdsa-rdfc-2019", "ecdsa-jcs-2019", "ecdsa-sd-2023")
#: Linked Data proof types issued before Data Integrity named cryptosuites, by the suite that
#: hashes and signs exactly as they do. Ed25519Signature2020 (W3C CCG, still what most
#: deployed education and workforce credentials carry): the proof options with the
#: document's @context and the document, each RDFC-1.0 canonicalised and SHA-256 hashed,
#: signed with Ed25519, proofValue in base58btc multibase: eddsa-rdfc-2022's procedure.
#: EcdsaSecp256r1Signature2019 (W3C CCG "ECDSA Cryptosuite v2019", what ACA-Py and MOSIP issue
#: with): the same with ECDSA P-256 and SHA-256, ``proofValue`` the raw r||s in base58btc:
#: ecdsa-rdfc-2019's procedure for a P-256 key (a P-384 key is not the suite's).
LEGACY = {"Ed25519Signature2020": "eddsa-rdfc-2022", "EcdsaSecp256r1Signature2019": "ecdsa-rdfc-2019"}
#: Cryptosuite names of the Data Integrity drafts deployed issuers signed with, by the
#: suite each became: ``eddsa-2022`` (vc-di-eddsa drafts before 2023's RDFC/JCS split, which
#: Open Badges 3.0 issuers used) hashes and signs as ``eddsa-rdfc-2022``.
DRAFT_SUITES = {"eddsa-2022": "eddsa-rdfc-2022"}
#: Suites this harness names but cannot check: bbs-2023 signs with the IRTF BBS draft, which no
#: maintained library on PyPI implements (the 2020 proof types are BBS+, verified by ``bbs2020``).
BBS = ("bbs-2023",)
BBS_2020 = ("BbsBlsSignature2020", "BbsBlsSignatureProof2020")
VERIFIED, FAILED, NOT_VERIFIED = "verified", "does not verify", "not verified"
#: The proof types and cryptosuites only drafts and W3C Credentials Community Group reports define,
#: none a published standard (the draft's bibliography lists them, not its clause 2): ID-VC-008, a
#: candidate, judges their proofs; ID-VC-003 judges every other proof (issue 76, fifty-eighth reading, a4).
DRAFTED_TYPES = (*LEGACY, *JWS_LEGACY, *BBS_2020)
DRAFTED_SUITES = (*bip340.SUITES, *DRAFT_SUITES)
#: ID-VC-003's rules by the rule :func:`verify_ruled` names (ID-VC-008's numbering, which ID-VC-003's
#: was before 5.0): its R2 is the DID that does not resolve, its R3 the proof's members.
PUBLISHED_RULES = {"R1": "R1", "R3": "R2", "R4": "R3"}


def drafted(proof: JsonValue) -> bool:
    """Whether a proof is of a type or cryptosuite only a draft defines (:data:`DRAFTED_TYPES`,
    :data:`DRAFTED_SUITES`)."""
    if not isinstance(proof, dict):
        return False
    kind = proof.get("type")
    if kind == "DataIntegrityProof":
        return proof.get("cryptosuite") in DRAFTED_SUITES
    return kind in DRAFTED_TYPES


def published(proof: JsonValue) -> bool:
    """Whether ID-VC-003 judges a proof: any proof not :func:`drafted`."""
    return not drafted(proof)


def proofs_of(document: object) -> JsonArray:
    """The proofs a document carries (a proof set as its list)."""
    found = document.get("proof") if isinstance(document, dict) else None
    return [] if found is None else found if isinstance(found, list) else [found]


class Hash(Protocol):
    """A running hash, as hashlib's are (what RDFC-1.0's labelling and a proof's hashes use)."""

    def update(self, data: bytes, /) -> None: ...

    def digest(self) -> bytes: ...

    def hexdigest(self) -> str: ...


#: A hash function as hashlib names them (``hashlib.sha256``): optional initial bytes, a Hash.
HashFunction = Callable[..., Hash]


def _canonical(value: JsonObject, suite: str, digest: HashFunction = hashlib.sha256) -> bytes:
    """The canonical form a suite hashes: RFC 8785 JCS, or RDFC-1.0 N-Quads. RDFC-1.0 labels
    blank nodes by hashing, with the hash function a parameter (RDFC-1.0 4.4: SHA-256 unless
    the caller says otherwise); ecdsa-rdfc-2019 uses the one it hashes with, so SHA-384 for a
    P-384 key (a document with several blank nodes is labelled, and so signed, differently:
    the W3C vc-di-ecdsa P-384 "employ" vector's canonical document and hashes)."""
    if "-jcs-" in suite:
        return canonicalize(value)
    from .._shared.jsonld_processor import Processor  # pyld's, reusing its scoped contexts' processing

    options = {"algorithm": "URDNA2015", "format": "application/n-quads", "documentLoader": jsonld._loader}
    if digest is hashlib.sha256:
        text = rdf_processed(lambda: Processor().normalize(value, options))
    else:
        from pyld.canon import URDNA2015

        class Rdfc(URDNA2015):  # pyld is untyped: its classes are Any to mypy
            def create_hash(self) -> Hash:
                return digest()

        dataset = rdf_processed(lambda: Processor().to_rdf(value, {"documentLoader": jsonld._loader,
                                                            "produceGeneralizedRdf": False}))
        text = rdf_processed(lambda: Rdfc().main(dataset, {"format": "application/n-quads"}))
    return str(text).encode("utf-8")


def rdf_processed(run: Callable[[], _T]) -> _T:
    """What a pyld call returns; its failures (an unknown context, a processing error) as
    Unavailable naming the cause."""
    from pyld import jsonld as pyld

    try:
        return run()
    except pyld.JsonLdError as exc:
        inner = jsonld._cause(exc)
        if isinstance(inner, jsonld.UnknownContext):
            raise Unavailable(msg("identity.vc-context-never-published" if inner.never_published
                                  else "identity.proof-context-unknown", url=inner.url)) from None
        raise Unavailable(msg("identity.proof-rdfc-failed", error=str(exc))) from None
    except (RecursionError, KeyError, TypeError, ValueError, AttributeError, IndexError) as exc:
        raise Unavailable(msg("identity.proof-processor-failed", error=type(exc).__name__)) from None


def suite_of(proof: JsonObject) -> JsonValue:
    """The cryptosuite a proof is verified with (a legacy proof type's equivalent)."""
    kind = proof.get("type")
    if kind == "DataIntegrityProof":
        suite = proof.get("cryptosuite")
        return DRAFT_SUITES.get(suite, suite) if isinstance(suite, str) else suite
    return LEGACY.get(str(kind))


def hash_data(document: JsonObject, proof: JsonObject, digest: HashFunction,
              previous: JsonValue = None) -> bytes:
    """The two hashes a proof signs: the canonical proof options, then the canonical document
    without its proofs, or with ``proof`` set to the proofs ``previous`` holds when the proof
    is part of a chain (VC Data Integrity 4.5)."""
    found = suite_of(proof)  # none for a JWS proof type: RDFC, as Ed25519Signature2020
    suite = found if isinstance(found, str) and found else str(proof.get("type"))
    unsecured = {k: v for k, v in document.items() if k != "proof"}
    if previous is not None:
        unsecured["proof"] = previous
    labels = digest if suite == "ecdsa-rdfc-2019" else hashlib.sha256  # RDFC-1.0's hash: see _canonical
    return digest(_canonical(proof_config(document, proof), suite, labels)).digest() \
        + digest(_canonical(unsecured, suite, labels)).digest()


def proof_config(document: JsonObject, proof: JsonObject) -> JsonObject:
    """The proof configuration a proof signs: the proof without its signature, with the
    document's @context."""
    legacy = proof.get("type") in JWS_LEGACY
    # Data Integrity drops proofValue; the JWS proof types drop jws (and the older signatureValue).
    config = {k: v for k, v in proof.items() if k not in (("proofValue", "jws", "signatureValue") if legacy
                                                          else ("proofValue",))}
    if "@context" in document and "@context" in proof and proof.get("type") != "DataIntegrityProof":
        # A Linked Data proof (the JWS types, Ed25519Signature2020 as DIDKit writes it) with a
        # @context of its own is a node inside the document: the document's context is active,
        # and the proof's adds to it (JSON-LD 1.1 4.1). A DataIntegrityProof's configuration
        # takes the document's context (VC Data Integrity 1.0 4.2, its cryptosuites' proof
        # configuration algorithms).
        config["@context"] = _as_list(document["@context"]) + _as_list(proof["@context"])
    elif "@context" in document:  # as it is: JCS hashes a string context as a string
        config["@context"] = document["@context"]
    return config


def _as_list(value: JsonValue) -> JsonArray:
    return value if isinstance(value, list) else [value]


#: ID-VC-008's rule a proof that fails for these reasons breaks (ID-VC-003's by :data:`PUBLISHED_RULES`): R3 a
#: DID that does not resolve, R4 the proof's members, its verificationMethod or what an inline @context makes
#: of them (issue 76, the 37th reading's a4)
FAILURE_RULES = {"identity.proof-did-unresolved": "R3", "identity.proof-member-missing": "R4",
                 "identity.proof-method-not-url": "R4", "identity.proof-method-scheme": "R4",
                 "identity.proof-no-method": "R4", "identity.proof-context-inconsistent": "R4",
                 "identity.proof-context-no-proof": "R4"}


def type_rule(proof: JsonValue) -> str:
    """ID-VC-008's rule for a proof of this type that does not verify: R2 a detached-JWS form, R5
    BbsBlsSignature2020, R6 BbsBlsSignatureProof2020, R1 a Data Integrity proof (ID-VC-003's R1 too)."""
    kind = proof.get("type") if isinstance(proof, dict) else None
    if kind in JWS_LEGACY and (kind not in LEGACY or not isinstance(proof, dict) or "proofValue" not in proof):
        return "R2"
    return {"BbsBlsSignature2020": "R5", "BbsBlsSignatureProof2020": "R6"}.get(str(kind), "R1")


def verify(document: object, key_of: Callable[[str], PublicKey]) -> tuple[str, Message]:
    """(VERIFIED | FAILED | NOT_VERIFIED, why): :func:`verify_ruled` without the rule."""
    outcome, why, _ = verify_ruled(document, key_of)
    return outcome, why


def verify_ruled(document: object, key_of: Callable[[str], PublicKey],
                 judged: Callable[[JsonValue], bool] | None = None) -> tuple[str, Message, str | None]:
    """(VERIFIED | FAILED | NOT_VERIFIED, why, the rule the first failing proof breaks, in
    ID-VC-008's numbering, or None) for the document's proof(s), only those ``judged`` takes
    when given (a proof chain's earlier proofs are still signed over). A proof set (VC
    Data Integrity 2.1): every proof is judged on its own, so a failing proof is reported even
    after one that cannot be checked offline, and the answer lists which proofs verified, which
    did not and which could not be checked; a proof's ``previousProof`` must name proofs of the
    set, and the proof signs the document carrying them (a proof chain, 4.5)."""
    if not isinstance(document, dict) or document.get("proof") is None:
        return NOT_VERIFIED, msg("identity.proof-none"), None
    proofs = document["proof"]
    every: JsonArray = proofs if isinstance(proofs, list) else [proofs]
    failed: list[tuple[int, Message]] = []
    rules: list[str] = []  # of each failed proof
    unchecked: list[tuple[int, Message]] = []
    verified: list[int] = []
    for i, proof in enumerate(every):
        if judged is not None and not judged(proof):
            continue
        try:
            if _one(document, proof, key_of, _previous(proof, every)):
                verified.append(i)
            else:
                kind = proof.get("type") if isinstance(proof, dict) else None
                suite = suite_of(proof) if kind == "DataIntegrityProof" and isinstance(proof, dict) else kind
                failed.append((i, msg("identity.proof-signature", index=i, suite=str(suite))))
                rules.append(type_rule(proof))
        except Unavailable as exc:
            unchecked.append((i, msg("identity.proof-at", index=i, reason=reason(exc))))
        except ValueError as exc:
            failed.append((i, msg("identity.proof-at", index=i, reason=reason(exc))))
            rules.append(FAILURE_RULES.get(getattr(exc.args[0] if exc.args else None, "key", ""), type_rule(proof)))
    outcome, why = ((FAILED, failed[0][1]) if failed else (NOT_VERIFIED, unchecked[0][1]) if unchecked
                    else (VERIFIED, msg("identity.proof-verified")))
    if sum(1 for proof in every if judged is None or judged(proof)) > 1:
        def listed(indexes: list[int]) -> str:
            return "[" + ", ".join(str(i) for i in indexes) + "]"
        why = msg("identity.proof-set", first=why, verified=listed(verified),
                  failed=listed([i for i, _ in failed]), unchecked=listed([i for i, _ in unchecked]))
    return outcome, why, rules[0] if rules else None


def embedded_credentials(document: object) -> list[tuple[str, JsonObject]]:
    """(pointer, credential) of each credential a presentation embeds as an object with a
    proof of its own: VC Data Model 2.0 5.13 (and 1.1 7.1) has a verifier verify the
    presentation's proof and each credential's, which secures the credential on its own."""
    entries = document.get("verifiableCredential") if isinstance(document, dict) else None
    listed = entries if isinstance(entries, list) else [] if entries is None else [entries]
    many = isinstance(entries, list)
    return [(f"/verifiableCredential/{i}" if many else "/verifiableCredential", entry)
            for i, entry in enumerate(listed) if isinstance(entry, dict) and "proof" in entry]


def verify_presentation(document: object, key_of: Callable[[str], PublicKey]) -> tuple[str, Message | str]:
    """The presentation's own proof (:func:`verify`; none when it has none but embeds secured
    credentials) and each embedded credential's (:func:`embedded_credentials`): a proof that
    does not verify decides, then one that cannot be checked here, else all verified."""
    carried = embedded_credentials(document)
    own = [("", verify(document, key_of))] if not carried or (isinstance(document, dict) and "proof" in document) \
        else []
    results = own + [(pointer, verify(credential, key_of)) for pointer, credential in carried]
    for wanted in (FAILED, NOT_VERIFIED):
        for pointer, (outcome, why) in results:
            if outcome == wanted:
                return outcome, f"{pointer}: {why}" if pointer else why
    return results[0][1]


def _previous(proof: JsonValue, every: JsonArray) -> JsonArray | None:
    """The list of proofs a chained proof's ``previousProof`` names (VC Data Integrity 4.5:
    the document it signs carries them as its ``proof``), None for a proof outside a chain,
    ValueError when it names an id no proof of the set has."""
    named = proof.get("previousProof") if isinstance(proof, dict) else None
    if named is None:
        return None
    ids = named if isinstance(named, list) else [named]
    by_id: JsonObject = {key: p for p in every if isinstance(p, dict) and isinstance(key := p.get("id"), str)}
    missing = [n for n in ids if not isinstance(n, str) or n not in by_id]
    if missing:
        raise ValueError(msg("identity.proof-previous-missing", id=str(missing[0])[:200]))
    return [by_id[n] for n in ids if isinstance(n, str)]


#: The members VC Data Integrity 1.0 4.4 Verify Proof (step 4) requires of every proof.
REQUIRED_MEMBERS = ("type", "verificationMethod", "proofPurpose")


def _one(document: JsonObject, proof: JsonValue, key_of: Callable[[str], PublicKey],
         previous: JsonValue = None) -> bool:
    if not isinstance(proof, dict):
        raise Unavailable(msg("identity.proof-type-unsupported", type=repr(proof)))
    missing = [m for m in REQUIRED_MEMBERS if m not in proof]
    if missing:
        raise ValueError(msg("identity.proof-member-missing", members=", ".join(missing)))
    method = proof["verificationMethod"]
    if not isinstance(method, str) or not re.match(r"[A-Za-z][A-Za-z0-9+.-]*:", method):
        # VC Data Integrity 1.0 2.1: a verificationMethod "MUST be a string that maps to a URL"
        raise ValueError(msg("identity.proof-method-not-url", method=repr(method)[:200]))
    problem = contextcheck.proof_problem(document, proof, rdf_processed)
    if problem is not None:
        raise ValueError(problem)
    kind = proof.get("type")
    if kind in JWS_LEGACY and (kind not in LEGACY or "proofValue" not in proof):  # a JWS form
        return ldjws.verify(document, proof, key_of, lambda: hash_data(document, proof, hashlib.sha256, previous))
    if kind in BBS_2020:
        from . import bbs2020

        return bbs2020.verify(document, proof, key_of, lambda node: _canonical(node, str(kind)))
    if kind == "DataIntegrityProof" and proof.get("cryptosuite") in BBS:
        raise Unavailable(msg("identity.proof-bbs", suite=str(proof.get("cryptosuite") or kind)))
    if kind != "DataIntegrityProof" and kind not in LEGACY:
        raise Unavailable(msg("identity.proof-type-unsupported", type=str(kind)))
    suite, value, method = suite_of(proof), proof.get("proofValue"), proof.get("verificationMethod")
    if suite == "ecdsa-sd-2023":
        return _selective(document, proof, key_of, previous)
    if suite in bip340.SUITES and isinstance(method, str):
        return bip340.verify(value, _suite_key(key_of, method),
                             lambda: hash_data(document, proof, hashlib.sha256, previous))
    if not isinstance(suite, str) or suite not in SUITES:
        raise Unavailable(msg("identity.proof-suite-unsupported", suite=repr(suite),
                              suites=", ".join(SUITES + bip340.SUITES)))
    if not isinstance(value, str) or not value.startswith("z") or not isinstance(method, str):
        raise ValueError(msg("identity.proof-members"))
    if len(value) > 1024:  # a signature is at most a few hundred characters; base58 decoding is quadratic
        raise ValueError(msg("identity.proof-value-too-long", length=len(value)))
    signature = base58_decode(value[1:])
    key = _suite_key(key_of, method)
    if suite.startswith("eddsa"):
        if not isinstance(key, ed25519.Ed25519PublicKey):
            raise ValueError(msg("identity.proof-needs-ed25519", suite=suite))
        return signature_ok("EdDSA", key, signature, hash_data(document, proof, hashlib.sha256, previous))
    if not isinstance(key, ec.EllipticCurvePublicKey) or key.curve.name not in ("secp256r1", "secp384r1"):
        raise ValueError(msg("identity.proof-needs-ec", suite=suite))
    wide = key.curve.name == "secp384r1"
    if wide and kind in LEGACY:  # EcdsaSecp256r1Signature2019: P-256 only
        raise ValueError(msg("identity.proof-needs-p256", suite=str(kind)))
    data = hash_data(document, proof, hashlib.sha384 if wide else hashlib.sha256, previous)
    return signature_ok("ES384" if wide else "ES256", key, signature, data)


def _suite_key(key_of: Callable[[str], PublicKey], method: str) -> PublicKey | None:
    """The key of a Data Integrity cryptosuite's verification method; None for a key of a
    kind no cryptosuite here takes (the suite's key check then fails the proof: eddsa and
    ecdsa define the Multikey headers their keys carry)."""
    try:
        return key_of(method)
    except UnsupportedKey:
        return None


def _selective(document: JsonObject, proof: JsonObject, key_of: Callable[[str], PublicKey],
               previous: JsonValue) -> bool:
    """An ecdsa-sd-2023 base or derived proof (statements grouped by ``ecdsasd``): the issuer
    key signs the proof options' hash, the ephemeral P-256 key and the mandatory statements'
    hash (SHA-256 with P-256, SHA-384 with P-384); the ephemeral key signs each other statement."""
    from . import ecdsasd

    method = proof.get("verificationMethod")
    if not isinstance(method, str):
        raise ValueError(msg("identity.sd-members"))
    key = _suite_key(key_of, method)
    if not isinstance(key, ec.EllipticCurvePublicKey) or key.curve.name not in ("secp256r1", "secp384r1"):
        raise ValueError(msg("identity.proof-needs-ec", suite="ecdsa-sd-2023"))
    unsecured = {k: v for k, v in document.items() if k != "proof"}
    if previous is not None:
        unsecured["proof"] = previous
    base_signature, public, signatures, mandatory, others = ecdsasd.groups(
        unsecured, proof.get("proofValue"), lambda node: _canonical(node, "ecdsa-sd-2023"), rdf_processed)
    wide = key.curve.name == "secp384r1"
    digest = hashlib.sha384 if wide else hashlib.sha256
    proof_hash = digest(_canonical(proof_config(document, proof), "ecdsa-sd-2023")).digest()
    mandatory_hash = digest("".join(mandatory).encode("utf-8")).digest()
    if not signature_ok("ES384" if wide else "ES256", key, base_signature, proof_hash + public + mandatory_hash):
        return False
    try:
        ephemeral = key_from_multikey("z" + base58_encode(public))
    except Unavailable:
        raise ValueError(msg("identity.sd-ephemeral")) from None
    return all(signature_ok("ES256", ephemeral, s, q.encode("utf-8")) for s, q in zip(signatures, others, strict=True))
