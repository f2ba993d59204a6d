"""Geometric validity of city models (ISO 19107 as val3dity judges it): polygons (SC-CITY-007),
shells (SC-CITY-008), solids (SC-CITY-009) and CompositeSolids (SC-CITY-012), level by level, a
level judged only where the level below it is valid (:mod:`conformance.areas.scenes.solids`); and the
solids of a Building and its BuildingParts at one LoD not overlapping (SC-CITY-013, val3dity's 601,
:mod:`conformance.areas.scenes.building_parts`)."""

from __future__ import annotations

import pytest

from conformance import Evidence, Inconclusive, NotApplicable, Parameters, Targets, msg
from conformance.areas.scenes import building_parts, cityjson, intersections, solids, val3dity

#: level -> the geometry types whose primitives are members of that level's set
MEMBERS = {2: {"MultiSurface", "CompositeSurface", "Solid", "MultiSolid", "CompositeSolid"},
           3: {"Solid", "MultiSolid", "CompositeSolid"}, 4: {"Solid", "MultiSolid", "CompositeSolid"},
           5: {"CompositeSolid"}}
#: level -> the note saying how many primitives of that level were judged
LEVELS = {2: "scenes.solids-polygons-checked", 3: "scenes.solids-shells-checked", 4: "scenes.solids-solids-checked",
          5: "scenes.solids-composites-checked"}


def _stopped(evidence: Evidence, stopped: list[tuple[str, val3dity.Report]]) -> None:
    """Models whose geometric validation reached its budget (geometry_budget_polygons, a count of
    polygons, the same on every machine): noted, and without a finding the verdict is
    inconclusive, saying how far it came and what to do."""
    for name, report in stopped:
        text = msg("scenes.solids-budget", budget=report.budget_polygons, judged=report.geometries_judged,
                   total=report.geometries, last=report.last or "-")
        if not evidence.findings_count:
            raise Inconclusive(text)
        evidence.note(text, file=name)


def _judge(targets: Targets, evidence: Evidence, tol: solids.Tolerances, level: int, budget_polygons: int) -> None:
    judged = 0
    files = targets["city_models"]
    stopped = []
    for model in cityjson.city_models(files):
        report = solids.shared_report(files, model.path, model.data, tol, budget_polygons)
        evidence.findings_from(report.findings(level), file=model.name)
        judged += report.judged[level]
        skipped = report.skipped_at[level]
        if skipped:  # a member of the set not judged: without a finding the verdict is inconclusive
            evidence.unjudged(model.name, msg("scenes.solids-skipped", count=len(skipped),
                                              limit=intersections.MAX_POLYGONS, first=skipped[0]))
        malformed = [pointer for pointer, kind in report.malformed if kind in MEMBERS[level]]
        if malformed:  # SC-CITY-002's finding: boundaries no level could read, so not judged here
            evidence.unjudged(model.name, msg("scenes.solids-malformed", count=len(malformed), first=malformed[0]))
        invalid = report.invalid_at.get(level)
        if invalid:  # another level's finding, left unjudged here: inconclusive, not "not applicable" (as SC-CITY-013)
            evidence.unjudged(model.name, msg("scenes.solids-below-invalid", count=len(invalid), first=invalid[0]))
        if cityjson.unplaced(model.data, tol.snap):  # no geometry of it judged: not judged, never passed over
            evidence.unjudged(model.name, msg("scenes.city-vertices-unplaced"))
        if report.stopped:
            stopped.append((model.name, report))
    _stopped(evidence, stopped)
    # nothing judged is not applicable only when nothing was left unjudged either (one state, one
    # verdict: malformed or skipped geometries make it inconclusive, as step 3 says)
    if judged == 0 and not evidence.unjudged_inputs:
        raise NotApplicable(msg("scenes.no-city-composites" if level == 5 else "scenes.no-city-solids"))
    evidence.note(msg(LEVELS[level], count=judged, snap=tol.snap, planarity=tol.planarity))


@pytest.mark.requirement("SC-CITY-007")
def test_city_polygons_valid(targets: Targets, evidence: Evidence, params: Parameters) -> None:
    tol = solids.Tolerances(snap=params.snap_tolerance_m, planarity=params.planarity_tolerance_m,
                           normals=params.planarity_normals_deg)
    _judge(targets, evidence, tol, 2, params.geometry_budget_polygons)


@pytest.mark.requirement("SC-CITY-008")
def test_city_shells_valid(targets: Targets, evidence: Evidence, params: Parameters) -> None:
    tol = solids.Tolerances(snap=params.snap_tolerance_m, planarity=params.planarity_tolerance_m,
                           normals=params.planarity_normals_deg)
    _judge(targets, evidence, tol, 3, params.geometry_budget_polygons)


@pytest.mark.requirement("SC-CITY-009")
def test_city_solids_valid(targets: Targets, evidence: Evidence, params: Parameters) -> None:
    tol = solids.Tolerances(snap=params.snap_tolerance_m, planarity=params.planarity_tolerance_m,
                           normals=params.planarity_normals_deg)
    _judge(targets, evidence, tol, 4, params.geometry_budget_polygons)


@pytest.mark.requirement("SC-CITY-012")
def test_city_composite_solids_valid(targets: Targets, evidence: Evidence, params: Parameters) -> None:
    tol = solids.Tolerances(snap=params.snap_tolerance_m, planarity=params.planarity_tolerance_m,
                           normals=params.planarity_normals_deg)
    _judge(targets, evidence, tol, 5, params.geometry_budget_polygons)


@pytest.mark.requirement("SC-CITY-013")
def test_city_building_parts_do_not_overlap(targets: Targets, evidence: Evidence, params: Parameters) -> None:
    tol = solids.Tolerances(snap=params.snap_tolerance_m, planarity=params.planarity_tolerance_m,
                           normals=params.planarity_normals_deg)
    judged = no_geometry = 0
    files = targets["city_models"]
    stopped = []
    for model in cityjson.city_models(files):
        solid_report = solids.shared_report(files, model.path, model.data, tol, params.geometry_budget_polygons)
        if solid_report.stopped:  # the geometries past the budget are not judged (as _judge above)
            stopped.append((model.name, solid_report))
        # the Buildings judged before the cut are compared; those with a geometry past it are not
        report = building_parts.validate(model.data, tol, overlap=params.overlap_tolerance_m, solid_report=solid_report)
        if report.past_budget_at:
            evidence.unjudged(model.name, msg("scenes.building-parts-past-budget", count=len(report.past_budget_at),
                                              budget=solid_report.budget_polygons, first=report.past_budget_at[0]))
        evidence.findings_from(report.findings(), file=model.name)
        judged += report.judged
        no_geometry += report.no_geometry
        if report.skipped_at:  # Buildings whose solids were not all compared: not judged
            evidence.unjudged(model.name, msg("scenes.building-parts-skipped", count=report.skipped,
                                              pairs=building_parts.MAX_PAIRS, limit=intersections.MAX_POLYGONS,
                                              first=report.skipped_at[0]))
        if report.invalid_at:  # another case's finding: these Buildings are not judged here
            evidence.unjudged(model.name, msg("scenes.building-parts-invalid", count=len(report.invalid_at),
                                              first=report.invalid_at[0]))
        if cityjson.unplaced(model.data, tol.snap):  # no Building of it judged (as _judge above)
            evidence.unjudged(model.name, msg("scenes.city-vertices-unplaced"))
    _stopped(evidence, stopped)
    if no_geometry:
        evidence.note(msg("scenes.city-objects-without-geometry", count=no_geometry))
    if judged == 0 and not evidence.unjudged_inputs:  # one state, one verdict (as _judge above)
        raise NotApplicable(msg("scenes.no-city-building-parts"))
    evidence.note(msg("scenes.building-parts-checked", count=judged, overlap=params.overlap_tolerance_m,
                      snap=tol.snap))
