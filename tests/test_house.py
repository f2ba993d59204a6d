"""Promises about how the package is built: the judge shares no code with what it judges,
and merely loading the plugin (which every pytest session in a vendor's environment does)
loads almost nothing. Timings are measured by bench/startup.py, never asserted here."""

from __future__ import annotations

import ast
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


@pytest.mark.parametrize("path", sorted((PACKAGE / "reference").rglob("*.py")),
                         ids=lambda p: p.relative_to(PACKAGE).as_posix())
def test_the_reference_implementation_never_imports_a_check(path):
    package = ["conformance", *path.parent.relative_to(PACKAGE).parts]
    checks = [name for name in _imports(path, package) if name.startswith("conformance.checks")]
    assert not checks, f"{path.relative_to(PACKAGE)} imports {checks}: a bug shared with a check would pass both"


def test_the_import_scan_sees_relative_imports_of_checks(tmp_path):
    # The scan above can fail: a reference module importing a check by a relative import is seen.
    probe = tmp_path / "probe.py"
    probe.write_text("from ...checks.identity import did\n", encoding="utf-8")
    assert "conformance.checks.identity.did" in _imports(probe, ["conformance", "reference", "identity"])


def test_loading_the_plugin_loads_neither_validation_nor_models():
    code = ("import sys, conformance.plugin, conformance.cli; "
            "print(sorted(m for m in sys.modules if m.split('.')[0] in "
            "('jsonschema', 'pydantic', 'httpx', 'rich', 'yaml', 'numpy', 'referencing', 'orjson') "
            "or m.startswith(('conformance.engine', 'conformance.catalog', 'conformance.session'))))")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]", f"heavy modules loaded at plugin import: {done.stdout.strip()}"
