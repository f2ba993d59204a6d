"""IfcOpenShell's EXPRESS rules compiled once per process (conformance.areas.scenes.ifc_rules,
issue 31): the findings are the same, message for message, with and without the cache, each
schema's rules are compiled once however many models are validated, and a changed rules source
is compiled afresh. The CPU saved is measured in bench/ifc_rules.py, not here."""

from __future__ import annotations

from pathlib import Path

import pytest

from conformance.areas.scenes import ifc, ifc_rules
from tests.paths import ROOT

ifcopenshell = pytest.importorskip("ifcopenshell", reason="the bim extra")

BUILDING = ROOT / "src" / "conformance" / "reference" / "samples" / "bim_models" / "building.ifc"
FIXTURES = ROOT / "suites" / "scenes" / "fixtures" / "bim"


def _where_rule_broken(tmp_path: Path) -> Path:
    """The wall without a GlobalId (an attribute finding) with a zero-length IfcDirection
    added: IFC4's where-rule IfcDirection.MagnitudeGreaterZero fails too, so the rules' own
    messages are compared, and both kinds of finding in one model (one shipped compile of
    IFC4's rules, not one per file: the shipped path compiles at every call)."""
    model = ifcopenshell.open(str(FIXTURES / "wall-without-globalid.ifc"))
    model.createIfcDirection((0.0, 0.0, 0.0))
    path = tmp_path / "zero-direction.ifc"
    model.write(str(path))
    return path


def _statements(path: Path) -> list[tuple[str | None, str | None, str | None]]:
    return [(f.extra.get("check"), f.pointer, f.message) for f in ifc.schema_issues(ifc.model_of(path.read_bytes()))]


@pytest.mark.slow  # compiles the rules as shipped once: the cost the cache removes
def test_findings_are_the_same_with_and_without_the_cache(tmp_path, monkeypatch):
    path = _where_rule_broken(tmp_path)
    ifc_rules.uninstall()
    with monkeypatch.context() as patch:
        patch.setattr(ifc_rules, "install", lambda: False)
        shipped = _statements(path)
    cached = _statements(path)
    again = _statements(path)  # from the cache this time
    assert shipped == cached == again
    messages = [message or "" for _, _, message in shipped]
    assert any("MagnitudeGreaterZero" in message for message in messages)
    assert any("IfcWall.GlobalId" in message for message in messages)


def test_each_schema_is_compiled_once_per_process():
    assert ifc_rules.install() and ifc_rules.install()  # idempotent
    before = ifc_rules.compiled_count()
    for _ in range(3):
        ifc.schema_issues(ifc.model_of(BUILDING.read_bytes()))
    after_ifc4 = ifc_rules.compiled_count()
    assert after_ifc4 - before <= 1
    ifc.schema_issues(ifc.model_of(BUILDING.read_bytes()))
    assert ifc_rules.compiled_count() == after_ifc4


def test_a_changed_source_is_compiled_afresh():
    import ifcopenshell.express.rule_executor as executor

    ifc_rules.install()
    before = ifc_rules.compiled_count()
    source = "SCOPE_PROBE = 1\n"
    for _ in range(2):
        tree = executor.ast.parse(source)
        scope: dict = {}
        exec(executor.compile(tree, "probe.py", "exec"), scope)
        assert scope["SCOPE_PROBE"] == 1
    assert ifc_rules.compiled_count() == before + 1
    tree = executor.ast.parse(source.replace("1", "2"))
    scope = {}
    exec(executor.compile(tree, "probe.py", "exec"), scope)
    assert scope["SCOPE_PROBE"] == 2 and ifc_rules.compiled_count() == before + 2


def test_an_executor_of_another_shape_is_left_alone(monkeypatch):
    import ifcopenshell.express.rule_executor as executor

    ifc_rules.uninstall()
    monkeypatch.setattr(executor, "run", lambda f, logger: None)
    assert ifc_rules.install() is False
    assert executor.ast.__class__.__name__ == "module"
    monkeypatch.undo()
    assert ifc_rules.install() is True
