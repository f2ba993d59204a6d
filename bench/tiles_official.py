"""Agreement with the official CesiumGS 3d-tiles-validator on public tilesets kept outside the project.

The corpora are in ``$CONFORMANCE_TILES_CORPORA`` (default ``../corpora-tiles`` beside the
checkout); its ``sources.yaml`` names each corpus's repository, commit and paths, and its
``assemble.py`` copies them from the public repositories:

* ``validator-specs``: the validator's own test data (``specs/data`` at the pinned version's
  tag), valid and invalid on purpose;
* ``samples``: CesiumGS/3d-tiles-samples (3D Tiles 1.0, 1.1 and glTF samples);
* ``tools-specs``: CesiumGS/3d-tiles-tools's test data, among them copies of CesiumJS's
  ``Specs/Data/Cesium3DTiles`` tilesets (legacy b3dm, i3dm, pnts, cmpt content).

``--record`` runs the official validator (found as the harness finds it: the vendored copy,
``CONFORMANCE_3D_TILES_VALIDATOR``, or a global install; its version must be the pin's) on each
tileset JSON and writes ``<corpus>/official.json``: error when its report counts errors. For
``validator-specs`` it also compares the number of issues with what the validator's own specs
assert (``spec-asserted.json``), to show the build reproduces the published behaviour.

Without ``--record`` it compares, per tileset, the official verdict with the harness's:

* ``own``: error when a MUST requirement the harness judges itself (SC-TILE-001, -002, -004,
  -005, -007 to -011) has a finding on the tileset, on content it references or on an external
  tileset it references (the validator follows those too), as ``fidelity_scenes`` counts it;
* ``delegated``: the same with SC-TILE-006, the requirement that delegates to the official
  validator, run through the harness.

Tilesets are judged in chunks (one engine run a chunk, with the files they reference), so that
no requirement's evidence reaches the per-run cap.

    python bench/tiles_official.py [--record] [--json] [--corpus NAME] [--no-delegated]
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import sys
import time
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parents[1]
CORPORA = Path(os.environ.get("CONFORMANCE_TILES_CORPORA", ROOT.parent / "corpora-tiles"))
CHUNK = 20
DELEGATED = "SC-TILE-006"


def _scenes_bench() -> Any:
    spec = importlib.util.spec_from_file_location("bench_fidelity_scenes", ROOT / "bench" / "fidelity_scenes.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


scenes = _scenes_bench()


def corpora(root: Path = CORPORA) -> list[str]:
    return list(yaml.safe_load((root / "sources.yaml").read_text(encoding="utf-8"))["corpora"])


def _missing(base: Path) -> set[str]:
    """Files the source snapshot listed but did not hold (assemble.py's missing.json)."""
    path = base / "missing.json"
    return set(json.loads(path.read_text(encoding="utf-8"))) if path.is_file() else set()


def items_of(base: Path) -> list[str]:
    return [item for item in scenes.tilesets(base) if not item.startswith(".")]


def record(root: Path, names: list[str]) -> None:
    from conformance.areas.scenes import cesium

    for name in names:
        base = root / name
        items = items_of(base)
        reports = cesium.validate([base / item for item in items], base)  # reads confined to the corpus
        tilesets = {}
        for item in items:
            report = reports[base / item]
            errors = cesium.issues(report, "ERROR")
            tilesets[item] = {"verdict": "error" if "error" in report or cesium.error_count(report) else "no-error",
                              "errors": sorted({str(i.get("type")) for i in errors}),
                              "issues": len(report.get("issues") or []) if "error" not in report else None}
        document = {"validator": f"{cesium.PIN['package']} {cesium.version()}", "tilesets": tilesets}
        (base / "official.json").write_text(json.dumps(document, indent=1, sort_keys=True) + "\n", encoding="utf-8")
        print(f"{name}: {len(tilesets)} verdicts from {document['validator']}", file=sys.stderr)
        asserted = base / "spec-asserted.json"
        if asserted.is_file():
            _compare_with_specs(name, tilesets, json.loads(asserted.read_text(encoding="utf-8")))


def _compare_with_specs(name: str, tilesets: dict[str, Any], asserted: dict[str, Any]) -> None:
    """How many of the issue counts the validator's own specs assert this build reproduces."""
    prefix = "specs/data/"
    same = compared = 0
    for path, want in sorted(asserted.items()):
        item = path.removeprefix(prefix)
        if item not in tilesets:
            continue
        compared += 1
        if tilesets[item]["issues"] == want["issues"]:
            same += 1
        else:
            print(f"  {item}: specs assert {want['issues']} issue(s), this build reports {tilesets[item]['issues']}",
                  file=sys.stderr)
    print(f"{name}: this build reproduces {same}/{compared} issue counts its specs assert", file=sys.stderr)


def _closure(base: Path, item: str) -> set[str]:
    """The tileset and every file it references, through external tilesets (relative to base)."""
    out, stack = {item}, [item]
    while stack:
        for ref in scenes._references(base, stack.pop()):
            if ref not in out and not ref.startswith("/") and (base / ref).is_file():
                out.add(ref)
                if ref.endswith(".json"):
                    stack.append(ref)
    return out


def _run_chunk(base: Path, chunk: list[str], requirements: list[str], tag: str) -> tuple[dict[str, set[str]], str]:
    """(file -> requirements with a finding on it, the delegated requirement's verdict) of one run."""
    import tempfile

    from conformance._run.engine import run

    paths = sorted(set().union(*(_closure(base, item) for item in chunk)))
    manifest = {"product": {"name": "tiles corpus", "version": "1"},
                "profiles": [{"id": "scene-3d-tiles", "features": ["whole-specification"]}],
                "targets": {"tilesets": {"adapter": "file", "paths": paths}}}
    written = base / f".tiles-official-{tag}.yaml"
    written.write_text(yaml.safe_dump(manifest), encoding="utf-8")
    try:
        with tempfile.TemporaryDirectory() as scratch:
            result = run(written, requirements=requirements, out_dir=Path(scratch) / "out", formats=["json"])
    finally:
        written.unlink()
    found: dict[str, set[str]] = {}
    status = ""
    for requirement in result.report.requirements:
        if requirement.requirement == DELEGATED:
            status = str(requirement.verdict.value)
        for evidence in requirement.evidence:
            if evidence.get("kind") == "finding" and evidence.get("file"):
                found.setdefault(evidence["file"], set()).add(requirement.requirement)
    return found, status


def chunks(base: Path, items: list[str]) -> list[tuple[list[str], dict[str, set[str]]]]:
    """Items in chunks of at most CHUNK where no item reaches another (each is an entry tileset
    of its run, as the validator takes each file it is given), with each item's closure."""
    closures = {item: _closure(base, item) for item in items}
    out: list[tuple[list[str], dict[str, set[str]]]] = []
    for item in items:
        for members, member_closures in out:
            if len(members) < CHUNK and all(item not in c and m not in closures[item]
                                            for m, c in member_closures.items()):
                members.append(item)
                member_closures[item] = closures[item]
                break
        else:
            out.append(([item], {item: closures[item]}))
    return out


def measure_corpus(name: str, root: Path = CORPORA, delegated: bool = True) -> dict[str, Any]:
    base = root / name
    official = json.loads((base / "official.json").read_text(encoding="utf-8"))
    missing = _missing(base)
    items = [i for i in sorted(official["tilesets"]) if not _closure(base, i) & missing
             and not set(scenes._references(base, i)) & missing]
    excluded = len(official["tilesets"]) - len(items)
    arms = {"own": scenes.OWN, **({"delegated": [*scenes.OWN, DELEGATED]} if delegated else {})}
    out: dict[str, Any] = {"corpus": name, "validator": official["validator"], "total": len(items),
                           "excluded": excluded}
    grouped = chunks(base, items)
    for arm, requirements in arms.items():
        verdicts: dict[str, tuple[str, str]] = {}
        verdicts_of_delegated: set[str] = set()
        cpu = time.process_time()
        for index, (members, closures) in enumerate(grouped):
            found, delegated_verdict = _run_chunk(base, members, requirements, f"{arm}-{index}")
            if delegated_verdict:
                verdicts_of_delegated.add(delegated_verdict)
            for item in members:
                hits = sorted((f, r) for f in closures[item] for r in found.get(f, ()))
                verdicts[item] = ("error", f"{hits[0][1]} on {hits[0][0]}") if hits else ("no-error", "")
        misses = []
        for item in items:
            want = official["tilesets"][item]
            got, why = verdicts[item]
            if got != want["verdict"]:
                errors = ", ".join(want["errors"]) or "(unreadable)"
                reason = f"harness: {why}" if got == "error" else f"validator errors {errors} not found by the harness"
                misses.append({"item": item, "expected": want["verdict"], "actual": got, "reason": reason})
        out[arm] = {"agree": len(items) - len(misses), "disagreements": misses,
                    "cpu_s": round(time.process_time() - cpu, 1), "delegated_verdicts": sorted(verdicts_of_delegated)}
    return out


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--record", action="store_true", help="run the official validator and write official.json")
    parser.add_argument("--json", action="store_true", help="print the results as JSON")
    parser.add_argument("--corpus", action="append", help="only this corpus (repeatable)")
    parser.add_argument("--no-delegated", action="store_true", help="only the harness's own checks")
    args = parser.parse_args(argv)
    names = args.corpus or corpora()
    if args.record:
        record(CORPORA, names)
        return 0
    results = [measure_corpus(name, delegated=not args.no_delegated) for name in names]
    if args.json:
        print(json.dumps(results, indent=1))
        return 0
    arms = ["own"] if args.no_delegated else ["own", "delegated"]
    print(f"{'corpus':18} {'tilesets':>8}  " + "  ".join(f"{arm:>22}" for arm in arms))
    for result in results:
        cells = [f"{result[a]['agree']}/{result['total']} ({result[a]['agree'] / result['total']:.1%})" for a in arms]
        print(f"{result['corpus']:18} {result['total']:>8}  " + "  ".join(f"{c:>22}" for c in cells)
              + (f"  ({result['excluded']} left out: content missing from the snapshot)" if result["excluded"] else ""))
    total = sum(r["total"] for r in results)
    cells = []
    for arm in arms:
        agree = sum(r[arm]["agree"] for r in results)
        cells.append(f"{agree}/{total} ({agree / total:.1%})")
    print(f"{'all':18} {total:>8}  " + "  ".join(f"{c:>22}" for c in cells))
    print(f"official verdicts: {results[0]['validator'] if results else '-'}")
    undecided = {v for r in results for v in r.get("delegated", {}).get("delegated_verdicts", [])}
    if undecided & {"inconclusive", "error"}:
        print(f"warning: {DELEGATED} was not decided in some runs (is the pinned validator installed, or "
              "CONFORMANCE_3D_TILES_VALIDATOR set to its folder?)")
    for result in results:
        for arm in arms:
            for miss in result[arm]["disagreements"]:
                print(f"  [{arm}] {result['corpus']}/{miss['item']}: validator {miss['expected']}, "
                      f"harness {miss['actual']} ({miss['reason']})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
