"""The interfaces area: the HTTP contract, problem details, robustness.

A plug-in of ``conformance.areas`` (:mod:`conformance.hookspecs`): its name, its message
templates (``messages.yaml``) and the HTML report's chart of HTTP response times
(:mod:`.charts`).
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from conformance import hookimpl
from conformance.area import ReportChart

from .. import _shared as shared


@hookimpl
def conformance_area() -> str:
    return "interfaces"


@hookimpl
def conformance_area_description() -> Mapping[str, Mapping[str, str]]:
    return {
        "title": {"zh": "平台接口", "en": "Platform interfaces"},
        "scope": {"zh": "平台接口", "en": "platform interfaces"},
        "environment": {
            "zh": ("测试工具经 HTTP(S) 访问被测平台：读取服务发现文档，按 OpenAPI 契约调用每个声明的端点"
                   "，并以生成的请求检验健壮性；平台对为两个平台时检验跨平台互操作。"),
            "en": ("The harness calls the platform over HTTP(S): it reads the discovery document, calls "
                   "each declared endpoint against the OpenAPI contract and probes robustness with "
                   "generated requests; a pair of platforms is tested for interoperability across them."),
        },
    }


@hookimpl
def conformance_message_templates() -> Mapping[str, Path]:
    # the code shared with other areas writes messages of its own (keys shared.*)
    return {"interfaces": Path(__file__).with_name("messages.yaml"), shared.PREFIX: shared.TEMPLATES}


@hookimpl
def conformance_labels() -> Mapping[str, Mapping[str, str]]:
    """The labels of its chart (:mod:`.charts`): ``latency`` heads the chart's section."""
    return {
        "en": {
            "latency": "HTTP response times",
            "latency_title": "Distribution of HTTP response times (log scale)",
            "latency_axis": "milliseconds, log scale; exchanges",
        },
        "zh": {
            "latency": "HTTP 响应时间",
            "latency_title": "HTTP 响应时间分布（对数刻度）",
            "latency_axis": "毫秒，对数刻度；交互次数",
        },
    }


@hookimpl
def conformance_report_charts() -> Mapping[str, ReportChart]:
    from .charts import latency_histogram

    return {"latency": latency_histogram}
