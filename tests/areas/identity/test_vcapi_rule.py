"""The one rule for verification answers (ID-VCAPI-002, IF-IOP-003): each kind of answer."""

from __future__ import annotations

import pytest

from conformance.areas.identity.vcapi import REFUSED, UNFIT, VERIFIED, verification_outcome

PROBLEM = {"type": "https://www.w3.org/TR/vc-data-model#CRYPTOGRAPHIC_SECURITY_ERROR"}


@pytest.mark.parametrize(("status", "body", "outcome"), [
    (200, {"verified": True, "errors": []}, VERIFIED),
    (200, {"checks": ["proof"], "warnings": [], "errors": []}, VERIFIED),  # earlier VC API drafts
    (200, {"verified": False, "errors": [PROBLEM]}, REFUSED),
    (200, {"verified": False, "problemDetails": [PROBLEM]}, REFUSED),
    (200, {"checks": [], "errors": [PROBLEM]}, REFUSED),  # earlier drafts: errors listed
    (400, None, REFUSED),
    (200, {"verified": True, "errors": [PROBLEM]}, UNFIT),  # contradicts itself
    (200, {"verified": "yes"}, UNFIT),
    (200, {}, UNFIT),
    (200, ["not", "a", "result"], UNFIT),
    (422, None, UNFIT),
    (403, None, UNFIT),
    (500, None, UNFIT),
])
def test_each_answer_has_one_meaning(status, body, outcome):
    assert verification_outcome(status, body)[0] == outcome
