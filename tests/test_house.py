"""Promises about how the package is built: the judge shares no code with what it judges,
the core names no area (each area is a plug-in in ``conformance.areas``, reached through the
registry, never imported), and merely loading the plugin (which every pytest session in a
vendor's environment does) loads almost nothing. Timings are measured by bench/startup.py,
never asserted here."""

from __future__ import annotations

import ast
import re
import subprocess
import sys
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "src" / "conformance"


def _imports(path: Path, package: list[str]) -> list[str]:
    """Absolute names of every module a file of ``package`` imports (relative imports resolved)."""
    names = []
    for node in ast.walk(ast.parse(path.read_bytes())):
        if isinstance(node, ast.Import):
            names += [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = package[: len(package) - node.level + 1] if node.level else []
            module = ".".join([*base, *([node.module] if node.module else [])])
            names += [f"{module}.{alias.name}" for alias in node.names] + [module]
    return names


def _package_of(path: Path) -> list[str]:
    """The package a module of src/conformance belongs to (what its relative imports start from)."""
    return ["conformance", *path.parent.relative_to(PACKAGE).parts]


def _module_of(path: Path) -> str:
    parts = _package_of(path)
    return ".".join(parts if path.name == "__init__.py" else [*parts, path.stem])


def _is_area(name: str) -> bool:
    return name == "conformance.areas" or name.startswith("conformance.areas.")


#: The areas built into the harness: the packages of src/conformance/areas/.
AREAS = sorted(p.name for p in (PACKAGE / "areas").iterdir() if (p / "__init__.py").is_file())
#: An area package named in source: "areas.terminal" or "areas/terminal" (a module path, a
#: file path, a dotted name given to import_module or an entry point).
NAMES_AN_AREA = re.compile(rf"\bareas[./]({'|'.join(AREAS)})\b")
CORE = sorted(p for p in PACKAGE.rglob("*.py") if not _is_area(_module_of(p)))


def import_graph() -> dict[str, list[str]]:
    """Module of src/conformance -> every module it imports, at module level or inside a
    function (relative imports resolved; ``from a import b`` counts as a and a.b)."""
    return {_module_of(path): _imports(path, _package_of(path)) for path in sorted(PACKAGE.rglob("*.py"))}


def test_the_four_areas_are_packages_of_conformance_areas():
    assert {"identity", "assets", "interfaces", "terminal"} <= set(AREAS)
    assert not (PACKAGE / "checks").exists() and not (PACKAGE / "generate").exists()


def test_no_module_outside_the_areas_imports_one():
    graph = import_graph()
    assert len(graph) > 100, "the scan found too few modules"
    offenders = {module: sorted({name for name in imported if _is_area(name)})
                 for module, imported in graph.items() if not _is_area(module)}
    offenders = {module: names for module, names in offenders.items() if names}
    assert not offenders, f"the core reaches areas only through conformance._areas (hooks): {offenders}"


@pytest.mark.parametrize("path", CORE, ids=lambda p: p.relative_to(PACKAGE).as_posix())
def test_no_core_module_names_an_area_package(path):
    named = sorted(set(NAMES_AN_AREA.findall(path.read_text(encoding="utf-8"))))
    assert not named, f"{path.relative_to(PACKAGE)} names the area package(s) {named}"


def test_the_scans_see_what_they_look_for(tmp_path):
    # Each scan above can fail: an area imported relatively, inside a function, or named by
    # a string is seen.
    probe = tmp_path / "probe.py"
    probe.write_text("import os\n\n\ndef draw():\n    from ..areas.terminal import charts\n"
                     "    return os.sep, charts\n", encoding="utf-8")
    imported = _imports(probe, ["conformance", "report"])
    assert "conformance.areas.terminal.charts" in imported and _is_area("conformance.areas.terminal")
    assert not _is_area("conformance._areas")
    assert NAMES_AN_AREA.findall('import_module("conformance.areas.identity.jsonld")') == ["identity"]
    assert NAMES_AN_AREA.findall("see src/conformance/areas/terminal/series.py") == ["terminal"]
    assert NAMES_AN_AREA.findall("the areas (identity, terminal) and conformance.areas") == []


@pytest.mark.parametrize("path", sorted((PACKAGE / "reference").rglob("*.py")),
                         ids=lambda p: p.relative_to(PACKAGE).as_posix())
def test_the_reference_implementation_never_imports_a_check(path):
    checks = [name for name in _imports(path, _package_of(path)) if _is_area(name)]
    assert not checks, f"{path.relative_to(PACKAGE)} imports {checks}: a bug shared with a check would pass both"


def test_the_import_scan_sees_relative_imports_of_checks(tmp_path):
    # The scan above can fail: a reference module importing a check by a relative import is seen.
    probe = tmp_path / "probe.py"
    probe.write_text("from ...areas.identity import did\n", encoding="utf-8")
    assert "conformance.areas.identity.did" in _imports(probe, ["conformance", "reference", "identity"])


def test_loading_the_plugin_loads_neither_validation_nor_models():
    code = ("import sys, conformance.plugin, conformance.cli; "
            "print(sorted(m for m in sys.modules if m.split('.')[0] in "
            "('jsonschema', 'pydantic', 'httpx', 'rich', 'yaml', 'numpy', 'referencing', 'orjson') "
            "or m.startswith(('conformance.engine', 'conformance.catalog', 'conformance.session'))))")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]", f"heavy modules loaded at plugin import: {done.stdout.strip()}"
