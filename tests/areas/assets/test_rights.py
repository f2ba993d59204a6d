"""The rights record of AS-REG-007 as the harness builds and reads it (areas/assets/rights.py),
and the reference registry's check of it (reference/assets/rights.py): each probe the suite
sends is refused by the one and found wanting by the other, and the signed record passes both."""

from __future__ import annotations

import copy

import pytest

from conformance.areas._shared.requestbodies import metadata
from conformance.areas.assets import rights
from conformance.reference.assets import rights as reference
from conformance.reference.assets.ledger import Refused

HOLDER, OTHER = rights.RightsHolder("holder"), rights.RightsHolder("other")


def claim() -> dict[str, object]:
    return rights.claimed(metadata("conformance-test-rights-1", "did:web:issuer.example"), HOLDER)


def signed(**how) -> dict[str, object]:
    md = claim()
    return {**md, "rights_record": rights.record(md, HOLDER, **how)}


def test_the_holder_s_record_verifies_and_is_accepted():
    md = signed()
    assert rights.defects(md) == []
    reference.confirm(md, frozenset())
    assert HOLDER.did == rights.RightsHolder("holder").did  # the same test key at every laboratory


@pytest.mark.parametrize("probe, why", [
    (claim(), "no rights_record"),
    (signed(signer=OTHER), "not by the rights holder"),
    (signed(signer=OTHER, method_of=HOLDER), "does not verify"),
    (signed(content=rights.other_content()), "content_sha256"),
])
def test_each_refused_probe_is_refused_and_found_wanting(probe, why):
    assert any(why in found for found in rights.defects(probe))
    with pytest.raises(Refused) as refused:
        reference.confirm(probe, frozenset())
    assert refused.value.status == 403


def test_a_record_altered_after_signing_no_longer_verifies():
    md = signed()
    altered = copy.deepcopy(md)
    altered["rights"]["commercial_usage"] = "personalNonProfit"
    altered["rights_record"]["rights"]["commercial_usage"] = "personalNonProfit"
    assert any("does not verify" in found for found in rights.defects(altered))


def test_metadata_naming_no_rights_holder_claims_nothing():
    reference.confirm(metadata("conformance-test-rights-2", "did:web:issuer.example"), frozenset())
