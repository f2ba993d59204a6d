"""The URDF elements and attributes the robot checks read, as ``urdf_elements.yaml`` describes them: the reader
(:mod:`.urdf`) takes its names, joint types, required attributes, defaults and numeric attributes from here, and the
draft's data formats annex tables the same file (``conformance_xml_formats``), so that the clause a laboratory reads
and the checker cannot drift (issue 76 item 2: URDF was defined only by a web page in the bibliography).

The reader reaches an element's attribute or child through :func:`attribute`, :func:`child` and :func:`children`,
which refuse a name the description lacks: a check reading an undescribed attribute fails on the first robot
fixture instead of passing unseen."""

from __future__ import annotations

from pathlib import Path
from typing import TypedDict, overload
from xml.etree.ElementTree import Element

import yaml


class AttributeDescription(TypedDict, total=False):
    """One attribute of ``urdf_elements.yaml``: whether a file states it always, the values or how many numbers it
    takes, the number it stands for when absent, and which requirements read it."""

    required: bool
    values: list[str]
    numbers: int
    default: float
    unit: str
    link: bool
    read_by: list[str]


class ElementDescription(TypedDict, total=False):
    """One element of ``urdf_elements.yaml``: the elements it stands in, whether (or for which joint types) it is
    required, the joint types that use it, its attributes and which requirements read it."""

    parents: list[str]
    required: bool
    required_for: list[str]
    used_by: list[str]
    attributes: dict[str, AttributeDescription]
    read_by: list[str]


PATH = Path(__file__).with_name("urdf_elements.yaml")
ELEMENTS: dict[str, ElementDescription] = yaml.safe_load(PATH.read_text("utf-8"))["elements"]


class Undescribed(LookupError):
    """A check read an element or attribute ``urdf_elements.yaml`` does not describe (a harness bug)."""


@overload
def described(tag: str) -> ElementDescription: ...
@overload
def described(tag: str, name: str) -> AttributeDescription: ...
def described(tag: str, name: str | None = None) -> ElementDescription | AttributeDescription:
    """The description of element ``tag`` (or of its attribute ``name``)."""
    element = ELEMENTS.get(tag)
    if element is None or (name is not None and name not in element.get("attributes", {})):
        raise Undescribed(f"{tag}/@{name}" if name else tag)
    return element if name is None else element["attributes"][name]


def attribute(el: Element, name: str) -> str | None:
    described(str(el.tag), name)
    return el.get(name)


def child(el: Element, tag: str) -> Element | None:
    if str(el.tag) not in described(tag)["parents"]:
        raise Undescribed(f"{el.tag}/{tag}")
    return el.find(tag)


def children(el: Element, tag: str) -> list[Element]:
    if str(el.tag) not in described(tag)["parents"]:
        raise Undescribed(f"{el.tag}/{tag}")
    return el.findall(tag)


def values(tag: str, name: str) -> tuple[str, ...]:
    """The values attribute ``name`` of ``tag`` may take (a joint's ``type``)."""
    return tuple(described(tag, name)["values"])


def required(tag: str) -> tuple[str, ...]:
    """The attributes of ``tag`` a file states always (a limit's ``effort`` and ``velocity``)."""
    return tuple(name for name, a in described(tag)["attributes"].items() if a["required"])


def default(tag: str, name: str) -> float:
    """The number an optional one-number attribute stands for when absent (a limit's ``lower``: 0)."""
    return float(described(tag, name)["default"])


def numeric() -> dict[str, dict[str, int]]:
    """The numeric attributes by element, and how many numbers each holds."""
    return {tag: {name: a["numbers"] for name, a in element["attributes"].items() if "numbers" in a}
            for tag, element in ELEMENTS.items() if any("numbers" in a for a in element["attributes"].values())}
