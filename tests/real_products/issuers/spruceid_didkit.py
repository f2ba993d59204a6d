"""Glue only: issue credentials and presentations with SpruceID's DIDKit (``didkit`` on PyPI, Rust
``ssi`` with Python bindings) under fixed keys, make the tampered copies, and ask DIDKit's own
verify about each. DIDKit carries its contexts and derives did:key and did:jwk documents itself:
no network.

Run in DIDKit's own environment (.venv-real-products/didkit): reads private JWKs on stdin
({"ed25519", "other", "p256", "secp256k1"}), prints {"library", "items": [{name, document,
verified, error}]}; a document is a JSON object, or a string for a VC-JWT."""

import asyncio
import base64
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


def other_character(text, at):
    return text[:at] + ("A" if text[at] != "A" else "B") + text[at + 1:]


def flip_proof(document):
    """One character of the proof's signature (``proofValue`` or the JWS's signature part) changed."""
    changed = copy.deepcopy(document)
    proof = changed["proof"]
    member = "proofValue" if "proofValue" in proof else "jws"
    proof[member] = other_character(proof[member], len(proof[member]) - 10)  # never a JWS header
    return changed


def edited(document, edit):
    changed = copy.deepcopy(document)
    edit(changed)
    return changed


def _b64(data):
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def jwt_edited(token, edit):
    """The VC-JWT with its payload changed by ``edit`` and the issuer's signature kept."""
    header, payload, signature = token.split(".")
    claims = json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))
    edit(claims)
    return ".".join((header, _b64(json.dumps(claims).encode()), signature))


async def main():
    keys = {name: json.dumps(jwk) for name, jwk in json.load(sys.stdin).items()}
    other = didkit.key_to_did("key", keys["other"])
    items = []

    async def judged(name, kind, document, proof_format="ldp"):
        text = document if isinstance(document, str) else json.dumps(document)
        try:
            if kind == "presentation":
                answer = await didkit.verify_presentation(text, json.dumps(
                    {"proofPurpose": "authentication", "challenge": CHALLENGE, "proofFormat": proof_format}))
            else:
                answer = await didkit.verify_credential(text, json.dumps(
                    {"proofPurpose": "assertionMethod", "proofFormat": proof_format}))
            errors = json.loads(answer)["errors"]
        except didkit.DIDKitException as exc:
            errors = [str(exc)]
        items.append({"name": name, "document": document, "verified": not errors, "error": "; ".join(errors) or None})

    async def linked_data_form(form, method, key, proof_type):
        issuer = didkit.key_to_did(method, key)
        options = {"proofPurpose": "assertionMethod", "verificationMethod":
                   await didkit.key_to_verification_method(method, key)}
        if proof_type:
            options["type"] = proof_type

        async def issued(expired):
            return json.loads(await didkit.issue_credential(json.dumps(credential(issuer, other, expired)),
                                                            json.dumps(options), key))

        async def presentation_of(inner):
            unsigned = {"@context": ["https://www.w3.org/2018/credentials/v1"], "type": ["VerifiablePresentation"],
                        "id": "urn:uuid:6b1d7c38-7a8c-4f1e-9b1e-62a0000000f0",
                        "holder": issuer, "verifiableCredential": [inner]}
            return json.loads(await didkit.issue_presentation(json.dumps(unsigned), json.dumps(
                {**options, "proofPurpose": "authentication", "challenge": CHALLENGE}), key))

        valid = await issued(False)
        await judged(f"{form}-valid", "credential", valid)
        await judged(f"{form}-claim-changed", "credential",
                     edited(valid, lambda c: c["credentialSubject"].update(alumniOf="Another University")))
        await judged(f"{form}-proof-byte-changed", "credential", flip_proof(valid))
        await judged(f"{form}-issuer-swapped", "credential", edited(valid, lambda c: c.update(issuer=other)))
        expired = await issued(True)
        await judged(f"{form}-expired", "credential", expired)
        vp = await presentation_of(valid)
        await judged(f"{form}-presentation-valid", "presentation", vp)
        await judged(f"{form}-presentation-claim-changed", "presentation", edited(
            vp, lambda p: p["verifiableCredential"][0]["credentialSubject"].update(alumniOf="Another University")))
        await judged(f"{form}-presentation-proof-byte-changed", "presentation", flip_proof(vp))
        await judged(f"{form}-presentation-holder-swapped", "presentation",
                     edited(vp, lambda p: p.update(holder=other)))
        await judged(f"{form}-presentation-expired-credential", "presentation", await presentation_of(expired))

    await linked_data_form("vc11-ed25519signature2018", "key", keys["ed25519"], None)
    await linked_data_form("vc11-ed25519signature2020", "key", keys["ed25519"], "Ed25519Signature2020")
    await linked_data_form("vc11-didjwk-ed25519signature2018", "jwk", keys["ed25519"], None)
    await linked_data_form("vc11-ecdsasecp256r1signature2019", "key", keys["p256"], None)
    await linked_data_form("vc11-ecdsasecp256k1signature2019", "key", keys["secp256k1"], None)

    # a VC-JWT (VC 1.1 6.3.1) of the same credential: the tampered copies keep the issuer's signature
    key = keys["ed25519"]
    options = {"proofPurpose": "assertionMethod", "proofFormat": "jwt",
               "verificationMethod": await didkit.key_to_verification_method("key", key)}
    issuer = didkit.key_to_did("key", key)

    async def jwt(expired):
        return await didkit.issue_credential(json.dumps(credential(issuer, other, expired)), json.dumps(options), key)

    token = await jwt(False)
    await judged("vc11-jwt-valid", "credential", token, "jwt")
    await judged("vc11-jwt-claim-changed", "credential", jwt_edited(
        token, lambda c: c["vc"]["credentialSubject"].update(alumniOf="Another University")), "jwt")
    await judged("vc11-jwt-proof-byte-changed", "credential", other_character(token, len(token) - 10), "jwt")
    await judged("vc11-jwt-issuer-swapped", "credential", jwt_edited(token, lambda c: c.update(iss=other)), "jwt")
    await judged("vc11-jwt-expired", "credential", await jwt(True), "jwt")
    print(json.dumps({"library": f"didkit {didkit.get_version()}", "items": items}, indent=1), flush=True)


asyncio.run(main())
# DIDKit 0.3.3's binding can crash while the interpreter shuts its runtime down (exit 139 after a
# complete output): leave without that shutdown
os._exit(0)
