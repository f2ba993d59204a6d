"""Fidelity of the scenes area on public tilesets nobody here wrote (tests/corpora/scenes/).

``measure()`` (the contract of bench/fidelity.py) runs the harness itself, one engine run per
corpus over all its files, and compares per tileset JSON the harness's error / no-error with
the official CesiumGS 3d-tiles-validator's:

* ``samples``: CesiumGS/3d-tiles-samples (3D Tiles 1.0 and 1.1 sample tilesets, glTF content
  with EXT_mesh_features, EXT_structural_metadata, implicit tiling, multiple contents).
* ``validator-specs``: the 3d-tiles-validator's own test tilesets (``specs/data/tilesets`` and
  ``specs/data/Samples``), valid and invalid, at the commit of the pinned version.

Expected: the official validator's verdict on each tileset (``error`` when its report counts
errors), recorded in ``<corpus>/expected.json`` by ``python bench/fidelity_scenes.py --record``
(the validator alone, not the harness; it must be installed, docs/scenes.md). Actual:
``error`` when a MUST requirement the harness checks itself (SC-TILE-001, -002, -004, -005, -007 to -011)
has a finding on the tileset, on content it references or on an external tileset it
references (the validator follows those too), else ``no-error``.

City and building information models (issue 29), with ``--twin`` (or ``measure(twin=True)``), on
corpora kept outside the project in ``$CONFORMANCE_TWIN_CORPORA`` (default ``../corpora-twin``
beside the checkout; one engine run a file, minutes of CPU for IfcOpenShell), each file
labelled by its source (``labels.json``; sources, commits and the script that assembled them
from the public repositories in ``SOURCES.md`` and ``assemble.py`` there):

* ``cityjson``: 3DGI/cityjson-corpus, its hand-written CityJSON 2.0 conformance cases (kind
  positive: valid) and invalid cases (kind negative). Harness: invalid when SC-CITY-001..004 or
  -006 has a finding on the file, or the file is not a CityJSON object at all.
* ``ifc-header``: buildingSMART/ifc-gherkin-rules, rule IFC101's pass-/fail- test files, against
  SC-BIM-001.
* ``ifc-schema``: buildingSMART/validate's fixtures whose schema or syntax outcome its own tests
  assert, and buildingSMART/IFC4.3.x-sample-models (every model passes that repository's CI
  validation), against SC-BIM-001 and SC-BIM-002 (the service's syntax and schema checks).
* ``ifc-georef``: ifc-gherkin-rules GRF000 (pass-: a CRS; na-: none) and GRF003 (fail-: a
  building without a CRS; na-: with one), against SC-BIM-003's R1 (an IfcProjectedCRS; tagged ``crs``
  before issue 76's a9); the stricter R2 (a map conversion) is counted apart.

* ``val3dity``: tudelft3d/val3dity's test geometries (POLY/OFF/OBJ converted to CityJSON Solids,
  its CompositeSolid cases as they are), each labelled with the error codes val3dity's own tests
  assert, against SC-CITY-007..009 and -012
  (the solids module directly, no engine run): the exact set of codes on files whose classes
  the harness decides, and error / no-error over all files.

* ``ids``: buildingSMART/IDS's test cases (an IDS and an IFC each, named pass-, fail- or
  invalid-), against SC-BIM-004 (the ids module directly: the schema check, then ifctester).

* ``citygml``: opengeospatial/CityGML-3.0Encodings's example files (CityGML 3.0: valid; the
  CityGML 2.0 originals: invalid), against SC-CITY-010 (the citygml module directly), and the
  CityGML 3.0 examples against SC-CITY-011 (the vendored XML Schemas; ADE examples apart).

    python bench/fidelity_scenes.py [--record] [--json] [--twin]
"""

from __future__ import annotations

import json
import os
import sys
import tempfile
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "tests" / "corpora" / "scenes"
CORPORA = ("samples", "validator-specs")
#: the MUST requirements the harness judges without the official validator
OWN = ["SC-TILE-001", "SC-TILE-002", "SC-TILE-004", "SC-TILE-005", "SC-TILE-007", "SC-TILE-008", "SC-TILE-009",
       "SC-TILE-010", "SC-TILE-011"]


def tilesets(base: Path) -> list[str]:
    """The tileset JSON files (asset and root members) under ``base``, relative, sorted."""
    from conformance.areas.scenes.tiles import is_tileset

    found = []
    for path in sorted(base.rglob("*.json")):
        try:
            data = json.loads(path.read_bytes())
        except ValueError:
            continue
        if is_tileset(data):
            found.append(path.relative_to(base).as_posix())
    # files that are not JSON at all but named .json are tilesets the validator must reject
    found += [p.relative_to(base).as_posix() for p in sorted(base.rglob("*.json")) if _unparsable(p)]
    return sorted(set(found))


def _unparsable(path: Path) -> bool:
    try:
        json.loads(path.read_bytes())
    except ValueError:
        return True
    return False


def record() -> None:
    """Writes each corpus's expected.json from the official validator's reports."""
    from conformance.areas.scenes import cesium

    for name in CORPORA:
        base = CORPUS / name
        items = tilesets(base)
        reports = cesium.validate([base / item for item in items], base)  # reads confined to the corpus
        expected = {}
        for item in items:
            report = reports[base / item]
            errors = cesium.issues(report, "ERROR")
            expected[item] = {"verdict": "error" if "error" in report or cesium.error_count(report) else "no-error",
                              "errors": sorted({str(i.get("type")) for i in errors})}
        document = {"validator": f"{cesium.PIN['package']} {cesium.version()}", "tilesets": expected}
        (base / "expected.json").write_text(json.dumps(document, indent=1, sort_keys=True) + "\n", encoding="utf-8")
        print(f"{name}: recorded {len(expected)} verdicts", file=sys.stderr)


def _findings_by_file(base: Path) -> dict[str, set[str]]:
    """file (relative to ``base``) -> the requirements with a finding on it, one engine run."""
    from conformance._run.engine import run

    manifest = {"product": {"name": "fidelity corpus", "version": "1"},
                "profiles": [{"id": "scene-3d-tiles"}],
                "targets": {"tilesets": {"adapter": "file", "paths": ["**/*"]}}}
    found: dict[str, set[str]] = {}
    with tempfile.TemporaryDirectory() as scratch:
        path = base / ".fidelity-scenes.yaml"
        path.write_text(yaml.safe_dump(manifest), encoding="utf-8")
        try:
            result = run(path, requirements=OWN, out_dir=Path(scratch) / "out", formats=["json"])
        finally:
            path.unlink()
    for requirement in result.report.requirements:
        for item in requirement.evidence:
            if item.get("kind") == "finding" and item.get("file"):
                found.setdefault(item["file"], set()).add(requirement.requirement)
    return found


def _references(base: Path, item: str) -> list[str]:
    """The files a tileset's relative content URIs name (relative to ``base``)."""
    from conformance.areas.scenes.tiles import content_references

    path = base / item
    try:
        data = json.loads(path.read_bytes())
    except ValueError:
        return []
    refs, _, _ = content_references(data, path.parent) if isinstance(data, dict) else ([], [], 0)
    out = []
    for ref in refs:
        if ref.path is not None:
            out.append(Path(os.path.normpath(ref.path)).relative_to(base.resolve()).as_posix()
                       if Path(os.path.normpath(ref.path)).is_relative_to(base.resolve()) else str(ref.path))
    return out


def _actual(base: Path, items: list[str], findings: dict[str, set[str]]) -> dict[str, tuple[str, str]]:
    """tileset -> (error / no-error, which requirement and file decided it)."""
    memo: dict[str, tuple[str, str]] = {}

    def verdict(item: str, trail: frozenset[str]) -> tuple[str, str]:
        if item in memo:
            return memo[item]
        if item in findings:
            return "error", f"{', '.join(sorted(findings[item]))} on {item}"
        for ref in _references(base.resolve(), item):
            if ref in findings:
                return "error", f"{', '.join(sorted(findings[ref]))} on {ref}"
            if ref.endswith(".json") and ref not in trail and (base / ref).is_file():
                sub = verdict(ref, trail | {ref})
                if sub[0] == "error":
                    return sub
        return "no-error", ""

    for item in items:
        memo[item] = verdict(item, frozenset({item}))
    return memo


def measure_corpus(name: str) -> dict[str, Any]:
    base = CORPUS / name
    recorded = json.loads((base / "expected.json").read_text(encoding="utf-8"))["tilesets"]
    actual = _actual(base, sorted(recorded), _findings_by_file(base))
    misses = []
    for item, want in sorted(recorded.items()):
        got, why = actual[item]
        if got != want["verdict"]:
            reason = (f"harness: {why}" if got == "error"
                      else f"validator errors {', '.join(want['errors'])} are not checked by the harness")
            misses.append({"item": item, "expected": want["verdict"], "actual": got, "reason": reason})
    return {"corpus": f"{name} (3D Tiles, vs {len(recorded)} official verdicts)", "total": len(recorded),
            "agree": len(recorded) - len(misses), "disagreements": misses}


TWIN = Path(os.environ.get("CONFORMANCE_TWIN_CORPORA", ROOT.parent / "corpora-twin"))
#: corpus -> (profile, requirements compared, the finding rules that count: None for all)
TWIN_CORPORA: dict[str, tuple[str, list[str], set[str] | None]] = {
    "cityjson": ("scene-cityjson", ["SC-CITY-001", "SC-CITY-002", "SC-CITY-003", "SC-CITY-004", "SC-CITY-006"], None),
    "ifc-header": ("scene-ifc", ["SC-BIM-001"], None),
    "ifc-schema": ("scene-ifc", ["SC-BIM-001", "SC-BIM-002"], None),
    "ifc-georef": ("scene-ifc", ["SC-BIM-003"], {"R1"}),
}


def _twin_findings(path: Path, profile: str, requirements: list[str]) -> list[tuple[str, str]]:
    """[(requirement, rule)] of the findings of one engine run on one file (one run a file:
    a run keeps at most 200 evidence items a requirement, which a corpus run would exceed)."""
    from conformance._run.engine import run

    role = "city_models" if profile == "scene-cityjson" else "bim_models"
    manifest = {"product": {"name": "fidelity corpus", "version": "1"},
                "profiles": [{"id": profile, "features": ["georeferenced"]}],
                "targets": {role: {"adapter": "file", "paths": [str(path)]}}}
    with tempfile.TemporaryDirectory() as scratch:
        written = Path(scratch) / "manifest.yaml"
        written.write_text(yaml.safe_dump(manifest), encoding="utf-8")
        result = run(written, requirements=requirements, out_dir=Path(scratch) / "out", formats=["json"])
    return [(requirement.requirement, str(item.get("rule"))) for requirement in result.report.requirements
            for item in requirement.evidence if item.get("kind") == "finding"]


def measure_twin(name: str, root: Path = TWIN) -> dict[str, Any]:
    from conformance.areas.scenes.cityjson import is_city_model

    profile, requirements, rules = TWIN_CORPORA[name]
    base = root / name
    labels = json.loads((root / "labels.json").read_text(encoding="utf-8"))[name]
    misses, stricter = [], 0
    for item, label in sorted(labels.items()):
        findings = _twin_findings(base / item, profile, requirements)
        own = [f for f in findings if rules is None or f[1] in rules]
        stricter += bool(rules) and any(f[1] not in rules for f in findings)
        why = ", ".join(sorted({f"{r} {rule}" for r, rule in own}))
        if profile == "scene-cityjson" and not own:
            try:
                if not is_city_model(json.loads((base / item).read_bytes())):
                    why = "not a CityJSON object"
            except ValueError:
                why = "not JSON"
        got = "invalid" if why else "valid"
        if got != label["expected"]:
            misses.append({"item": item, "expected": label["expected"], "actual": got,
                           "reason": f"harness: {why}" if why else f"source: {label['why']}"})
    result = {"corpus": f"{name} ({profile}, vs {len(labels)} labels from the source)", "total": len(labels),
              "agree": len(labels) - len(misses), "disagreements": misses}
    if rules:
        result["stricter"] = stricter
    return result


#: val3dity's error classes SC-CITY-007..009 and SC-CITY-012 decide
DECIDED = {101, 102, 104, 201, 202, 203, 204, 205, 206, 207, 208, 301, 302, 303, 305, 306, 307, 401, 402, 403, 404, 405,
           501, 502, 503}


def measure_val3dity(root: Path = TWIN) -> dict[str, Any]:
    """Solid validity (SC-CITY-007..009, -012) against val3dity's own test geometries
    (``<root>/val3dity``: CityJSON files converted from tudelft3d/val3dity's data, each labelled
    with the error codes val3dity's tests assert; ``sources.yaml`` and ``assemble.py`` there).
    Compared per file: error / no-error, and the exact set of codes; a file whose expected code
    is a class the harness does not decide (none now) is counted apart."""
    from conformance.areas.scenes import solids

    base = root / "val3dity"
    labels = json.loads((base / "labels.json").read_text(encoding="utf-8"))
    rows = []
    for item, label in sorted(labels.items()):
        report = solids.validate(json.loads((base / "files" / item).read_bytes()), solids.Tolerances())
        got = sorted({e.code for errors in report.errors.values() for e in errors})
        accepted = [label["expected"], *label["also_accepted"]]
        rows.append({"item": item, "expected": label["expected"], "actual": got,
                     "decided": set(label["expected"]) <= DECIDED, "same": got in accepted,
                     "verdict": bool(got) == bool(label["expected"])})
    decided = [r for r in rows if r["decided"]]
    misses = [{"item": r["item"], "expected": r["expected"], "actual": r["actual"],
               "reason": "codes differ" if r["verdict"] else "verdict differs"}
              for r in decided if not r["same"]]
    return {"corpus": f"val3dity (SC-CITY-007..009, -012 vs {len(decided)} files of decided classes, exact codes)",
            "total": len(decided), "agree": len(decided) - len(misses), "disagreements": misses,
            "verdicts": {"all files": len(rows), "error/no-error agree": sum(r["verdict"] for r in rows),
                         "undecided classes": sorted({c for r in rows if not r["decided"] for c in r["expected"]})}}


def measure_ids(root: Path = TWIN) -> dict[str, Any]:
    """IDS information requirements (SC-BIM-004) against buildingSMART/IDS's own test cases
    (``<root>/ids``: each an .ids and an .ifc named pass-, fail- or invalid-; ``sources.yaml``
    and ``assemble.py`` there). The IDS test cases define invalid- as "at least one requirement
    fails", so the harness agrees on one when it fails the model or refuses the IDS (the
    schema check before a run); on pass- when the audit has no finding."""
    import ifcopenshell

    from conformance.areas.scenes import ids

    base = root / "ids"
    labels = json.loads((base / "labels.json").read_text(encoding="utf-8"))
    misses = []
    for item, label in sorted(labels.items()):
        data = (base / "files" / f"{item}.ids").read_bytes()
        refused = ids.problems(data)
        if refused:
            got, why = "fail", f"IDS refused: {refused[0][1]}"
        else:
            document = ids.load(ids.IdsFile(base / "files" / f"{item}.ids", item, data.decode("utf-8")))
            found, _ = ids.audit(document, ifcopenshell.open(str(base / "files" / f"{item}.ifc")), item)
            got, why = ("fail", "; ".join(f.message for f in found)[:200]) if found else ("pass", "")
        if got != ("pass" if label["expected"] == "pass" else "fail"):
            misses.append({"item": item, "expected": label["expected"], "actual": got, "reason": why or "no finding"})
    return {"corpus": f"ids (SC-BIM-004 vs {len(labels)} buildingSMART IDS test cases)", "total": len(labels),
            "agree": len(labels) - len(misses), "disagreements": misses}


def measure_citygml(root: Path = TWIN) -> dict[str, Any]:
    """CityGML 3.0 GML files (SC-CITY-010) against the examples of opengeospatial/
    CityGML-3.0Encodings (``<root>/citygml``: the CityGML 3.0 examples labelled valid, the
    CityGML 2.0 originals they came from invalid; ``sources.yaml`` and ``assemble.py`` there)."""
    from conformance.areas.scenes import citygml

    base = root / "citygml"
    labels = json.loads((base / "labels.json").read_text(encoding="utf-8"))
    misses = []
    for item, label in sorted(labels.items()):
        found = citygml.judge((base / "files" / item).read_bytes()).findings
        got = "invalid" if found else "valid"
        if got != label["expected"]:
            misses.append({"item": item, "expected": label["expected"], "actual": got,
                           "reason": f"harness: {found[0].message}" if found else f"source: {label['why']}"})
    return {"corpus": f"citygml (SC-CITY-010 vs {len(labels)} labels from the source)", "total": len(labels),
            "agree": len(labels) - len(misses), "disagreements": misses}


def measure_citygml_schema(root: Path = TWIN) -> dict[str, Any]:
    """CityGML 3.0 files against the official XML Schemas (SC-CITY-011, the citygml_schema module
    directly) on the same corpus as :func:`measure_citygml`: the working group's CityGML 3.0
    examples are expected valid; the CityGML 2.0 originals are SC-CITY-010's (not validated).
    An example using an Application Domain Extension is counted apart: its ADE elements are not in
    the CityGML schemas, and the harness loads no ADE schema."""
    from conformance.areas.scenes import citygml, citygml_schema

    base = root / "citygml"
    labels = json.loads((base / "labels.json").read_text(encoding="utf-8"))
    misses, judged, ade = [], 0, []
    for item, label in sorted(labels.items()):
        tree = citygml.citygml_3_tree((base / "files" / item).read_bytes())
        if tree is None or label["expected"] != "valid":
            continue
        found = citygml_schema.errors(tree)
        if item.startswith("ADE-examples"):
            ade.append({"item": item, "errors": len(found), "first": found[0].message[:160] if found else ""})
            continue
        judged += 1
        if found:
            misses.append({"item": item, "expected": "valid", "actual": "invalid",
                           "reason": f"line {found[0].line}: {found[0].message[:200]}"})
    return {"corpus": f"citygml-schema (SC-CITY-011 vs {judged} CityGML 3.0 examples without an ADE)",
            "total": judged, "agree": judged - len(misses), "disagreements": misses, "ade examples": ade}


def measure(twin: bool = False) -> list[dict[str, Any]]:
    """The 3D Tiles corpora; with ``twin`` also the city and building model corpora, where present."""
    results = [measure_corpus(name) for name in CORPORA]
    if twin and (TWIN / "labels.json").is_file():
        results += [measure_twin(name) for name in TWIN_CORPORA]
    if twin and (TWIN / "val3dity" / "labels.json").is_file():
        results.append(measure_val3dity())
    if twin and (TWIN / "ids" / "labels.json").is_file():
        results.append(measure_ids())
    if twin and (TWIN / "citygml" / "labels.json").is_file():
        results.append(measure_citygml())
        results.append(measure_citygml_schema())
    return results


def main(argv: list[str]) -> int:
    if "--record" in argv:
        record()
        return 0
    results = measure(twin="--twin" in argv)
    if "--json" in argv:
        print(json.dumps(results, indent=1))
        return 0
    total = sum(r["total"] for r in results)
    agree = sum(r["agree"] for r in results)
    for result in results:
        share = result["agree"] / result["total"] if result["total"] else 0.0
        print(f"{result['corpus']}: {result['agree']}/{result['total']} agree ({share:.1%})")
        if "stricter" in result:
            print(f"  ({result['stricter']} file(s) also fail a stricter rule not compared)")
        if "verdicts" in result:
            v = result["verdicts"]
            print(f"  (error / no-error over all {v['all files']} files: {v['error/no-error agree']} agree; "
                  f"classes not decided: {v['undecided classes']})")
        for ade in result.get("ade examples", []):
            print(f"  (apart, an ADE example: {ade['item']}: {ade['errors']} schema error(s), first: {ade['first']})")
        for miss in result["disagreements"]:
            print(f"  {miss['item']}: expected {miss['expected']}, harness {miss['actual']} ({miss['reason']})")
    print(f"all: {agree}/{total} agree ({agree / total:.1%})" if total else "no files")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
