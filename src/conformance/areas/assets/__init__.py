"""The assets area: metadata, content, 3D models, histories, registries.

A plug-in of ``conformance.areas`` (:mod:`conformance.hookspecs`): its name and its message
templates (``messages.yaml``).
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from ...hookspecs import hookimpl


@hookimpl
def conformance_area() -> str:
    return "assets"


@hookimpl
def conformance_message_templates() -> Mapping[str, Path]:
    return {"assets": Path(__file__).with_name("messages.yaml")}
