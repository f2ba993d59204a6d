"""A finding's ``rule`` names a rule the case defines (the thirty-sixth reading's a9): the assets checks record
``R1``, ``R2``… as their requirement's ``rules:`` list them, or None, never an internal tag the report would print
in its Rule column. The check's finer item goes to the finding's ``extra`` as ``check``."""

from __future__ import annotations

import ast
import re
from pathlib import Path

from tests.paths import ROOT

SOURCES = sorted([*(ROOT / "suites" / "assets").glob("test_*.py"),
                  *(ROOT / "src" / "conformance" / "areas" / "assets").glob("*.py")])
R_NUMBER = re.compile(r"R[1-9][0-9]*")
#: the message templates take a ``rule`` parameter of their own (a review rule, a rights rule): not a finding's
MESSAGE_CALLS = {"msg"}


def _name(node: ast.expr) -> str | None:
    """The last name of a variable, attribute or subscripted container (``found.rule``, ``RULES[kind]``)."""
    while isinstance(node, ast.Subscript):
        node = node.value
    if isinstance(node, ast.Attribute):
        return node.attr
    if isinstance(node, ast.Name):
        return node.id
    return None


def _allowed(value: ast.expr) -> bool:
    """None, an ``R<n>`` literal, or a variable whose name says it holds a rule (a regex-level promise the
    known-bad cases keep: a variable's value is checked where the literal is written)."""
    if isinstance(value, ast.Constant):
        return value.value is None or (isinstance(value.value, str) and R_NUMBER.fullmatch(value.value) is not None)
    if isinstance(value, ast.IfExp):
        return _allowed(value.body) and _allowed(value.orelse)
    if isinstance(value, ast.Call) and isinstance(value.func, ast.Attribute) and value.func.attr == "get":
        value = value.func.value  # a look-up in a map of rules (``rules.get(member)``)
    name = _name(value)
    return name is not None and "rule" in name.lower()


def _tags(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and _name(node.func) not in MESSAGE_CALLS:
            found += [(k.value, node.lineno) for k in node.keywords if k.arg == "rule" and not _allowed(k.value)]
        elif isinstance(node, ast.Dict):
            found += [(v, node.lineno) for k, v in zip(node.keys, node.values, strict=True)
                      if isinstance(k, ast.Constant) and k.value == "rule" and not _allowed(v)]
    return [f"{path.relative_to(ROOT)}:{line}: rule={ast.unparse(value)}" for value, line in found]


def test_the_assets_checks_record_rule_numbers_or_none():
    assert SOURCES
    tags = [tag for path in SOURCES for tag in _tags(path)]
    assert not tags, "\n".join(tags)
