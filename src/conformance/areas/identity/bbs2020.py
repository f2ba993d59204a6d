"""BbsBlsSignature2020 and its derived form BbsBlsSignatureProof2020 (W3C CCG "BBS+ Signatures
2020", the suite ACA-Py and other agent frameworks issued with), verified offline.

The suite signs each statement separately: the proof options (the proof without
``proofValue``, with the document's ``@context``) and the document without ``proof`` are each
canonicalised (URDNA2015, the bundled contexts) and split into N-Quad lines; the proof's lines
then the document's are the messages of one BBS+ signature over BLS12-381 (the issuer's G2 key,
96 bytes). A derived proof carries the revealed statements only, with its blank nodes written
as ``urn:bnid:_:c14nN`` IRIs so that they survive canonicalisation: they are turned back into
``_:c14nN`` before verifying, and its proof options are those of the signature it was derived
from (type ``BbsBlsSignature2020``, no ``nonce``).

All of that is done here, in Python (pyld); only the pairing check runs in Node.js, through
MATTR's ``@mattrglobal/bbs-signatures`` (the library the 2020 suite was written on), fetched
pinned and integrity-checked at build time like the glTF-Validator (``hatch_build.py``,
``_shared/bbs_signatures.json``) and run by ``bbs_verify.js`` with a time budget. Without
Node.js or the package a proof is "not verified" with what to install; docs/identity.md says
why this library and not another.
"""

from __future__ import annotations

import base64
import binascii
import contextlib
import hashlib
import json
import os
import re
import subprocess
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from conformance import msg

from .._shared import khronos
from .unchecked import Unavailable, UnsupportedKey

if TYPE_CHECKING:
    from conformance.area import JsonObject, JsonValue

HERE = Path(__file__).parent
RUNNER = HERE / "bbs_verify.js"
PIN: dict[str, str] = json.loads((HERE.parent / "_shared" / "bbs_signatures.json").read_text(encoding="utf-8"))
PACKAGE = HERE.parent / "_shared" / "_vendor" / "bbs-signatures"
SIGNATURE, DERIVED = "BbsBlsSignature2020", "BbsBlsSignatureProof2020"
G2_CODEC, G2_LENGTH = 0xEB, 96  # multicodec bls12_381-g2-pub; a compressed G2 point
#: multicodec bls12_381-g1g2-pub: a G1 key (48 bytes) then a G2 key; its did:key expands to one
#: method per key (did:key 0.7 3.1.2), and a BBS+ 2020 proof is made with the G2 one
PAIR_CODEC, G1_LENGTH = 0xEE, 48
SIGNATURE_LENGTH = 112  # BBS+ signature: A (G1, 48) + e (32) + s (32)
#: How long Node.js may take over one proof (start, WebAssembly compile, pairings): far more
#: than the ~0.3 s it needs, so only a stuck process reaches it. Not a requirement.
BUDGET_S = 60
NODE_FLAGS = ("--max-old-space-size=64",)
#: The most statements and bytes handed over; a credential has tens of statements.
MAX_STATEMENTS, MAX_BYTES = 20_000, 8 * 1024 * 1024
MAX_VALUE = 1024 * 1024  # characters of proofValue (a derived proof grows ~43 per hidden statement)
PLACEHOLDER = re.compile(r"<urn:bnid:(_:c14n[0-9]+)>")

_answers: dict[str, bool] = {}  # request digest -> verified (several requirements read one proof)


def verify(document: JsonObject, proof: JsonObject, key_of: Callable[[str], object],
           canonical: Callable[[JsonObject], bytes]) -> bool:
    """Whether a BbsBlsSignature2020 or BbsBlsSignatureProof2020 proof verifies. ValueError
    when it is malformed (members, key kind or length, signature length); Unavailable when
    Node.js or the library is not there, or the statements cannot be processed offline."""
    derived = proof.get("type") == DERIVED
    value, nonce = proof.get("proofValue"), proof.get("nonce")
    if not isinstance(value, str) or len(value) > MAX_VALUE or derived and not isinstance(nonce, str):
        raise ValueError(msg("identity.bbs-members", suite=proof.get("type"),
                             members="proofValue, nonce" if derived else "proofValue"))
    signature = _base64(value, "proofValue")
    if not derived and len(signature) != SIGNATURE_LENGTH:
        raise ValueError(msg("identity.bbs-signature-length", length=len(signature), wanted=SIGNATURE_LENGTH))
    public_key = g2_key(key_of, str(proof["verificationMethod"]))
    request: JsonObject = {"publicKey": base64.b64encode(public_key).decode("ascii"),
                               "messages": [*statements(document, proof, canonical)]}
    if derived:
        request.update(proof=base64.b64encode(signature).decode("ascii"),
                       nonce=base64.b64encode(_base64(str(nonce), "nonce")).decode("ascii"))
    else:
        request["signature"] = base64.b64encode(signature).decode("ascii")
    return _verified(request)


def statements(document: JsonObject, proof: JsonObject,
               canonical: Callable[[JsonObject], bytes]) -> list[str]:
    """The messages the suite signs: the proof options' N-Quads, then the document's."""
    derived = proof.get("type") == DERIVED
    options = {k: v for k, v in proof.items() if k not in ("proofValue", "nonce")}
    if derived:
        options["type"] = SIGNATURE  # the options of the signature the proof was derived from
    if "@context" in document:
        options["@context"] = document["@context"]
    unsecured = {k: v for k, v in document.items() if k != "proof"}
    lines = [line for line in canonical(unsecured).decode("utf-8").split("\n") if line]
    if derived:
        lines = [PLACEHOLDER.sub(r"\1", line) for line in lines]
    found = [line for line in canonical(options).decode("utf-8").split("\n") if line] + lines
    if len(found) > MAX_STATEMENTS or sum(len(line) for line in found) > MAX_BYTES:
        raise Unavailable(msg("identity.bbs-too-large", statements=len(found), cap=MAX_STATEMENTS))
    return found


def g2_key(key_of: Callable[[str], object], method: str) -> bytes:
    """The BLS12-381 G2 public key of the verification method: a did:key or Multikey of
    multicodec bls12_381-g2-pub (or the G2 half of a bls12_381-g1g2-pub did:key), or a
    Bls12381G2Key2020 method's publicKeyBase58."""
    try:
        key_of(method)  # a key of a kind decoded here (Ed25519, EC, RSA): not a BLS12-381 key
    except UnsupportedKey as exc:
        raw = exc.raw[G1_LENGTH:] if exc.codec == PAIR_CODEC else exc.raw
        if exc.codec not in (G2_CODEC, PAIR_CODEC):
            raise ValueError(msg("identity.bbs-key-kind", method=method[:200])) from None
        if len(raw) != G2_LENGTH or exc.codec == PAIR_CODEC and len(exc.raw) != G1_LENGTH + G2_LENGTH:
            raise ValueError(msg("identity.bbs-key-length", length=len(raw), wanted=G2_LENGTH)) from None
        return raw
    raise ValueError(msg("identity.bbs-key-kind", method=method[:200]))


def _base64(text: str, member: str) -> bytes:
    try:
        return base64.b64decode(text, validate=True)
    except (binascii.Error, ValueError):
        raise ValueError(msg("identity.bbs-base64", member=member)) from None


def _verified(request: JsonObject) -> bool:
    body = json.dumps([request], separators=(",", ":")).encode("utf-8")
    digest = hashlib.sha256(body).hexdigest()
    if digest in _answers:
        return _answers[digest]
    answer = _run(body)
    if "error" in answer:  # the library refused the input: a point not on the curve, a malformed proof
        raise ValueError(msg("identity.bbs-refused", error=str(answer["error"])[:200]))
    _answers[digest] = answer.get("verified") is True
    return _answers[digest]


def _run(body: bytes) -> JsonObject:
    """The runner's one answer; Unavailable naming what is missing or what went wrong."""
    if not (PACKAGE / "package.json").is_file():
        raise Unavailable(msg("identity.bbs-not-installed", package=PIN["package"], version=PIN["version"],
                              path=str(PACKAGE)))
    try:
        node = khronos.node_executable()
    except khronos.Unavailable:
        raise Unavailable(msg("identity.bbs-no-node", package=PIN["package"])) from None
    try:
        done = subprocess.run([node, *NODE_FLAGS, str(RUNNER), str(PACKAGE)], input=body, capture_output=True,
                              timeout=BUDGET_S, env={**os.environ, "NODE_OPTIONS": ""}, check=False)
    except subprocess.TimeoutExpired:
        raise Unavailable(msg("identity.bbs-budget", seconds=BUDGET_S)) from None
    except OSError as exc:
        raise Unavailable(msg("identity.bbs-failed", error=str(exc)[:200])) from None
    answer: JsonValue = None
    lines = done.stdout.decode("utf-8", "replace").strip().splitlines()
    with contextlib.suppress(ValueError):
        answer = json.loads(lines[-1]) if lines else None
    if done.returncode == 3 and isinstance(answer, dict):
        raise Unavailable(msg("identity.bbs-not-installed", package=PIN["package"], version=PIN["version"],
                              path=str(PACKAGE)))
    verdict = answer[0] if isinstance(answer, list) and len(answer) == 1 else None
    if done.returncode != 0 or not isinstance(verdict, dict):
        raise Unavailable(msg("identity.bbs-failed", error=done.stderr.decode("utf-8", "replace")[-200:]))
    return verdict
