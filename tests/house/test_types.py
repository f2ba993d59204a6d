"""The core's types hold: mypy finds no error in the strict packages, and ``Any`` does not
grow back (scripts/any_density.py counts it)."""

from __future__ import annotations

import importlib.util
import subprocess
import sys
from pathlib import Path
from types import ModuleType

import pytest

from tests.paths import ROOT

#: held to --strict by pyproject.toml's [[tool.mypy.overrides]]
STRICT_PACKAGES = ("_io", "_record", "_catalog", "_run", "certification", "programme")
#: the core's ``Any`` per 1 000 lines when this test was last tightened (lower it as types improve)
MAX_ANY_DENSITY = 16.8


def _any_density() -> ModuleType:
    """scripts/any_density.py (not a package: loaded from its file, registered as dataclasses need)."""
    spec = importlib.util.spec_from_file_location("any_density", ROOT / "scripts" / "any_density.py")
    assert spec is not None and spec.loader is not None
    module = sys.modules.setdefault(spec.name, importlib.util.module_from_spec(spec))
    spec.loader.exec_module(module)
    return module


def test_strict_packages_pass_mypy() -> None:
    """mypy with the project's configuration (the strict flags for these packages) exits 0
    (about 15 s with no cache, 2 s with .mypy_cache: not marked slow)."""
    pytest.importorskip("mypy")
    paths = [str(Path("src", "conformance", package)) for package in STRICT_PACKAGES]
    done = subprocess.run([sys.executable, "-m", "mypy", "--config-file", "pyproject.toml", *paths],
                          cwd=ROOT, capture_output=True, text=True, timeout=600, check=False)
    assert done.returncode == 0, f"mypy found errors:\n{done.stdout}{done.stderr}"


def test_any_density_does_not_grow() -> None:
    counts = _any_density().measure()
    core = counts["core"]
    assert core.density <= MAX_ANY_DENSITY, (
        f"the core has {core.anys} Any in {core.lines} lines ({core.density:.1f} per 1 000), more than "
        f"{MAX_ANY_DENSITY}: type what flows (conformance._io.jsontypes, a TypedDict, object) "
        f"(python scripts/any_density.py shows where)")
