"""Suites and the docs import only the public surface: the package root (its ``__all__``),
what an area's code may use beyond it (``conformance.area``, its ``__all__``), the standards'
encodings in ``conformance.codecs``, and the areas' packages (an area's suite
uses its own area's checks, and may build on another's: interfaces' problem details, identity's
registration). Every other module of the harness is private and may change in any release."""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator
from pathlib import Path

import conformance
from conformance import area
from tests.paths import ROOT

PUBLIC_MODULES = ("conformance.codecs", "conformance.areas.")


def _imports(tree: ast.AST) -> Iterator[tuple[int, str, list[str]]]:
    """(line, module, names imported from it) of every import of the harness."""
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            if node.module == "conformance" or node.module.startswith("conformance."):
                yield node.lineno, node.module, [a.name for a in node.names]
        elif isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name.startswith("conformance"):
                    yield node.lineno, alias.name, []


def private_imports(source: str, where: str) -> list[str]:
    """The imports of private modules and names in ``source``."""
    problems = []
    for line, module, names in _imports(ast.parse(source)):
        if module == "conformance":
            problems += [f"{where}:{line}: conformance.{n} is not public (see conformance.__all__)"
                         for n in names if n not in conformance.__all__]
        elif module == "conformance.area":
            problems += [f"{where}:{line}: conformance.area.{n} is not public (see conformance.area.__all__)"
                         for n in names if n not in area.__all__]
        elif not module.startswith(PUBLIC_MODULES):
            problems.append(f"{where}:{line}: {module} is private; import from conformance")
    return problems


def _doc_blocks(path: Path) -> Iterator[tuple[int, str]]:
    text = path.read_text(encoding="utf-8")
    for match in re.finditer(r"^```python\n(.*?)^```", text, flags=re.M | re.S):
        yield text.count("\n", 0, match.start()) + 2, match.group(1)


def test_suites_import_only_the_public_surface() -> None:
    problems = []
    for path in sorted((ROOT / "suites").rglob("*.py")):
        rel = path.relative_to(ROOT)
        problems += private_imports(path.read_text(encoding="utf-8"), str(rel))
    assert problems == []


def test_the_docs_import_only_the_public_surface() -> None:
    problems = []
    for path in [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]:
        for line, block in _doc_blocks(path):
            try:
                compile(block, str(path), "exec", ast.PyCF_ONLY_AST)
            except SyntaxError:
                continue  # a fragment, not a program
            problems += private_imports(block, f"{path.relative_to(ROOT)}:{line}")
    assert problems == []


def test_the_rule_finds_private_imports() -> None:
    source = ("from conformance import msg, Run\nfrom conformance._run.engine import Run\n"
              "import conformance._run.session\n"
              "from conformance import _version\nfrom conformance.areas.identity import did\n"
              "from conformance.codecs.jcs import sha256_hex\n"
              "from conformance.area import parse_json, _LAZY\n")
    found = private_imports(source, "x.py")
    assert found == [
        "x.py:2: conformance._run.engine is private; import from conformance",
        "x.py:3: conformance._run.session is private; import from conformance",
        "x.py:4: conformance._version is not public (see conformance.__all__)",
        "x.py:7: conformance.area._LAZY is not public (see conformance.area.__all__)",
    ]


def test_every_public_name_resolves() -> None:
    for name in conformance.__all__:
        assert getattr(conformance, name) is not None
    for name in area.__all__:
        assert getattr(area, name) is not None
