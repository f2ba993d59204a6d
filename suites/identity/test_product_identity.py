"""ID-VC-005: the credentials are issued by the product the manifest names (its DID), and the
product's DID document is controlled by it (feature product-identity of identity-credentials)."""

from __future__ import annotations

import pytest

from conformance import Evidence, Inconclusive, NotApplicable, Product, Targets, msg
from conformance.areas.identity import didresults, vcjwt
from conformance.areas.identity.credentials import issued_by


@pytest.mark.requirement("ID-VC-005")
def test_credentials_are_issued_by_the_product_under_test(targets: Targets, product: Product, evidence: Evidence):
    if not product.did:
        raise NotApplicable(msg("identity.no-product-did"))
    compared = 0
    for doc in targets["credentials"].documents(parse=vcjwt.parse):  # JWT and SD-JWT files too
        found = issued_by(doc.data)
        if found is None:
            continue
        issuer, pointer = found
        if issuer == "":  # a credential whose issuer the harness does not read: a member not judged
            evidence.unjudged(doc.name, msg("identity.vc-issuer-unread", media=pointer))
            continue
        compared += 1
        if issuer != product.did:
            evidence.finding(msg("identity.vc-issuer-not-product"), file=doc.name, pointer=pointer,
                             expected=product.did, actual=issuer, rule="R1")
    if "did_documents" in targets:
        for doc, problem in didresults.published(targets["did_documents"].documents()):
            if problem is not None or not isinstance(doc.data, dict) or doc.data.get("id") != product.did:
                continue
            controller = doc.data.get("controller")
            named = controller if isinstance(controller, list) else [] if controller is None else [controller]
            others = [c for c in named if c != product.did]
            if others:
                evidence.finding(msg("identity.product-did-controlled-by-other"), file=doc.name,
                                 pointer="/controller", expected=product.did, actual=controller, rule="R2")
    if not compared and not evidence.findings_count:
        raise Inconclusive(msg("identity.no-issued-credential"))
