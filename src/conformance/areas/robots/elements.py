"""The URDF elements and attributes the robot checks read, as ``urdf_elements.yaml`` describes them: the reader
(:mod:`.urdf`) takes its names, joint types, required attributes, defaults and numeric attributes from here, and the
draft's data formats annex tables the same file (``conformance_xml_formats``), so that the clause a laboratory reads
and the checker cannot drift (issue 76 item 2: URDF was defined only by a web page in the bibliography).

The reader reaches an element's attribute or child through :func:`attribute`, :func:`child` and :func:`children`,
which refuse a name the description lacks: a check reading an undescribed attribute fails on the first robot
fixture instead of passing unseen."""

from __future__ import annotations

from pathlib import Path
from typing import Any
from xml.etree.ElementTree import Element

import yaml

PATH = Path(__file__).with_name("urdf_elements.yaml")
DESCRIPTION: dict[str, Any] = yaml.safe_load(PATH.read_text("utf-8"))
ELEMENTS: dict[str, dict[str, Any]] = DESCRIPTION["elements"]


class Undescribed(LookupError):
    """A check read an element or attribute ``urdf_elements.yaml`` does not describe (a harness bug)."""


def described(tag: str, name: str | None = None) -> dict[str, Any]:
    """The description of element ``tag`` (or of its attribute ``name``)."""
    element = ELEMENTS.get(tag)
    if element is None or (name is not None and name not in element["attributes"]):
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
