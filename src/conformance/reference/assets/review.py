"""The reference's content review and age gate: review records of rated assets, and rated
content withheld from identities whose age band the rating excludes (docs/assets.md,
"Content review", "Minors").

Every asset whose metadata carries a ``content_rating`` was reviewed before it was issued
(published): ``GET /assets/{asset_id}/reviews`` answers its records, each naming the
reviewer (a DID), the time (RFC 3339), the outcome (from the declared vocabulary) and the
rule applied (one of the declared rating scheme's rules). The declaration is the discovery
document's ``content_review`` (:data:`TERMS`). ``GET /assets/{asset_id}`` as an identity whose
declared age band lies below the rating's minimum age answers 403.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from .ledger import Asset, Refused

DEFECTS: dict[str, str] = {
    "review-missing": "rated assets issued through the API have no review record",
    "review-after-publication": "review records are dated a minute after the asset's publication",
    "review-outcome-undeclared": "review records give the outcome 'ok', not one of the declared outcomes",
    "review-rule-undeclared": "review records name the rule 'CADPA-18+', which the declared scheme does not have",
    "rating-served-to-minors": "rated content is served to identities whose age band the rating excludes",
    "rating-birth-date-ignored": "the age gate reads only the age band a user declares, not the birth date its "
                                "real-name verification gave",
    "rating-withheld-from-admitted": "rated content is withheld from every minor, also from bands the rating admits",
    "review-not-in-metadata": "the metadata of rated assets does not name their review record",
    "review-metadata-disagrees": "the metadata of rated assets names an outcome its review record does not give",
    "review-terms-malformed": "the declared content review gives its outcomes as one string, not a list",
}
SCHEME = "CADPA"
REVIEWER = "did:web:assets.reference.example:reviewers:r1"
#: The declared review vocabulary and the rating scheme's rules (the discovery document's content_review).
TERMS: dict[str, Any] = {
    "scheme": SCHEME,
    "outcomes": ["approved", "approved-with-restrictions", "rejected"],
    "publishing_outcomes": ["approved", "approved-with-restrictions"],
    "rules": [{"id": f"CADPA-{label}", "rating": label} for label in ("8+", "12+", "16+")],
    "reviews": "/assets/{asset_id}/reviews",
}
_AGES = {"8+": 8, "12+": 12, "16+": 16}


def terms(defects: frozenset[str] | set[str]) -> dict[str, Any]:
    """The content review the discovery document declares (:data:`TERMS`, or the planted
    ``review-terms-malformed`` declaration the review-terms schema refuses)."""
    if "review-terms-malformed" in defects:
        return {**TERMS, "outcomes": "approved"}
    return TERMS


def min_age(asset: Asset) -> int | None:
    """The minimum age the asset's rating stands for (its min_age, else its label's), None if unrated."""
    rating = asset.metadata.get("content_rating")
    if not isinstance(rating, dict):
        return None
    if isinstance(rating.get("min_age"), int):
        return int(rating["min_age"])
    return _AGES.get(str(rating.get("rating")), 0)


def _rule(asset: Asset) -> str:
    """The scheme's rule the rating follows: the label itself, else the lowest label covering min_age."""
    rating = asset.metadata.get("content_rating") or {}
    if rating.get("system") == SCHEME and rating.get("rating") in _AGES:
        return f"CADPA-{rating['rating']}"
    age = min_age(asset) or 0
    return f"CADPA-{next((label for label, a in _AGES.items() if a >= age), '16+')}"


def reviews(asset: Asset, defects: frozenset[str], issued_by_api: bool) -> list[dict[str, Any]]:
    """The review records of an asset (none when it is unrated)."""
    if min_age(asset) is None or not asset.events or ("review-missing" in defects and issued_by_api):
        return []
    published = datetime.fromisoformat(asset.events[0]["time"].replace("Z", "+00:00"))
    offset = timedelta(minutes=1) if "review-after-publication" in defects else timedelta(hours=-1)
    time = (published + offset).isoformat().replace("+00:00", "Z")
    outcome = "ok" if "review-outcome-undeclared" in defects else "approved"
    rule = "CADPA-18+" if "review-rule-undeclared" in defects else _rule(asset)
    return [{"review_id": f"rev-{asset.metadata['asset_id']}-1", "reviewer": REVIEWER, "time": time,
             "outcome": outcome, "rule": rule}]


def in_metadata(records: list[dict[str, Any]], defects: frozenset[str]) -> dict[str, Any] | None:
    """The ``content_review`` member of a rated asset's metadata: the review record it was published
    on (its ID, outcome and rule), None when it has none."""
    if not records or "review-not-in-metadata" in defects:
        return None
    named = {key: records[-1][key] for key in ("review_id", "outcome", "rule")}
    if "review-metadata-disagrees" in defects:
        named["outcome"] = "approved-with-restrictions"
    return named


def gate(asset: Asset, band_age: int | None, defects: frozenset[str]) -> None:
    """Refuses (403) an identity whose age band the asset's rating excludes; ``band_age`` is the
    lowest age of the caller's declared band (None: no identity, or no band declared)."""
    needed = min_age(asset)
    if band_age is None or needed is None or band_age >= 18:
        return
    excluded = band_age < needed
    if "rating-served-to-minors" in defects:
        excluded = False
    if "rating-withheld-from-admitted" in defects and needed > 0:
        excluded = True
    if excluded:
        raise Refused(403, "age-restricted", f"the content is rated for ages {needed} and over; the identity's "
                                             "age band is below it")
