"""The rule a check records is the R-number of its requirement's rule or none (issue 76, the
thirty-sixth reading's a9): the report prints a finding's ``rule`` in its 规则 / "Rule" column, and
a reader looks that up among the rules R1, R2... the text defines, so an internal tag there
(``jwk-kty``, ``removal-direct``) names nothing the draft defines. The check's own item goes to the
finding's ``extra`` as ``check``.

A static scan of an area's check sources (its suite's tests and its ``areas`` package): every
value given as a ``rule`` - a ``rule=`` keyword, the argument in the place of a parameter named
``rule`` of a function the area defines, a ``"rule":`` member, a literal a loop or an assignment
gives a variable named ``rule`` - is None, an ``R<n>`` literal, or an expression (a variable, a
map lookup) whose literals the scan sees elsewhere."""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
R_NUMBER = re.compile(r"R[1-9][0-9]*")
#: calls whose ``rule`` keyword is no finding's rule: a message's placeholder, a library's grammar name
NOT_A_FINDING = {"msg", "validate_rfc3986", "_rfc3986", "reason"}


def sources(area: str) -> list[Path]:
    """The area's check sources: its suite's test modules and its ``areas`` package (no vendored code)."""
    suite = sorted((ROOT / "suites" / area).glob("test_*.py"))
    package = sorted(p for p in (ROOT / "src" / "conformance" / "areas" / area).rglob("*.py")
                     if "_vendor" not in p.parts)
    return suite + package


def core_sources() -> list[Path]:
    """The core's sources (``src/conformance/_*``): the schema, parse and mandatory findings every
    area records come from there."""
    return sorted(p for p in (ROOT / "src" / "conformance").glob("_*/**/*.py") if "_vendor" not in p.parts)


def _name(func: ast.expr) -> str | None:
    return func.id if isinstance(func, ast.Name) else func.attr if isinstance(func, ast.Attribute) else None


def _rule_places(tree: ast.Module) -> dict[str, set[int]]:
    """Function name -> the positions of its parameter named ``rule`` (methods count ``self``);
    a function without one maps to the empty set."""
    places: dict[str, set[int]] = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            names = [a.arg for a in [*node.args.posonlyargs, *node.args.args]]
            index = {names.index("rule") - (1 if names[0] in ("self", "cls") else 0)} if "rule" in names else set()
            places.setdefault(node.name, set()).update(index)
    return places


def _literals(value: ast.expr) -> Iterator[ast.expr]:
    """The literal values an expression may give (a conditional's branches, itself when a literal)."""
    if isinstance(value, ast.IfExp):
        yield from _literals(value.body)
        yield from _literals(value.orelse)
    elif isinstance(value, ast.Constant | ast.JoinedStr):
        yield value


def _bad(value: ast.expr) -> list[str]:
    wrong = []
    for literal in _literals(value):
        if isinstance(literal, ast.JoinedStr):
            wrong.append(ast.unparse(literal))
        elif literal.value is not None and not (isinstance(literal.value, str) and R_NUMBER.fullmatch(literal.value)):
            wrong.append(repr(literal.value))
    return wrong


def offending(area: str) -> list[str]:
    """``path:line value`` for each rule value in the area's check sources that is no R-number."""
    return offending_in(sources(area))


def offending_in(files: list[Path]) -> list[str]:
    """``path:line value`` for each rule value in ``files`` that is no R-number."""
    trees = [ast.parse(p.read_text(encoding="utf-8"), filename=str(p)) for p in files]
    local = [_rule_places(tree) for tree in trees]
    shared: dict[str, set[int]] = {}  # a function called from another module: any the area defines by the name
    for places in local:
        for name, index in places.items():
            shared.setdefault(name, set()).update(index)
    found: list[str] = []
    for path, tree, own in zip(files, trees, local, strict=True):
        where = path.relative_to(ROOT)
        places = {**shared, **own}  # a name the module defines is its own function
        for node in ast.walk(tree):
            given: list[ast.expr] = []
            if isinstance(node, ast.Call) and _name(node.func) not in NOT_A_FINDING:
                given += [k.value for k in node.keywords if k.arg == "rule"]
                given += [node.args[i] for i in places.get(_name(node.func) or "", ()) if i < len(node.args)
                          and not isinstance(node.args[i], ast.Starred)]
            elif isinstance(node, ast.Dict):
                given += [v for k, v in zip(node.keys, node.values, strict=True)
                          if isinstance(k, ast.Constant) and k.value == "rule"]
            elif isinstance(node, ast.Assign) and any(isinstance(t, ast.Name) and t.id == "rule" for t in node.targets):
                given.append(node.value)
            elif isinstance(node, ast.For) and isinstance(node.target, ast.Tuple) \
                    and isinstance(node.iter, ast.Tuple | ast.List):
                names = [t.id if isinstance(t, ast.Name) else None for t in node.target.elts]
                if "rule" in names:
                    index = names.index("rule")
                    given += [item.elts[index] for item in node.iter.elts
                              if isinstance(item, ast.Tuple) and len(item.elts) == len(names)]
            found += [f"{where}:{getattr(node, 'lineno', '?')} {value}" for g in given for value in _bad(g)]
    return found
