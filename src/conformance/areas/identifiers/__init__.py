"""The identifiers area: resolution of device, product and asset identifiers beyond DIDs.

A plug-in of ``conformance.areas`` (:mod:`conformance.hookspecs`): its name and its message
templates (``messages.yaml``). Syntax of Handle System identifiers (RFC 3650-3652) and GS1
Digital Link URIs is :mod:`.syntax`; the HTTP resolution binding is judged in
``suites/identifiers``.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from ...hookspecs import hookimpl


@hookimpl
def conformance_area() -> str:
    return "identifiers"


@hookimpl
def conformance_message_templates() -> Mapping[str, Path]:
    return {"identifiers": Path(__file__).with_name("messages.yaml")}
