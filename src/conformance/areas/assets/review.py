"""Review records of published content (AS-REVIEW-001) and the age gate on rated content
(AS-RATING-002), docs/assets.md "Content review".

A platform that reviews content declares in its discovery document (``content_review``,
schemas/assets/review-terms.json) the rating scheme it rates by, the rules of that scheme
its reviewers apply, the vocabulary of outcomes (and which of them let an item be
published) and the path of an item's review records. Each published rated item's records
are judged by four rules, each a finding of its own:

- ``present``: the item has a record whose outcome lets it be published;
- ``before-publication``: such a record is dated at or before the item's publication (the
  time of the issue event of its history);
- ``outcome``: every record's outcome is one of the declared outcomes;
- ``rule``: every record names a rule the declared scheme has.

The declaration itself is judged too (``scheme``): the scheme is one the harness knows
(rating_schemes.yaml) and every declared rule stands for one of its rating labels.
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from conformance import Finding, msg, precondition
from conformance.areas._shared.registry import Identity, Session, metadata

from .rating import schemes

if TYPE_CHECKING:
    from conformance import Evidence
    from conformance.area import JsonArray, JsonObject, JsonValue

TERMS_SCHEMA = "https://metaverse-conformance.org/schemas/assets/review-terms.json"
REVIEWS_SCHEMA = "https://metaverse-conformance.org/schemas/assets/content-reviews.json"


def instant(value: JsonValue) -> datetime | None:
    """An RFC 3339 date-time with its offset, else None."""
    if not isinstance(value, str):
        return None
    try:
        parsed = datetime.fromisoformat(value.replace("z", "Z"))
    except ValueError:
        return None
    return parsed if parsed.tzinfo is not None else None


def declaration_findings(terms: JsonObject, file: str) -> list[Finding]:
    """The declared scheme is known and each declared rule stands for one of its labels."""
    scheme = schemes().get(str(terms.get("scheme")))
    if scheme is None:
        return [Finding.of(msg("assets.review-scheme-unknown", scheme=repr(terms.get("scheme"))), file=file,
                           pointer="/content_review/scheme", expected=sorted(schemes()), actual=terms.get("scheme"),
                           check="scheme")]
    return [Finding.of(msg("assets.review-rule-not-in-scheme", rule=repr(r.get("id")), rating=repr(r.get("rating")),
                           scheme=scheme.id), file=file, pointer=f"/content_review/rules/{i}/rating",
                       expected=list(scheme.ratings), actual=r.get("rating"), check="scheme")
            for i, r in enumerate(_array(terms.get("rules"))) if isinstance(r, dict) and r.get("rating")
            not in scheme.ratings]


def _array(value: JsonValue) -> JsonArray:
    """A member that should be an array, as one (empty when it is not: the schema reports it)."""
    return value if isinstance(value, list) else []


def record_findings(records: JsonArray, terms: JsonObject, published: datetime | None, file: str
                    ) -> list[Finding]:
    """The findings of one rated item's review records (``published``: its publication time); AS-REVIEW-001
    defines no rules, so each names what it checked in its ``extra`` ``check``."""
    outcomes = {o for o in _array(terms.get("outcomes")) if isinstance(o, str)}
    publishing = {o for o in _array(terms.get("publishing_outcomes")) if isinstance(o, str)}
    rules = {r.get("id") for r in _array(terms.get("rules")) if isinstance(r, dict)}
    found: list[Finding] = []
    approvals: list[datetime] = []
    for index, record in enumerate(records):
        if not isinstance(record, dict):
            continue
        if record.get("outcome") not in outcomes:
            found.append(Finding.of(msg("assets.review-outcome-undeclared", outcome=repr(record.get("outcome"))),
                                    file=file, pointer=f"/reviews/{index}/outcome", expected=sorted(outcomes),
                                    actual=record.get("outcome"), check="outcome"))
        if record.get("rule") not in rules:
            found.append(Finding.of(msg("assets.review-rule-undeclared", rule=repr(record.get("rule")),
                                        scheme=terms.get("scheme")),
                                    file=file, pointer=f"/reviews/{index}/rule", expected=sorted(map(str, rules)),
                                    actual=record.get("rule"), check="rule"))
        when = instant(record.get("time"))
        if record.get("outcome") in publishing and when is not None:
            approvals.append(when)
    if not approvals:
        found.append(Finding.of(msg("assets.review-missing"), file=file, pointer="/reviews",
                                expected=msg("assets.expect-review", outcomes=", ".join(sorted(publishing))),
                                actual=[r.get("outcome") if isinstance(r, dict) else r for r in records],
                                check="present"))
    elif published is not None and min(approvals) > published:
        found.append(Finding.of(msg("assets.review-after-publication", published=published.isoformat()),
                                file=file, pointer="/reviews", expected=f"<= {published.isoformat()}",
                                actual=min(approvals).isoformat(), check="before-publication"))
    return found


def named_record_findings(data: JsonObject, records: JsonArray, file: str) -> list[Finding]:
    """AS-REVIEW-002: a rated item's metadata names its review record (``content_review.review_id``,
    R1) and agrees with that record on each of outcome and rule it gives (R2)."""
    given = data.get("content_review")
    named: JsonObject = given if isinstance(given, dict) else {}
    review_id = named.get("review_id")
    if not isinstance(review_id, str) or not review_id:
        return [Finding.of(msg("assets.review-not-named"), file=file, pointer="/content_review/review_id",
                           expected=msg("assets.expect-review-id"), actual=given, rule="R1")]
    by_id = {r.get("review_id"): r for r in records if isinstance(r, dict)}
    record = by_id.get(review_id)
    if record is None:
        return [Finding.of(msg("assets.review-named-absent", review=repr(review_id)), file=file,
                           pointer="/content_review/review_id", expected=sorted(map(str, by_id)), actual=review_id,
                           rule="R2")]
    return [Finding.of(msg("assets.review-named-disagrees", member=member, review=repr(review_id)), file=file,
                       pointer=f"/content_review/{member}", expected=record.get(member), actual=named[member],
                       rule="R2")
            for member in ("outcome", "rule") if member in named and named[member] != record.get(member)]


def issue_rated(s: Session, evidence: Evidence, who: Identity, label: str, rating: str, age: int) -> str:
    """A probe asset rated ``rating`` (CADPA) for ages ``age`` and over; its ID. Issuing it is a
    set-up step, as every probe asset's is (Session.issue): refused, the test is inconclusive
    naming it, never failed (issuance is AS-REG-001's to judge)."""
    asset_id = s.new_id(label)
    data = metadata(asset_id, who.did)
    data["content_rating"] = {"system": "CADPA", "rating": rating, "min_age": age}
    with precondition(msg("shared.pre-issued", asset=asset_id, who=who.name), msg("shared.pre-fix-issue")):
        response = s.registry.issue(who, data)
        if response.status != 201:
            evidence.finding(msg("shared.issue-refused", asset=asset_id, who=who.name, status=response.status),
                             file=response.requested, expected=201, actual=response.status)
    return asset_id
