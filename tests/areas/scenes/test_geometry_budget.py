"""The city models' geometry budget through a run (issue 76): a model past the count
(``geometry_budget_polygons``) is inconclusive for SC-CITY-007 to -009, -012 and -013, the
evidence saying how many geometries were judged; the count itself is tested on
:func:`conformance.areas.scenes.solids.validate` in test_generate.py."""

from __future__ import annotations

import pytest

from conformance.areas.scenes import solids
from tests.conftest import manifest_for, verdict_and_evidence

REQUIREMENTS = ["SC-CITY-007", "SC-CITY-008", "SC-CITY-009", "SC-CITY-012", "SC-CITY-013"]


@pytest.mark.parametrize("requirement", REQUIREMENTS)
def test_a_model_past_the_count_is_inconclusive_saying_how_far(requirement, catalog, run_manifest, monkeypatch):
    counted, seen = solids.shared_report, []

    def small(files, path, data, tol, budget_polygons=None):
        seen.append(budget_polygons)  # the profile's default reaches the check
        short = solids.validate(data, tol).polygons - 1  # one polygon short of the whole model
        return counted(files, path, data, tol, short)

    monkeypatch.setattr(solids, "shared_report", small)
    result = run_manifest(manifest_for(catalog, "scene-cityjson"), requirements=[requirement])
    verdict, evidence = verdict_and_evidence(result, requirement)
    (record,) = [r for r in result.report.requirements if r.requirement == requirement]
    evidence = f"{record.message} {evidence}"
    assert verdict == "inconclusive", evidence
    assert seen and set(seen) == {10_000_000}
    assert " polygons: " in evidence and "geometries judged" in evidence, evidence
    assert "geometry_budget_polygons" in evidence, evidence


def test_the_reference_models_are_judged_in_full_at_the_default(catalog, run_manifest):
    result = run_manifest(manifest_for(catalog, "scene-cityjson"), requirements=["SC-CITY-007"])
    verdict, evidence = verdict_and_evidence(result, "SC-CITY-007")
    assert verdict == "pass" and "budget" not in evidence, evidence
