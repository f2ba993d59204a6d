"""Fidelity of the assets area on public artefacts nobody here wrote (tests/corpora/assets/).

``measure()`` (the contract of bench/fidelity.py) runs the harness itself, one engine run
per corpus over all its files in one process, and compares per file:

* ``validator-tests``: the Khronos glTF-Validator's own test inputs, at the commit of the
  pinned npm version, each with the report the validator's project records for it
  (``*.report.json``). Expected: ``error`` when that report counts errors, else
  ``no-error``; actual: whether AS-GLTF-001 has a finding for the file.
* ``sample-models``: public sample models and avatars (Draco, meshopt, texture transform,
  KHR_materials_*, mesh quantization, EXT_mesh_features, VRM 0.x and 1.0). Expected: the
  official validator's verdict recorded in ``models/expected.json`` (written once by
  ``python bench/fidelity_assets.py --record``, from the validator alone); a model the
  validator accepts must not fail AS-GLTF-001, nor AS-VRM-001 if it is an avatar.
* ``erc-metadata``: plain ERC-721 / ERC-1155 metadata of public collections. Expected:
  every file passes AS-META-002.
* ``media-labels`` (``--media DIR``, kept outside the project: tens of MB of public media,
  e.g. the fixtures of contentauth/c2pa-rs): each image, audio and video file read as
  AS-AIGC-005 reads it. Expected: ``generated`` when the file's own C2PA manifest names an
  IPTC digital source type of trained-model media (found as the NewsCodes URI in its bytes),
  else ``not-generated``; actual: ``generated`` when the harness finds that source type in
  the file's XMP or a TC260 implicit label with Label "1", ``unreadable`` when it refuses
  the file. A crash would stop the script.

    python bench/fidelity_assets.py [--record] [--media DIR]
"""

from __future__ import annotations

import json
import sys
import tempfile
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "tests" / "corpora" / "assets"
MODELS = CORPUS / "models"
EXPECTED = MODELS / "expected.json"
MODEL_GLOBS = ["**/*.gltf", "**/*.glb", "**/*.vrm"]


def _failing_files(profile: str, role: str, base: Path, patterns: list[str], requirements: list[str],
                   features: list[str] | None = None) -> tuple[dict[str, set[str]], dict[str, str]]:
    """requirement -> the files (relative to ``base``) with a finding; and each requirement's verdict."""
    from conformance._run.engine import run

    manifest = {"product": {"name": "fidelity corpus", "version": "1"},
                "profiles": [{"id": profile, "features": features or []}],
                "targets": {role: {"adapter": "file", "paths": patterns}}}
    with tempfile.TemporaryDirectory() as scratch:
        path = base / f".fidelity-{profile}.yaml"
        path.write_text(yaml.safe_dump(manifest), encoding="utf-8")
        try:
            result = run(path, requirements=requirements, out_dir=Path(scratch) / "out", formats=["json"])
        finally:
            path.unlink()
    failing: dict[str, set[str]] = {}
    verdicts: dict[str, str] = {}
    for requirement in result.report.requirements:
        verdicts[requirement.requirement] = requirement.verdict.value
        failing[requirement.requirement] = {item["file"] for item in requirement.evidence
                                            if item.get("kind") == "finding" and item.get("file")}
    return failing, verdicts


def _files(base: Path, patterns: list[str]) -> list[str]:
    return sorted({p.relative_to(base).as_posix() for pattern in patterns for p in base.glob(pattern)})


def _corpus(name: str, expected: dict[str, str], actual: dict[str, str], reasons: dict[str, str]) -> dict[str, Any]:
    misses = [{"item": item, "expected": want, "actual": actual.get(item, "missing"), "reason": reasons.get(item, "")}
              for item, want in sorted(expected.items()) if actual.get(item) != want]
    return {"corpus": name, "total": len(expected), "agree": len(expected) - len(misses), "disagreements": misses}


def validator_tests() -> dict[str, Any]:
    base = CORPUS / "validator-tests"
    patterns = ["**/*.gltf", "**/*.glb"]
    expected: dict[str, str] = {}
    for item in _files(base, patterns):
        record = base / f"{item}.report.json"
        if record.is_file():
            report = json.loads(record.read_text(encoding="utf-8"))
            expected[item] = "error" if report.get("issues", {}).get("numErrors", 0) else "no-error"
    failing, _ = _failing_files("asset-3d-content", "models", base, patterns, ["AS-GLTF-001"])
    actual = {item: "error" if item in failing.get("AS-GLTF-001", set()) else "no-error" for item in expected}
    reasons = {item: "AS-GLTF-001 disagrees with the validator project's recorded report" for item in expected}
    return _corpus("validator-tests (Khronos, recorded reports)", expected, actual, reasons)


def sample_models() -> dict[str, Any]:
    recorded: dict[str, dict[str, Any]] = json.loads(EXPECTED.read_text(encoding="utf-8"))
    failing, _ = _failing_files("asset-3d-content", "models", MODELS, MODEL_GLOBS, ["AS-GLTF-001", "AS-VRM-001"],
                                features=["vrm-avatars"])
    expected = {item: "error" if entry["errors"] else "no-error" for item, entry in recorded.items()}
    actual: dict[str, str] = {}
    reasons: dict[str, str] = {}
    for item in expected:
        gltf_fail = item in failing.get("AS-GLTF-001", set())
        vrm_fail = item in failing.get("AS-VRM-001", set())
        actual[item] = "error" if gltf_fail or (vrm_fail and not recorded[item]["errors"]) else "no-error"
        reasons[item] = "AS-VRM-001 fails an avatar the validator accepts" if vrm_fail else "AS-GLTF-001"
    return _corpus("sample-models (validator accepts / rejects)", expected, actual, reasons)


def erc_metadata() -> dict[str, Any]:
    base = CORPUS / "erc"
    files = _files(base, ["**/*.json"])
    failing, _ = _failing_files("asset-metadata-erc", "asset_metadata", base, ["**/*.json"], ["AS-META-002"])
    expected = dict.fromkeys(files, "pass")
    actual = {item: "fail" if item in failing.get("AS-META-002", set()) else "pass" for item in files}
    return _corpus("erc-metadata (plain ERC passes AS-META-002)", expected, actual,
                   dict.fromkeys(files, "AS-META-002 fails plain ERC metadata"))


def media_labels(folder: Path) -> dict[str, Any]:
    """The media corpus under ``folder`` (see the module's docstring)."""
    import re

    from conformance.areas.assets import media

    source = re.compile(rb"cv\.iptc\.org/newscodes/digitalsourcetype/([A-Za-z]+)")
    expected: dict[str, str] = {}
    actual: dict[str, str] = {}
    reasons: dict[str, str] = {}
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        kind = media.media_kind({"uri": path.name})
        if kind is None:
            continue
        item = path.relative_to(folder).as_posix()
        data = path.read_bytes()
        types = {m.decode() for m in source.findall(data)}
        expected[item] = "generated" if types & set(media.IPTC_GENERATED) else "not-generated"
        try:
            info = media.read(data, kind)
        except media.Unreadable as exc:
            actual[item], reasons[item] = "unreadable", str(exc)
            continue
        labelled = any(isinstance(c.value, dict) and c.value.get("Label") == "1" for c in info.labels)
        actual[item] = "generated" if labelled or info.source_type in media.IPTC_GENERATED else "not-generated"
        reasons[item] = (f"C2PA manifest names {sorted(types)}; the harness reads XMP and labels, not the "
                         "manifest's JUMBF box") if types else "harness finds a generation label the manifest lacks"
    return _corpus(f"media-labels ({folder.name})", expected, actual, reasons)


def measure() -> list[dict[str, Any]]:
    return [validator_tests(), sample_models(), erc_metadata()]


def record() -> None:
    """Write models/expected.json from the official validator alone (not the harness's verdicts)."""
    from conformance.areas._shared import gltf_reports, khronos

    paths = [MODELS / item for item in _files(MODELS, MODEL_GLOBS)]
    reports = khronos.validate(paths)
    out = {}
    for path in paths:
        report = reports[path]
        counts = gltf_reports.counts(report)
        out[path.relative_to(MODELS).as_posix()] = {
            "errors": counts["numErrors"], "warnings": counts["numWarnings"],
            "codes": sorted({m.code for m in gltf_reports.messages(report) if m.severity == "error"}),
            "validator": report.get("validatorVersion"),
            "extensions": report.get("info", {}).get("extensionsUsed", []),
        }
    EXPECTED.write_text(json.dumps(out, indent=1, sort_keys=True) + "\n", encoding="utf-8")


if __name__ == "__main__":
    if "--record" in sys.argv:
        record()
    elif "--media" in sys.argv:
        print(json.dumps(media_labels(Path(sys.argv[sys.argv.index("--media") + 1])), indent=1))
    else:
        for corpus in measure():
            print(json.dumps(corpus, indent=1))
