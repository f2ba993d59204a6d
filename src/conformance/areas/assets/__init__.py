"""The assets area: metadata, content, 3D models, histories, registries.

A plug-in of ``conformance.areas`` (:mod:`conformance.hookspecs`): its name and its message
templates (``messages.yaml``), and the glTF-Validator process that lasts a run.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from contextlib import AbstractContextManager
from pathlib import Path
from typing import Any

from ...hookspecs import hookimpl


@hookimpl
def conformance_area() -> str:
    return "assets"


@hookimpl
def conformance_message_templates() -> Mapping[str, Path]:
    return {"assets": Path(__file__).with_name("messages.yaml")}


@hookimpl
def conformance_run_surroundings(run: Any) -> Iterable[AbstractContextManager[Any]]:
    """One glTF-Validator process serves the run's glTF files (khronos.serving); a run that
    checks no glTF file does not even import the runner."""
    if not any(r.startswith("AS-GLTF-") for r in run.plan.automated()):
        return []
    from . import khronos

    return [khronos.serving()]
