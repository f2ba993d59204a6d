"""Part h94-reads (issue 76): every JSON body a check reads goes through a reader that knows whose the
answer is (``_shared/ownread.own_json``/``own_json_or_finding`` for the case's own read, under its rule;
``_shared/dependent.served_body`` for a set-up read another requirement judges), or sits in a ``try``
that catches the parse error. A bare ``.json()`` raised the adapter's error with no request and no rule:
the few left are listed here, each with what guards it, so a new one cannot come unnoticed."""

from __future__ import annotations

import ast
from pathlib import Path

from tests.paths import ROOT

#: (file, function) of the bare reads left, and what makes each safe.
GUARDED = {
    ("src/conformance/areas/_shared/problems.py", "problem_findings"):
        "documented to raise; check_problem reads the body with own_json first, robustness catches it",
    ("src/conformance/areas/interfaces/openapi.py", "response_findings"):
        "documented to raise NonConformance on a body that is not JSON (tests/areas/interfaces/test_openapi.py)",
    ("suites/identifiers/test_resolution.py", "_problem"): "read only when check_problem found the problem parses",
    ("suites/identity/test_credentials_api.py", "_listed"): "ID-VCAPI-003, left to its own part (the brief)",
    ("suites/identity/test_portability.py", "introspected"): "ID-PORT-005, left to its own part (the brief)",
    ("suites/identity/test_portability.py", "logged_in"): "read only when token_in parsed the same body",
    ("suites/identity/test_privacy.py", "_resolved"): "read only when _json_body parsed the same body",
    ("suites/identity/test_registration.py", "test_deactivated_dids_resolve_as_deactivated"):
        "a 410 read only after check_problem, which raises on a body that does not parse",
    ("suites/interfaces/test_sanctions.py", "refused_check"):
        "a 403 read only after check_problem, which raises on a body that does not parse",
}


def _catches_a_parse_error(node: ast.Try) -> bool:
    return any(h.type is not None and any(name in ast.unparse(h.type) for name in ("NonConformance", "ValueError"))
               for h in node.handlers)


def bare_reads(path: Path) -> list[tuple[str | None, int]]:
    """(function, line) of every ``.json()`` call in ``path`` outside a ``try`` catching its parse error."""
    found: list[tuple[str | None, int]] = []

    def walk(node: ast.AST, guarded: bool, function: str | None) -> None:
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            function = node.name
        if isinstance(node, ast.Try):
            for child in node.body:
                walk(child, guarded or _catches_a_parse_error(node), function)
            for child in [*node.handlers, *node.orelse, *node.finalbody]:
                walk(child, guarded, function)
            return
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "json" \
                and not node.args and not node.keywords and not guarded:
            found.append((function, node.lineno))
        for child in ast.iter_child_nodes(node):
            walk(child, guarded, function)

    walk(ast.parse(path.read_text(encoding="utf-8")), False, None)
    return found


def test_every_json_body_is_read_through_a_reader_that_knows_whose_it_is():
    unguarded = [f"{path.relative_to(ROOT)}:{line} ({function})"
                 for root in (ROOT / "src/conformance/areas", ROOT / "suites") for path in sorted(root.rglob("*.py"))
                 for function, line in bare_reads(path) if (str(path.relative_to(ROOT)), function) not in GUARDED]
    assert not unguarded, "a bare .json(): read it with own_json (the case's own) or served_body (a set-up)"


def test_the_scan_sees_a_bare_read_and_passes_a_guarded_one(tmp_path):
    planted = tmp_path / "planted.py"
    planted.write_text("def bare(r):\n    return r.json()\n\n"
                       "def guarded(r):\n    try:\n        return r.json()\n    except NonConformance:\n"
                       "        return None\n", encoding="utf-8")
    assert bare_reads(planted) == [("bare", 2)]


def test_every_listed_read_is_still_there():
    stale = [key for key in GUARDED if not (ROOT / key[0]).exists()
             or key[1] not in {function for function, _ in bare_reads(ROOT / key[0])}]
    assert not stale
