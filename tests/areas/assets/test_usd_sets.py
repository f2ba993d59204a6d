"""Issue 59: a USD requirement over several stages passes only when each was judged. A stage
the harness refuses to compose (it reaches outside its folder: the harness's own boundary, no
defect of the file, issue 62) is a stage never judged, by AS-USD-001 as by the other USD
requirements, so beside a good stage the set is inconclusive, naming it."""

from __future__ import annotations

import pytest

from conformance import Verdict
from conformance.areas._shared import openusd
from conformance.reference import SAMPLES
from tests.conftest import manifest_for

GOOD = str(SAMPLES / "usd_assets" / "crate.usda")
BROKEN = "usd/outside/escapes-folder.usda"  # suites/assets/fixtures/: refused, it reaches outside its folder


@pytest.mark.slow
@pytest.mark.skipif(not openusd.available(), reason="needs the extra usd (usd-core)")
def test_a_stage_that_does_not_compose_leaves_the_other_requirements_undecided(catalog, run_manifest):
    manifest = manifest_for(catalog, "asset-usd", files={"usd_assets": [GOOD, BROKEN]})
    result = run_manifest(manifest, requirements=["AS-USD-001", "AS-USD-009"])
    found = {r.requirement: r for r in result.report.requirements}
    for requirement in ("AS-USD-001", "AS-USD-009"):
        assert found[requirement].verdict is Verdict.INCONCLUSIVE, found[requirement].message
        assert "escapes-folder.usda" in found[requirement].message
