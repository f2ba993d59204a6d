"""The scenes area: 3D scenes and digital twins delivered as OGC 3D Tiles 1.1 tilesets.

A plug-in of ``conformance.areas`` (:mod:`conformance.hookspecs`): its name and its message
templates (``messages.yaml``). The checks are :mod:`.tiles` and :mod:`.volumes`; the official
CesiumGS 3d-tiles-validator is an optional delegate (:mod:`.cesium`), glTF tile content goes
to the assets area's Khronos glTF-Validator (:mod:`conformance.areas.assets.khronos`).
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from ...hookspecs import hookimpl


@hookimpl
def conformance_area() -> str:
    return "scenes"


@hookimpl
def conformance_message_templates() -> Mapping[str, Path]:
    return {"scenes": Path(__file__).with_name("messages.yaml")}
