"""A case the test equipment could not run (no decoder, no validator) is 未执行 (6.1): ``conformance.NotRun``
gives the ``error`` verdict with its own message, and every suite and area says so with that type rather than a
bare RuntimeError, so a reader of a check sees the intent (a missing tool is never the product's fail)."""

from __future__ import annotations

import ast

from conformance import Inconclusive, NonConformance, NotRun, Verdict, msg
from conformance._run.testreports import describe_raised
from conformance._run.verdicts import classify
from tests.paths import ROOT


def test_not_run_is_an_error_verdict_never_a_fail_or_inconclusive():
    exc = NotRun(msg("scenes.render-no-decoder", reason="no module named av"))
    assert classify(exc) is Verdict.ERROR
    assert not isinstance(exc, AssertionError | NonConformance | Inconclusive)
    assert describe_raised(exc, "call", None) == exc.args[0]  # its message, not a fault's traceback line


def _bare_runtime_errors_with_a_message() -> list[str]:
    """Places in suites/ and the areas that build RuntimeError(msg(...)): a reason for a report written as a
    bare exception, which is what NotRun names."""
    found = []
    for root in (ROOT / "suites", ROOT / "src/conformance/areas"):
        for path in sorted(root.rglob("*.py")):
            if "_vendor" in path.parts:
                continue
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                if (isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "RuntimeError"
                        and node.args and isinstance(node.args[0], ast.Call)
                        and getattr(node.args[0].func, "id", None) == "msg"):
                    found.append(f"{path.relative_to(ROOT)}:{node.lineno}")
    return found


def test_no_check_reports_a_case_not_run_with_a_bare_runtime_error():
    assert _bare_runtime_errors_with_a_message() == []
