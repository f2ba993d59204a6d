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


def test_each_val3dity_class_is_recorded_under_the_rule_its_requirement_names(catalog):
    """``val3dity.RULES`` against the notes of SC-CITY-007 to -009 and -012 ("Each rule is one of val3dity's
    error classes (R1 101, …)"), and each class decided here but 601 (SC-CITY-013: no rules) has one."""
    from conformance.areas.scenes import val3dity

    named: dict[int, str] = {}
    for rid in ("SC-CITY-007", "SC-CITY-008", "SC-CITY-009", "SC-CITY-012"):
        req = catalog.requirement(rid)
        listed = re.search(r"error classes \(((?:R\d+ \d{3},?\s*)+)\)", " ".join(req.notes.en.split()))
        assert listed, rid
        pairs = dict((int(code), rule) for rule, code in re.findall(r"(R\d+) (\d{3})", listed.group(1)))
        assert set(pairs.values()) == {r.id for r in req.rules}, rid
        named.update(pairs)
    assert named == val3dity.RULES
    assert set(val3dity.NAMES) - set(val3dity.RULES) == {601}
