"""Seventy-eighth reading, part b, row 3 (h144-iface): the session checks' inconclusive lines named only a participant
that cannot join the space, though the checks end inconclusive on any failure of the session record, and
``sessions.run`` / ``harassment.run`` also record there a session broken off while the participants publish their
states. The class: every check ending inconclusive on a record's failures (the message ``interfaces.ses-not-joined``,
found in the suites, not listed here) names, in both languages, each kind of failure the records hold
(tests/areas/interfaces/test_sessions_broken_off.py's :data:`KINDS`, each shown there to fill both records)."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from tests.areas.interfaces.test_sessions_broken_off import KINDS
from tests.drafting.test_spec_leftovers_twentythird_j import _verdict_lines
from tests.drafting.test_spec_sixteenth_reading import _cases

ROOT = Path(__file__).resolve().parents[2]
#: the reason a check gives when the session record holds failures
NOT_HELD = "interfaces.ses-not-joined"


def _requirement(node: ast.FunctionDef) -> str | None:
    for decorator in node.decorator_list:
        if isinstance(decorator, ast.Call) and ast.unparse(decorator.func).endswith("mark.requirement") \
                and decorator.args and isinstance(decorator.args[0], ast.Constant):
            return str(decorator.args[0].value)
    return None


def _ending_on_failures() -> set[str]:
    """The requirements whose check (a suite test, or a function of its module it calls) gives :data:`NOT_HELD`."""
    found: set[str] = set()
    for path in sorted((ROOT / "suites").glob("*/test_*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        functions = {node.name: node for node in ast.walk(tree) if isinstance(node, ast.FunctionDef)}
        giving = {name for name, node in functions.items()
                  if any(isinstance(n, ast.Constant) and n.value == NOT_HELD for n in ast.walk(node))}
        while True:  # the functions calling one that gives it
            more = {name for name, node in functions.items() if name not in giving and any(
                isinstance(n, ast.Call) and isinstance(n.func, ast.Name) and n.func.id in giving
                for n in ast.walk(node))}
            if not more:
                break
            giving |= more
        found |= {rid for name in giving if (rid := _requirement(functions[name])) is not None}
    return found


def test_the_class_is_found():
    """The scan finds the checks of the finding (sessions, blocking, harassment), so the class below is not empty."""
    found = _ending_on_failures()
    assert {"IF-SES-002", "IF-SES-006", "IF-CODE-009", "IF-CODE-010"} <= found
    assert "IF-SES-001" not in found  # the session not held is its finding, never its inconclusive


@pytest.mark.parametrize("rid", sorted(_ending_on_failures()))
def test_each_inconclusive_line_names_every_kind_of_failure(rid, zh_markdown, en_markdown):
    for lang, markdown in (("zh", zh_markdown), ("en", en_markdown)):
        cases = _cases(markdown)
        case = cases.get(rid.replace("-", "‑"), cases.get(rid, ""))
        line = _verdict_lines(case, lang)["不确定" if lang == "zh" else "Inconclusive"]
        assert line, (rid, lang)
        for kind, words in KINDS.items():
            assert words[lang] in line, (rid, lang, kind)
