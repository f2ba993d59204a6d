"""ID-VC-005: the credentials are issued by the product the manifest names (its DID), and the
product's DID document is controlled by it (feature product-identity of identity-credentials)."""

from __future__ import annotations

import pytest

from conformance import Inconclusive, NotApplicable, msg


def _issuer(credential: dict) -> object:
    issuer = credential.get("issuer")
    return issuer.get("id") if isinstance(issuer, dict) else issuer


def _is_credential(data: object) -> bool:
    kinds = data.get("type") if isinstance(data, dict) else None
    kinds = kinds if isinstance(kinds, list) else [kinds]
    return "VerifiableCredential" in kinds  # enveloped forms and presentations carry no issuer member


@pytest.mark.requirement("ID-VC-005")
def test_credentials_are_issued_by_the_product_under_test(targets, product, evidence):
    if not product.did:
        raise NotApplicable(msg("identity.no-product-did"))
    compared = 0
    for doc in targets["credentials"].documents():
        if not _is_credential(doc.data):
            continue  # ID-VC-001 / ID-VP-001 judge what it is
        compared += 1
        issuer = _issuer(doc.data)
        if issuer != product.did:
            pointer = "/issuer/id" if isinstance(doc.data.get("issuer"), dict) else "/issuer"
            evidence.finding(msg("identity.vc-issuer-not-product"), file=doc.name, pointer=pointer,
                             expected=product.did, actual=issuer)
    if "did_documents" in targets:
        for doc in targets["did_documents"].documents():
            if not isinstance(doc.data, dict) or doc.data.get("id") != product.did:
                continue
            controller = doc.data.get("controller")
            named = controller if isinstance(controller, list) else [] if controller is None else [controller]
            others = [c for c in named if c != product.did]
            if others:
                evidence.finding(msg("identity.product-did-controlled-by-other"), file=doc.name,
                                 pointer="/controller", expected=product.did, actual=controller)
    if not compared and not evidence.findings_count:
        raise Inconclusive(msg("identity.no-issued-credential"))
