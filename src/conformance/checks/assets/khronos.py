"""Delegating full glTF validation to Khronos's glTF-Validator (npm ``gltf-validator``).

Used only where Node.js and the package are installed: the harness never installs them.
:func:`validate` runs ``gltf_validator.js`` beside this module with ``node`` and returns
each file's report, or raises :class:`Unavailable` with the reason (which the test turns
into an ``inconclusive`` verdict, never a silent pass). :func:`messages` maps a report's
issues to findings (errors) and notes (warnings and below), with the validator's codes and
JSON pointers.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

RUNNER = Path(__file__).with_name("gltf_validator.js")
SEVERITIES = {0: "error", 1: "warning", 2: "info", 3: "hint"}
RUN_LIMIT_S = 600  # a safety cap on the external process, not a requirement


class Unavailable(Exception):
    """The validator cannot run here; the message says why and how to make it available."""


@dataclass(frozen=True)
class Message:
    severity: str
    code: str
    message: str
    pointer: str | None


def validate(files: list[Path], node_path: str = "") -> dict[Path, dict[str, Any]]:
    """file -> the validator's report (a dict); files it could not read map to {"error": ...}."""
    node = shutil.which("node")
    if node is None:
        raise Unavailable("Node.js is not installed (no `node` on PATH)")
    env = dict(os.environ)
    if node_path:
        env["NODE_PATH"] = node_path
    try:
        done = subprocess.run([node, str(RUNNER), *map(str, files)], capture_output=True, env=env,
                              timeout=RUN_LIMIT_S, check=False)
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise Unavailable(f"running the glTF-Validator failed: {exc}") from None
    lines = [json.loads(line) for line in done.stdout.decode("utf-8", "replace").splitlines() if line.startswith("{")]
    if done.returncode == 3 or (lines and "missing" in lines[0]):
        raise Unavailable("the npm package gltf-validator is not installed where Node.js finds it "
                          "(npm install gltf-validator, then set the profile parameter "
                          "khronos_validator_node_path to that node_modules folder)")
    if done.returncode != 0:
        raise Unavailable(f"the glTF-Validator runner exited {done.returncode}: "
                          f"{done.stderr.decode('utf-8', 'replace')[-300:]}")
    return {Path(item["file"]): item.get("report") or {"error": item.get("error")} for item in lines}


def messages(report: dict[str, Any]) -> Iterator[Message]:
    """The issues of one report, tolerant of a report shaped differently than expected."""
    issues = report.get("issues") if isinstance(report, dict) else None
    for item in issues.get("messages", []) if isinstance(issues, dict) else []:
        if not isinstance(item, dict):
            continue
        pointer = item.get("pointer")
        severity = item.get("severity")
        yield Message(SEVERITIES.get(severity, "error") if isinstance(severity, int) else "error",
                      str(item.get("code", "?")),
                      str(item.get("message", "")), pointer if isinstance(pointer, str) else None)
