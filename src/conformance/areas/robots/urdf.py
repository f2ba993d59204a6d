"""Robot descriptions in URDF (the ROS Unified Robot Description Format).

A URDF file is one ``<robot name>`` element holding ``<link>`` and ``<joint>`` elements
(ROS wiki "urdf/XML"): each joint connects a ``parent`` link to a ``child`` link, and the
links and joints form one tree whose root is the only link that is no joint's child. A
``revolute`` or ``prismatic`` joint states its ``<limit>`` (``effort`` and ``velocity``
required, ``lower`` and ``upper`` defaulting to 0); a link's ``<inertial>`` states its mass
and its rotational inertia about its centre of mass. Quantities are in SI units (REP 103):
metres, radians, kilograms, newtons and newton-metres.

The file is read as urdfdom (the reference parser, ``check_urdf``) reads it: a ``<robot>``
in a default XML namespace (``<robot xmlns="...">``) is a robot, as TinyXML does not resolve
namespaces, while a prefixed one (``<u:robot>``) is not; every number is read as urdfdom's
``strToDouble`` reads it (a decimal number, locale-independent, the whole attribute, nothing after
it, not even a space; vectors of exactly as many numbers as they take, split at spaces only, the
attribute's text as TinyXML2 keeps it, a tab or line break included), so an unexpanded xacro expression
(``${...}``, ``$(optenv ...)``) is a finding naming it; materials defined at the robot's level
are named once (urdfdom refuses a second ``material 'm'``).

The XML is parsed with defusedxml, which refuses entity declarations, so a description
cannot expand itself into gigabytes or reach a file outside the inputs.
"""

from __future__ import annotations

import io
import math
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import TypedDict
from xml.etree.ElementTree import Element, ParseError

import numpy as np
from defusedxml import DefusedXmlException
from defusedxml.ElementTree import fromstring, iterparse

from conformance import Finding, NonConformance, msg
from conformance.areas.robots import elements
from conformance.areas.robots.elements import attribute, child, children
from conformance.areas.robots.text import SPACE_SHOWN, attributes_as_written, readable

#: what the reader reads, and how, is urdf_elements.yaml's (:mod:`.elements`), which annex E tables
JOINT_TYPES = elements.values("joint", "type")
#: joint types whose position is bounded by <limit lower upper> (those URDF requires a <limit> of)
BOUNDED = tuple(elements.described("limit")["required_for"])
#: joint types a joint state may report (a fixed joint has no position)
MOVABLE = ("revolute", "continuous", "prismatic")
#: joint types that use <axis> (the URDF joint element: fixed and floating joints do not; urdfdom reads none of theirs)
AXIAL = tuple(elements.described("axis")["used_by"])
#: joint types RB-URDF-002 has nothing to judge of: no limit and no axis (a description of these only is not applicable)
UNJUDGED = ("fixed", "floating")
INERTIA = tuple(elements.described("inertia")["attributes"])
#: rounding slack of the inertia conditions, relative to the sum of the principal moments
INERTIA_SLACK = 1e-6
#: moments of inertia below this (kg·m²) are zero: exporters write 1e-35 for nothing
INERTIA_FLOOR = 1e-12
#: the numeric attributes urdfdom reads, by element, and how many numbers each holds
#: (urdfdom's pose.cpp, joint.cpp, link.cpp: origin, axis, limit, dynamics, calibration,
#: safety_controller, mimic, mass, inertia, box, cylinder, sphere, mesh scale, colour)
NUMERIC: dict[str, dict[str, int]] = elements.numeric()
#: a limit's attributes in :class:`Limit`'s order, and those a limit states always (effort, velocity)
LIMIT_KEYS = ("lower", "upper", "effort", "velocity")
LIMIT_REQUIRED = elements.required("limit")
#: an expression xacro would have expanded: ${...} or $(...)
XACRO = re.compile(r"\$[{(]")


@dataclass(frozen=True, slots=True)
class Limit:
    lower: float | None
    upper: float | None
    effort: float | None
    velocity: float | None


@dataclass(slots=True)
class Joint:
    name: str
    type: str
    parent: str | None
    child: str | None
    index: int  # 1-based position among the robot's joints, for the pointer
    limit: Limit | None = None
    axis: tuple[float, ...] | None = None
    raw_limit: dict[str, str] = field(default_factory=dict)


@dataclass(slots=True)
class Link:
    name: str
    index: int
    mass: float | None = None
    inertia: dict[str, float | None] | None = None
    has_inertial: bool = False


@dataclass(slots=True)
class Robot:
    """One parsed description: its name, links and joints in document order, and what the
    reference parser would refuse in it beyond them (unreadable numbers, repeated materials)."""

    name: str | None
    links: list[Link]
    joints: list[Joint]
    #: the robot-level materials' names, in document order
    materials: list[str] = field(default_factory=list)
    #: where a visual's material has no name attribute (urdfdom drops the visual: R6)
    unnamed_visual_materials: list[str] = field(default_factory=list)
    #: numeric attributes urdfdom cannot read, and unexpanded xacro expressions (R5)
    unreadable: list[Finding] = field(default_factory=list)

    def joint(self, name: str) -> Joint | None:
        return next((j for j in self.joints if j.name == name), None)


def parse(body: bytes, what: str = "") -> Robot:
    """A robot description from the file's bytes; a file that is not a URDF robot is a
    finding (NonConformance) naming why."""
    try:
        root = fromstring(body)
    except DefusedXmlException as exc:
        raise NonConformance(msg("robots.xml-refused", error=type(exc).__name__), file=what, rule="R1") from None
    except ParseError as exc:
        raise NonConformance(msg("robots.xml-invalid", error=str(exc)), file=what, rule="R1") from None
    if root.tag.startswith("{"):
        _unqualify(root, _default_namespaces(body))
    if root.tag != "robot":
        raise NonConformance(msg("robots.not-urdf", tag=str(root.tag)), file=what, rule="R1")
    links = [Link(name=attribute(el, "name") or "", index=i, **_inertial(el))
             for i, el in enumerate(children(root, "link"), 1)]
    joints = [_joint(el, i) for i, el in enumerate(children(root, "joint"), 1)]
    return Robot(name=attribute(root, "name"), links=links, joints=joints,
                 materials=[attribute(el, "name") or "" for el in children(root, "material")],
                 unnamed_visual_materials=[f"/robot/link[{i}]/visual[{j}]/material[1]"
                                           for i, link in enumerate(children(root, "link"), 1)
                                           for j, visual in enumerate(children(link, "visual"), 1)
                                           if (material := child(visual, "material")) is not None
                                           and attribute(material, "name") is None],
                 unreadable=list(_numbers(root, attributes_as_written(body, root, NUMERIC))))


def _default_namespaces(body: bytes) -> set[str]:
    """The namespaces the document declares as default (``xmlns="..."``): their elements are
    unprefixed, which is all urdfdom's TinyXML sees of them."""
    try:
        return {uri for _, (prefix, uri) in iterparse(io.BytesIO(body), events=("start-ns",)) if not prefix}
    except (ParseError, DefusedXmlException):  # parsed once already: not reached
        return set()


def _unqualify(root: Element, defaults: set[str]) -> None:
    """Elements of a default namespace under their local names, as urdfdom reads them; a
    prefixed element keeps its qualified name (urdfdom finds no ``<u:robot>`` either)."""
    for el in root.iter():
        if isinstance(el.tag, str) and el.tag.startswith("{"):
            uri, _, local = el.tag[1:].partition("}")
            if uri in defaults:
                el.tag = local


def _path_of(parents: list[tuple[str, int]]) -> str:
    return "".join(f"/{tag}[{index}]" if index else f"/{tag}" for tag, index in parents)


def _numbers(root: Element, written: dict[int, dict[str, str]]) -> Iterator[Finding]:
    """RB-URDF-001 R5: every numeric attribute of :data:`NUMERIC` as urdfdom reads it (its text
    as written, :func:`.text.attributes_as_written`), and no attribute anywhere holding an unexpanded
    xacro expression."""

    def walk(el: Element, at: str) -> Iterator[Finding]:
        numeric = NUMERIC.get(str(el.tag), {})
        as_written = written.get(id(el), {})
        for key, value in el.attrib.items():
            where = f"{at}/@{key}"
            if XACRO.search(value):
                yield Finding(msg("robots.xacro-unexpanded", where=where, value=value), pointer=where,
                              actual=value, rule="R5")
                continue
            count = numeric.get(key)
            text = as_written.get(key, value)
            if count is not None and not readable(text, count):
                shown = text.translate(SPACE_SHOWN)
                yield Finding(msg("robots.not-numbers", where=where, value=shown, count=count), pointer=where,
                              expected=msg("robots.expect-numbers", count=count), actual=shown, rule="R5")
        seen: dict[str, int] = {}
        for nested in el:
            if not isinstance(nested.tag, str):
                continue
            seen[nested.tag] = seen.get(nested.tag, 0) + 1
            yield from walk(nested, f"{at}/{nested.tag}[{seen[nested.tag]}]")

    yield from walk(root, "/robot")


def _number(text: str | None) -> float | None:
    """A URDF number, or None where it is absent or not a finite number."""
    if text is None:
        return None
    try:
        value = float(text)
    except ValueError:
        return None
    return value if math.isfinite(value) else None


def _joint(el: Element, index: int) -> Joint:
    parent, end, limit, axis = (child(el, tag) for tag in ("parent", "child", "limit", "axis"))
    joint = Joint(name=attribute(el, "name") or "", type=attribute(el, "type") or "", index=index,
                  parent=attribute(parent, "link") if parent is not None else None,
                  child=attribute(end, "link") if end is not None else None)
    if limit is not None:
        joint.raw_limit = dict(limit.attrib)
        joint.limit = Limit(*(_number(attribute(limit, k)) for k in LIMIT_KEYS))
    if axis is not None:
        parts = (attribute(axis, "xyz") or "").split()
        numbers = [_number(p) for p in parts]
        joint.axis = tuple(n if n is not None else math.nan for n in numbers)
    return joint


class Inertial(TypedDict, total=False):
    """A link's ``<inertial>`` as :class:`Link` keeps it (none of it: no inertial element)."""

    has_inertial: bool
    mass: float | None
    inertia: dict[str, float | None] | None


def _inertial(el: Element) -> Inertial:
    inertial = child(el, "inertial")
    if inertial is None:
        return {}
    mass, inertia = child(inertial, "mass"), child(inertial, "inertia")
    return {
        "has_inertial": True,
        "mass": _number(attribute(mass, "value")) if mass is not None else None,
        "inertia": {k: _number(attribute(inertia, k)) for k in INERTIA} if inertia is not None else None,
    }


def _joint_at(joint: Joint) -> str:
    return f"/robot/joint[{joint.index}]"


def _link_at(link: Link) -> str:
    return f"/robot/link[{link.index}]"


def names(robot: Robot) -> Iterator[Finding]:
    """RB-URDF-001 R1, R2 and R6: the robot, its links, its joints and its robot-level materials
    are named, each name once (urdfdom refuses "link/joint/material 'x' is not unique"), and a
    visual's material carries a name attribute, empty or not (urdfdom logs "Visual material must
    contain a name attribute" and drops the whole visual)."""
    if not robot.name:
        yield Finding(msg("robots.robot-unnamed"), pointer="/robot/@name", rule="R1")
    named: list[tuple[str, list[tuple[str, str]]]] = [
        ("link", [(link.name, _link_at(link)) for link in robot.links]),
        ("joint", [(joint.name, _joint_at(joint)) for joint in robot.joints]),
        ("material", [(name, f"/robot/material[{i}]") for i, name in enumerate(robot.materials, 1)]),
    ]
    for kind, items in named:
        seen: set[str] = set()
        for name, at in items:
            if not name:
                yield Finding(msg("robots.unnamed", kind=kind), pointer=at + "/@name", rule="R2")
            elif name in seen:
                yield Finding(msg("robots.name-repeated", kind=kind, name=name), pointer=at + "/@name",
                              actual=name, rule="R2")
            seen.add(name)
    for at in robot.unnamed_visual_materials:
        yield Finding(msg("robots.visual-material-unnamed"), pointer=at + "/@name", rule="R6")


def connections(robot: Robot) -> Iterator[Finding]:
    """RB-URDF-001 R3: every joint has a known type and names existing parent and child links."""
    links = {link.name for link in robot.links}
    for joint in robot.joints:
        at = _joint_at(joint)
        if joint.type not in JOINT_TYPES:
            yield Finding(msg("robots.joint-type", joint=joint.name, type=joint.type), pointer=at + "/@type",
                          expected=" | ".join(JOINT_TYPES), actual=joint.type, rule="R3")
        for end in ("parent", "child"):
            link = getattr(joint, end)
            if link is None:
                yield Finding(msg("robots.joint-end-missing", joint=joint.name, end=end), pointer=f"{at}/{end}",
                              rule="R3")
            elif link not in links:
                yield Finding(msg("robots.joint-end-unknown", joint=joint.name, end=end, link=link),
                              pointer=f"{at}/{end}/@link", actual=link, rule="R3")


def tree(robot: Robot) -> Iterator[Finding]:
    """RB-URDF-001 R4: the links form one tree: no link is the child of two joints, exactly
    one link is no joint's child (the root), and every link is reached from it. Judged once
    every joint names links the robot has (R3): a joint to an unknown link leaves no tree to judge."""
    links = [link.name for link in robot.links]
    known = set(links)
    if any(joint.parent not in known or joint.child not in known for joint in robot.joints):
        return
    parent_of: dict[str, str] = {}
    children: dict[str, list[str]] = {}
    for joint in robot.joints:
        assert joint.child is not None and joint.parent is not None
        if joint.child in parent_of:
            yield Finding(msg("robots.two-parents", link=joint.child, joint=joint.name), pointer=_joint_at(joint),
                          actual=joint.child, rule="R4")
            continue
        parent_of[joint.child] = joint.parent
        children.setdefault(joint.parent, []).append(joint.child)
    roots = [name for name in dict.fromkeys(links) if name not in parent_of]
    if len(roots) != 1:
        yield Finding(msg("robots.roots", count=len(roots), roots=", ".join(roots[:5])), pointer="/robot",
                      expected=1, actual=len(roots), rule="R4")
    if not roots:
        return
    reached, todo = set(), [roots[0]]
    while todo:
        name = todo.pop()
        if name not in reached:
            reached.add(name)
            todo.extend(children.get(name, ()))
    unreached = [name for name in dict.fromkeys(links) if name not in reached]
    if unreached and len(roots) == 1:  # with several roots, the finding above says it
        yield Finding(msg("robots.cycle", links=", ".join(unreached[:5]), count=len(unreached)), pointer="/robot",
                      rule="R4")


def numbers(robot: Robot) -> Iterator[Finding]:
    """RB-URDF-001 R5: the numbers urdfdom cannot read, and unexpanded xacro expressions."""
    yield from robot.unreadable


def bounds(joint: Joint) -> tuple[float | None, float | None]:
    """A joint's stated ``lower`` and ``upper`` limits, each its default (0) where not given, None where unreadable."""
    limit = joint.limit
    assert limit is not None
    return (limit.lower if "lower" in joint.raw_limit else elements.default("limit", "lower"),
            limit.upper if "upper" in joint.raw_limit else elements.default("limit", "upper"))


def inverted(joint: Joint) -> bool:
    """Whether a bounded joint's range is inverted (lower above upper; each defaulting to 0)."""
    if joint.type not in BOUNDED or joint.limit is None:
        return False
    lower, upper = bounds(joint)
    return lower is not None and upper is not None and lower > upper


def limits(robot: Robot) -> Iterator[Finding]:
    """RB-URDF-002: movable joints state readable limits (R1) and a usable axis (R2), the axis judged
    on every joint that uses one, a limit or not (a continuous joint's ``<limit>`` is optional). An
    inverted range (lower above upper) is a valid URDF: urdfdom loads it and the specification
    orders neither; RB-URDF-003 R4 judges it (:func:`ranges`)."""
    for joint in robot.joints:
        at = _joint_at(joint)
        if joint.axis is not None and joint.type in AXIAL:
            axis = np.asarray(joint.axis, dtype=float)
            if axis.shape != (3,) or not np.all(np.isfinite(axis)) or float(np.linalg.norm(axis)) < 1e-9:
                yield Finding(msg("robots.axis", joint=joint.name, axis=" ".join(map(str, joint.axis))),
                              pointer=at + "/axis/@xyz", rule="R2")
        if joint.type in BOUNDED and joint.limit is None:
            yield Finding(msg("robots.limit-missing", joint=joint.name, type=joint.type), pointer=at + "/limit",
                          rule="R1")
            continue
        if joint.limit is None or joint.type not in MOVABLE:
            continue
        for key in LIMIT_REQUIRED:
            if getattr(joint.limit, key) is None:
                yield Finding(msg("robots.limit-attribute", joint=joint.name, key=key,
                                  value=joint.raw_limit.get(key, "")), pointer=f"{at}/limit/@{key}", rule="R1")
        if joint.type in BOUNDED:
            lower, upper = bounds(joint)
            if lower is None or upper is None:
                yield Finding(msg("robots.limit-attribute", joint=joint.name, key="lower/upper",
                                  value=f"{joint.raw_limit.get('lower')} {joint.raw_limit.get('upper')}"),
                              pointer=f"{at}/limit", rule="R1")


def ranges(robot: Robot) -> Iterator[Finding]:
    """RB-URDF-003 R4: a revolute or prismatic joint's range is not inverted. urdfdom loads an
    inverted range and the URDF specification orders neither limit, but the tools read it
    apart (a range admitting no position; Bullet's importer takes it as no limit at all)."""
    for joint in robot.joints:
        if inverted(joint):
            assert joint.limit is not None
            lower, upper = bounds(joint)
            yield Finding(msg("robots.limit-range", joint=joint.name, lower=lower, upper=upper),
                          pointer=f"{_joint_at(joint)}/limit", actual=[lower, upper], rule="R4")


def positive_limits(robot: Robot) -> Iterator[Finding]:
    """RB-URDF-003 R1: a movable joint's declared effort and velocity limits are positive."""
    for joint in robot.joints:
        if joint.limit is None or joint.type not in MOVABLE:
            continue
        for key in ("effort", "velocity"):
            value = getattr(joint.limit, key)
            if value is not None and value <= 0:
                yield Finding(msg("robots.limit-not-positive", joint=joint.name, key=key, value=value),
                              pointer=f"{_joint_at(joint)}/limit/@{key}", actual=value, rule="R1")


def inertials(robot: Robot, slack: float = INERTIA_SLACK) -> Iterator[Finding]:
    """RB-URDF-003 R2 and R3: a link that states its inertial properties states physical
    ones: a positive mass, and principal moments of inertia none negative and each at most
    the sum of the other two (Gazebo's MassMatrix3::IsValid), both within ``slack``
    relative to their sum or :data:`INERTIA_FLOOR`; a point mass (all moments zero) passes."""
    for link in robot.links:
        if not link.has_inertial:
            continue
        at = _link_at(link) + "/inertial"
        if link.mass is None or link.mass <= 0:
            yield Finding(msg("robots.mass", link=link.name, mass=link.mass), pointer=at + "/mass/@value",
                          actual=link.mass, rule="R2")
        values = link.inertia or {}
        if any(values.get(k) is None for k in INERTIA):
            yield Finding(msg("robots.inertia-missing", link=link.name), pointer=at + "/inertia", rule="R3")
            continue
        i = {k: float(v) for k, v in values.items() if v is not None}
        matrix = np.array([[i["ixx"], i["ixy"], i["ixz"]], [i["ixy"], i["iyy"], i["iyz"]],
                           [i["ixz"], i["iyz"], i["izz"]]])
        moments = np.sort(np.linalg.eigvalsh(matrix))
        allowed = max(slack * float(np.abs(moments).sum()), INERTIA_FLOOR)
        if moments[0] < -allowed or moments[2] > moments[0] + moments[1] + allowed:
            yield Finding(msg("robots.inertia", link=link.name,
                              moments=", ".join(f"{m:.6g}" for m in moments)), pointer=at + "/inertia",
                          actual=[float(m) for m in moments], rule="R3")
