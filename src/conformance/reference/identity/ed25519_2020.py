"""The reference verifier's Ed25519Signature2020 proofs (W3C CCG, "Ed25519 Signature 2020"): the
Linked Data proof type most deployed agents of 2020-2023 sign with, and the proof of the vector
w3c-ccg/vc-api-verifier-test-suite asks a verifier to verify ("MUST verify a valid VC").

What it signs is eddsa-rdfc-2022's procedure: the proof options (the proof without
``proofValue``, under the document's ``@context``) and the document without ``proof``, each
canonicalised with RDF Dataset Canonicalization (RDFC-1.0, pyld's ``URDNA2015``) and SHA-256
hashed, the proof options' hash first; an Ed25519 signature over the 64 bytes, ``proofValue``
in base58btc multibase. A proof carrying a ``@context`` of its own has it added after the
document's.

The JSON-LD contexts are the reference's own pinned copies (``contexts/`` beside this module, the
same bytes as the harness's context store; ``contexts/sources.yaml`` lists each with its URL,
origin and sha256, checked when it is read); any other context is not fetched: the credential is
not verified, saying which.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from functools import cache
from importlib import resources
from typing import Any

import yaml
from cryptography.hazmat.primitives.asymmetric import ed25519

from ...codecs import keys

PROOF_TYPE = "Ed25519Signature2020"


class ContextUnavailable(Exception):
    """A context the reference does not hold: the document cannot be canonicalised offline."""


@cache
def _contexts() -> dict[str, Any]:
    """URL -> the bundled context document whose bytes have the pinned sha256."""
    folder = resources.files(__package__ or "").joinpath("contexts")
    listed = yaml.safe_load(folder.joinpath("sources.yaml").read_text(encoding="utf-8"))
    found = {}
    for entry in listed.get("contexts", []):
        data = folder.joinpath(entry["file"]).read_bytes()
        if hashlib.sha256(data).hexdigest() == entry["sha256"]:
            found[entry["url"]] = json.loads(data)
    return found


def _loader(url: str, options: Any = None) -> dict[str, Any]:
    document = _contexts().get(url) or _contexts().get(url.rstrip("/"))
    if document is None:
        raise ContextUnavailable(url)
    return {"contextUrl": None, "documentUrl": url, "document": document}


def _canonical_hash(value: dict[str, Any]) -> bytes:
    from pyld import jsonld

    options = {"algorithm": "URDNA2015", "format": "application/n-quads", "documentLoader": _loader}
    return hashlib.sha256(str(jsonld.normalize(value, options)).encode("utf-8")).digest()


def _cause(exc: BaseException) -> BaseException:
    """The innermost exception pyld wrapped (the loader's, when a context was missing)."""
    while (inner := getattr(exc, "cause", None) or exc.__cause__) is not None and inner is not exc:
        exc = inner
    return exc


def _as_list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else [value]


def proof_problem(credential: dict[str, Any], key_for: Callable[[str], Any]) -> str | None:
    """None when the credential's Ed25519Signature2020 proof verifies; otherwise what is wrong."""
    from pyld import jsonld

    proof = credential.get("proof")
    if not isinstance(proof, dict) or proof.get("type") != PROOF_TYPE:
        return f"not an {PROOF_TYPE} proof"
    value, method_id = proof.get("proofValue"), proof.get("verificationMethod")
    missing = [name for name in ("created", "proofPurpose") if not isinstance(proof.get(name), str)]
    if missing or not (isinstance(value, str) and value[:1] == "z" and isinstance(method_id, str)):
        return (f"an {PROOF_TYPE} proof needs created, proofPurpose, verificationMethod and a base58btc "
                "proofValue")
    try:
        key = key_for(method_id)
        signature = keys.base58_decode(value[1:])
    except ValueError as exc:
        return f"the verification method's key is not usable: {exc}"
    if not isinstance(key, ed25519.Ed25519PublicKey):
        return f"{PROOF_TYPE} needs an Ed25519 key"
    context = credential.get("@context")
    if not (isinstance(context, list) and context and all(isinstance(c, str | dict) for c in context)):
        # what the proof is computed over is named by the contexts (VC Data Model 2.0, 4.3)
        return "@context must be a non-empty array of URLs or context objects (VC Data Model 2.0 4.3)"
    options = {k: v for k, v in proof.items() if k != "proofValue"}
    if "@context" in credential:
        # A proof with a @context of its own (DIDKit writes one) is a node inside the document: the
        # document's context is active and the proof's adds to it (JSON-LD 1.1, 4.1).
        options["@context"] = _as_list(credential["@context"]) + _as_list(proof.get("@context", []))
    unsecured = {k: v for k, v in credential.items() if k != "proof"}
    try:
        signed = _canonical_hash(options) + _canonical_hash(unsecured)
    except jsonld.JsonLdError as exc:
        inner = _cause(exc)
        if isinstance(inner, ContextUnavailable):
            return f"the context {inner} is not one this verifier holds: the proof cannot be checked"
        return f"the credential is not JSON-LD the proof can be checked over: {str(exc).splitlines()[0]}"
    except (RecursionError, KeyError, TypeError, ValueError, AttributeError, IndexError) as exc:
        # pyld raises these on some malformed documents (a relative IRI with no base): a refusal, not a crash
        return f"the credential is not JSON-LD the proof can be checked over: {type(exc).__name__}: {exc}"
    return None if keys.verify(key, signature, signed) else "the signature does not verify"
