"""Issue 59: a requirement over a set of credentials passes only when every member does. A
credential whose proof the harness cannot verify (a suite it does not implement, such as
RsaSignature2018; the fixture was EcdsaSecp256r1Signature2019 until issue 62 implemented it)
leaves the set undecided, naming the file, where it used to pass beside one that verified."""

from __future__ import annotations

import pytest

from conformance import Verdict
from conformance.reference import SAMPLES
from tests.conftest import manifest_for

SIGNED = str(SAMPLES / "credentials" / "avatar-membership-signed-v2.json")
UNVERIFIABLE = "vc-proof-suite-not-implemented.json"  # suites/identity/fixtures/, its subject tampered too


@pytest.mark.slow
def test_a_set_with_an_unverifiable_proof_is_inconclusive_naming_the_file(catalog, run_manifest):
    manifest = manifest_for(catalog, "identity-credentials", files={"credentials": [SIGNED, UNVERIFIABLE]})
    result = run_manifest(manifest, requirements=["ID-VC-003"])
    (found,) = [r for r in result.report.requirements if r.requirement == "ID-VC-003"]
    assert found.verdict is Verdict.INCONCLUSIVE, found.message
    assert UNVERIFIABLE in found.message and "RsaSignature2018" in found.message
    unjudged = [i for i in found.evidence if i.get("kind") == "note" and i.get("unjudged")]
    assert [i["file"].rsplit("/", 1)[-1] for i in unjudged] == [UNVERIFIABLE]


@pytest.mark.slow
def test_the_verified_member_alone_passes(catalog, run_manifest):
    result = run_manifest(manifest_for(catalog, "identity-credentials", files={"credentials": [SIGNED]}),
                          requirements=["ID-VC-003"])
    (found,) = [r for r in result.report.requirements if r.requirement == "ID-VC-003"]
    assert found.verdict is Verdict.PASS, found.message
