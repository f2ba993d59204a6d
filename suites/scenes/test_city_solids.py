"""Geometric validity of city models (ISO 19107 as val3dity judges it): polygons (SC-CITY-007),
shells (SC-CITY-008), solids (SC-CITY-009) and CompositeSolids (SC-CITY-012), level by level, a
level judged only where the level below it is valid (:mod:`conformance.areas.scenes.solids`); and the
solids of a Building and its BuildingParts at one LoD not overlapping (SC-CITY-013, val3dity's 601,
:mod:`conformance.areas.scenes.building_parts`)."""

from __future__ import annotations

import pytest

from conformance import NotApplicable, msg
from conformance.areas.scenes import building_parts, cityjson, intersections, solids

#: level -> the note saying how many primitives of that level were judged
LEVELS = {2: "scenes.solids-polygons-checked", 3: "scenes.solids-shells-checked", 4: "scenes.solids-solids-checked",
          5: "scenes.solids-composites-checked"}


def _judge(targets, evidence, tol: solids.Tolerances, level: int) -> None:
    judged = skipped = 0
    files = targets["city_models"]
    for model in cityjson.city_models(files):
        report = solids.shared_report(files, model.path, model.data, tol)
        evidence.findings_from(report.findings(level), file=model.name)
        judged += report.judged[level]
        skipped += report.skipped
    if judged == 0:
        raise NotApplicable(msg("scenes.no-city-composites" if level == 5 else "scenes.no-city-solids"))
    evidence.note(msg(LEVELS[level], count=judged, snap=tol.snap, planarity=tol.planarity))
    if skipped:
        evidence.note(msg("scenes.solids-skipped", count=skipped, limit=intersections.MAX_POLYGONS))


@pytest.mark.requirement("SC-CITY-007")
def test_city_polygons_valid(targets, evidence, params):
    tol = solids.Tolerances(snap=params.snap_tolerance_m, planarity=params.planarity_tolerance_m,
                           normals=params.planarity_normals_deg)
    _judge(targets, evidence, tol, 2)


@pytest.mark.requirement("SC-CITY-008")
def test_city_shells_valid(targets, evidence, params):
    tol = solids.Tolerances(snap=params.snap_tolerance_m, planarity=params.planarity_tolerance_m,
                           normals=params.planarity_normals_deg)
    _judge(targets, evidence, tol, 3)


@pytest.mark.requirement("SC-CITY-009")
def test_city_solids_valid(targets, evidence, params):
    tol = solids.Tolerances(snap=params.snap_tolerance_m, planarity=params.planarity_tolerance_m,
                           normals=params.planarity_normals_deg)
    _judge(targets, evidence, tol, 4)


@pytest.mark.requirement("SC-CITY-012")
def test_city_composite_solids_valid(targets, evidence, params):
    tol = solids.Tolerances(snap=params.snap_tolerance_m, planarity=params.planarity_tolerance_m,
                           normals=params.planarity_normals_deg)
    _judge(targets, evidence, tol, 5)


@pytest.mark.requirement("SC-CITY-013")
def test_city_building_parts_do_not_overlap(targets, evidence, params):
    tol = solids.Tolerances(snap=params.snap_tolerance_m, planarity=params.planarity_tolerance_m,
                           normals=params.planarity_normals_deg)
    judged = skipped = no_geometry = 0
    files = targets["city_models"]
    for model in cityjson.city_models(files):
        report = building_parts.validate(model.data, tol, overlap=params.overlap_tolerance_m,
                                         solid_report=solids.shared_report(files, model.path, model.data, tol))
        evidence.findings_from(report.findings(), file=model.name)
        judged, skipped = judged + report.judged, skipped + report.skipped
        no_geometry += report.no_geometry
    if no_geometry:
        evidence.note(msg("scenes.city-objects-without-geometry", count=no_geometry))
    if judged == 0:
        raise NotApplicable(msg("scenes.no-city-building-parts"))
    evidence.note(msg("scenes.building-parts-checked", count=judged, overlap=params.overlap_tolerance_m,
                      snap=tol.snap))
    if skipped:
        evidence.note(msg("scenes.building-parts-skipped", count=skipped, pairs=building_parts.MAX_PAIRS,
                          limit=intersections.MAX_POLYGONS))
