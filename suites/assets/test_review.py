"""Content review and the age gate over HTTP (docs/assets.md, "Content review"): every
published rated item has review records made before its publication (AS-REVIEW-001), and
rated content is withheld from identities whose age band the rating excludes (AS-RATING-002);
the metadata names the review record the item was published on (AS-REVIEW-002)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any
from urllib.parse import quote

import pytest

from conformance import Evidence, Inconclusive, Parameters, Targets, msg, precondition
from conformance.area import SchemaRegistry
from conformance.areas._shared.dependent import needs, served_body
from conformance.areas._shared.discovery import DISCOVERY, declared_terms
from conformance.areas._shared.minors import BAND_AGES, MINOR_BAND, minor_identity
from conformance.areas._shared.ownread import own_json
from conformance.areas._shared.registry import Session
from conformance.areas.assets.registry import expect, history_read
from conformance.areas.assets.review import (
    REVIEWS_SCHEMA,
    TERMS_SCHEMA,
    declaration_findings,
    instant,
    issue_rated,
    named_record_findings,
    record_findings,
)

#: The most listed items whose records are read (each costs three requests).
MAX_ITEMS = 50


def rated_items(api: Any, s: Session, schemas: Any, evidence: Any, terms: dict[str, Any], probe: str | None,
                rule: str | None = None) -> Iterator[tuple[str, dict[str, Any], list[Any], str]]:
    """The probe, then the listed items (at most MAX_ITEMS) that carry a content rating: each item's
    ID, metadata, review records (schema-valid) and where they were read. Inconclusive without a
    listing or without any rated item. ``rule``: the caller's R-number the records serve (AS-REVIEW-002's
    R2 compares the named record with them), given to the findings of their read."""
    listing, state = served_body(api.get("/assets"))  # a set-up read, a body that does not parse named by its state
    items = listing.get("items") if isinstance(listing, dict) else None
    if not isinstance(items, list):
        raise Inconclusive(msg("assets.review-no-listing", status=state))
    listed = [i.get("asset_id") for i in items if isinstance(i, dict) and isinstance(i.get("asset_id"), str)]
    judged = 0
    for asset_id in list(dict.fromkeys([*([probe] if probe else []), *listed]))[:MAX_ITEMS]:  # the probe first
        data, _ = served_body(api.get(s.registry.path(asset_id)))
        if not isinstance(data, dict) or not isinstance(data.get("content_rating"), dict):
            continue  # unrated (or unreadable: AS-REG's and AS-META's to judge)
        path = str(terms["reviews"]).replace("{asset_id}", quote(asset_id, safe=""))
        response = api.get(path)
        if not expect(evidence, schemas, response, {200}, msg("assets.step-reviews", asset=asset_id), rule):
            continue
        body = own_json(response, rule)
        where = response.requested
        if evidence.findings_from(schemas.findings(body, REVIEWS_SCHEMA), file=where, rule=rule):
            continue
        judged += 1
        yield asset_id, data, body["reviews"], where
    if not judged:
        raise Inconclusive(msg("assets.review-nothing-rated"))
    evidence.note(msg("assets.review-items-judged", count=judged, listed=len(items)))


def review_terms(api: Any, schemas: Any, evidence: Any) -> dict[str, Any] | None:
    """The declared content review, None (with findings) when it is not schema-valid."""
    terms = declared_terms(api, ("content_review",), "assets.review-no-terms")
    if evidence.findings_from(schemas.findings(terms, TERMS_SCHEMA), file=DISCOVERY, pointer="/content_review"):
        return None
    return terms


@pytest.mark.requirement("AS-REVIEW-001")
def test_published_rated_items_were_reviewed_before_publication(targets: Targets, schemas: SchemaRegistry,
                                                                evidence: Evidence, params: Parameters):
    api = targets["api"]
    terms = review_terms(api, schemas, evidence)
    if terms is None:
        return
    evidence.findings_from(declaration_findings(terms, DISCOVERY))
    s = Session(targets, params.identity_path)
    probe = issue_rated(s, evidence, s.ids[0], "reviewed", "12+", 12)  # one item published through the API
    for asset_id, _, records, where in rated_items(api, s, schemas, evidence, terms, probe):
        # the history is a set-up read: how it is served is AS-REG-001's, one not read leaves the item unjudged
        found = history_read(evidence, schemas, s.registry, asset_id)
        if found is None:
            continue
        first = found[1][0] if found[1] else {}
        evidence.findings_from(record_findings(records, terms, instant(first.get("time")), where))


@pytest.mark.requirement("AS-REVIEW-002")
def test_metadata_names_the_review_record_it_was_published_on(targets: Targets, schemas: SchemaRegistry,
                                                              evidence: Evidence, params: Parameters):
    api = targets["api"]
    # The declared content review is a set-up here: its schema is AS-REVIEW-001's to judge, and
    # terms that are not schema-valid leave this requirement unjudged, naming it.
    with needs(msg("assets.pre-review-terms"), "AS-REVIEW-001"):
        terms = review_terms(api, schemas, evidence)
    if terms is None:
        return
    s = Session(targets, params.identity_path)
    probe = issue_rated(s, evidence, s.ids[0], "named-review", "12+", 12)
    for asset_id, data, records, _ in rated_items(api, s, schemas, evidence, terms, probe, "R2"):
        where = s.registry.api.requested("GET", s.registry.path(asset_id))
        evidence.findings_from(named_record_findings(data, records, where))


@pytest.mark.requirement("AS-RATING-002")
def test_rated_content_is_withheld_from_excluded_age_bands(targets: Targets, schemas: SchemaRegistry,
                                                           evidence: Evidence, params: Parameters):
    s = Session(targets, params.identity_path)
    a, _ = s.ids
    with precondition(msg("shared.pre-minor-provisioned", path=params.identity_path, band=MINOR_BAND),
                      msg("shared.pre-fix-minor")):  # the identity is set-up; the age gate is what is judged
        minor, _ = minor_identity(targets["api"], params.identity_path)
    age = BAND_AGES[MINOR_BAND]
    above = issue_rated(s, evidence, a, "rated-16", "16+", 16)  # the band is below it: withheld
    below = issue_rated(s, evidence, a, "rated-8", "8+", 8)  # the band admits it: served
    expect(evidence, schemas, s.registry.call("GET", s.registry.path(above), minor), {403},
           msg("assets.step-rated-excluded", band=MINOR_BAND, age=16))
    expect(evidence, schemas, s.registry.call("GET", s.registry.path(below), minor), {200},
           msg("assets.step-rated-admitted", band=MINOR_BAND, age=8))
    expect(evidence, schemas, s.registry.call("GET", s.registry.path(above), a), {200},
           msg("assets.step-rated-holder", age=16))
    evidence.note(msg("assets.rating-gate-checked", band=MINOR_BAND, lowest=age))
