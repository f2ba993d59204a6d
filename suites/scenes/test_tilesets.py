"""3D Tiles 1.1 tilesets: structure, bounding-volume coherence, geometric error, content
references, glTF content (the assets area's Khronos glTF-Validator) and the official CesiumGS
3d-tiles-validator (optional: inconclusive, naming its install command, where it is absent)."""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from conformance import Evidence, Inconclusive, NonConformance, NotApplicable, Targets, msg
from conformance.area import SchemaRegistry, parse_json, readable, record_read
from conformance.areas._shared import gltf_reports, khronos
from conformance.areas.scenes import cesium, confine, legacy, metadata, s2, tiles

if TYPE_CHECKING:  # for annotations only: the target protocols load httpx, which a run over files need not
    from conformance import FileTarget
    from conformance.area import JsonObject


@pytest.mark.requirement("SC-TILE-001")
def test_tileset_structure(targets: Targets, schemas: SchemaRegistry, evidence: Evidence) -> None:
    found = tiles.tilesets(targets["tilesets"])
    for tileset in found:
        # SC-TILE-001 defines no rules: the schema keyword is each finding's check, its rule none
        evidence.findings_from(schemas.findings(tileset.data, tiles.SCHEMA), file=tileset.name)
        evidence.findings_from(tiles.property_ranges(tileset.data), file=tileset.name)
    evidence.note(msg("scenes.tilesets-checked", count=len(found)))


@pytest.mark.requirement("SC-TILE-002")
def test_content_bounding_volumes_inside_tiles(targets: Targets, evidence: Evidence) -> None:
    judged = skipped = 0
    for tileset in tiles.tilesets(targets["tilesets"]):
        result = tiles.containment(tileset.data)
        evidence.findings_from(result.findings, file=tileset.name)
        judged += result.judged
        skipped += result.not_comparable
        if result.not_comparable:  # a pair in scope passed over is not judged, never silently passed
            evidence.unjudged(tileset.name, msg("scenes.containment-not-comparable", count=result.not_comparable))
    if judged == 0 and skipped == 0:
        raise NotApplicable(msg("scenes.no-content-volume"))
    evidence.note(msg("scenes.containment-judged", judged=judged, skipped=skipped))
    if judged == 0:
        raise Inconclusive(msg("scenes.containment-judged", judged=judged, skipped=skipped))


@pytest.mark.requirement("SC-TILE-003")
def test_geometric_error_not_growing(targets: Targets, evidence: Evidence) -> None:
    children = 0
    for tileset in tiles.tilesets(targets["tilesets"]):
        children += sum(1 for tile in tiles.walk(tileset.data) if tile.ancestors)
        evidence.findings_from(tiles.geometric_errors(tileset.data), file=tileset.name)
    if children == 0:
        raise NotApplicable(msg("scenes.no-children"))


def _declared(files: FileTarget) -> set[str]:
    return {os.path.normpath(os.path.abspath(p)) for p in files.files()}


@pytest.mark.requirement("SC-TILE-004")
def test_content_uris_resolve_inside_the_folder(targets: Targets, evidence: Evidence) -> None:
    files = targets["tilesets"]
    declared = _declared(files)
    resolved = other = 0
    found = tiles.tilesets(files)
    names = {os.path.normpath(os.path.abspath(t.path)): t.name for t in found}
    for cycle in tiles.cycles(tiles.external_tilesets(found)):
        shown = " -> ".join(names[node] for node in cycle)
        evidence.finding(msg("scenes.external-cycle", cycle=shown), file=names[cycle[0]], actual=shown,
                         check="no-cycle")
    outside = 0
    for tileset in found:
        root = _root(files, tileset.path)
        references, findings, skipped = tiles.content_references(tileset.data, tileset.path.parent)
        evidence.findings_from(findings, file=tileset.name)
        other += skipped
        for reference in references:
            path = os.path.normpath(os.path.abspath(reference.path))
            if not Path(path).is_relative_to(root):
                # the harness's boundary, not the tileset's defect: unjudged, naming the fix
                outside += 1
                evidence.unjudged(tileset.name, msg("scenes.uri-outside-root", uri=reference.uri,
                                                    folder=files.display_name(root)),
                                  pointer=reference.pointer, actual=reference.uri, check="outside-root")
            elif path not in declared:
                evidence.finding(msg("scenes.uri-unresolved", uri=reference.uri), file=tileset.name,
                                 pointer=reference.pointer, actual=reference.uri, check="content-resolvable")
            else:
                resolved += 1
    if other:
        evidence.note(msg("scenes.uri-not-followed", count=other))
    if resolved == 0 and outside == 0 and evidence.findings_count == 0:
        raise NotApplicable(msg("scenes.no-uris"))
    evidence.note(msg("scenes.uris-resolved", count=resolved))


def _followed(files: FileTarget, tileset: tiles.Tileset, path: Path, declared: set[str]) -> bool:
    """Whether a tileset's reference to ``path`` is followed: a file the target declares, inside
    the folder the tileset's references may resolve in (SC-TILE-004 says why the rest is not)."""
    normal = os.path.normpath(os.path.abspath(path))
    return normal in declared and Path(normal).is_relative_to(_root(files, tileset.path))


def _local_content(files: FileTarget, suffixes: set[str]) -> dict[Path, str]:
    """The tilesets' content files with one of ``suffixes`` that the target declares, by path,
    each with its display name."""
    declared = _declared(files)
    content: dict[Path, str] = {}
    for tileset in tiles.tilesets(files):
        references, _, _ = tiles.content_references(tileset.data, tileset.path.parent)
        for reference in references:
            path = reference.path
            if (path is not None and path.suffix.lower() in suffixes
                    and _followed(files, tileset, path, declared)):
                content[path] = files.display_name(path)
    return content


@pytest.mark.requirement("SC-TILE-005")
def test_gltf_content_valid(targets: Targets, evidence: Evidence, schemas: SchemaRegistry) -> None:
    files = targets["tilesets"]
    content = _local_content(files, tiles.GLTF_SUFFIXES)
    if not content:
        raise NotApplicable(msg("scenes.no-gltf-content"))
    # each file's references read inside the folder the manifest declared (khronos.Unavailable:
    # an error verdict with its reason)
    reports = khronos.validate(sorted(content), roots={path: _root(files, path) for path in content})
    for path, name in sorted(content.items()):
        _judge_gltf(reports[path], name, None, evidence, schemas)
    evidence.note(msg("scenes.gltf-checked", count=len(content), version=khronos.version()))


def _judge_gltf(report: dict, name: str, where: str | None, evidence: Evidence, schemas: SchemaRegistry) -> None:
    """One glTF-Validator report judged as AS-GLTF-001 judges one (SC-TILE-005 says "as AS-GLTF-001
    states it"): each error a finding, errors the report counts but does not list a finding too; a
    model a bound of the harness kept from the validator, or whose resources it declined to read
    (outside the declared folder, over the cap), is unjudged: no defect, but no pass either.
    ``where``: the place of a binary glTF embedded in a legacy tile (SC-TILE-009), else None."""
    label = name if where is None else f"{name} ({where})"
    # SC-TILE-005 defines no rules; an embedded binary glTF is SC-TILE-009's R6
    rule = None if where is None else "R6"
    if gltf_reports.over_bound(report):
        evidence.unjudged(label, msg("scenes.gltf-over-bound", file=label, reason=report["error"]),
                          pointer=where, rule=rule, check="bound")
        return
    if "error" in report:
        key = "scenes.gltf-unreadable" if where is None else "scenes.tile-glb-unreadable"
        evidence.finding(msg(key, file=name, where=where), file=name, pointer=where, actual=report["error"],
                         rule=rule, check="gltf")
        return
    if (departs := gltf_reports.departure(report, schemas)) is not None:  # no report in annex E's format: not judged
        evidence.unjudged(label, departs, pointer=where, rule=rule, check="gltf-report")
        return
    for item in gltf_reports.declined(report):
        evidence.unjudged(label, msg("scenes.gltf-declined", file=label, pointer=item.get("pointer", ""),
                                     reason=item.get("message", "")),
                          pointer=item.get("pointer"), rule=rule, check="declined")
    shown = 0
    for message in gltf_reports.messages(report):
        if message.severity == "error":
            shown += 1
            if where is None:
                evidence.finding(msg("scenes.gltf-issue", file=name, code=message.code, message=message.message),
                                 file=name, pointer=message.pointer, rule=rule, check=message.code)
            else:
                evidence.finding(msg("scenes.tile-glb-issue", file=name, where=where, code=message.code,
                                     message=message.message), file=name, pointer=where, rule=rule, check=message.code)
    total = gltf_reports.counts(report)["numErrors"]
    if total > shown:
        evidence.finding(msg("scenes.gltf-more-errors", file=label, count=total - shown), file=name, pointer=where,
                         expected=0, actual=total, rule=rule, check="gltf")


@pytest.mark.requirement("SC-TILE-009")
def test_legacy_tile_content_laid_out_as_its_format(targets: Targets, evidence: Evidence,
                                                    schemas: SchemaRegistry) -> None:
    files = targets["tilesets"]
    content = _local_content(files, legacy.SUFFIXES)
    if not content:
        raise NotApplicable(msg("scenes.no-legacy-content"))
    with tempfile.TemporaryDirectory(prefix="conformance-glb-") as scratch:
        embedded: dict[Path, tuple[str, str]] = {}
        for path, name in sorted(content.items()):
            body = readable(files, path)
            if body is None:  # refused by the test equipment: left unjudged
                continue
            layout = legacy.inspect(body)
            evidence.findings_from(layout.findings, file=name)
            for where in layout.deeper:  # 5.1's reading bound: inner tiles nested deeper are not read
                evidence.unjudged(name, msg("scenes.tile-nesting-past-bound", file=name, where=where,
                                            levels=legacy.MAX_DEPTH), pointer=where, check="bound")
            for where, glb in layout.glbs:
                written = Path(scratch) / f"{len(embedded)}.glb"
                written.write_bytes(glb)
                embedded[written] = (name, where)
        # khronos.Unavailable: an error verdict with its reason
        reports = khronos.validate(sorted(embedded)) if embedded else {}
    for written, (name, where) in sorted(embedded.items()):
        _judge_gltf(reports[written], name, where, evidence, schemas)
    evidence.note(msg("scenes.legacy-checked", count=len(content), glbs=len(embedded), version=khronos.version()))


@pytest.mark.requirement("SC-TILE-006")
def test_official_3d_tiles_validator(targets: Targets, evidence: Evidence) -> None:
    files = targets["tilesets"]
    every = tiles.tilesets(files)
    # The validator reads content itself: a tileset is given to it only when nothing it would
    # follow (its references, its external tilesets') leads out of the folder it was declared in
    # (or the target's root), and it runs confined to that folder (confine). What the harness
    # will not follow leaves the tileset unjudged, never failed.
    by_root: dict[Path, list[tiles.Tileset]] = {}
    for tileset in every:
        root = _root(files, tileset.path)
        refused = confine.refusals(tileset.path, tileset.data, root, lambda path: _loaded(files, path))
        for refusal in refused[:5]:
            evidence.note(refusal.why, file=files.display_name(refusal.file), pointer=refusal.pointer,
                          actual=refusal.uri)
        if refused:
            evidence.unjudged(tileset.name, msg("scenes.validator-not-given", count=len(refused),
                                                root=files.display_name(root)))
        else:
            by_root.setdefault(root, []).append(tileset)
    if not by_root:
        raise Inconclusive(msg("scenes.validator-nothing-given"))
    found = [tileset for group in by_root.values() for tileset in group]
    reports: dict[Path, dict] = {}
    try:
        for root, group in by_root.items():
            reports.update(cesium.validate([t.path for t in group], root))
    except cesium.NotInstalled as exc:
        raise Inconclusive(exc.args[0]) from None
    for tileset in found:
        report = reports[tileset.path]
        if report.get("refused"):
            evidence.unjudged(tileset.name, msg("scenes.validator-refused", paths=", ".join(report["refused"][:3]),
                                                root=files.display_name(_root(files, tileset.path))))
            continue
        if "error" in report:  # the validator threw or gave no report: nothing observed of the tileset
            evidence.unjudged(tileset.name, msg("scenes.validator-unreadable", reason=str(report["error"])[:300]))
            continue
        errors = cesium.issues(report, "ERROR")
        for issue in errors:
            text = msg("scenes.validator-issue", type=str(issue.get("type")), message=str(issue.get("message")))
            evidence.finding(text, file=tileset.name, pointer=str(issue.get("path") or ""),
                             check=str(issue.get("type")))
        total = cesium.error_count(report)
        if total > len(errors):
            evidence.finding(msg("scenes.validator-more-errors", count=total - len(errors)), file=tileset.name,
                             expected=0, actual=total)
        for issue in cesium.issues(report, "WARNING"):
            evidence.note(msg("scenes.validator-issue", type=str(issue.get("type")), message=str(issue.get("message"))),
                          file=tileset.name, pointer=str(issue.get("path") or ""))
    evidence.note(msg("scenes.validated", count=len(found), version=cesium.version()))


def _root(files: FileTarget, path: Path) -> Path:
    """The folder a tileset's references may resolve in: the target's root, or the folder it was
    declared in (an adapter of another kind: the tileset's own folder)."""
    folder_of = getattr(files, "folder_of", None)
    return folder_of(path) if folder_of is not None else path.resolve().parent


def _loaded(files: FileTarget, path: Path) -> object:
    """An external tileset's JSON, read inside its root with the target's caps (and bound to a
    signed run as a file it read); None when it cannot be read or parsed (the validator
    reports such a file itself)."""
    try:
        body = files.read_bytes(path)
        record_read(path, hashlib.sha256(body).hexdigest())
        return parse_json(body, what=files.display_name(path))
    except (NonConformance, OSError):
        return None


@pytest.mark.requirement("SC-TILE-007")
def test_extensions_declared(targets: Targets, evidence: Evidence) -> None:
    found = tiles.tilesets(targets["tilesets"])
    graph = tiles.external_tilesets(found)
    by_key = {os.path.normpath(os.path.abspath(t.path)): t for t in found}
    referenced = {node for targets_ in graph.values() for node in targets_}
    entries = [key for key in sorted(by_key) if key not in referenced] or sorted(by_key)
    external = 0
    for key in entries:
        family = tiles.reachable(graph, key)
        external += len(family) - 1
        used = set().union(*(tiles.extension_names(by_key[k].data) | tiles.implied_extensions(by_key[k].data)
                             for k in family))
        evidence.findings_from(tiles.declared_extensions(by_key[key].data, used), file=by_key[key].name)
    evidence.note(msg("scenes.extensions-checked", count=len(entries), external=external))


@pytest.mark.requirement("SC-GEO-001")
def test_tilesets_are_placed_on_the_earth(targets: Targets, evidence: Evidence) -> None:
    found = tiles.tilesets(targets["tilesets"])
    graph = tiles.external_tilesets(found)
    referenced = {node for nodes in graph.values() for node in nodes}
    for tileset in found:
        if os.path.normpath(os.path.abspath(tileset.path)) in referenced:
            continue  # an external tileset: placed by its parent's transforms
        where = tiles.geolocation(tileset.data)
        cell = s2.root_height(tileset.data) if where is None else None
        if where is not None:
            # a region states its heights; a box's or sphere's centre is read as ECEF (tiles.geolocation)
            how, lon, lat, height = where
            outside = msg("scenes.region-not-on-the-ellipsoid" if how == "region" else "scenes.not-georeferenced",
                          height=round(height))
            placed = msg("scenes.georeferenced", how=how, lon=round(lon, 6), lat=round(lat, 6), height=round(height, 1))
        elif cell is not None:  # an S2 cell states its heights above the ellipsoid, as a region does
            token, height = cell
            outside = msg("scenes.s2-not-on-the-ellipsoid", token=token, height=round(height))
            placed = msg("scenes.georeferenced-s2", token=token, height=round(height, 1))
        else:  # no box, region, sphere or S2 cell that can be read: the root cannot be placed, not judged
            evidence.unjudged(tileset.name, msg("scenes.root-unplaced"), pointer="/root/boundingVolume")
            continue
        low, high = tiles.HEIGHTS
        if not low <= height <= high:
            evidence.finding(outside, file=tileset.name, pointer="/root/boundingVolume",
                             expected=f"{low:g} m .. {high:g} m", actual=round(height), check="on-the-ellipsoid")
        else:
            evidence.note(placed, file=tileset.name)

def _metadata_schema(files: FileTarget, tileset: tiles.Tileset, declared: set[str],
                     evidence: Evidence) -> JsonObject | None:
    """The tileset's metadata schema: embedded, or its relative schemaUri read from the target."""
    embedded = tileset.data.get("schema")
    if isinstance(embedded, dict):
        return embedded
    uri = tileset.data.get("schemaUri")
    if not isinstance(uri, str):
        return None
    references, _, _ = tiles.content_references({"schemaUri": uri}, tileset.path.parent)
    path = references[0].path if references else None
    schema = None
    if path is not None and _followed(files, tileset, path, declared):
        try:
            schema = json.loads(files.read_bytes(path))
        except (ValueError, NonConformance):
            schema = None
    if not isinstance(schema, dict):
        # the tileset's metadata values are there but cannot be judged without their schema:
        # unjudged (an otherwise passing run is inconclusive), never passed over or not applicable
        evidence.unjudged(tileset.name, msg("scenes.metadata-schema-unavailable", uri=uri))
        return None
    return schema


def _with_metadata_schema(files: FileTarget,
                          evidence: Evidence) -> Iterator[tuple[tiles.Tileset, JsonObject | None]]:
    """Each tileset that uses metadata, with its metadata schema, or None where it gives none (neither
    `schema` nor `schemaUri`: no class its entities could name, SC-TILE-008's finding for each entity,
    whatever SC-TILE-001 says); a tileset whose `schemaUri` names a schema that is not among the supplied
    files, outside the folder or not a JSON object is skipped, unjudged."""
    declared = _declared(files)
    for tileset in tiles.tilesets(files):
        if tiles.uses_metadata(tileset.data):
            if not isinstance(tileset.data.get("schema"), dict) and not isinstance(tileset.data.get("schemaUri"), str):
                yield tileset, None
                continue
            schema = _metadata_schema(files, tileset, declared, evidence)
            if schema is not None:
                yield tileset, schema


@pytest.mark.requirement("SC-TILE-008")
def test_metadata_names_what_the_schema_defines(targets: Targets, evidence: Evidence) -> None:
    checked = 0
    for tileset, schema in _with_metadata_schema(targets["tilesets"], evidence):
        checked += 1
        evidence.findings_from(tiles.metadata_names(tileset.data, schema), file=tileset.name)
    if checked == 0 and evidence.findings_count == 0 and not evidence.unjudged_inputs:
        raise NotApplicable(msg("scenes.no-metadata"))
    evidence.note(msg("scenes.metadata-checked", count=checked))


@pytest.mark.requirement("SC-TILE-010")
def test_metadata_values_match_their_properties(targets: Targets, evidence: Evidence) -> None:
    checked = values = 0
    for tileset, schema in _with_metadata_schema(targets["tilesets"], evidence):
        if schema is None:
            continue  # no class to read a value by: SC-TILE-008's finding
        checked += 1
        values += sum(len(e["properties"]) for _, e in tiles._entities(tileset.data)
                      if isinstance(e, dict) and isinstance(e.get("properties"), dict))
        evidence.findings_from(metadata.value_findings(tileset.data, schema), file=tileset.name)
    # a pass needs a value judged: none (no metadata, or entities with empty `properties`) is not
    # applicable, unless a tileset's values were left unjudged (its schema unavailable)
    if values == 0 and evidence.findings_count == 0 and not evidence.unjudged_inputs:
        raise NotApplicable(msg("scenes.no-metadata"))
    evidence.note(msg("scenes.metadata-values-checked", count=values, tilesets=checked))


@pytest.mark.requirement("SC-TILE-011")
def test_s2_bounding_volumes_are_s2_cells(targets: Targets, evidence: Evidence) -> None:
    count = 0
    for tileset in tiles.tilesets(targets["tilesets"]):
        found, used = s2.findings(tileset.data)
        count += used
        evidence.findings_from(found, file=tileset.name)
    if count == 0:
        raise NotApplicable(msg("scenes.no-s2"))
    evidence.note(msg("scenes.s2-checked", count=count))
