"""Credential revocation through a Bitstring Status List (ID-VCAPI-003): the list is read as
W3C Bitstring Status List v1.0 reads it, within caps; the reference, which revokes through the VC
API's update status and refuses a revoked credential at its verifier, passes (the known-bad cases
in suites/identity/known_bad.yaml run the failing side)."""

from __future__ import annotations

import base64
import gzip

import pytest

from conformance.areas.identity.statuslist import MIN_BITS, OverBound, bit, expanded
from tests.conftest import manifest_for, verdicts


def _encoded(bits: bytes) -> str:
    return "u" + base64.urlsafe_b64encode(gzip.compress(bits)).decode("ascii").rstrip("=")


def test_the_first_index_is_the_left_most_bit():
    bits = bytearray(MIN_BITS // 8)
    bits[1] = 0b0100_0000  # index 9
    read = expanded(_encoded(bytes(bits)))
    assert [i for i in range(16) if bit(read, i)] == [9]


@pytest.mark.parametrize(("encoded", "words"), [
    ("z" + _encoded(bytes(MIN_BITS // 8))[1:], "prefix u"),
    ("u" + base64.urlsafe_b64encode(b"not gzip").decode(), "GZIP"),
    (_encoded(bytes(100)), "fewer than 131072"),
], ids=["no-multibase-u", "not-gzip", "too-short"])
def test_a_list_that_is_not_one_is_refused_naming_why(encoded, words):
    with pytest.raises(ValueError) as caught:
        expanded(encoded)
    assert words in str(caught.value.args[0])


def test_a_list_expanding_past_the_bound_is_not_judged_not_refused():
    """A bomb (17 MiB of zeros, a few KiB sent) stops at 5.1's bound 「状态列表的解压大小」: OverBound, not the
    ValueError a malformed list raises (sixty-ninth reading, h133-ocaps4)."""
    with pytest.raises(OverBound) as caught:
        expanded(_encoded(bytes(17 * 1024 * 1024)))
    assert "expands past" in str(caught.value.args[0]) and not isinstance(caught.value, ValueError)


def test_the_reference_revokes_and_its_verifier_refuses_the_revoked(catalog, serve_reference, run_manifest):
    manifest = manifest_for(catalog, "identity-credentials-api", base_urls={"api": serve_reference()},
                            features=["credential-status"])
    result = run_manifest(manifest, requirements=["ID-VCAPI-003"])
    assert verdicts(result) == {"ID-VCAPI-003": "pass"}, [r.message for r in result.report.requirements]
