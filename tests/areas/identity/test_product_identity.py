"""ID-VC-005: the credentials are compared with the product the manifest names by its DID
(feature product-identity of identity-credentials), so a plan can make a certificate's product
the issuer whose credentials were judged."""

from __future__ import annotations

import pytest

from tests.conftest import manifest_for, verdicts
from tests.paths import ROOT

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


SD_JWT_ISSUER = "did:key:z6MkehRgf7yJbgaGfYsdoAsKdBPE3dj2CYhowQdcjqSJgvVd"  # the iss of the SD-JWT fixtures


@pytest.mark.parametrize(("did", "files", "verdict"), [
    (SD_JWT_ISSUER, ["sd-jwt-kb-typ.txt"], "pass"),
    ("did:web:other.example.com", ["sd-jwt-kb-typ.txt"], "fail"),     # an SD-JWT's iss is compared too
    ("did:web:identity.example.com", ISSUED + ["vc-enveloped-cose-tampered.json"], "inconclusive"),
])
def test_every_form_of_an_issued_credential_is_compared_or_left_unjudged(catalog, run_manifest, did, files, verdict):
    """ID-VC-005 1.2: SD-JWTs and enveloped JWT credentials name their issuer too; an enveloped
    credential whose issuer the harness does not read (COSE) is a member not judged, not a pass."""
    manifest = manifest_for(catalog, "identity-credentials", features=["product-identity"],
                            product={**PRODUCT, "did": did}, files={"credentials": files})
    assert verdicts(run_manifest(manifest, requirements=["ID-VC-005"]))["ID-VC-005"] == verdict


def test_an_enveloped_jwt_credential_is_read_as_the_jwt_it_carries():
    from conformance.areas.identity import vcjwt
    from conformance.areas.identity.credentials import issued_by as issued

    token = (ROOT / "suites" / "identity" / "fixtures" / "vc-jwt-tampered.jwt").read_text().strip()
    enveloped = {"@context": ["https://www.w3.org/ns/credentials/v2"], "type": "EnvelopedVerifiableCredential",
                 "id": "data:application/vc+jwt," + token}
    assert issued(enveloped) == (vcjwt.decode(token)["issuer"], "/id")
    assert issued({"type": "EnvelopedVerifiableCredential", "id": "data:application/vc+cose,AAAA"}) == \
        ("", "application/vc+cose")
    assert issued({"type": ["VerifiablePresentation"]}) is None
