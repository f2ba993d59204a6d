"""Issue 62: URDF as the tools read it. Each case is a small description and what urdfdom's
``check_urdf`` (the PyPI wheel cmeel-urdfdom 6.0.0, with TinyXML2 11) answered on it, recorded
by running it: whether it loads the model and whether it logs an error. The harness's
RB-URDF-001 and RB-URDF-002 (the rules that mirror the reference parser) find nothing exactly
where urdfdom loads the file without an error. (urdfdom loads a link whose mass is "1kg",
logging "mass [1kg] is not a float" and dropping its inertial: the harness names it.) Where
check_urdf is installed (scripts/install-real-products.sh puts cmeel-urdfdom 6.0.0 in
.venv-real-products/urdfdom; else CHECK_URDF or PATH, tests/areas/robots/urdfdom.py) the same
cases are run through it as well, and each answer must be the recorded one."""

from __future__ import annotations

import subprocess

import pytest

from conformance import NonConformance
from conformance.areas.robots import jointstates, urdf
from tests.areas.robots.urdfdom import check_urdf_command, why_missing

JOINT = ('<link name="a"/><link name="b"/><joint name="j" type="revolute"><parent link="a"/><child link="b"/>'
         '{origin}<limit {bounds}effort="1" velocity="1"/></joint>')


def robot(root: str = "<robot name=\"r\">", *, bounds: str = "", origin: str = "", before: str = "",
          close: str = "</robot>") -> str:
    return root + before + JOINT.format(bounds=bounds, origin=origin) + close


VISUAL = ('<link name="v"><visual><geometry><box size="1 1 1"/></geometry>{material}<color rgba="1 0 0 1"/>'
          '</material></visual></link><joint name="f" type="fixed"><parent link="a"/><child link="v"/></joint>')


def inertial(mass: str = "1", ixz: str = "0") -> str:
    return (f'<robot name="r"><link name="a"><inertial><mass value="{mass}"/><inertia ixx="1" ixy="0" ixz="{ixz}" '
            'iyy="1" iyz="0" izz="1"/></inertial></link></robot>')


LOADS, REFUSES, LOGS_ERROR = "loads", "refuses", "loads, logging an error"
#: name -> (description, urdfdom's answer, the rules the harness names)
CASES: dict[str, tuple[str, str, set[str]]] = {
    "plain": (robot(), LOADS, set()),
    "default-namespace": (robot('<robot name="r" xmlns="http://www.ros.org">'), LOADS, set()),
    "xacro-namespace": (robot('<robot name="r" xmlns:xacro="http://www.ros.org/wiki/xacro">'), LOADS, set()),
    "prefixed-root": (robot('<u:robot name="r" xmlns:u="http://www.ros.org">', close="</u:robot>"), REFUSES, {"R1"}),
    "inverted-range": (robot(bounds='lower="1" upper="-1" '), LOADS, set()),
    "material-twice": (robot(before='<material name="m"><color rgba="1 0 0 1"/></material>'
                                    '<material name="m"><color rgba="0 1 0 1"/></material>'), REFUSES, {"R2"}),
    "xacro-in-origin": (robot(origin='<origin xyz="0 0 $(optenv Z 0)"/>'), REFUSES, {"R5"}),
    "xacro-in-limit": (robot(bounds='lower="${-pi/2}" upper="1" '), REFUSES, {"R1", "R5"}),
    "origin-two-numbers": (robot(origin='<origin xyz="0 0"/>'), REFUSES, {"R5"}),
    "comma-decimal": (robot(bounds='lower="1,5" upper="2" '), REFUSES, {"R1", "R5"}),
    "mass-with-unit": (inertial(mass="1kg"), LOGS_ERROR, {"R5"}),
    # strToDouble reads the whole text as an istream: white space before the number is skipped,
    # none may follow it; a vector is split at spaces only. The attribute's text is TinyXML2's,
    # which keeps a tab or line break that an XML parser turns into a space.
    "mass-space-before": (inertial(mass=" 1"), LOADS, set()),
    "mass-space-after": (inertial(mass="1 "), LOGS_ERROR, {"R5"}),
    # Unitree's dex2_5 hands: a CR LF before an attribute's closing quote
    "inertia-line-break-after": (inertial(ixz="-3.261e-11\r\n"), LOGS_ERROR, {"R5"}),
    "origin-space-after": (robot(origin='<origin xyz="0 0 1 "/>'), LOADS, set()),
    "origin-spaces-between": (robot(origin='<origin xyz=" 0  0 1"/>'), LOADS, set()),
    "origin-line-break-between": (robot(origin='<origin xyz="0\n0 1"/>'), REFUSES, {"R5"}),
    "origin-tab-between": (robot(origin='<origin xyz="0\t0 1"/>'), REFUSES, {"R5"}),
    "origin-tab-reference": (robot(origin='<origin xyz="0&#9;0 1"/>'), REFUSES, {"R5"}),
    "origin-line-break-after": (robot(origin='<origin xyz="0 0 1\n"/>'), REFUSES, {"R5"}),
    "lower-space-after": (robot(bounds='lower="0 " upper="1" '), REFUSES, {"R5"}),
    # Unitree's H1-2: urdfdom logs "Visual material must contain a name attribute" and drops the
    # visual; an empty name is a name (Unitree's A2 writes name="" throughout)
    "visual-material-unnamed": (robot(before=VISUAL.format(material="<material>")), LOGS_ERROR, {"R6"}),
    "visual-material-empty-name": (robot(before=VISUAL.format(material='<material name="">')), LOADS, set()),
    "joint-twice": ('<robot name="r"><link name="a"/><link name="b"/><link name="c"/>'
                    '<joint name="j" type="fixed"><parent link="a"/><child link="b"/></joint>'
                    '<joint name="j" type="fixed"><parent link="a"/><child link="c"/></joint></robot>',
                    REFUSES, {"R2"}),
}


def _rules(text: str) -> set[str]:
    try:
        parsed = urdf.parse(text.encode())
    except NonConformance as exc:
        return {str(exc.evidence.get("rule"))}
    found = [*urdf.names(parsed), *urdf.connections(parsed), *urdf.tree(parsed), *urdf.numbers(parsed),
             *urdf.limits(parsed)]
    return {str(f.rule) for f in found}


@pytest.mark.parametrize("case", sorted(CASES))
def test_the_harness_agrees_with_urdfdom(case):
    text, answer, rules = CASES[case]
    assert _rules(text) == rules
    assert (not rules) is (answer == LOADS)


def test_a_namespaced_robot_is_read_whole():
    parsed = urdf.parse(CASES["default-namespace"][0].encode())
    assert [link.name for link in parsed.links] == ["a", "b"]
    assert [(j.name, j.parent, j.child, j.limit) for j in parsed.joints] == [
        ("j", "a", "b", urdf.Limit(None, None, 1.0, 1.0))]


def test_a_finding_names_the_unexpanded_expression_and_where_it_is():
    parsed = urdf.parse(CASES["xacro-in-origin"][0].encode())
    [finding] = list(urdf.numbers(parsed))
    assert finding.pointer == "/robot/joint[1]/origin[1]/@xyz"
    assert "$(optenv Z 0)" in finding.message and "xacro" in finding.message


def test_a_line_break_in_a_number_is_shown_escaped_where_it_is():
    parsed = urdf.parse(CASES["inertia-line-break-after"][0].encode())
    [finding] = list(urdf.numbers(parsed))
    assert finding.pointer == "/robot/link[1]/inertial[1]/inertia[1]/@ixz"
    assert finding.actual == "-3.261e-11\\n" and "\n" not in finding.message


def test_markup_that_is_no_element_does_not_shift_the_attributes_as_written():
    before = ('<!-- <link name="old"><origin xyz="0 0 0"/></link> --><?pi <joint x="1"/>?>'
              '<link name="c"><visual><geometry><mesh filename="a&lt;b.dae" scale="1 1 1"/></geometry></visual></link>')
    text = robot('<!DOCTYPE robot><robot name="r">', before=before, origin='<origin xyz="0\n0 1" rpy="0 0 0"/>')
    assert _rules(text) == {"R4", "R5"}  # R4: c is a second root
    assert _rules(text.replace("0\n0 1", "0 0 1")) == {"R4"}


def test_a_description_in_another_encoding_is_judged_on_its_parsed_values():
    text = '<?xml version="1.0" encoding="UTF-16"?>' + CASES["mass-with-unit"][0]
    assert [f.rule for f in urdf.numbers(urdf.parse(text.encode("utf-16")))] == ["R5"]


def test_an_unexpanded_name_is_named_too():
    parsed = urdf.parse(robot(before='<link name="${prefix}base"/>').encode())
    assert [f.rule for f in urdf.numbers(parsed)] == ["R5"]


def test_the_recorded_positions_of_an_inverted_range_are_not_judged_against_it():
    parsed = urdf.parse(robot(bounds='lower="1" upper="-1" ').encode())
    body = b'{"header": {"stamp": {"sec": 0, "nanosec": 0}}, "name": ["j"], "position": [0.0]}\n' \
           b'{"header": {"stamp": {"sec": 0, "nanosec": 20000000}}, "name": ["j"], "position": [0.1]}\n'
    series = jointstates.read(jointstates.parse(body), lambda record: []).series
    assert list(jointstates.within_limits(series, {j.name: j for j in parsed.joints}, 0.0, 0.0, 0.0)) == []


@pytest.mark.slow
@pytest.mark.real_products
@pytest.mark.parametrize("case", sorted(CASES))
def test_the_recorded_answers_are_urdfdoms(case, tmp_path):
    command = check_urdf_command()
    if command is None:
        pytest.skip(why_missing())
    text, answer, _ = CASES[case]
    path = tmp_path / f"{case}.urdf"
    path.write_text(text, encoding="utf-8")
    done = subprocess.run([*command, str(path)], capture_output=True, timeout=60, check=False)
    loaded = "Successfully Parsed XML" in done.stdout.decode("utf-8", "replace")
    logged = "Error:" in done.stderr.decode("utf-8", "replace")
    assert (LOADS if loaded and not logged else LOGS_ERROR if loaded else REFUSES) == answer
