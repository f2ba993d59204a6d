"""Content review records and the age gate (docs/assets.md, "Content review"): the rules of
AS-REVIEW-001 one by one (including the declaration's, which the reference cannot break
without breaking the discovery document for every other test), and the reference's records."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from conformance.areas.assets.review import declaration_findings, instant, named_record_findings, record_findings
from conformance.reference.assets import review
from conformance.reference.assets.ledger import Ledger, Refused

TERMS = review.TERMS
PUBLISHED = datetime(2024, 5, 1, 2, 0, tzinfo=UTC)
GOOD = {"reviewer": review.REVIEWER, "time": "2024-05-01T01:00:00Z", "outcome": "approved", "rule": "CADPA-12+"}


def rules_of(records, published=PUBLISHED):
    found = record_findings(records, TERMS, published, "GET /x")
    assert all(f.rule is None for f in found)  # AS-REVIEW-001 defines no rules
    return sorted(f.extra["check"] for f in found)


def test_a_review_before_publication_passes():
    assert rules_of([GOOD]) == []
    assert rules_of([{**GOOD, "time": "2024-05-01T10:00:00+08:00"}]) == []  # the same instant


@pytest.mark.parametrize(("records", "rules"), [
    ([], ["present"]),
    ([{**GOOD, "outcome": "rejected"}], ["present"]),
    ([{**GOOD, "time": "2024-05-01T02:00:01Z"}], ["before-publication"]),
    ([{**GOOD, "outcome": "ok"}], ["outcome", "present"]),
    ([{**GOOD, "rule": "CADPA-18+"}], ["rule"]),
])
def test_each_rule_has_its_own_finding(records, rules):
    assert rules_of(records) == rules


def test_the_declared_scheme_is_known_and_its_rules_stand_for_its_labels():
    assert declaration_findings(TERMS, "d") == []
    unknown = declaration_findings({**TERMS, "scheme": "XRS"}, "d")
    assert [(f.rule, f.extra["check"]) for f in unknown] == [(None, "scheme")]
    assert unknown[0].pointer == "/content_review/scheme"
    wrong = declaration_findings({**TERMS, "rules": [{"id": "CADPA-18+", "rating": "18+"}]}, "d")
    assert [f.pointer for f in wrong] == ["/content_review/rules/0/rating"]


def test_times_without_an_offset_are_no_instants():
    assert instant("2024-05-01T01:00:00") is None and instant("yesterday") is None
    assert instant("2024-05-01T01:00:00Z") == datetime(2024, 5, 1, 1, tzinfo=UTC)


def _asset(rating: dict | None):
    ledger = Ledger("did:web:issuer.example", frozenset())
    meta = {"asset_id": "x", "transfer": {"locked": False}}
    if rating is not None:
        meta["content_rating"] = rating
    return ledger.issue(meta, "did:web:h", "did:web:h", "2024-05-01T10:00:00+08:00")


def test_the_reference_reviews_rated_assets_before_publication():
    asset = _asset({"system": "CADPA", "rating": "16+", "min_age": 16})
    records = review.reviews(asset, frozenset(), issued_by_api=True)
    assert record_findings(records, TERMS, instant(asset.events[0]["time"]), "x") == []
    assert [r["rule"] for r in records] == ["CADPA-16+"]
    assert review.reviews(_asset(None), frozenset(), issued_by_api=True) == []
    assert [r["rule"] for r in review.reviews(_asset({"min_age": 0}), frozenset(), True)] == ["CADPA-8+"]


def test_the_reference_gate_refuses_only_bands_below_the_rating():
    asset = _asset({"system": "CADPA", "rating": "16+", "min_age": 16})
    review.gate(asset, None, frozenset())  # no declared band
    review.gate(asset, 18, frozenset())
    review.gate(asset, 16, frozenset())
    with pytest.raises(Refused) as refused:
        review.gate(asset, 12, frozenset())
    assert refused.value.status == 403


# -- the review record named in the metadata (AS-REVIEW-002) ----------------------------

RECORD = {**GOOD, "review_id": "rev-1"}


@pytest.mark.parametrize(("named", "rules"), [
    ({"review_id": "rev-1", "outcome": "approved", "rule": "CADPA-12+"}, []),
    ({"review_id": "rev-1"}, []),  # outcome and rule are optional; given, they agree
    (None, ["R1"]),
    ({"outcome": "approved"}, ["R1"]),
    ({"review_id": "rev-2"}, ["R2"]),
    ({"review_id": "rev-1", "outcome": "rejected"}, ["R2"]),
    ({"review_id": "rev-1", "outcome": "approved", "rule": "CADPA-16+"}, ["R2"]),
])
def test_the_metadata_names_a_record_that_agrees(named, rules):
    data = {"asset_id": "x"} if named is None else {"asset_id": "x", "content_review": named}
    assert [f.rule for f in named_record_findings(data, [RECORD], "GET /assets/x")] == rules


def test_the_reference_names_the_record_it_serves():
    records = [RECORD]
    assert review.in_metadata(records, frozenset()) == {"review_id": "rev-1", "outcome": "approved",
                                                        "rule": "CADPA-12+"}
    assert review.in_metadata(records, frozenset({"review-not-in-metadata"})) is None
    assert review.in_metadata([], frozenset()) is None
    disagreeing = review.in_metadata(records, frozenset({"review-metadata-disagrees"}))
    assert named_record_findings({"content_review": disagreeing}, records, "f")[0].pointer == "/content_review/outcome"


def test_a_refused_probe_issue_is_inconclusive_never_a_fail(catalog, serve_reference, run_manifest):
    """Issuing the rated probe items is a set-up step (AS-REG-001 judges issuance): a registry that
    answers it otherwise than 201 leaves the content-rating requirements inconclusive, naming it;
    until AS-RATING-002 1.1 and AS-REVIEW-001 1.2 it failed them."""
    from tests.conftest import manifest_for, verdicts

    manifest = manifest_for(catalog, "content-rating", base_urls={"api": serve_reference(["registry-issue-200"])})
    result = run_manifest(manifest, requirements=["AS-RATING-002", "AS-REVIEW-001", "AS-REVIEW-002"])
    assert verdicts(result) == {"AS-RATING-002": "inconclusive", "AS-REVIEW-001": "inconclusive",
                                "AS-REVIEW-002": "inconclusive"}
    for record in result.report.requirements:
        assert "POST /assets" in record.message
