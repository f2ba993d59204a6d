"""3D content files: glTF 2.0 structure, VRM 1.0 avatars, and (where installed) the Khronos
glTF-Validator. Files are recognised by their suffix: .gltf, .glb, .vrm."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from conformance import Inconclusive, NonConformance, NotApplicable
from conformance.checks.assets import gltf, khronos, vrm

SUFFIXES = {".gltf", ".glb", ".vrm"}


def _assets(files: Any, evidence: Any) -> Iterator[tuple[Path, str, gltf.Asset]]:
    for path in files.files():
        name = files.display_name(path)
        if path.suffix.lower() not in SUFFIXES:
            evidence.note(f"{name} skipped: not .gltf, .glb or .vrm")
            continue
        try:
            data = files.read_bytes(path)
        except NonConformance as exc:
            evidence.finding(str(exc), file=name)
            continue
        yield path, name, gltf.read(data, name)


@pytest.mark.requirement("AS-GLTF-001")
def test_gltf_structure(targets, evidence):
    checked = 0
    for path, name, asset in _assets(targets["models"], evidence):
        checked += 1
        if path.suffix.lower() in (".glb", ".vrm") and not asset.is_glb:
            evidence.finding(f"a {path.suffix} file is binary glTF, which starts with the magic 'glTF'",
                             file=name, expected="glTF", actual=path.read_bytes()[:4].decode("latin-1"))
        evidence.findings_from(gltf.check(asset, path.parent), file=name)
    if not checked:
        raise Inconclusive("no .gltf, .glb or .vrm file to check")
    evidence.note(f"checked {checked} glTF file(s)")


@pytest.mark.requirement("AS-VRM-001")
def test_vrm_avatars(targets, evidence):
    avatars = 0
    for path, name, asset in _assets(targets["models"], evidence):
        if path.suffix.lower() != ".vrm" and not vrm.is_vrm(asset.document):
            continue
        avatars += 1
        if not asset.is_glb:
            evidence.finding("a VRM avatar is stored as binary glTF (GLB)", file=name,
                             expected="GLB (magic 'glTF')", actual="not GLB")
        if not asset.parsed:
            evidence.findings_from(asset.issues, file=name)
            continue
        evidence.findings_from(vrm.check(asset.document), file=name)
    if not avatars:
        raise Inconclusive("no VRM avatar (.vrm, or a glTF with VRMC_vrm) among the files")
    evidence.note(f"checked {avatars} VRM avatar(s)")


@pytest.mark.requirement("AS-GLTF-002")
def test_khronos_validator(targets, evidence, params):
    if not params.khronos_validator:
        raise NotApplicable("the profile parameter khronos_validator is false")
    files = [path for path in targets["models"].files() if path.suffix.lower() in SUFFIXES]
    if not files:
        raise Inconclusive("no .gltf, .glb or .vrm file to validate")
    try:
        reports = khronos.validate(files, params.khronos_validator_node_path)
    except khronos.Unavailable as exc:
        raise Inconclusive(f"the Khronos glTF-Validator is not available: {exc}") from None
    for path in files:
        name = targets["models"].display_name(path)
        report = reports.get(path)
        if report is None or "error" in report:
            evidence.finding("the validator could not read the file", file=name,
                             actual=(report or {}).get("error"))
            continue
        for message in khronos.messages(report):
            if message.severity == "error":
                evidence.finding(f"{message.code}: {message.message}", file=name, pointer=message.pointer,
                                 rule=message.code)
            else:
                evidence.note(f"{message.severity} {message.code}: {message.message}", file=name,
                              pointer=message.pointer)
    evidence.note(f"validated {len(files)} file(s) with the Khronos glTF-Validator")
