"""Context validation of a secured document whose ``@context`` holds inline definitions
(VC Data Integrity 1.0 2.4.1 Validating Contexts and 4.6 Context Validation, by the
"equivalent protections" it allows): the document is compacted with the known contexts only
(the URLs it names and the context of its proof's suite), and a proof whose ``type``,
``proofPurpose`` or ``verificationMethod`` then reads otherwise is one whose JSON says
something its signed data does not (an inline context can map ``assertionMethod`` to another
IRI, so the signature covers no assertion purpose at all). A document with no inline context
is what the known contexts define: nothing to check."""

from __future__ import annotations

from typing import TYPE_CHECKING

from conformance import Message, msg

from .._shared import jsonld
from .unchecked import Unavailable

if TYPE_CHECKING:
    from conformance.area import JsonObject, JsonValue

    from .unchecked import RdfProcessed

#: The context each proof type's terms come from, added to the document's own URLs.
SUITE_CONTEXTS = {
    "DataIntegrityProof": "https://w3id.org/security/data-integrity/v2",
    "Ed25519Signature2020": "https://w3id.org/security/suites/ed25519-2020/v1",
    "Ed25519Signature2018": "https://w3id.org/security/suites/ed25519-2018/v1",
    "JsonWebSignature2020": "https://w3id.org/security/suites/jws-2020/v1",
}
CHECKED = ("type", "proofPurpose", "verificationMethod")


def _inline(node: object) -> bool:
    """Whether the document defines terms inline: an object in an @context anywhere in it (a
    credential a presentation embeds names its own contexts by URL, which the known contexts
    define as they are)."""
    if isinstance(node, dict):
        context = node.get("@context")
        entries = context if isinstance(context, list) else [] if context is None else [context]
        return any(not isinstance(e, str) for e in entries) or any(_inline(v) for k, v in node.items()
                                                                   if k != "@context")
    if isinstance(node, list):
        return any(_inline(v) for v in node)
    return False


def _one(value: JsonValue) -> JsonValue:
    return value[0] if isinstance(value, list) and len(value) == 1 else value


def proof_problem(document: JsonObject, proof: JsonObject, rdf_processed: RdfProcessed) -> Message | None:
    """Why the proof's members read otherwise once the inline definitions are set aside, or
    None (no inline context, or they read the same). ``rdf_processed`` runs a pyld call,
    raising the harness's Unavailable when it cannot run offline."""
    if not _inline(document):
        return None
    from .._shared.jsonld_processor import Processor  # pyld's, reusing its scoped contexts' processing

    named = document.get("@context")
    known = [c for c in (named if isinstance(named, list) else [named]) if isinstance(c, str)]
    suite = SUITE_CONTEXTS.get(str(proof.get("type")))
    # The legacy suites (Ed25519Signature2018 and its kin, jsonld-signatures' canonizeProof) read
    # the proof with the document's own @context, so the document's known contexts come first:
    # credentials/v1 defines Ed25519Signature2018 itself, and adding the suite's context after
    # it redefines a protected term, which JSON-LD refuses. Only where they do not define the
    # proof's type is its suite's context added (a type no known context defines: each suite's
    # context in turn, as their protected terms do not combine); the first reading that
    # processes and defines the type decides.
    extras = [suite] if suite is not None else list(SUITE_CONTEXTS.values())
    contexts = [known] + [known + [extra] for extra in extras if extra not in known]
    options = {"documentLoader": jsonld._loader}
    signature = proof.get("jws", proof.get("proofValue"))
    match: JsonObject | None = None
    failure: Unavailable | None = None
    for context in contexts:
        try:
            def compact(c: list[str] = context) -> JsonValue:  # pyld is untyped: it returns JSON
                return Processor().compact(Processor().expand(document, options), {"@context": c}, options)

            compacted = rdf_processed(compact)
        except Unavailable as exc:  # this reading does not process offline (or refuses a redefinition)
            failure = failure or exc
            continue
        found = compacted.get("proof") if isinstance(compacted, dict) else None
        candidates = [p for p in (found if isinstance(found, list) else [found]) if isinstance(p, dict)]
        reading = next((p for p in candidates if p.get("jws", p.get("proofValue")) == signature), None)
        if reading is not None and _one(reading.get("type")) == _one(proof.get("type")):
            match = reading  # this reading defines the proof's type: it decides
            break
        match = match or reading
    else:
        if failure is not None:  # no reading that processed defines the type: why one did not process
            raise failure
    if match is None:
        return msg("identity.proof-context-no-proof", type=repr(proof.get("type"))[:80])
    for member in CHECKED:
        mine, read = _one(proof.get(member)), _one(match.get(member))
        if mine != read:
            return msg("identity.proof-context-inconsistent", member=member, json=repr(mine)[:120],
                       known=repr(read)[:160])
    return None
