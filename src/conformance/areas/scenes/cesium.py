"""The CesiumGS 3d-tiles-validator (npm ``3d-tiles-validator``), an optional delegate.

The version is pinned in ``tiles_validator.json``. Unlike the glTF validator, it is not put
into the package at build time (it pulls in CesiumJS and native image libraries): the
README's install step puts it in ``_vendor/`` beside this module (never committed)::

    npm install --prefix src/conformance/areas/scenes/_vendor 3d-tiles-validator@<pin>

or ``CONFORMANCE_3D_TILES_VALIDATOR`` names the folder of an installed copy of the package, or a
global install puts ``3d-tiles-validator`` on PATH.
Node.js is the one the assets area finds (:func:`conformance.areas._shared.khronos.node_executable`).
Nothing is fetched at run time. Where the validator is not there, or is there in another
version than the pin, :func:`validate` raises :class:`NotInstalled` (the requirement is then
``inconclusive``, its message saying how to install the pinned version: another version's
verdicts are not the ones the catalog records); where it is there but breaks, :class:`Failed`
(an ``error`` verdict).

The pin is the newest version published on npm (the registry's pages list 0.6.0 as the
latest); the pin also names the release's git tag and commit, for a copy built from source
(``npm install`` and ``npx tsc`` in a checkout of the tag, then ``CONFORMANCE_3D_TILES_VALIDATOR``
set to that folder: its ``package.json`` carries the same version).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path
from typing import TYPE_CHECKING

from conformance import msg

from .._shared import khronos

if TYPE_CHECKING:
    from conformance.area import JsonArray, JsonObject



HERE = Path(__file__).parent
RUNNER = HERE / "tiles_validator.js"
PIN: dict[str, str] = json.loads((HERE / "tiles_validator.json").read_text(encoding="utf-8"))
VENDOR = HERE / "_vendor"
ENV = "CONFORMANCE_3D_TILES_VALIDATOR"
RUN_LIMIT_S = 900  # a safety cap on the external process, not a requirement

_cache: dict[tuple[str, str, int, int], JsonObject] = {}
#: What Node.js says when its permission model refuses an access (the error code, and the
#: message of the Node.js versions that give one): a report that carries it was confined.
DENIED = ("ERR_ACCESS_DENIED", "Access to this API has been restricted")


class NotInstalled(RuntimeError):
    """The validator is not installed here; the message says how to install it."""


class Failed(RuntimeError):
    """The validator is installed but could not run; the message says why."""


def install_command() -> str:
    return f"npm install --prefix {VENDOR} {PIN['package']}@{PIN['version']}"


def package_dir() -> Path:
    """The installed package's folder: ``$CONFORMANCE_3D_TILES_VALIDATOR`` or the vendored copy."""
    given = os.environ.get(ENV)
    if given:
        return Path(given)
    vendored = VENDOR / "node_modules" / PIN["package"]
    on_path = shutil.which(PIN["package"])  # a global install: its bin is <package>/build/main
    if not (vendored / "package.json").is_file() and on_path is not None:
        return Path(on_path).resolve().parent.parent
    return vendored


def installed_version(package: Path) -> str | None:
    """The version in an installed copy's package.json (None when it has none)."""
    try:
        found = json.loads((package / "package.json").read_text(encoding="utf-8")).get("version")
    except (OSError, ValueError, AttributeError):
        return None
    return found if isinstance(found, str) else None


def version() -> str:
    """The installed validator's version (the pin's when it is not installed)."""
    return installed_version(package_dir()) or PIN["version"]


def _key(path: Path, root: Path) -> tuple[str, str, int, int]:
    stat = path.stat()
    return str(path.resolve()), str(root), stat.st_size, stat.st_mtime_ns


def validate(files: list[Path], root: Path) -> dict[Path, JsonObject]:
    """tileset file -> the validator's report (``numErrors``, ``issues``...), or {"error": ...};
    the validator reads nothing outside ``root`` but its own files (``tiles_validator.js``), and
    a report whose validator tried to is ``{"refused": [paths], ...}`` (:mod:`.confine`)."""
    root = root.resolve()
    package = package_dir()
    if not (package / "package.json").is_file():
        raise NotInstalled(msg("scenes.validator-not-installed", package=PIN["package"], version=PIN["version"],
                               command=install_command(), env=ENV))
    found = installed_version(package)
    if found != PIN["version"]:
        raise NotInstalled(msg("scenes.validator-other-version", path=str(package), found=str(found),
                               version=PIN["version"], command=install_command(), env=ENV))
    out: dict[Path, JsonObject] = {}
    todo = []
    for path in files:
        cached = _cache.get(_key(path, root))
        if cached is None:
            todo.append(path)
        else:
            out[path] = cached
    if todo:
        for path, report in _run(todo, package, root).items():
            out[path] = report
            if "error" not in report and not report.get("refused"):
                _cache[_key(path, root)] = report
    return out


def permission_flags(package: Path, root: Path) -> list[str]:
    """Node.js's permission model granting reads of ``root``, the runner and the package (and
    the node_modules folder its dependencies may be hoisted into) only: ``--permission`` from
    Node.js 22.13 and 23.5, ``--experimental-permission`` from 20. Older Node.js has none (the
    runner's own guard over ``fs`` still confines the validator's reads)."""
    major, minor = khronos.node_version()
    if major < 20:
        return []
    modern = major >= 24 or (major == 23 and minor >= 5) or (major == 22 and minor >= 13)
    readable = [root, RUNNER.resolve(), package.resolve()]
    if package.parent.name == "node_modules":
        readable.append(package.parent.resolve())
    return ["--permission" if modern else "--experimental-permission", "--allow-addons", "--allow-worker",
            "--no-warnings", *(f"--allow-fs-read={path}" for path in readable)]


def _run(files: list[Path], package: Path, root: Path) -> dict[Path, JsonObject]:
    try:
        node = khronos.node_executable()
    except khronos.Unavailable as exc:
        raise Failed(exc.args[0]) from None
    try:
        flags = permission_flags(package, root)
        done = subprocess.run([node, *flags, str(RUNNER), str(package), str(root), *map(str, files)],
                              capture_output=True,
                              timeout=RUN_LIMIT_S, check=False, env={**os.environ, "NODE_OPTIONS": ""})
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise Failed(msg("scenes.validator-failed", error=str(exc))) from None
    lines: list[JsonObject] = []
    for line in done.stdout.decode("utf-8", "replace").splitlines():
        if line.startswith("{"):
            try:
                value = json.loads(line)
            except ValueError:
                continue
            if isinstance(value, dict):
                lines.append(value)
    if done.returncode == 3 or (lines and "missing" in lines[0]):
        reason = lines[0].get("missing") if lines else done.stderr.decode("utf-8", "replace")[-300:]
        raise Failed(msg("scenes.validator-cannot-load", path=str(package), reason=str(reason)))
    if not lines or "version" not in lines[0]:
        raise Failed(msg("scenes.validator-exited", status=done.returncode,
                         stderr=done.stderr.decode("utf-8", "replace")[-300:]))
    by_name = {item.get("file"): item for item in lines[1:]}
    reports: dict[Path, JsonObject] = {}
    for path in files:
        item = by_name.get(str(path))
        if item is None:
            reports[path] = {"error": msg("scenes.validator-no-report")}
        else:
            report = item.get("report")
            reports[path] = report if isinstance(report, dict) else {"error": str(item.get("error"))}
            refused = item.get("refused")
            listed: JsonArray = [str(p)[:300] for p in refused[:20]] if isinstance(refused, list) else []
            if not listed and any(marker in json.dumps(reports[path]) for marker in DENIED):
                listed = [msg("scenes.validator-denied")]  # the permission model refused a read the guard did not see
            if listed:
                reports[path] = {**reports[path], "refused": listed}
    return reports


def issues(report: JsonObject, severity: str) -> list[JsonObject]:
    """The report's issues of one severity (ERROR, WARNING, INFO), tolerant of odd shapes."""
    found = report.get("issues") if isinstance(report, dict) else None
    return [i for i in found or [] if isinstance(i, dict) and i.get("severity") == severity] \
        if isinstance(found, list) else []


def error_count(report: JsonObject) -> int:
    value = report.get("numErrors") if isinstance(report, dict) else None
    return value if isinstance(value, int) and not isinstance(value, bool) else len(issues(report, "ERROR"))
