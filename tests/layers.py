"""The package's layers, lowest first, and the import graph they are held against.

Each layer may import only the layers below it (and itself, within one package); an area may
import only the public surface (``conformance``, ``conformance.area``, ``conformance.codecs``),
the shared package of the built-in areas and its own package. Every import statement counts:
at module level, inside a function, under ``if TYPE_CHECKING:``. ``tests/house/test_layers.py`` holds the
rule; ``docs/architecture.md`` shows the layers as this module draws them from the code:

    python -m tests.layers            # print the diagram
    python -m tests.layers --write    # redraw it in docs/architecture.md
"""

from __future__ import annotations

import ast
import functools
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "src" / "conformance"
DOC = ROOT / "docs" / "architecture.md"
START, END = "<!-- layers: drawn by `python -m tests.layers --write`; a test compares -->", "<!-- layers end -->"

#: (package or root module of src/conformance, what it is for), lowest first. "conformance" is
#: the public root (conformance/__init__.py); "areas/_shared" the package several areas share.
LAYERS: list[tuple[str, str]] = [
    ("_version", "the harness's version"),
    ("errors", "the exceptions that decide verdicts and exit codes"),
    ("hookspecs", "what a plug-in area may bring (pluggy hook specifications)"),
    ("_entrypoints", "one scan of the installed packages' entry points, kept while they stay the same"),
    ("_areas", "the registry of entry points: areas, catalogs, adapters, references"),
    ("messages", "message templates and their bilingual texts"),
    ("_io", "reading inputs within caps, writing outputs atomically, parsing JSON safely"),
    ("_record", "what a run records: findings, evidence, redaction, files read"),
    ("codecs", "the public standards' encodings (JCS, multibase keys, TOTP, NDJSON)"),
    ("_catalog", "requirements, profiles, schemas, parameters, the catalog's digest and lock"),
    ("report", "the report's views (JSON, JUnit, HTML, EARL) and charts"),
    ("certification", "attestation, verification, plans, policy, assessments"),
    ("adapters", "how the harness reaches a product: http, file, the entry-point seam"),
    ("_run", "plan, cases, session, engine, events, console, progress, collection"),
    ("plugin", "the pytest plug-in's entry point"),
    ("conformance", "the public root: what callers and suites import"),
    ("area", "the documented surface an area is written against"),
    ("areas/_shared", "what several areas use"),
    ("areas", "the built-in areas, each a plug-in"),
    # above the areas: the reference judges what it is sent with the harness's own checks (one
    # reading of a standard, issue 79), and no area imports it
    ("reference", "the reference implementation (reached by entry point, never imported by the core)"),
    ("programme", "cohort runs, the programme log, history, site, certificates"),
    ("drafting", "lint, coverage, the rendered specification, OSCAL"),
    ("service", "the programme as a web service: accounts, products, self-test runs"),
    ("cli", "the command line, a thin layer"),
]
#: What an area's module may import besides its own area's package (any layer below is not enough).
AREA_SURFACE = ("conformance", "area", "codecs", "areas/_shared")
RANK = {name: index for index, (name, _) in enumerate(LAYERS)}


def _module_name(path: Path, root: Path) -> tuple[str, bool]:
    """The dotted name of a file under ``root`` (the folder holding the package), and whether
    it is a package's ``__init__``."""
    parts = list(path.relative_to(root).with_suffix("").parts)
    if parts[-1] == "__init__":
        return ".".join(parts[:-1]), True
    return ".".join(parts), False


def _type_checking_only(tree: ast.Module) -> set[int]:
    """The ids of the nodes under ``if TYPE_CHECKING:``: imports a type checker reads and
    Python never runs."""
    skipped: set[int] = set()
    for node in walked(tree):
        if isinstance(node, ast.If) and (
            (isinstance(node.test, ast.Name) and node.test.id == "TYPE_CHECKING")
            or (isinstance(node.test, ast.Attribute) and node.test.attr == "TYPE_CHECKING")
        ):
            skipped.update(id(inner) for statement in node.body for inner in ast.walk(statement))
    return skipped


@functools.cache
def parsed(source: bytes) -> ast.Module:
    """The syntax tree of ``source``, parsed once a process and shared: the house tests walk
    every module of the package in dozens of tests (parsing was most of their CPU). Keyed by
    the bytes, so a file changed on disk is parsed again; callers read the tree, never change it."""
    return ast.parse(source)


#: id(tree) -> (the tree, kept alive so that its id is not reused; its nodes in ast.walk's order)
_walks: dict[int, tuple[ast.AST, tuple[ast.AST, ...]]] = {}


def walked(tree: ast.AST) -> tuple[ast.AST, ...]:
    """The nodes ``ast.walk(tree)`` yields, in its order, listed once a process: the house tests
    walk every module's tree in a dozen scans, and ``ast.walk``'s generator (its
    ``iter_child_nodes`` of each node) was most of their CPU once the parsing was shared.
    Callers read the nodes, never change the tree."""
    held = _walks.get(id(tree))
    if held is None or held[0] is not tree:
        held = _walks[id(tree)] = (tree, tuple(ast.walk(tree)))
    return held[1]


def forget_parsed() -> None:
    """Drop the trees, walks and graphs kept by :func:`parsed`, :func:`walked` and
    :func:`module_graph`: half a million live nodes make each of the interpreter's full garbage
    collections (pytest's at the end, the exit's) cost about half a second, so the house tests
    drop them after each module."""
    parsed.cache_clear()
    _walks.clear()
    _module_graph.cache_clear()


def module_graph(package: Path, *, type_checking: bool = False) -> dict[str, dict[str, int]]:
    """A fresh copy of :func:`_module_graph` for the files of ``package`` as they are now
    (computed once a process for the same files' bytes: several tests ask for the package's)."""
    files = tuple((path, path.read_bytes()) for path in sorted(package.rglob("*.py")))
    return {module: dict(edges) for module, edges in _module_graph(package, files, type_checking).items()}


@functools.cache
def _module_graph(package: Path, files: tuple[tuple[Path, bytes], ...],
                  type_checking: bool) -> dict[str, dict[str, int]]:
    """module -> {module of the same package it imports: the line}, over every ``.py`` file of
    ``package``. Every import statement counts, at module level or inside a function or
    method (it runs when called, and a loop through it is a loop); those under ``if
    TYPE_CHECKING:`` only with ``type_checking`` (a type checker follows them, and a loop
    through them is a tangle a reader must follow too). ``from x import y`` names the module
    ``x.y`` when there is one, else ``x``."""
    root = package.parent
    modules = {_module_name(path, root): source for path, source in files}
    names = {name for name, _ in modules}

    def known(name: str) -> str | None:
        while name and name not in names:
            name = name.rpartition(".")[0]
        return name or None

    graph: dict[str, dict[str, int]] = {}
    for (name, is_package), source in sorted(modules.items()):
        here = name.split(".") if is_package else name.split(".")[:-1]
        tree = parsed(source)
        skipped = set() if type_checking else _type_checking_only(tree)
        edges: dict[str, int] = {}
        for node in walked(tree):
            if id(node) in skipped:
                continue
            if isinstance(node, ast.Import):
                targets = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom):
                base = here[: len(here) - node.level + 1] if node.level else []
                module = ".".join([*base, *([node.module] if node.module else [])])
                targets = [f"{module}.{a.name}" if f"{module}.{a.name}" in names else module for a in node.names]
            else:
                continue
            for target in targets:
                found = known(target)
                if found and found != name:
                    edges.setdefault(found, node.lineno)
        graph[name] = edges
    return graph


def layer_of(module: str) -> str:
    """The layer a module of the package belongs to (its first package below the root, the
    shared package of areas apart); a module the table does not know is its own name."""
    parts = module.split(".")
    if len(parts) == 1:
        return "conformance"
    if parts[1] == "areas":
        return "areas/_shared" if len(parts) > 2 and parts[2] == "_shared" else "areas"
    return parts[1]


def _area_package(module: str) -> str | None:
    parts = module.split(".")
    return ".".join(parts[:3]) if len(parts) > 2 and parts[1] == "areas" else None


def breaches(graph: dict[str, dict[str, int]]) -> list[str]:
    """Each import that breaks the rule, as "module (line N) -> module: why"."""
    found = []
    for module, edges in sorted(graph.items()):
        here = layer_of(module)
        for target, line in sorted(edges.items()):
            there = layer_of(target)
            if here not in RANK or there not in RANK:
                unknown = here if here not in RANK else there
                found.append(f"{module} (line {line}) -> {target}: {unknown} is in no layer (tests/layers.py)")
            elif here in ("areas", "areas/_shared") and _area_package(module) != _area_package(target):
                if there not in AREA_SURFACE or (here == "areas/_shared" and there == "areas"):
                    found.append(f"{module} (line {line}) -> {target}: an area imports only "
                                 f"{', '.join(AREA_SURFACE)} and its own package")
            elif here != there and RANK[there] >= RANK[here]:
                found.append(f"{module} (line {line}) -> {target}: {here} may import only layers below it, "
                             f"and {there} is above")
    return found


def package_edges(graph: dict[str, dict[str, int]]) -> dict[str, Counter[str]]:
    """layer -> the layers it imports, with how many modules' import statements do."""
    edges: dict[str, Counter[str]] = {name: Counter() for name, _ in LAYERS}
    for module, targets in graph.items():
        here = layer_of(module)
        for target in targets:
            there = layer_of(target)
            if there != here:
                edges.setdefault(here, Counter())[there] += 1
    return edges


def diagram(graph: dict[str, dict[str, int]]) -> str:
    """The layers as a Markdown table, highest first: what each is for and what it imports."""
    edges = package_edges(graph)
    rows = ["| layer | for | imports (import statements) |", "|---|---|---|"]
    for name, purpose in reversed(LAYERS):
        imported = ", ".join(f"`{there}` {count}" for there, count in
                             sorted(edges[name].items(), key=lambda item: -RANK.get(item[0], -1)))
        rows.append(f"| `{name}` | {purpose} | {imported or '–'} |")
    return "\n".join(rows)


def drawn() -> str:
    return diagram(module_graph(PACKAGE, type_checking=True))


def with_diagram(document: str, table: str) -> str:
    """``document`` with the text between the markers replaced by ``table``."""
    head, _, rest = document.partition(START)
    _, _, tail = rest.partition(END)
    return f"{head}{START}\n{table}\n{END}{tail}"


if __name__ == "__main__":
    if sys.argv[1:] == ["--write"]:
        DOC.write_text(with_diagram(DOC.read_text(encoding="utf-8"), drawn()), encoding="utf-8")
        print(f"redrew the layers in {DOC.relative_to(ROOT)}")
    else:
        print(drawn())
