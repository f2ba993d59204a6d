"""Reproduce a finished run's failures with one command: ``conformance replay DIR``.

The requirements that failed in the report at DIR (or those named) are run again against
the same targets with the manifest the run read (checked against the digest the report
recorded), and each is compared with before: which findings came again, which are gone,
which are new. A vendor fixing a defect reruns exactly what failed, in seconds, and sees it
pass; a defect that remains shows the same finding again.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import orjson

from .._io.inputs import check_input_file
from .._record.grouping import input_of
from ..errors import HarnessInputError

#: A report is larger than a manifest: a long run keeps up to a few hundred MB of evidence.
MAX_REPORT_BYTES = 1024 * 1024 * 1024

#: The verdicts a replay reruns by default.
FAILING = ("fail", "error")


@dataclass
class Replayed:
    requirement: str
    before: str
    now: str
    again: list[str] = field(default_factory=list)  # findings seen before and now
    gone: list[str] = field(default_factory=list)
    new: list[str] = field(default_factory=list)


def _finding_keys(result: dict[str, Any]) -> list[str]:
    return [f"{input_of(i)}: {i.get('message', '')}" for i in result.get("evidence", []) if i.get("kind") == "finding"]


def load_report(folder: Path) -> dict[str, object]:
    path = folder / "report.json"
    if not path.exists():
        raise HarnessInputError(str(folder), "holds no report.json", "name the --out folder of a finished run")
    check_input_file(path, max_bytes=MAX_REPORT_BYTES)
    try:
        report = orjson.loads(path.read_bytes())
    except orjson.JSONDecodeError as exc:
        raise HarnessInputError(str(path), f"is not JSON ({exc})", "name the --out folder of a finished run") from None
    if not isinstance(report, dict) or not isinstance(report.get("requirements"), list):
        raise HarnessInputError(str(path), "is not a conformance report", "name the --out folder of a finished run")
    return report


def manifest_of(report: dict[str, Any], given: Path | None, path: Path) -> Path:
    """The manifest the run read: ``given``, else the one the report names (relative to the
    current folder, as the run was started); its digest must be the one recorded."""
    recorded = next((i for i in report.get("inputs", []) if i.get("kind") == "manifest"), None)
    manifest = given or (Path(recorded["name"]) if recorded else None)
    if manifest is None:
        raise HarnessInputError(str(path), "names no manifest", "pass the run's manifest with --manifest")
    if not manifest.exists():
        raise HarnessInputError(str(manifest), "does not exist (the run's manifest)",
                                "run replay from the folder the run started in, or pass --manifest")
    check_input_file(manifest)
    if recorded and hashlib.sha256(manifest.read_bytes()).hexdigest() != recorded.get("sha256"):
        raise HarnessInputError(str(manifest), "changed since the run (its SHA-256 differs from the report's)",
                                "replay with the manifest the run read, or start a new run")
    return manifest


def chosen(report: dict[str, Any], requirements: list[str], path: Path) -> list[str]:
    known = {r["requirement"]: r for r in report["requirements"]}
    for requirement in requirements:
        if requirement not in known:
            raise HarnessInputError(f"--requirement {requirement}", f"was not judged in {path}",
                                    f"requirements there: {', '.join(sorted(known)[:12])}...")
    picked = requirements or [r for r, result in known.items() if result["verdict"] in FAILING]
    if not picked:
        raise HarnessInputError(str(path), "has no failing requirement to replay", "name one with --requirement")
    return picked


def compare(before: dict[str, Any], after: dict[str, Any], requirements: list[str]) -> list[Replayed]:
    was = {r["requirement"]: r for r in before["requirements"]}
    now = {r["requirement"]: r for r in after["requirements"]}
    out = []
    for requirement in requirements:
        result = now.get(requirement, {})
        old_keys, new_keys = _finding_keys(was[requirement]), _finding_keys(result)
        out.append(Replayed(requirement, was[requirement]["verdict"], result.get("verdict", "missing"),
                            again=[k for k in new_keys if k in old_keys],
                            gone=[k for k in old_keys if k not in new_keys],
                            new=[k for k in new_keys if k not in old_keys]))
    return out
