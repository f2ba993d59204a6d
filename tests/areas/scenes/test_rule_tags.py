"""A finding's ``rule`` names a rule its requirement defines (issue 76, thirty-sixth reading a9):
``R1``, ``R2``… as the requirement's ``rules:`` list them, or None where it defines none; the check's
finer item goes to the finding's ``check``. A scan of the scenes checks' sources for a ``rule=`` (or a
``"rule":`` member) given any other literal: an internal tag (``"vertex-index"``), an f-string or a
validator's code passed through (``str(issue.get("type"))``). A variable or a map lookup passes (it
holds an R-number or None, as the known-bad cases' rules show)."""

from __future__ import annotations

import re

from tests import paths

ROOT = paths.ROOT
SOURCES = sorted([*(ROOT / "src" / "conformance" / "areas" / "scenes").glob("*.py"),
                  *(ROOT / "suites" / "scenes").glob("test_*.py")])
#: ``rule=`` / ``rule =`` (not ``==``) or a ``"rule":`` member, and what follows up to the next comma,
#: closing bracket or end of line
ASSIGNED = re.compile(r"""(?:\brule\s*=(?!=)|["']rule["']\s*:)\s*([^,)\]}\n]*)""")
#: an assignment whose targets include ``rule`` (``entities, rule = [], "R2"``): its whole right side
UNPACKED = re.compile(r"""^\s*\w+\s*(?:,\s*\w+\s*)*,\s*rule\s*=(?!=)\s*(.*)$""")
R_NUMBER = re.compile(r"""^R[1-9][0-9]*$""")
LITERAL = re.compile(r"""(\b[fF])?(["'])(.*?)\2""")


def offending(text: str) -> list[str]:
    """Each ``rule`` value in ``text`` that is not None, an R-number literal or an expression whose
    only string literals are R-numbers (a variable, a conditional of R-numbers, a map lookup)."""
    bad = []
    for line in text.splitlines():
        for value in ASSIGNED.findall(line) + UNPACKED.findall(line):
            value = value.strip()
            if value.startswith(("str(", 'f"', "f'")) or any(prefix or not R_NUMBER.match(body)
                                                for prefix, _, body in LITERAL.findall(value)):
                bad.append(line.strip())
    return bad


def test_the_scan_finds_the_tags_it_looks_for():
    assert offending('evidence.finding(text, rule="vertex-index")') != []
    assert offending('Finding.of(text, rule=f"{code} {name}")') != []
    assert offending('Finding.of(text, rule=str(issue.get("type")))') != []
    assert offending('entities, rule = [], "applicable"') != []
    assert offending('{"rule": "links"}') != []
    assert offending('evidence.finding(text, rule="R12", check="vertex-index")') == []
    assert offending('rule = None if where is None else "R6"') == []
    assert offending('Finding.of(text, rule=RULES.get(self.code))') == []
    assert offending('if counts[rule] <= MAX or finding.rule == "x"') == []


def test_every_scenes_finding_names_a_rule_its_requirement_defines():
    assert len(SOURCES) > 30
    bad = {path.relative_to(ROOT).as_posix(): found for path in SOURCES
           if (found := offending(path.read_text(encoding="utf-8")))}
    assert bad == {}
