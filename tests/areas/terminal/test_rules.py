"""The terminal rule registry: each rule names the requirement whose suite test judges it."""

from __future__ import annotations

import ast

import pytest

from conformance.areas.terminal.model import RULES
from conformance.areas.terminal.suite import check_rule
from tests._catalog.test_parameters import suite_tests


def _rules_taken(function: ast.FunctionDef) -> set[str]:
    """Rule names a suite test takes findings of: ``check_rule(targets, evidence, "rule", ...)``
    or ``analysis.log("rule")``."""
    taken = set()
    for node in ast.walk(function):
        if not isinstance(node, ast.Call):
            continue
        callee = node.func.id if isinstance(node.func, ast.Name) else getattr(node.func, "attr", None)
        position = {"check_rule": 2, "log": 0}.get(callee)
        if position is not None and len(node.args) > position and isinstance(node.args[position], ast.Constant) \
                and isinstance(node.args[position].value, str):
            taken.add(node.args[position].value)
    return taken


def test_every_rule_is_judged_by_a_test_marked_with_its_requirement(catalog):
    by_test = suite_tests(catalog)
    judged: set[str] = set()
    for path in sorted((catalog.root / "suites" / "terminal").glob("test_*.py")):
        rel = path.relative_to(catalog.root).as_posix()
        for function in ast.parse(path.read_bytes()).body:
            if not isinstance(function, ast.FunctionDef):
                continue
            for rule in _rules_taken(function):
                assert rule in RULES, f"{rel}::{function.name} takes unregistered rule {rule!r}"
                assert RULES[rule] in by_test.get(f"{rel}::{function.name}", []), \
                    f"{rel}::{function.name} judges rule {rule!r} but is not marked {RULES[rule]}"
                judged.add(rule)
    assert judged == set(RULES)


def test_every_rule_names_a_terminal_requirement(catalog):
    for rule, requirement_id in RULES.items():
        assert catalog.requirement(requirement_id).area == "terminal", rule


def test_an_unregistered_rule_is_refused():
    with pytest.raises(ValueError, match="no rule 'nrom' in the terminal rule registry"):
        check_rule({}, None, "nrom", ("pose",), "orientations")
