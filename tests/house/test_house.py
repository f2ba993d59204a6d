"""Promises about how the package is built: the judge shares no code with what it judges,
the core names no area (each area is a plug-in in ``conformance.areas``, reached through the
registry, never imported), and merely loading the plugin (which every pytest session in a
vendor's environment does) loads almost nothing. Timings are measured by bench/startup.py,
never asserted here."""

from __future__ import annotations

import ast
import functools
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.layers import module_graph, parsed, walked
from tests.paths import ROOT

PACKAGE = ROOT / "src" / "conformance"


def _imports(path: Path, package: list[str]) -> list[str]:
    """Absolute names of every module a file of ``package`` imports (relative imports resolved)."""
    names = []
    for node in walked(parsed(path.read_bytes())):
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


#: The package of src/conformance/areas/ that holds what several areas use: no area's, and no area.
SHARED = "_shared"
#: The areas built into the harness: the packages of src/conformance/areas/ (but the shared one).
AREAS = sorted(p.name for p in (PACKAGE / "areas").iterdir()
               if (p / "__init__.py").is_file() and not p.name.startswith("_"))
#: An area package (or the shared package of areas/) named in source: "areas.terminal" or
#: "areas/terminal" (a module path, a file path, a dotted name given to import_module or an
#: entry point).
NAMES_AN_AREA = re.compile(rf"\bareas[./]({'|'.join([*AREAS, SHARED])})\b")
CORE = sorted(p for p in PACKAGE.rglob("*.py") if not _is_area(_module_of(p)))
#: The exceptions to "the reference never imports a check" (issue 79 asks the first): the reference's VC
#: API judges the data model with the harness's own VC checks and builds its defects from the
#: harness's probes, so that a product passing the probes and the reference agree by construction.
REFERENCE_REUSES = {"reference/identity/vcapi.py": {"conformance.areas.identity.vcmodel",
                                                    "conformance.areas.identity.requestbodies"},
                    # and no check: the terminal generator's reference instruments (the calibrated generator's
                    # segment, the subject's cued schedule), so that the reference runtime's reading
                    # methods answer the numbers the bench captures log (issue 75)
                    "reference/terminal/runtime_readings.py": {"conformance.areas.terminal.generate.exprref",
                                                               "conformance.areas.terminal.generate.biosignal_read",
                                                               "conformance.areas.terminal.generate.injected"}}


def import_graph() -> dict[str, list[str]]:
    """Module of src/conformance -> every module it imports, at module level or inside a
    function (relative imports resolved; ``from a import b`` counts as a and a.b)."""
    return {_module_of(path): _imports(path, _package_of(path)) for path in sorted(PACKAGE.rglob("*.py"))}


#: The most modules directly under src/conformance: the public root and a few it needs (its
#: version, the pytest plug-in's entry point, the areas' hook specifications and registry, the
#: errors); everything else lives in a package named for what it does.
MAX_ROOT_MODULES = 8


def test_the_root_holds_only_a_handful_of_modules():
    root = sorted(p.name for p in PACKAGE.glob("*.py"))
    assert len(root) <= MAX_ROOT_MODULES, f"{len(root)} modules at src/conformance/: {root}; give each a package"
    assert "__init__.py" in root and len(root) >= 3  # the scan sees the root


@functools.cache
def _package_modules() -> frozenset[str]:
    """Every module of src/conformance (once a process: the scan below asks for each file)."""
    return frozenset(_module_of(p) for p in PACKAGE.rglob("*.py"))


def _imports_the_root(source: bytes, package: list[str]) -> list[int]:
    """The lines where a module of ``package`` imports the package's public root
    (``conformance`` itself, not a module of it): ``import conformance``, ``from conformance
    import X`` or a relative ``from .. import X`` that reaches the root, X not a module."""
    modules = _package_modules()
    lines = []
    for node in walked(parsed(source)):
        if isinstance(node, ast.Import) and any(alias.name == "conformance" for alias in node.names):
            lines.append(node.lineno)
        elif isinstance(node, ast.ImportFrom):
            base = package[: len(package) - node.level + 1] if node.level else []
            module = ".".join([*base, *([node.module] if node.module else [])])
            if module == "conformance" and any(f"conformance.{a.name}" not in modules for a in node.names):
                lines.append(node.lineno)
    return lines


def test_no_core_module_imports_the_public_root():
    # The root re-exports names lazily from the private packages; a module of the package that
    # imported it would load through __init__ and back (areas are plug-ins, written against the
    # public surface as a third party's are: they may).
    offenders = {path.relative_to(PACKAGE).as_posix(): lines for path in CORE
                 if (lines := _imports_the_root(path.read_bytes(), _package_of(path)))}
    assert not offenders, f"import the module that defines the name, not the root: {offenders}"


def test_the_root_import_scan_sees_each_form():
    for source, expected in [(b"from conformance import msg\n", [1]), (b"import os\nfrom .. import Verdict\n", [2]),
                             (b"from .. import _areas\n", []), (b"import conformance\n", [1]),
                             (b"from . import signing\n", [])]:
        assert _imports_the_root(source, ["conformance", "report"]) == expected, source


def test_the_built_in_areas_are_packages_of_conformance_areas():
    assert {"identity", "assets", "interfaces", "terminal", "scenes", "identifiers"} <= set(AREAS)
    assert not (PACKAGE / "checks").exists() and not (PACKAGE / "generate").exists()


def test_no_module_outside_the_areas_imports_one():
    graph = import_graph()
    assert len(graph) > 100, "the scan found too few modules"
    # The reference implementation is no part of the core (reached by entry point, above the areas in
    # tests/layers.py): it judges what it is sent with an area's own checks, one reading of a standard.
    offenders = {module: sorted({name for name in imported if _is_area(name)})
                 for module, imported in graph.items()
                 if not _is_area(module) and not module.startswith("conformance.reference")}
    offenders = {module: names for module, names in offenders.items() if names}
    assert not offenders, f"the core reaches areas only through conformance._areas (hooks): {offenders}"


def _area_of(module: str) -> str | None:
    """The package of areas/ a module belongs to (an area, or the shared package), else None."""
    parts = module.split(".")
    return parts[2] if len(parts) > 2 and parts[:2] == ["conformance", "areas"] else None


def area_imports(graph: dict[str, dict[str, int]]) -> list[str]:
    """Each import of one area's module by another area's, as "module (line N) -> module"."""
    return [f"{module} (line {line}) -> {target}" for module, edges in sorted(graph.items())
            for target, line in sorted(edges.items())
            if _area_of(module) in AREAS and _area_of(target) in AREAS and _area_of(target) != _area_of(module)]


def test_no_area_imports_another():
    # What two areas use lives in areas/_shared; an area imported by another could not be left
    # uninstalled, and its message templates would be missing where it is.
    graph = module_graph(PACKAGE, type_checking=True)
    assert {_area_of(m) for m in graph} >= {*AREAS, SHARED}  # the scan sees every area and the shared package
    offenders = area_imports(graph)
    assert not offenders, "an area imports another (move what they share to areas/_shared):\n" + "\n".join(offenders)


def test_the_shared_package_imports_no_area():
    graph = module_graph(PACKAGE, type_checking=True)
    shared = {m: e for m, e in graph.items() if _area_of(m) == SHARED}
    assert len(shared) > 5  # the scan sees the shared package
    offenders = [f"{m} (line {line}) -> {t}" for m, edges in sorted(shared.items()) for t, line in sorted(edges.items())
                 if _area_of(t) in AREAS or t == "conformance.areas"]
    assert not offenders, "areas/_shared imports an area:\n" + "\n".join(offenders)


def test_the_shared_package_is_no_area():
    import tomllib

    assert SHARED not in AREAS and (PACKAGE / "areas" / SHARED / "__init__.py").is_file()
    listed = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["entry-points"]
    assert set(listed["conformance.areas"]) == set(AREAS)  # an entry point for each area, none for _shared
    source = (PACKAGE / "areas" / SHARED / "__init__.py").read_text(encoding="utf-8")
    assert "hookimpl" not in source  # it registers no hooks


def test_every_area_using_the_shared_package_brings_its_templates():
    # The shared code writes messages of keys shared.*; they resolve whichever areas are
    # installed only when each area that uses it brings the templates with its own.
    from conformance.areas import _shared

    graph = module_graph(PACKAGE, type_checking=True)
    users = {_area_of(m) for m, edges in graph.items() if _area_of(m) in AREAS
             for t in edges if _area_of(t) == SHARED}
    suites = ROOT / "suites"
    users |= {area for area in AREAS if any("conformance.areas._shared" in p.read_text(encoding="utf-8")
                                           for p in (suites / area).rglob("*.py"))}
    assert {"assets", "interfaces", "identity", "terminal"} <= users
    from conformance._areas import manager

    brought = {manager().get_name(impl.plugin): impl.function()
               for impl in manager().hook.conformance_message_templates.get_hookimpls()}
    missing = sorted(area for area in users if brought.get(area, {}).get(_shared.PREFIX) != _shared.TEMPLATES)
    assert not missing, f"areas using areas/_shared without bringing its templates: {missing}"


def test_the_area_import_scan_sees_a_planted_import(tmp_path):
    # The scan above can fail: an area's module importing another area's, inside a function or
    # under TYPE_CHECKING, relatively or absolutely, is seen; an import of the shared package is not.
    package = tmp_path / "conformance"
    for folder in ("areas", "areas/identity", "areas/terminal", "areas/_shared"):
        (package / folder).mkdir(parents=True, exist_ok=True)
        (package / folder / "__init__.py").write_text("")
    (package / "__init__.py").write_text("")
    (package / "areas" / "identity" / "privacy.py").write_text("value = 1\n")
    (package / "areas" / "_shared" / "walk.py").write_text("value = 2\n")
    (package / "areas" / "terminal" / "late.py").write_text(
        "from .._shared import walk\n\n\ndef late():\n    from ..identity import privacy\n    return privacy, walk\n")
    (package / "areas" / "terminal" / "typed.py").write_text(
        "from typing import TYPE_CHECKING\n\nif TYPE_CHECKING:\n    import conformance.areas.identity.privacy\n")
    assert area_imports(module_graph(package, type_checking=True)) == [
        "conformance.areas.terminal.late (line 5) -> conformance.areas.identity.privacy",
        "conformance.areas.terminal.typed (line 4) -> conformance.areas.identity.privacy"]
    assert area_imports(module_graph(package)) == [
        "conformance.areas.terminal.late (line 5) -> conformance.areas.identity.privacy"]


@pytest.mark.parametrize("path", CORE, ids=lambda p: p.relative_to(PACKAGE).as_posix())
def test_no_core_module_names_an_area_package(path):
    if path.relative_to(PACKAGE).as_posix() in REFERENCE_REUSES:
        return
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
    assert NAMES_AN_AREA.findall("from conformance.areas._shared import jsonld") == ["_shared"]
    assert NAMES_AN_AREA.findall("see src/conformance/areas/terminal/series.py") == ["terminal"]
    assert NAMES_AN_AREA.findall("the areas (identity, terminal) and conformance.areas") == []


# -- the core names no area: neither its name nor its requirements' prefix -------------------

#: The modules that may not name an area even by a word: the core without the reference
#: implementation (the product side of the wire, which serves /assets and /scenes).
HARNESS = [path for path in CORE if path.relative_to(PACKAGE).parts[0] != "reference"]
#: Area names the word scan leaves out: "data" is every other variable's name.
TOO_COMMON = {"data"}
#: An area's name as a word (``"terminal"``, ``"identity.bad-key"``, ``"terminal-body"``).
AREA_WORD = re.compile(rf"\b({'|'.join(a for a in AREAS if a not in TOO_COMMON)})\b", re.IGNORECASE)
#: Where an area's name is a word of something else, by file and exact text (a string) or
#: name (a module-level definition).
NOT_AN_AREA = {
    ("_run/suiteargs.py", "no:terminal"): "pytest's terminal reporter, switched off",
    ("adapters/decoding.py", "identity"): "the HTTP content coding (RFC 9110, 8.4.1)",
    ("adapters/deadline.py", "identity"): "the HTTP content coding asked of a peer (RFC 9110, 12.5.3)",
    ("_catalog/digest.py", "Identity"): "a file's identity (device, inode, size, times)",
    ("_catalog/digest.py", "identity"): "a file's identity",
    ("_catalog/digest.py", "identity_of"): "a file's identity",
    ("drafting/contractexamples.py", "test identity A's DID"): "the document's words for a filled value",
    ("drafting/contractexamples.py", "test identity B's DID"): "the document's words for a filled value",
    ("drafting/formats.py", "The messages and answers the test cases exchange through the interfaces are "
                            "specified in Annex "): "the document's prose",
    ("drafting/interlab_note.py",
     'The reference implementation this note speaks of is an implementation under test the '
     "drafting group wrote and ships with the harness: as a platform it serves annex D's "
     'operations, as a terminal the runtime test interface, and it carries the samples of the '
     'profiles that read files (device captures and descriptors, models, tilesets...); '
     "`conformance demo` and the harness's own tests run the test cases against it as a known-"
     'good implementation under test (see (5) of part 4), and plant known defects in it to show '
     'that each test case can fail.'): "the document's prose (the reference implementation's roles)",
}


def _docstrings(tree: ast.AST) -> set[int]:
    """The ids of the docstring nodes of a module, its classes and functions (prose, which may
    speak of areas: what the scans below read is code)."""
    found = set()
    for node in walked(tree):
        if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)) and node.body:
            first = node.body[0]
            if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant):
                found.add(id(first.value))
    return found


def _strings(tree: ast.AST) -> Iterator[tuple[int, str, ast.Constant]]:
    """(line, text, node) of every string literal but the docstrings (f-strings' parts too)."""
    skipped = _docstrings(tree)
    for node in walked(tree):
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in skipped:
            yield node.lineno, node.value, node


def _defined(tree: ast.Module) -> Iterator[tuple[int, str]]:
    """(line, name) of what a module defines at its top level: functions, classes, variables."""
    for node in tree.body:
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            yield node.lineno, node.name
        elif isinstance(node, (ast.Assign, ast.AnnAssign)):
            for target in node.targets if isinstance(node, ast.Assign) else [node.target]:
                yield from ((n.lineno, n.id) for n in ast.walk(target) if isinstance(n, ast.Name))


def _words(name: str) -> str:
    """An identifier's words, spaced: ``TERMINAL_LABELS`` and ``TerminalLabels`` -> "terminal labels"."""
    return " ".join(re.findall(r"[A-Z]?[a-z0-9]+|[A-Z]+(?![a-z])", name)).lower()


def area_names_in(source: bytes, where: str = "") -> list[str]:
    """Where a module names an area: its name as a word of a string literal (a message key, a
    map's key, a profile ID) or of a name it defines (``TERMINAL_LABELS``)."""
    tree = parsed(source)
    found = [f"line {line}: {text!r}" for line, text, _ in _strings(tree)
             if AREA_WORD.search(text) and (where, text) not in NOT_AN_AREA]
    found += [f"line {line}: {name}" for line, name in _defined(tree)
              if AREA_WORD.search(_words(name)) and (where, name) not in NOT_AN_AREA]
    return found


def prefix_pattern(prefixes: set[str]) -> re.Pattern[str]:
    """A requirement ID or its prefix: ``TD-HAND-003``, ``"AS-GLTF-"``, ``"TD-"`` in a text, or
    the prefix alone as the whole text (``{"TD": ...}``)."""
    alternatives = "|".join(sorted(map(re.escape, prefixes)))
    return re.compile(rf"(?<![\w-])({alternatives})-|\A({alternatives})\Z")


def prefixes_in(source: bytes, pattern: re.Pattern[str]) -> list[str]:
    """Where a module writes a requirement ID prefix of the catalog in a string literal (an
    option's ``metavar="ID"`` is the word, not the prefix)."""
    tree = parsed(source)
    placeholders = {id(k.value) for k in walked(tree) if isinstance(k, ast.keyword) and k.arg == "metavar"}
    return [f"line {line}: {text!r}" for line, text, node in _strings(tree)
            if id(node) not in placeholders and pattern.search(text)]


def test_no_core_module_names_an_area():
    assert len(HARNESS) > 100 and not any("reference" in p.parts or "areas" in p.parts for p in HARNESS)
    offenders = {where: found for path in HARNESS
                 if (found := area_names_in(path.read_bytes(), where := path.relative_to(PACKAGE).as_posix()))}
    assert not offenders, f"the core names areas (bring it through a hook of conformance.hookspecs): {offenders}"
    stale = [key for key in NOT_AN_AREA if not (PACKAGE / key[0]).is_file()
             or (key[1] not in (PACKAGE / key[0]).read_text(encoding="utf-8")  # a name, or a one-line string
                 and key[1] not in {text for _, text, _ in _strings(parsed((PACKAGE / key[0]).read_bytes()))})]
    assert not stale, f"exceptions that no longer apply: {stale}"


def test_no_core_module_writes_a_requirement_prefix_of_the_catalog(catalog):
    prefixes = {requirement_id.split("-", 1)[0] for requirement_id in catalog.requirements}
    assert {"ID", "AS", "IF", "TD", "SC"} <= prefixes  # read from the catalog, which the scan sees
    pattern = prefix_pattern(prefixes)
    offenders = {where: found for path in HARNESS
                 if (found := prefixes_in(path.read_bytes(), pattern))
                 and (where := path.relative_to(PACKAGE).as_posix())}
    assert not offenders, (f"the core writes requirement IDs or their prefixes (a requirement's area is the "
                           f"catalog's; what an area needs of its IDs is its own): {offenders}")


def test_the_area_scans_see_a_planted_offender():
    # Each scan above can fail: a table of prefixes, an area's labels, a message key, a
    # requirement ID in a string and a constant named for an area are all seen.
    planted = (b'"""The terminal area\'s labels: a docstring may say so."""\n'
               b'AREAS = {"ID": "identity", "TD": "terminal"}\n'
               b'TERMINAL_LABELS = {"en": {}}\n'
               b'def check(run):\n    return "AS-GLTF-001" in run.selected or msg("scenes.bad-tile")\n'
               b'def option(p):\n    p.add_argument("--profile", metavar="ID", help="this ID")\n')
    assert area_names_in(planted) == ["line 2: 'identity'", "line 2: 'terminal'", "line 5: 'scenes.bad-tile'",
                                      "line 3: TERMINAL_LABELS"]
    assert prefixes_in(planted, prefix_pattern({"ID", "TD", "AS"})) == [
        "line 2: 'ID'", "line 2: 'TD'", "line 5: 'AS-GLTF-001'"]
    assert area_names_in(b'ok = is_terminal() or "off a console" or b"x"\n') == []
    assert area_names_in(b"def identity(path): ...\n", "_catalog/digest.py") == []
    assert area_names_in(b"def identity(path): ...\n", "report/html.py") == ["line 1: identity"]


def test_certification_does_not_depend_on_drafting():
    graph = import_graph()
    offenders = {module: sorted({name for name in imported if name.startswith("conformance.drafting")})
                 for module, imported in graph.items() if module.startswith("conformance.certification")}
    offenders = {module: names for module, names in offenders.items() if names}
    assert not offenders, f"certification reads the catalog, never the drafting tools: {offenders}"


@pytest.mark.parametrize("path", sorted((PACKAGE / "reference").rglob("*.py")),
                         ids=lambda p: p.relative_to(PACKAGE).as_posix())
def test_the_reference_implementation_never_imports_a_check(path):
    allowed = REFERENCE_REUSES.get(path.relative_to(PACKAGE).as_posix(), set())
    checks = [name for name in _imports(path, _package_of(path))
              if _is_area(name) and not any(name == a or name.startswith(a + ".") for a in allowed)]
    assert not checks, f"{path.relative_to(PACKAGE)} imports {checks}: a bug shared with a check would pass both"


def test_the_import_scan_sees_relative_imports_of_checks(tmp_path):
    # The scan above can fail: a reference module importing a check by a relative import is seen.
    probe = tmp_path / "probe.py"
    probe.write_text("from ...areas.identity import did\n", encoding="utf-8")
    assert "conformance.areas.identity.did" in _imports(probe, ["conformance", "reference", "identity"])


def _is_reference(name: str) -> bool:
    return name == "conformance.reference" or name.startswith("conformance.reference.")


#: The core proper: neither an area nor the reference implementation, which it reaches through
#: the entry point conformance.references (conformance._areas.reference_implementation).
CORE_PROPER = [p for p in CORE if not _is_reference(_module_of(p))]
#: A string naming the reference package as a module, as import_module or an entry point would
#: take it: "conformance.reference", "conformance.reference.server:serve", "..reference" (not
#: the group "conformance.references", nor "the reference." in a sentence).
NAMES_THE_REFERENCE = re.compile(r"(?:\bconformance|^)\.+reference\b")


def _reference_imports(path: Path, package: list[str]) -> list[str]:
    """The reference's modules a file imports: at module level, inside a function, or under
    ``if TYPE_CHECKING:`` (:func:`_imports` walks the whole tree)."""
    return sorted({name for name in _imports(path, package) if _is_reference(name)})


def _strings_naming_the_reference(source: bytes) -> list[int]:
    """The lines of string constants (docstrings aside: they describe, they import nothing)
    that name the reference package as a module."""
    tree = parsed(source)
    docstrings = {id(node.body[0].value) for node in walked(tree)
                  if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef)
                  and node.body and isinstance(node.body[0], ast.Expr) and isinstance(node.body[0].value, ast.Constant)}
    return [node.lineno for node in walked(tree)
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docstrings
            and NAMES_THE_REFERENCE.search(node.value)]


def test_the_core_never_imports_the_reference():
    # The core reaches the reference implementation as it would reach any product: through an
    # entry point (conformance.references), never by importing it, nor by naming it to
    # import_module.
    assert len(CORE_PROPER) > 100 and len(CORE_PROPER) < len(CORE), "the scan found too few modules"
    imports = {path.relative_to(PACKAGE).as_posix(): names for path in CORE_PROPER
               if (names := _reference_imports(path, _package_of(path)))}
    assert not imports, f"the core loads the reference through conformance._areas.reference_implementation: {imports}"
    named = {path.relative_to(PACKAGE).as_posix(): lines for path in CORE_PROPER
             if (lines := _strings_naming_the_reference(path.read_bytes()))}
    assert not named, f"the core names the reference package in a string (lines): {named}"


def test_the_reference_scans_see_each_form(tmp_path):
    # Each scan above can fail: an import at module level, inside a function or under
    # TYPE_CHECKING, relative or absolute, and a dotted name given to import_module are seen.
    planted = {
        "import conformance.reference\n": ["conformance.reference"],
        "def f():\n    from ..reference import DEFECTS\n": ["conformance.reference", "conformance.reference.DEFECTS"],
        "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from ..reference.server import serve\n":
            ["conformance.reference.server", "conformance.reference.server.serve"],
        "from .. import reference\n": ["conformance.reference"],
        "from conformance import reference as r\n": ["conformance.reference"],
        "from .._areas import reference_implementation\n": [],
    }
    for source, expected in planted.items():
        probe = tmp_path / "probe.py"
        probe.write_text(source, encoding="utf-8")
        assert _reference_imports(probe, ["conformance", "cli"]) == expected, source
    assert not _is_reference("conformance.references") and not _is_reference("conformance._areas")
    for source, expected in [
        (b'import importlib\nimportlib.import_module("conformance.reference.server")\n', [2]),
        (b'from importlib import import_module\n\n\ndef f():\n    return import_module("..reference", __name__)\n',
         [5]),
        (b'EP = "conformance.reference:create_app"\n', [1]),
        (b'"""Loads conformance.reference through its entry point."""\nGROUP = "conformance.references"\n', []),
        (b'def f():\n    """See conformance.reference."""\n    return "serve the reference."\n', []),
    ]:
        assert _strings_naming_the_reference(source) == expected, source


#: The coordinates of a terminal capture (its stream, a frame's index, the frame's time):
#: the terminal area's own, passed to the core as a finding's open ``coordinates``.
CAPTURE_FIELDS = {"stream", "frame", "t"}


def _capture_fields(source: bytes) -> list[str]:
    """Where a module declares a capture's coordinate as its own: a field of a class (a
    dataclass, a struct) named stream, frame or t, or such a parameter of a finding's
    constructor or method (anything named for findings, or in a class that is)."""
    found = []

    def visit(node: ast.AST, owner: str) -> None:
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.ClassDef):
                found.extend(f"{child.name}.{item.target.id}" for item in child.body
                             if isinstance(item, ast.AnnAssign) and isinstance(item.target, ast.Name)
                             and item.target.id in CAPTURE_FIELDS)
                visit(child, child.name)
            elif isinstance(child, ast.FunctionDef | ast.AsyncFunctionDef):
                args = child.args
                if "finding" in f"{owner}.{child.name}".lower():
                    found.extend(f"{owner}.{child.name}({arg.arg}=)".lstrip(".")
                                 for arg in [*args.posonlyargs, *args.args, *args.kwonlyargs]
                                 if arg.arg in CAPTURE_FIELDS)
                visit(child, owner)
            else:
                visit(child, owner)

    visit(parsed(source), "")
    return found


@pytest.mark.parametrize("path", CORE_PROPER, ids=lambda p: p.relative_to(PACKAGE).as_posix())
def test_the_core_declares_no_capture_field(path):
    declared = _capture_fields(path.read_bytes())
    assert not declared, (f"{path.relative_to(PACKAGE)} declares {declared}: a capture's stream, frame and time "
                          "are the terminal area's coordinates (Finding.coordinates), not the core's fields")


def test_the_capture_field_scan_sees_a_field_and_a_parameter():
    # The scan above can fail: a dataclass field, a struct's member and a finding's parameter are seen.
    assert _capture_fields(b"@dataclass\nclass Finding:\n    message: str\n    stream: str | None = None\n") \
        == ["Finding.stream"]
    assert _capture_fields(b"class Frame(msgspec.Struct):\n    t: int\n") == ["Frame.t"]
    assert _capture_fields(b"class Finding:\n    @classmethod\n    def of(cls, message, *, frame=None):\n"
                           b"        pass\n") == ["Finding.of(frame=)"]
    assert _capture_fields(b"def finding(evidence, message, t=0):\n    pass\n") == ["finding(t=)"]
    # ...and leaves alone the parameters that are no capture's: a signal handler's frame, a stream to read
    assert _capture_fields(b"def interrupt(signum, frame):\n    pass\ndef read_lines(stream):\n    pass\n") == []
    assert len(CORE_PROPER) > 100 and all("areas" not in p.relative_to(PACKAGE).parts[:1] for p in CORE_PROPER)


def _loaded(statement: str, libraries: tuple[str, ...], modules: tuple[str, ...]) -> str:
    """Which of these libraries and of these modules of the package a fresh interpreter has
    loaded after running ``statement``, as a sorted list."""
    code = (f"import sys; {statement}; print(sorted(m for m in sys.modules if m.split('.')[0] in {libraries!r} "
            f"or m.startswith({modules!r})))")
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.strip()


def test_loading_the_plugin_loads_neither_validation_nor_models():
    loaded = _loaded("import conformance.plugin, conformance.cli",
                     ("jsonschema", "pydantic", "httpx", "rich", "yaml", "numpy", "referencing", "orjson"),
                     ("conformance._run.engine", "conformance._catalog.catalog", "conformance._run.session"))
    assert loaded == "[]", f"heavy modules loaded at plugin import: {loaded}"


def test_the_area_surface_loads_nothing_behind_it_until_a_name_is_used():
    # Every area module imports conformance.area at registration; what it names is loaded on use.
    heavy = ("jsonschema", "referencing", "yaml", "orjson", "numpy", "httpx")
    private = ("conformance._catalog", "conformance._io", "conformance._record", "conformance.report")
    assert _loaded("import conformance.area", heavy, private) == "[]"
    assert "conformance._io.parsing" in _loaded("from conformance.area import parse_json", heavy, private)


def test_loading_the_catalog_and_its_tests_loads_neither_pytest_nor_the_engine():
    # Which tests decide which requirements is read from the test locks (conformance._catalog.lock).
    loaded = _loaded("from conformance._catalog.catalog import load_catalog; assert load_catalog().tests",
                     ("pytest", "_pytest"),
                     ("conformance._run.engine", "conformance._run.session", "conformance._run.collect"))
    assert loaded == "[]", f"loaded with the catalog: {loaded}"


def import_cycles(graph: dict[str, dict[str, int]]) -> list[list[str]]:
    """One cycle (its modules in import order, the first repeated at the end) per strongly
    connected group of modules (Tarjan's algorithm, iteratively)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    groups: list[set[str]] = []
    for start in graph:
        if start in index:
            continue
        work = [(start, iter(graph[start]))]
        index[start] = low[start] = len(index)
        stack.append(start)
        on_stack.add(start)
        while work:
            node, edges = work[-1]
            for target in edges:
                if target not in graph:
                    continue
                if target not in index:
                    index[target] = low[target] = len(index)
                    stack.append(target)
                    on_stack.add(target)
                    work.append((target, iter(graph[target])))
                    break
                if target in on_stack:
                    low[node] = min(low[node], index[target])
            else:
                work.pop()
                if work:
                    low[work[-1][0]] = min(low[work[-1][0]], low[node])
                if low[node] == index[node]:
                    group = set()
                    while True:
                        member = stack.pop()
                        on_stack.discard(member)
                        group.add(member)
                        if member == node:
                            break
                    if len(group) > 1:
                        groups.append(group)
    return [_cycle_in(graph, group) for group in groups]


def _cycle_in(graph: dict[str, dict[str, int]], group: set[str]) -> list[str]:
    """A shortest cycle through the group's first module (breadth first, within the group)."""
    start = min(group)
    paths = {start: [start]}
    queue = [start]
    while queue:
        node = queue.pop(0)
        for target in sorted(graph[node]):
            if target == start:
                return [*paths[node], start]
            if target in group and target not in paths:
                paths[target] = [*paths[node], target]
                queue.append(target)
    raise AssertionError(f"no cycle through {start}")  # pragma: no cover - a group always has one


def _shown(graph: dict[str, dict[str, int]], cycle: list[str]) -> str:
    return " -> ".join(f"{a} (line {graph[a][b]})" for a, b in zip(cycle, cycle[1:], strict=False)) + f" -> {cycle[-1]}"


def test_no_import_cycle_even_through_imports_inside_functions():
    graph = module_graph(PACKAGE)
    assert len(graph) > 50 and graph["conformance._run.engine"]  # the scan sees the package
    cycles = [_shown(graph, cycle) for cycle in import_cycles(graph)]
    assert not cycles, "import cycles:\n" + "\n".join(cycles)


def test_no_import_cycle_even_through_type_checking_imports():
    graph = module_graph(PACKAGE, type_checking=True)
    cycles = [_shown(graph, cycle) for cycle in import_cycles(graph)]
    assert not cycles, "import cycles (TYPE_CHECKING imports included):\n" + "\n".join(cycles)


def test_the_cycle_scan_sees_a_loop_closed_inside_a_function_and_skips_type_checking_imports(tmp_path):
    package = tmp_path / "pkg"
    (package / "sub").mkdir(parents=True)
    (package / "__init__.py").write_text("")
    (package / "sub" / "__init__.py").write_text("")
    (package / "a.py").write_text("from .sub import b\n")
    (package / "sub" / "b.py").write_text("def late():\n    from ..c import value\n    return value\n")
    (package / "c.py").write_text("from typing import TYPE_CHECKING\n\nif TYPE_CHECKING:\n    from .d import X\n"
                                  "value = 1\n\n\ndef back():\n    import pkg.a\n")
    (package / "d.py").write_text("from . import c\n")
    graph = module_graph(package)
    assert graph["pkg.a"] == {"pkg.sub.b": 1} and "pkg.d" not in graph["pkg.c"]
    assert import_cycles(graph) == [["pkg.a", "pkg.sub.b", "pkg.c", "pkg.a"]]
    assert _shown(graph, import_cycles(graph)[0]) == (
        "pkg.a (line 1) -> pkg.sub.b (line 2) -> pkg.c (line 9) -> pkg.a")
    # with the TYPE_CHECKING imports, c -> d -> c is a second loop
    typed = module_graph(package, type_checking=True)
    assert typed["pkg.c"]["pkg.d"] == 4
    del typed["pkg.a"]["pkg.sub.b"]
    assert import_cycles(typed) == [["pkg.c", "pkg.d", "pkg.c"]]


# -- the target protocols list everything suites and checks use ---------------------------

#: Names the checks give a target they are handed (unannotated or ``Any``), by kind: the
#: package's convention, which this scan relies on.
CHECK_PARAMETERS = {"api": "http", "other": "http", "files": "file"}


def _members(protocol: type) -> set[str]:
    return {name for name in dir(protocol) if not name.startswith("_")} | set(protocol.__annotations__)


def _role_kinds() -> dict[str, set[str]]:
    import yaml

    kinds: dict[str, set[str]] = {}
    for path in (ROOT / "profiles").glob("*.yaml"):
        for role, spec in (yaml.safe_load(path.read_bytes()).get("targets") or {}).items():
            kinds.setdefault(role, set()).add(spec["kind"])
    return kinds


def _attributes_of(function: ast.AST, names: dict[str, set[str]]) -> Iterator[tuple[str, set[str], int]]:
    """(attribute, kinds, line) of each use of a target in ``function``: ``name.attr`` and
    ``getattr(name, "attr", ...)`` for the names given, ``targets[...].attr`` too."""
    for node in walked(function):
        if isinstance(node, ast.Attribute):
            owner, attribute = node.value, node.attr
        elif (isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in ("getattr", "hasattr")
              and len(node.args) >= 2 and isinstance(node.args[1], ast.Constant)):
            owner, attribute = node.args[0], str(node.args[1].value)
        else:
            continue
        if isinstance(owner, ast.Name) and owner.id in names:
            yield attribute, names[owner.id], node.lineno
        elif kinds := _subscript_kinds(owner):
            yield attribute, kinds, node.lineno


_ROLES: dict[str, set[str]] = {}


def _subscript_kinds(node: ast.AST) -> set[str]:
    """The kinds ``targets[role]`` can be (every kind when the role is not a literal)."""
    if not (isinstance(node, ast.Subscript) and isinstance(node.value, ast.Name) and node.value.id == "targets"):
        return set()
    if isinstance(node.slice, ast.Constant):
        return _ROLES.get(str(node.slice.value), {"http", "file"})
    return {"http", "file"}


def target_uses() -> list[tuple[str, int, str, set[str]]]:
    """(file, line, attribute, kinds) of every attribute the suites and the checks use on a target."""
    _ROLES.update(_role_kinds())
    found = []
    for path in sorted((ROOT / "suites").rglob("test_*.py")):
        for function in (n for n in walked(parsed(path.read_bytes())) if isinstance(n, ast.FunctionDef)):
            names = {t.id: kinds for n in walked(function) if isinstance(n, ast.Assign)
                     for t in n.targets if isinstance(t, ast.Name) and (kinds := _subscript_kinds(n.value))}
            found += [(str(path.relative_to(ROOT)), line, attr, kinds)
                      for attr, kinds, line in _attributes_of(function, names)]
    # the package's code that uses targets: all but the adapters (which are them) and the reference
    # implementation (the other side of the wire)
    users = (p for p in PACKAGE.rglob("*.py") if not {"adapters", "reference"} & set(p.relative_to(PACKAGE).parts))
    for path in sorted(users):
        for function in (n for n in walked(parsed(path.read_bytes())) if isinstance(n, ast.FunctionDef)):
            names = {a.arg: {CHECK_PARAMETERS[a.arg]} for a in function.args.args
                     if a.arg in CHECK_PARAMETERS and (a.annotation is None or ast.unparse(a.annotation) == "Any")}
            found += [(str(path.relative_to(ROOT)), line, attr, kinds)
                      for attr, kinds, line in _attributes_of(function, names)]
    return found


def test_the_target_protocols_list_everything_suites_and_checks_use():
    from conformance._run.targets import FileTarget, HttpTarget

    protocols = {"http": _members(HttpTarget), "file": _members(FileTarget)}
    uses = target_uses()
    assert any(attr == "derived" for _, _, attr, _ in uses)  # the scan sees the checks' uses
    missing = sorted({f"{where}:{line}: {attr} ({'/'.join(sorted(kinds))})" for where, line, attr, kinds in uses
                      if not any(attr in protocols[kind] for kind in kinds if kind in protocols)})
    assert not missing, "used on targets but not in conformance._run.targets' protocols:\n" + "\n".join(missing)


#: The longest a core module may be (issue 77): past it, a module holds more than one job.
MAX_CORE_LINES = 450


@pytest.mark.parametrize("path", CORE, ids=lambda p: p.relative_to(PACKAGE).as_posix())
def test_no_core_module_is_longer_than_the_cap(path):
    lines = len(path.read_text(encoding="utf-8").splitlines())
    assert lines <= MAX_CORE_LINES, f"{path.relative_to(PACKAGE)} has {lines} lines: split it along its seams"


#: The same cap for the built-in areas' modules (issue 77): an area file past it holds more than one job too.
AREA_MODULES = sorted(p for p in (PACKAGE / "areas").rglob("*.py") if "_vendor" not in p.parts)


def test_no_area_module_is_longer_than_the_cap():
    long = {path.relative_to(PACKAGE).as_posix(): lines for path in AREA_MODULES
            if (lines := len(path.read_text(encoding="utf-8").splitlines())) > MAX_CORE_LINES}
    assert not long, f"area modules over {MAX_CORE_LINES} lines (split each along its seams): {long}"


#: And for the suites' modules, their tests and their fixtures' generators (issue 77): helpers
#: several of an area's suite modules share go to the area's package, a generator's tables to a
#: module beside it.
SUITE_MODULES = sorted((ROOT / "suites").rglob("*.py"))


def test_no_suite_module_is_longer_than_the_cap():
    assert SUITE_MODULES
    long = {path.relative_to(ROOT).as_posix(): lines for path in SUITE_MODULES
            if (lines := len(path.read_text(encoding="utf-8").splitlines())) > MAX_CORE_LINES}
    assert not long, f"suite modules over {MAX_CORE_LINES} lines (split each along its seams): {long}"
