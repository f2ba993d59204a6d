"""The package is a stack: each layer imports only the layers below it, and an area only the
public surface (tests/layers.py says which and why). docs/architecture.md shows the layers as
the code draws them."""

from __future__ import annotations

from tests.layers import DOC, END, LAYERS, PACKAGE, START, breaches, diagram, drawn, layer_of, module_graph


def test_no_import_breaks_the_layers():
    graph = module_graph(PACKAGE, type_checking=True)
    assert len(graph) > 300 and {layer_of(m) for m in graph} == {name for name, _ in LAYERS}  # every layer seen
    found = breaches(graph)
    assert not found, "imports that break the layers (tests/layers.py):\n" + "\n".join(found)


def _package(tmp_path, files: dict[str, str]):
    package = tmp_path / "conformance"
    for name, text in {"__init__.py": "", **files}.items():
        path = package / name
        path.parent.mkdir(parents=True, exist_ok=True)
        for folder in path.relative_to(package).parents:
            (package / folder / "__init__.py").touch()
        path.write_text(text)
    return package


def test_the_layer_scan_sees_an_import_up_at_every_place_and_an_area_reaching_past_its_surface(tmp_path):
    # Each kind of breach the rule forbids is seen: up a layer at module level, inside a
    # function, under TYPE_CHECKING; an area importing a private package though it is below.
    package = _package(tmp_path, {
        "_io/inputs.py": "from .._run import engine\n",
        "_catalog/model.py": "def late():\n    from ..report import html\n    return html\n",
        "report/html.py": "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from ..adapters import http\n",
        "_run/engine.py": "from ..adapters import http\nfrom .._io import inputs\n",
        "adapters/http.py": "",
        "areas/terminal/model.py": "from ..._record import findings\nfrom conformance.area import msg\n"
                                   "from .._shared import walk\nfrom . import charts\n",
        "areas/terminal/charts.py": "",
        "areas/_shared/walk.py": "from ..terminal import model\n",
        "_record/findings.py": "",
        "area.py": "",
    })
    found = breaches(module_graph(package, type_checking=True))
    assert [line.split(":")[0] for line in found] == [
        "conformance._catalog.model (line 2) -> conformance.report.html",
        "conformance._io.inputs (line 1) -> conformance._run.engine",
        "conformance.areas._shared.walk (line 1) -> conformance.areas.terminal.model",
        "conformance.areas.terminal.model (line 1) -> conformance._record.findings",
        "conformance.report.html (line 3) -> conformance.adapters.http",
    ]


def test_a_package_in_no_layer_is_named(tmp_path):
    package = _package(tmp_path, {"_new/thing.py": "from .. import errors\n", "errors.py": ""})
    assert breaches(module_graph(package)) == [
        "conformance._new.thing (line 1) -> conformance.errors: _new is in no layer (tests/layers.py)"]


def test_the_architecture_document_shows_the_layers_as_the_code_draws_them():
    document = DOC.read_text(encoding="utf-8")
    assert START in document and END in document
    shown = document.split(START, 1)[1].split(END, 1)[0].strip()
    assert shown == drawn(), "docs/architecture.md's layers are stale: run `python -m tests.layers --write`"


def test_the_diagram_names_every_layer_and_what_it_imports():
    table = diagram({"conformance._run.engine": {"conformance._io.inputs": 3}, "conformance._io.inputs": {}})
    assert table.splitlines()[2].startswith("| `cli` |")  # highest first
    assert "| `_run` | plan, cases, session, engine, events, console, progress, collection | `_io` 1 |" in table
    assert len(table.splitlines()) == len(LAYERS) + 2
