"""TD-DESC-003: the device descriptors describe the product the manifest claims (feature
product-identity of terminal-descriptor), so a plan can make a certificate's product name
the device whose exports were judged."""

from __future__ import annotations

import pytest

from conformance.reference import SAMPLES
from tests.conftest import manifest_for, verdicts


@pytest.mark.parametrize(("product", "verdict"), [
    ({"name": "Reference headset", "version": "1.4.2", "vendor": "Reference XR", "model": "RX-vr-headset"}, "pass"),
    ({"name": "Reference headset", "version": "1.4.2", "vendor": "Reference XR", "model": "RX-other"}, "fail"),
    ({"name": "Reference headset", "version": "1.4.2", "vendor": "Reference XR"}, "not_applicable"),
])
def test_descriptors_are_compared_with_the_manifests_product(catalog, run_manifest, product, verdict):
    manifest = manifest_for(catalog, "terminal-descriptor", features=["product-identity"], product=product)
    manifest["targets"]["descriptors"]["paths"] = [str(SAMPLES / "descriptors" / "vr-headset.json")]
    assert verdicts(run_manifest(manifest))["TD-DESC-003"] == verdict
