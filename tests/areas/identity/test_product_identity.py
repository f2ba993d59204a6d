"""ID-VC-005: the credentials are compared with the product the manifest names by its DID
(feature product-identity of identity-credentials), so a plan can make a certificate's product
the issuer whose credentials were judged."""

from __future__ import annotations

import pytest

from tests.conftest import manifest_for, verdicts

PRODUCT = {"name": "Example Identity Platform", "version": "1"}
ISSUED = ["vc-issued-by-product.json"]  # issued by did:web:identity.example.com


@pytest.mark.parametrize(("did", "documents", "verdict"), [
    ("did:web:identity.example.com", None, "pass"),
    ("did:web:other.example.com", None, "fail"),
    ("did:web:identity.example.com", ["did-doc-product-other-controller.json"], "fail"),
    (None, None, "not_applicable"),
])
def test_credentials_are_compared_with_the_manifests_product(catalog, run_manifest, did, documents, verdict):
    product = {**PRODUCT, **({"did": did} if did else {})}
    files = {"credentials": ISSUED, **({"did_documents": documents} if documents else {})}
    manifest = manifest_for(catalog, "identity-credentials", features=["product-identity"], product=product,
                            files=files)
    assert verdicts(run_manifest(manifest))["ID-VC-005"] == verdict


def test_a_product_did_in_the_manifest_is_a_did(catalog, tmp_path):
    import yaml

    from conformance._run.plan import read_manifest
    from conformance.errors import HarnessInputError

    manifest = manifest_for(catalog, "identity-credentials", product={**PRODUCT, "did": "identity.example.com"})
    path = tmp_path / "manifest.yaml"
    path.write_text(yaml.safe_dump(manifest))
    with pytest.raises(HarnessInputError, match="product.did"):
        read_manifest(path, catalog)
