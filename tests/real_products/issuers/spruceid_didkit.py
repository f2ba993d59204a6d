"""Glue only: issue credentials and presentations with SpruceID's DIDKit (``didkit`` on PyPI, Rust
``ssi`` with Python bindings) under a fixed did:key, make the tampered copies, and ask DIDKit's own
verify about each. DIDKit carries its contexts and resolves did:key itself: no network.

Run in DIDKit's own environment (.venv-real-products/didkit): reads {"issuer_jwk", "other_jwk"}
(Ed25519 private JWKs) on stdin, prints {"library", "items": [{name, document, verified, error}]}."""

import asyncio
import copy
import json
import os
import sys
from datetime import datetime, timedelta, timezone

import didkit

CHALLENGE = "conformance-challenge-62"
TERMS = {"AlumniCredential": "https://schema.org/AlumniCredential", "alumniOf": "https://schema.org/alumniOf"}


def instant(moment):
    return moment.replace(microsecond=0).strftime("%Y-%m-%dT%H:%M:%SZ")


def credential(issuer, subject, expired):
    now = datetime.now(timezone.utc)  # noqa: UP017 (DIDKit's venv may be Python 3.8)
    return {"@context": ["https://www.w3.org/2018/credentials/v1", TERMS],
            "id": "urn:uuid:6b1d7c38-7a8c-4f1e-9b1e-62a000000003", "type": ["VerifiableCredential", "AlumniCredential"],
            "issuer": issuer, "issuanceDate": instant(now - timedelta(days=30)),
            "expirationDate": instant(now + (timedelta(days=-1) if expired else timedelta(days=365))),
            "credentialSubject": {"id": subject, "alumniOf": "Example University"}}


def flip_proof(document):
    """One character of the proof's signature (``proofValue`` or the JWS's signature part) changed."""
    changed = copy.deepcopy(document)
    proof = changed["proof"]
    member = "proofValue" if "proofValue" in proof else "jws"
    value = proof[member]
    at = len(value) - 10        # inside the signature (a JWS's last part), never its header
    proof[member] = value[:at] + ("A" if value[at] != "A" else "B") + value[at + 1:]
    return changed


def edited(document, edit):
    changed = copy.deepcopy(document)
    edit(changed)
    return changed


async def main():
    keys = json.load(sys.stdin)
    issuer_jwk, other_jwk = json.dumps(keys["issuer_jwk"]), json.dumps(keys["other_jwk"])
    issuer = didkit.key_to_did("key", issuer_jwk)
    other = didkit.key_to_did("key", other_jwk)
    method = await didkit.key_to_verification_method("key", issuer_jwk)
    items = []

    async def judged(name, kind, document):
        try:
            if kind == "presentation":
                answer = await didkit.verify_presentation(json.dumps(document), json.dumps(
                    {"proofPurpose": "authentication", "challenge": CHALLENGE}))
            else:
                answer = await didkit.verify_credential(json.dumps(document), json.dumps(
                    {"proofPurpose": "assertionMethod"}))
            errors = json.loads(answer)["errors"]
        except didkit.DIDKitException as exc:
            errors = [str(exc)]
        items.append({"name": name, "document": document, "verified": not errors,
                      "error": "; ".join(errors) or None})

    for form, proof_type in (("vc11-ed25519signature2018", "Ed25519Signature2018"),
                             ("vc11-ed25519signature2020", "Ed25519Signature2020")):
        options = {"proofPurpose": "assertionMethod", "verificationMethod": method, "type": proof_type}

        async def issued(expired, options=options):
            text = await didkit.issue_credential(json.dumps(credential(issuer, other, expired)),
                                                 json.dumps(options), issuer_jwk)
            return json.loads(text)

        valid = await issued(False)
        await judged(f"{form}-valid", "credential", valid)
        await judged(f"{form}-claim-changed", "credential",
                     edited(valid, lambda c: c["credentialSubject"].update(alumniOf="Another University")))
        await judged(f"{form}-proof-byte-changed", "credential", flip_proof(valid))
        await judged(f"{form}-issuer-swapped", "credential", edited(valid, lambda c: c.update(issuer=other)))
        expired = await issued(True)
        await judged(f"{form}-expired", "credential", expired)

        async def presentation_of(inner, options=options):
            unsigned = {"@context": ["https://www.w3.org/2018/credentials/v1"], "type": ["VerifiablePresentation"],
                        "id": "urn:uuid:6b1d7c38-7a8c-4f1e-9b1e-62a0000000f0",
                        "holder": issuer, "verifiableCredential": [inner]}
            text = await didkit.issue_presentation(json.dumps(unsigned), json.dumps(
                {**options, "proofPurpose": "authentication", "challenge": CHALLENGE}), issuer_jwk)
            return json.loads(text)

        vp = await presentation_of(valid)
        await judged(f"{form}-presentation-valid", "presentation", vp)
        await judged(f"{form}-presentation-claim-changed", "presentation", edited(
            vp, lambda p: p["verifiableCredential"][0]["credentialSubject"].update(alumniOf="Another University")))
        await judged(f"{form}-presentation-proof-byte-changed", "presentation", flip_proof(vp))
        await judged(f"{form}-presentation-holder-swapped", "presentation",
                     edited(vp, lambda p: p.update(holder=other)))
        await judged(f"{form}-presentation-expired-credential", "presentation", await presentation_of(expired))
    print(json.dumps({"library": f"didkit {didkit.get_version()}", "items": items}, indent=1), flush=True)


asyncio.run(main())
# DIDKit 0.3.3's binding can crash while the interpreter shuts its runtime down (exit 139 after a
# complete output): leave without that shutdown
os._exit(0)
