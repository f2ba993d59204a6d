"""The forty-third reading of issue 76, part h95-urdf (docs/drafting.md, "Forty-third reading, part h95-urdf"; issue 76
item 2, forty-second reading a7): the robot cases read URDF files, while URDF was defined only by a web page in the
bibliography and the checks read its elements one by one in code. The elements and attributes the checks read are
now one description (``areas/robots/urdf_elements.yaml``) which the reader takes its names, joint types, required
attributes and defaults from, and which annex E tables in a clause the cases cite. Each test fails on the sources as
they were before this part."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from conformance import NonConformance
from conformance.areas.robots import elements, urdf
from tests.areas.robots.test_urdf_as_read import CASES
from tests.drafting.blocks import section
from tests.drafting.test_spec_sixteenth_reading import _cases, _row

TITLE = "机器人描述（URDF）的元素与属性"
FIXTURES = Path(__file__).parents[2] / "suites" / "robots" / "fixtures"


def _clause(markdown: str) -> tuple[str, list[tuple[str, ...]]]:
    """(number, rows) of annex E's URDF clause: each table row's cells, backticks and the IDs' hyphens as written."""
    annex = section(markdown, 2, r"附录 E")
    found = re.search(rf"^### (E\.\d+) {re.escape(TITLE)}", annex, re.M)
    assert found, "annex E has no clause for the URDF elements"
    text = section(annex, 3, re.escape(found.group(1)) + " ")
    rows = [tuple(cell.strip() for cell in line.strip("|").split(" | ")) for line in text.splitlines()
            if line.startswith("| `")]
    return found.group(1), rows


def _descriptions() -> list[tuple[str, bytes]]:
    files = [(str(p.relative_to(FIXTURES)), p.read_bytes()) for p in sorted(FIXTURES.rglob("*.urdf"))]
    return files + [(name, body.encode()) for name, (body, _, _) in CASES.items()]


def test_the_checks_read_only_what_annex_e_lists(zh_markdown, monkeypatch):
    """Every element and attribute the reader reads over the robot fixtures (recorded at its accessors), and every
    numeric attribute it judges, is a row of annex E's URDF clause, with the element it stands in."""
    _, rows = _clause(zh_markdown)
    read: set[tuple[str, str]] = set()  # (element, attribute) or (parent, "/" + element)

    def recorded(name, original, pair):
        def wrapper(el, key):
            read.add(pair(str(el.tag), key))
            return original(el, key)
        monkeypatch.setattr(urdf, name, wrapper)

    recorded("attribute", elements.attribute, lambda tag, key: (tag, key))
    recorded("child", elements.child, lambda tag, key: (tag, "/" + key))
    recorded("children", elements.children, lambda tag, key: (tag, "/" + key))
    for name, body in _descriptions():
        try:
            robot = urdf.parse(body, name)
        except NonConformance:
            continue
        for check in (urdf.names, urdf.connections, urdf.tree, urdf.numbers, urdf.limits, urdf.ranges,
                      urdf.positive_limits, urdf.inertials):
            list(check(robot))
    assert {("robot", "name"), ("joint", "type"), ("limit", "effort"), ("inertia", "izz"),
            ("link", "/inertial")} <= read
    attributes = {(row[0].strip("`"), row[2].strip("`")) for row in rows if row[2] != "—"}
    placed = {(parent.strip("`"), row[0].strip("`")) for row in rows for parent in row[1].split("、")}
    for tag, key in read:
        if key.startswith("/"):
            assert (tag, key[1:]) in placed, f"the reader reads <{key[1:]}> in <{tag}>, which annex E does not list"
        else:
            assert (tag, key) in attributes, f"the reader reads {tag}/@{key}, which annex E does not list"
    for tag, numeric in urdf.NUMERIC.items():
        for key, count in numeric.items():
            row = next(r for r in rows if r[0] == f"`{tag}`" and r[2] == f"`{key}`")
            assert row[3].startswith(f"{count} 个十进制数"), (tag, key)


def test_the_reader_reads_elements_only_through_the_description():
    """urdf.py finds no child element and reads no attribute by name but through :mod:`.elements` (its generic walks,
    which unqualify tags and read every attribute for xacro expressions, name none)."""
    tree = ast.parse(Path(urdf.__file__).read_text("utf-8"))
    direct = [node.lineno for node in ast.walk(tree) if isinstance(node, ast.Call)
              and isinstance(node.func, ast.Attribute) and node.func.attr in ("find", "findall", "findtext")]
    assert not direct, f"urdf.py finds elements directly at lines {direct}"
    with pytest.raises(elements.Undescribed):
        elements.attribute(urdf.fromstring(b'<limit effort="1"/>'), "undescribed")


def test_the_joint_types_required_attributes_and_defaults_are_the_description_s():
    """The reader's joint types, bounded and axial joints, the limit's required attributes and its defaults come
    from the description annex E tables."""
    assert elements.values("joint", "type") == urdf.JOINT_TYPES
    assert tuple(elements.described("limit")["required_for"]) == urdf.BOUNDED
    assert tuple(elements.described("axis")["used_by"]) == urdf.AXIAL
    assert elements.required("limit") == urdf.LIMIT_REQUIRED == ("effort", "velocity")
    assert elements.default("limit", "lower") == elements.default("limit", "upper") == 0.0


def test_the_urdf_cases_cite_annex_e_s_clause(zh_markdown, en_markdown):
    """Every robot case reading the robot description cites the clause in its initial conditions; the English draft
    has the clause too."""
    number, rows = _clause(zh_markdown)
    assert len(rows) > 40
    cases = _cases(zh_markdown)
    for case in ("RB-URDF-001", "RB-URDF-002", "RB-URDF-003", "RB-JOINT-001", "RB-JOINT-002", "RB-TRACK-001"):
        assert f"机器人描述：{number}" in _row(cases[case], "前置条件"), case
    annex = section(en_markdown, 2, r"Annex E")
    assert re.search(rf"^### {re.escape(number)} Elements and attributes of a robot description \(URDF\)", annex, re.M)
