"""The interfaces area: the HTTP contract, problem details, robustness.

A plug-in of ``conformance.areas`` (:mod:`conformance.hookspecs`): its name, its message
templates (``messages.yaml``) and the HTML report's chart of HTTP response times
(:mod:`.charts`).
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from ...hookspecs import ReportChart, hookimpl


@hookimpl
def conformance_area() -> str:
    return "interfaces"


@hookimpl
def conformance_message_templates() -> Mapping[str, Path]:
    return {"interfaces": Path(__file__).with_name("messages.yaml")}


@hookimpl
def conformance_report_charts() -> Mapping[str, ReportChart]:
    from .charts import latency_histogram

    return {"latency": latency_histogram}
