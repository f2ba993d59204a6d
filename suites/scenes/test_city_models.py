"""City information models (CityJSON 2.0) and building information models (IFC): the official
CityJSON schemas and the rules the CityJSON specification states beyond them; the IFC header,
IfcOpenShell's schema and where-rule validation (optional: inconclusive, naming its install
command, where it is absent), the georeference that places a building in a city twin, and the
programme's IDS information requirements (ifctester)."""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from conformance import Evidence, Inconclusive, NotApplicable, NotRun, Targets, msg
from conformance.area import opened, readable
from conformance.areas.scenes import (
    citygml,
    citygml_schema,
    cityjson,
    cityjson_schema,
    ids,
    ifc,
    ifc_psets,
    ifc_scope,
    ifc_values,
    ifc_views,
)

if TYPE_CHECKING:  # for annotations only: the target protocols load httpx, which a run over files need not
    from conformance import FileTarget, Finding
    from conformance.areas.scenes.cityjson_lean import CityDocument
    from conformance.areas.scenes.ifc_types import Model


@pytest.mark.requirement("SC-CITY-001")
def test_cityjson_schema(targets: Targets, evidence: Evidence) -> None:
    found = cityjson.city_models(targets["city_models"])
    for model in found:
        evidence.findings_from(cityjson_schema.schema_findings(model.data), file=model.name)
    evidence.note(msg("scenes.city-models-checked", count=len(found), version="2.0.2"))


@pytest.mark.requirement("SC-CITY-002")
def test_cityjson_vertex_indices(targets: Targets, evidence: Evidence) -> None:
    geometries = 0
    for model in cityjson.city_models(targets["city_models"]):
        geometries += sum(1 for _ in cityjson.geometries(model.data))
        evidence.findings_from(cityjson.vertex_indices(model.data), file=model.name)
    if geometries == 0:
        raise NotApplicable(msg("scenes.no-city-geometry"))
    evidence.note(msg("scenes.cityjson-vertices-checked", count=geometries))


@pytest.mark.requirement("SC-CITY-003")
def test_cityjson_parent_child_links(targets: Targets, evidence: Evidence) -> None:
    count = 0
    for model in cityjson.city_models(targets["city_models"]):
        count += sum(len(obj.get("children") or []) + len(obj.get("parents") or [])
                     for obj in cityjson.city_objects(model.data).values() if isinstance(obj, dict))
        evidence.findings_from(cityjson.links(model.data), file=model.name)
    if count == 0:
        raise NotApplicable(msg("scenes.no-city-links"))
    evidence.note(msg("scenes.cityjson-links-checked", count=count))


def _judge_counted(targets: Targets, evidence: Evidence, check: Callable[[CityDocument], tuple[list[Finding], int]],
                   nothing: str, checked: str, unplaced: str | None = None) -> None:
    """Record ``check(model) -> (findings, judged)`` over every city model; ``unplaced``: the
    message recording a model not judged whose extents its vertices cannot place
    (:func:`cityjson.unplaced`); not applicable when it judged nothing and left nothing unjudged."""
    judged = unjudged = 0
    for model in cityjson.city_models(targets["city_models"]):
        found, count = check(model.data)
        evidence.findings_from(found, file=model.name)
        judged += count
        if unplaced and cityjson.unplaced(model.data):
            evidence.unjudged(model.name, msg(unplaced))
            unjudged += 1
    if judged == 0 and not unjudged:
        raise NotApplicable(msg(nothing))
    evidence.note(msg(checked, count=judged))


@pytest.mark.requirement("SC-CITY-004")
def test_cityjson_extents_hold_the_vertices(targets: Targets, evidence: Evidence) -> None:
    _judge_counted(targets, evidence, cityjson.extents, "scenes.no-city-extent", "scenes.cityjson-extents-checked",
                   unplaced="scenes.city-extent-unplaced")


@pytest.mark.requirement("SC-CITY-005")
def test_cityjson_reference_system(targets: Targets, evidence: Evidence) -> None:
    for model in cityjson.city_models(targets["city_models"]):
        found, crs = cityjson.reference_system(model.data)
        evidence.findings_from(found, file=model.name)
        if crs is not None:
            evidence.note(msg("scenes.cityjson-crs", crs=crs), file=model.name)


@pytest.mark.requirement("SC-CITY-006")
def test_cityjson_lods(targets: Targets, evidence: Evidence) -> None:
    _judge_counted(targets, evidence, cityjson.lods, "scenes.no-city-geometry", "scenes.cityjson-lods-checked")


@pytest.mark.requirement("SC-BIM-001")
def test_ifc_header(targets: Targets, evidence: Evidence) -> None:
    files = targets["bim_models"]
    schemas = []
    unread = 0
    for item in ifc.ifc_files(files):
        head = ifc.head(files, item.path)
        if head is None:  # refused by the test equipment: left unjudged
            continue
        found, schema = ifc.header(head)
        evidence.findings_from(found, file=item.name)
        if not schema:
            continue
        schemas.append(schema)
        try:  # R3: the data section parses (the model the other requirements judge, read once a run)
            ifc.run_model(files, item.path)
        except ifc.NotStep as exc:
            evidence.findings_from(ifc.syntax_findings(exc), file=item.name)
        except ifc.NotInstalled:
            unread += 1
        except ValueError:
            pass  # read but not as a model (a schema the reader lacks): the model's requirements say so
    evidence.note(msg("scenes.ifc-headers-checked", count=len(schemas), schemas=", ".join(sorted(set(schemas)))))
    if unread and not evidence.findings_count:  # R3 not run: 6.1's 未执行, an error of the run (sixty-fifth reading, c2)
        raise NotRun(msg("scenes.ifc-syntax-not-read", command=ifc.INSTALL))


def _models(files: FileTarget, evidence: Evidence,
            only: Collection[Path] | None = None) -> Iterator[tuple[ifc.IfcFile, Model]]:
    """(IfcFile, model) of every .ifc file (of those whose paths are in ``only``, where given)
    IfcOpenShell reads. A file it cannot read (IfcOpenShell reads any file whose header names a
    schema it has: a header it cannot read is SC-BIM-001's finding), or one the test equipment
    refuses to read (over ``max_file_bytes``, not a regular file, a link outside its folder), is a
    member of the set not judged: without another finding the verdict is inconclusive, never a fail
    of the model. Without IfcOpenShell no model is read: the case is not run (an error of the run)."""
    found = [item for item in ifc.ifc_files(files) if only is None or item.path in only]
    try:
        ifc.version()
    except ifc.NotInstalled as exc:  # the case is not run (6.1), not a verdict (sixty-fifth reading, c2)
        raise ifc.not_run(exc) from None
    for item in found:
        try:
            model = ifc.run_model(files, item.path)
        except ifc.NotStep as exc:
            evidence.unjudged(item.name, msg("scenes.ifc-not-parsed", error=str(exc)[:240]))
        except ValueError as exc:
            evidence.unjudged(item.name, msg("scenes.ifc-unreadable", error=str(exc)[:240]))
        else:
            if model is not None:  # None: refused by the test equipment, left unjudged
                yield item, model


@pytest.mark.requirement("SC-BIM-002")
def test_ifc_schema_valid(targets: Targets, evidence: Evidence) -> None:
    count = 0
    for item, model in _models(targets["bim_models"], evidence):
        count += 1
        evidence.findings_from(ifc.schema_issues(model), file=item.name)
    evidence.note(msg("scenes.ifc-validated", count=count, version=ifc.version()))


@pytest.mark.requirement("SC-BIM-003")
def test_ifc_georeferenced(targets: Targets, evidence: Evidence) -> None:
    for item, model in _models(targets["bim_models"], evidence):
        found, crs = ifc.georeference(model)
        evidence.findings_from(found, file=item.name)
        if not found:
            evidence.note(msg("scenes.ifc-georeferenced", crs=crs), file=item.name)


@pytest.mark.requirement("SC-BIM-004")
def test_ifc_information_requirements(targets: Targets, evidence: Evidence) -> None:
    if ids.ROLE not in targets:
        raise NotApplicable(msg("scenes.no-ids"))
    documents = [(item, ids.load(item)) for item in ids.ids_files(targets[ids.ROLE])]
    if not documents:
        raise NotApplicable(msg("scenes.no-ids"))
    count = 0
    for item, model in _models(targets["bim_models"], evidence):
        count += 1
        for document_file, document in documents:
            found, _ = ids.audit(document, model, document_file.name)
            evidence.findings_from(found, file=item.name)
    total = sum(len(document.specifications) for _, document in documents)
    evidence.note(msg("scenes.ids-checked", count=count, specs=total, files=len(documents)))


@pytest.mark.requirement("SC-BIM-005")
def test_ifc_model_view_declared(targets: Targets, evidence: Evidence) -> None:
    files = targets["bim_models"]
    views: list[str] = []
    for item in ifc.ifc_files(files):
        data = ifc.head(files, item.path)
        if data is None:  # refused by the test equipment: left unjudged
            continue
        _, schema = ifc.header(data)
        if schema is None:
            continue  # SC-BIM-001's finding: without an official schema no view can be judged
        found, named = ifc_views.view_findings(data, schema)
        evidence.findings_from(found, file=item.name)
        views.extend(f"{schema} {name}" for name in named)
    evidence.note(msg("scenes.ifc-views-checked", count=len(views), views=", ".join(sorted(set(views))) or "-"))


@pytest.mark.requirement("SC-BIM-006")
def test_ifc_reference_view_geometry(targets: Targets, evidence: Evidence) -> None:
    files = targets["bim_models"]
    declaring = {item.path for item in ifc.ifc_files(files)
                 if (head := ifc.head(files, item.path)) is not None and ifc_views.declares_reference_view(head)}
    if not declaring:
        raise NotApplicable(msg("scenes.no-reference-view"))
    count = 0
    for item, model in _models(files, evidence, only=declaring):
        count += 1
        evidence.findings_from(ifc_views.reference_view_geometry(model), file=item.name)
    evidence.note(msg("scenes.ifc-reference-view-checked", count=count))


def _declaring(files: FileTarget, view: str, schema: str) -> set[Path]:
    """The paths of the .ifc files whose header names ``schema`` and declares ``view``."""
    paths = set()
    for item in ifc.ifc_files(files):
        data = ifc.head(files, item.path)
        if data is None:  # refused by the test equipment: left unjudged
            continue
        declared = {ifc_views.base_name(v).lower() for v in ifc_views.declared_views(data) or []}
        if ifc.header(data)[1] == schema and view.lower() in declared:  # as SC-BIM-005 compares names
            paths.add(item.path)
    return paths


def _judge_reference_view_models(targets: Targets, evidence: Evidence, judge: Callable[[Model], list[Finding]]) -> int:

    """``judge(model)``'s findings on each file declaring the IFC4 Reference View; how many
    files were judged. Not applicable where no file declares the view."""
    files = targets["bim_models"]
    declaring = _declaring(files, "ReferenceView", ifc_scope.reference_view()["schema"])
    if not declaring:
        raise NotApplicable(msg("scenes.no-ifc4-reference-view"))
    count = 0
    for item, model in _models(files, evidence, only=declaring):
        count += 1
        evidence.findings_from(judge(model), file=item.name)
    return count


@pytest.mark.requirement("SC-BIM-007")
def test_ifc_reference_view_entity_scope(targets: Targets, evidence: Evidence) -> None:
    count = _judge_reference_view_models(targets, evidence, ifc_scope.entity_scope)
    evidence.note(msg("scenes.ifc-view-scope-checked", count=count, entities=len(ifc_scope.reference_view()["scope"])))


@pytest.mark.requirement("SC-BIM-008")
def test_ifc_standard_property_sets(targets: Targets, evidence: Evidence) -> None:
    files = targets["bim_models"]
    reference = _declaring(files, "ReferenceView", ifc_scope.reference_view()["schema"])
    count = sets = 0
    for item, model in _models(files, evidence):
        count += 1
        sets += len(ifc_psets.assignments(model))
        evidence.findings_from(ifc_psets.standard_sets(model), file=item.name)
        if item.path in reference:
            evidence.findings_from(ifc_psets.reference_view_sets(model), file=item.name)
    evidence.note(msg("scenes.ifc-psets-checked", count=count, sets=sets))


@pytest.mark.requirement("SC-BIM-009")
def test_ifc_view_geometry(targets: Targets, evidence: Evidence) -> None:
    files = targets["bim_models"]
    reference = _declaring(files, "ReferenceView", ifc_scope.reference_view()["schema"])
    coordination = _declaring(files, "CoordinationView", "IFC2X3")
    if not reference and not coordination:
        raise NotApplicable(msg("scenes.no-view-geometry"))
    for item, model in _models(files, evidence, only=reference | coordination):
        found = ifc_scope.reference_view_body(model) + ifc_scope.reference_view_representation_types(model) \
            if item.path in reference else \
            ifc_scope.coordination_view_geometry(model)
        evidence.findings_from(found, file=item.name)
    evidence.note(msg("scenes.ifc-view-geometry-checked", rv=len(reference), cv=len(coordination)))


@pytest.mark.requirement("SC-BIM-010")
def test_ifc_reference_view_attribute_values(targets: Targets, evidence: Evidence) -> None:
    count = _judge_reference_view_models(targets, evidence, ifc_values.attribute_values)
    evidence.note(msg("scenes.ifc-rv-values-checked", count=count, templates=len(ifc_values.EVALUATORS)))


@pytest.mark.requirement("SC-CITY-010")
def test_citygml_encoding(targets: Targets, evidence: Evidence) -> None:
    files = targets["citygml_models"]
    read = ids_count = local = other = 0
    for path, name in citygml.citygml_files(files):
        stream = opened(files, path)
        if stream is None:  # refused by the test equipment: left unjudged
            continue
        with stream:  # read element by element, never whole (issue 48)
            judged = citygml.judge_stream(stream)
        evidence.findings_from(judged.findings, file=name)
        read += 1
        ids_count, local, other = ids_count + judged.ids, local + judged.local_links, other + judged.other_links
    evidence.note(msg("scenes.citygml-checked", files=read, ids=ids_count, local=local, other=other))


@pytest.mark.requirement("SC-CITY-011")
def test_citygml_schema_valid(targets: Targets, evidence: Evidence) -> None:
    files = targets["citygml_models"]
    validated = skipped = unjudged = 0
    for path, name in citygml.citygml_files(files):
        body = readable(files, path)
        if body is None:  # refused by the test equipment: left unjudged
            continue
        tree, why = citygml.citygml_3_read(body)
        if tree is None:  # SC-CITY-010's finding
            skipped += 1
            if why != "other":  # it may be a CityGML 3.0 file, not validated: a member not judged
                unjudged += 1
                evidence.unjudged(name, msg("scenes.citygml-unvalidated-syntax") if why == "syntax"
                                  else msg("scenes.citygml-unvalidated-doctype"))
            continue
        evidence.findings_from(citygml_schema.findings(tree), file=name)
        validated += 1
    if not validated:
        if unjudged:
            raise Inconclusive(msg("scenes.no-citygml-3"))
        raise NotApplicable(msg("scenes.no-citygml-3"))
    evidence.note(msg("scenes.citygml-schema-checked", files=validated, skipped=skipped))
