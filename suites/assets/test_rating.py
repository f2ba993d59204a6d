"""Content ratings valid in their declared scheme (AS-RATING-001): the scheme is one the
platform names (profile parameter rating_systems), the label is one of the scheme's, min_age
is the label's age, and descriptors come from the scheme's vocabulary."""

import pytest

from conformance import Evidence, NotApplicable, Parameters, Targets, msg
from conformance.areas.assets import rating


@pytest.mark.requirement("AS-RATING-001")
def test_ratings_are_valid_in_their_scheme(targets: Targets, evidence: Evidence, params: Parameters):
    accepted = list(params.rating_systems)
    rated = 0
    for doc in targets["asset_metadata"].documents():
        if isinstance(doc.data, dict) and isinstance(doc.data.get("content_rating"), dict):
            rated += 1
            evidence.findings_from(rating.rating_findings(doc.data, accepted), file=doc.name)
    if not rated and not evidence.findings_count:
        raise NotApplicable(msg("assets.rating-none"))
    evidence.note(msg("assets.rating-checked", count=rated, systems=", ".join(accepted)))
