"""The one rule for what ``POST /credentials/verify`` answers, from the VC API (W3C VCALM,
"Verifying" and "Error Handling"), used by ID-VCAPI-002 and IF-IOP-003 alike.

The VC API answers a verification with 200 and a verification result, or 400 for invalid
input. In the result, ``verified`` MUST be false when an error is included and true when
none is; the specification recommends reporting failed checks as ProblemDetails in the
result rather than as an HTTP error. So:

* **verified**: 200 with ``verified: true`` and no errors;
* **refused**: 200 with ``verified: false``, or 400 (the input was refused);
* anything else is not a conforming answer: ``verified: true`` beside errors, a result
  without ``verified`` (the ``checks``/``errors`` shape of earlier VC API drafts: VCALM's
  verification result and annex D table D.56 require the boolean, and ID-VCAPI-002's
  statement names it), a body that is no verification result, another status (401/403 say
  nothing about the credential, 5xx is no answer).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from conformance import Message, msg

if TYPE_CHECKING:
    from conformance.area import JsonArray, JsonObject

VERIFIED, REFUSED, UNFIT = "verified", "refused", "not a conforming answer"


def _errors(body: JsonObject) -> JsonArray | None:
    for name in ("errors", "problemDetails"):
        value = body.get(name)
        if isinstance(value, list) and value:
            return value
    return None


def verification_outcome(status: int, body: object) -> tuple[str, Message]:
    """(VERIFIED | REFUSED | UNFIT, why) for one answer of POST /credentials/verify."""
    if status == 400:
        return REFUSED, msg("identity.vcapi-400")
    if status != 200:
        return UNFIT, msg("identity.vcapi-status", status=status)
    if not isinstance(body, dict):
        return UNFIT, msg("identity.vcapi-no-result")
    errors = _errors(body)
    verified = body.get("verified")
    if verified is True:
        if errors:
            return UNFIT, msg("identity.vcapi-verified-with-errors")
        return VERIFIED, msg("identity.vcapi-verified")
    if verified is False:
        return REFUSED, msg("identity.vcapi-refused")
    if verified is not None:
        return UNFIT, msg("identity.vcapi-not-boolean", verified=repr(verified))
    return UNFIT, msg("identity.vcapi-no-verified")


#: What ID-VCAPI-001's statement asks of an issued credential's proof: a ``DataIntegrityProof``
#: of a cryptosuite ID-VC-003 lists (the suites the harness verifies). A legacy proof type
#: (``Ed25519Signature2020``, ``JsonWebSignature2020``...) is not one, whether or not it verifies.
ISSUED_PROOF_TYPE = "DataIntegrityProof"


def issued_proof_problem(proof: JsonObject) -> tuple[str, Message] | None:
    """Why an issued credential's proof is not the one ID-VCAPI-001 asks for: ("fail", why)
    for another proof type, no cryptosuite, or a cryptosuite ID-VC-003 does not list (R1 names
    the listed ones: an unlisted one breaks it, 1.5); None: it is one."""
    from conformance.areas.identity.proofs import SUITES

    # the cryptosuites ID-VC-003's statement lists, those of the W3C Recommendations (1.7: no longer
    # the bip340 ones, which only a draft defines and ID-VC-008, a candidate, judges)
    listed = SUITES
    kind, suite = proof.get("type"), proof.get("cryptosuite")
    if kind != ISSUED_PROOF_TYPE or not isinstance(suite, str):
        return "fail", msg("identity.vcapi-proof-not-data-integrity", type=repr(kind), suite=repr(suite),
                           suites=", ".join(listed))
    if suite not in listed:
        return "fail", msg("identity.vcapi-proof-other-suite", suite=suite[:80], suites=", ".join(listed))
    return None
