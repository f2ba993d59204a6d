"""Profile parameters: stated once in the profile, read by the suites with no fallback value."""

from __future__ import annotations

import ast
from collections.abc import Iterator

import pytest
import yaml

from conformance import HarnessInputError, Verdict, load_catalog, run
from conformance._catalog.catalog import Catalog
from conformance._catalog.parameters import Parameters, UndeclaredParameter, typed_value
from conformance._run.plan import make_plan
from tests.minicatalog import REQUIREMENT, write_catalog


def test_parameters_read_by_attribute_and_by_name():
    params = Parameters("terminal-hand-tracking", {"bone_tolerance_m": 0.002, "known_did": None})
    assert params.bone_tolerance_m == params["bone_tolerance_m"] == 0.002
    assert params.known_did is None
    assert dict(params) == {"bone_tolerance_m": 0.002, "known_did": None}
    assert "known_did" in params and "other" not in params


def test_an_undeclared_parameter_names_the_profile_and_never_falls_back():
    params = Parameters("terminal-hand-tracking", {"bone_tolerance_m": 0.002})
    for read in (lambda: params.rate_burst, lambda: params["rate_burst"], lambda: params.get("rate_burst", 0)):
        with pytest.raises(UndeclaredParameter, match=r"profile terminal-hand-tracking declares no parameter "
                                                       r"'rate_burst' \(declare it under parameters: in "
                                                       r"profiles/terminal-hand-tracking\.yaml\)"):
            read()


def test_a_test_no_claimed_profile_selects_has_no_parameters():
    with pytest.raises(UndeclaredParameter, match="no claimed profile selects this test, so it has no parameter 'x'"):
        Parameters(None, {})["x"]


def test_parameters_are_read_only():
    params = Parameters("p", {"limit": 5})
    with pytest.raises(AttributeError, match="read-only"):
        params.limit = 7
    assert params.limit == 5


@pytest.mark.parametrize(("default", "value", "expected"), [
    (0.05, 1, 1.0), (0.05, 0.1, 0.1), (20, 7, 7), (True, False, False), ("", "x", "x"),
    (["a"], [], []), (None, "did:web:x", "did:web:x"), (None, 3, 3),
])
def test_a_value_takes_the_type_of_its_default(default, value, expected):
    assert typed_value(default, value) == expected
    assert type(typed_value(default, value)) is type(expected)


@pytest.mark.parametrize(("default", "value", "expected"), [
    ({"low": ["a"]}, {"x": [], "y": ["b", "c"]}, {"x": [], "y": ["b", "c"]}),
    ([0.5], [1, 2.5], [1.0, 2.5]),
    (["a", 1], ["b", 2.5], ["b", 2.5]),  # mixed items: any item
])
def test_items_of_a_list_or_mapping_take_the_type_of_the_default_s_items(default, value, expected):
    assert typed_value(default, value) == expected


@pytest.mark.parametrize(("default", "value"), [
    ({"low": ["a"]}, {"low": "a"}), ({"low": ["a"]}, {"low": [1]}), (["a"], ["a", None]), ({"low": ["a"]}, ["a"]),
])
def test_a_bare_item_where_a_list_or_mapping_is_declared_is_refused(default, value):
    with pytest.raises(ValueError, match="expected"):
        typed_value(default, value)


@pytest.mark.parametrize(("default", "value"), [(20, 2.5), (20, True), (0.05, "0.1"), (True, 1), ("", None)])
def test_a_value_of_another_type_is_refused(default, value):
    with pytest.raises(ValueError, match=f"expected {type(default).__name__}, got"):
        typed_value(default, value)


READS_UNDECLARED = '''import pytest


@pytest.mark.requirement("ID-DOC-901")
def test_reads_declared(params):
    assert params.limit == 7.0 and isinstance(params.limit, float)


@pytest.mark.requirement("ID-DOC-902")
def test_reads_undeclared(params):
    assert params.tolerance > 0
'''


@pytest.fixture
def small_catalog(tmp_path):
    profile = {
        "id": "mini", "version": "1.0.0", "title": {"en": "Mini", "zh": "迷你"},
        "targets": {"files": {"kind": "file"}},
        "requirements": ["ID-DOC-901", "ID-DOC-902"],
        "parameters": {"limit": {"default": 5.0, "overridable": True, "bounds": {"min": 0, "max": 10}}},
    }
    requirements = [{**REQUIREMENT, "parameters": ["limit"]}, {**REQUIREMENT, "id": "ID-DOC-902"}]
    catalog = load_catalog(write_catalog(tmp_path / "catalog", requirements, READS_UNDECLARED, profile))
    (tmp_path / "data.json").write_text("{}")

    def manifest(limit) -> str:
        path = tmp_path / "m.yaml"
        path.write_text(yaml.safe_dump({
            "product": {"name": "Mini", "version": "1"},
            "profiles": [{"id": "mini", "parameters": {"limit": limit}}],
            "targets": {"files": {"adapter": "file", "paths": ["data.json"]}},
        }))
        return path

    return catalog, manifest


def test_reading_an_undeclared_parameter_is_an_error_verdict(small_catalog, tmp_path):
    catalog, manifest = small_catalog
    result = run(manifest(7), catalog=catalog, out_dir=tmp_path / "out", formats=["json"])
    by_id = {r.requirement: r for r in result.report.requirements}
    assert by_id["ID-DOC-901"].verdict is Verdict.PASS  # an int override of a float parameter is a float
    assert by_id["ID-DOC-902"].verdict is Verdict.ERROR
    assert "requirement ID-DOC-902 does not take parameter 'tolerance'" in by_id["ID-DOC-902"].message


def test_an_override_of_the_wrong_type_is_bad_input(small_catalog):
    catalog, manifest = small_catalog
    with pytest.raises(HarnessInputError, match=r"m\.yaml at \$\.profiles\[0\]\.parameters\.limit: expected float"):
        make_plan(manifest("seven"), catalog)


# The lint: every parameter a suite test reads is declared by every profile selecting the test.

#: Parameters' typed reads: ``params.number("name")`` reads the parameter ``name``.
TYPED_READS = ("number", "integer", "text", "flag", "texts")

def _parameter_reads(function: ast.FunctionDef) -> Iterator[tuple[int, str | None]]:
    """(line, name) of each read of the ``params`` fixture; name None for a use that is not a
    plain read of one parameter (``params.get(...)``, or ``params`` handed on whole), which the
    lint cannot follow and so refuses."""
    parents = {child: node for node in ast.walk(function) for child in ast.iter_child_nodes(node)}
    for node in ast.walk(function):
        if not (isinstance(node, ast.Name) and node.id == "params" and isinstance(node.ctx, ast.Load)):
            continue
        parent = parents.get(node)
        call = parents.get(parent) if parent is not None else None
        if (isinstance(parent, ast.Attribute) and parent.attr in TYPED_READS and isinstance(call, ast.Call)
                and call.args and isinstance(call.args[0], ast.Constant)):
            yield node.lineno, call.args[0].value  # params.number("name")
        elif isinstance(parent, ast.Attribute) and parent.attr != "get":
            yield node.lineno, parent.attr
        elif isinstance(parent, ast.Subscript) and isinstance(parent.slice, ast.Constant):
            yield node.lineno, parent.slice.value
        else:
            yield node.lineno, None


def _functions(module: ast.Module) -> Iterator[ast.FunctionDef]:
    """The module's functions and its classes' methods (nested functions are part of these)."""
    for node in module.body:
        members = node.body if isinstance(node, ast.ClassDef) else [node]
        yield from (m for m in members if isinstance(m, ast.FunctionDef))


def suite_tests(catalog: Catalog) -> dict[str, list[str]]:
    """Test node ID (``suites/<area>/test_x.py::test_y``) -> the requirement IDs it is marked with."""
    by_test: dict[str, list[str]] = {}
    for req_id, nodeids in catalog.tests.items():
        for nodeid in nodeids:
            by_test.setdefault(nodeid, []).append(req_id)
    return by_test


def test_every_parameter_a_suite_reads_is_declared_by_each_profile_selecting_it(catalog):
    by_test = suite_tests(catalog)
    problems: list[str] = []
    read: set[tuple[str, str]] = set()
    for path in sorted((catalog.root / "suites").rglob("test_*.py")):
        rel = path.relative_to(catalog.root).as_posix()
        for function in _functions(ast.parse(path.read_bytes())):
            reads = list(_parameter_reads(function))
            requirement_ids = by_test.get(f"{rel}::{function.name}", [])
            if reads and not requirement_ids:
                problems.append(f"{rel}:{function.name} reads params outside a test marked with a requirement; "
                                "pass the values it needs instead")
            for line, name in reads:
                if name is None:
                    problems.append(f"{rel}:{line}: read one parameter as params.NAME (no .get, not handed on whole)")
                    continue
                read.update((r, name) for r in requirement_ids)
                for req_id in requirement_ids:  # a case holds only its requirement's parameters
                    if name not in catalog.requirements[req_id].parameters:
                        problems.append(f"{rel}:{line}: {function.name} reads {name!r}, which {req_id} does not "
                                        "take (list it under its parameters: in requirements.yaml)")
                for profile in catalog.profiles.values():
                    selected = set(requirement_ids) & set(profile.all_requirements())
                    if selected and name not in profile.parameters:
                        problems.append(f"{rel}:{line}: {function.name} reads {name!r}, which profile {profile.id} "
                                        f"(selecting {', '.join(sorted(selected))}) does not declare")
    # and a requirement takes no parameter its tests never read (it would split cases for nothing)
    problems += [f"{r.id} takes {name!r}, which none of its tests reads" for r in catalog.requirements.values()
                 for name in r.parameters if (r.id, name) not in read]
    assert problems == []


def test_the_lint_sees_every_kind_of_read():
    function = ast.parse(
        "def test_x(params):\n"
        "    a = params.limit\n"
        "    b = params['seed']\n"
        "    c = params.get('rate', 0)\n"
        "    helper(params)\n"
        "    d = params.number('tolerance')\n"
    ).body[0]
    reads = sorted(_parameter_reads(function), key=lambda read: read[0])
    assert reads == [(2, "limit"), (3, "seed"), (4, None), (5, None), (6, "tolerance")]


def test_a_test_reads_a_parameter_as_the_type_it_expects_and_a_wrong_one_is_a_defect():
    # A check says what it expects (params.number, .integer, .text, .flag, .texts); the profile's
    # declaration is the type, so reading it as another is the catalog's defect: an error, not a guess.
    from conformance._catalog.parameters import ParameterType

    params = Parameters("p", {"tolerance": 2.5, "frames": 200, "unit": "ms", "strict": True, "measures": ["a", "b"],
                              "on": False})
    assert params.number("tolerance") == 2.5 and params.number("frames") == 200.0  # an integer reads as a number
    assert isinstance(params.number("frames"), float)
    assert params.integer("frames") == 200 and params.text("unit") == "ms" and params.flag("strict") is True
    assert params.texts("measures") == ["a", "b"] and params.flag("on") is False
    for read, name in [(params.integer, "tolerance"), (params.number, "unit"), (params.number, "strict"),
                       (params.integer, "strict"), (params.text, "frames"), (params.flag, "frames"),
                       (params.texts, "unit")]:
        with pytest.raises(ParameterType, match=rf"parameter '{name}' of profile p is read as"):
            read(name)
    with pytest.raises(UndeclaredParameter):
        params.number("missing")
