"""The identifiers area: resolution of device, product and asset identifiers beyond DIDs.

A plug-in of ``conformance.areas`` (:mod:`conformance.hookspecs`): its name and its message
templates (``messages.yaml``). Syntax of Handle System identifiers (RFC 3650-3652) and GS1
Digital Link URIs is :mod:`.syntax`; the HTTP resolution binding is judged in
``suites/identifiers``.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from conformance import hookimpl

from .. import _shared as shared


@hookimpl
def conformance_area() -> str:
    return "identifiers"


@hookimpl
def conformance_area_description() -> Mapping[str, Mapping[str, str]]:
    return {
        "title": {"zh": "标识解析", "en": "Identifier resolution"},
        "scope": {"zh": "标识解析", "en": "identifier resolution"},
        "environment": {
            "zh": ("测试工具检查被测产品导出的 Handle 标识（RFC 3650、RFC 3651、RFC 3652）与 GS1 Digital Link URI 的语"
                   "法，并经 HTTP 或 HTTPS 调用被测平台的标识解析接口，将解析结果与平台提供的设备描述及资产元"
                   "数据比对。"),
            "en": ("The harness checks the syntax of the Handle identifiers (RFC 3650, RFC 3651, RFC 3652) and GS1 "
                   "Digital Link URIs the implementation under test exports, and calls the platform's identifier "
                   "resolution endpoint over HTTP(S), comparing what resolution returns with the device "
                   "descriptors and asset metadata the platform serves."),
        },
    }


@hookimpl
def conformance_message_templates() -> Mapping[str, Path]:
    # the code shared with other areas writes messages of its own (keys shared.*)
    return {"identifiers": Path(__file__).with_name("messages.yaml"), shared.PREFIX: shared.TEMPLATES}


@hookimpl
def conformance_endpoints() -> Mapping[str, str]:
    # the identifier resolution binding (resolution.py); its query is kept when it moves
    return {"identifier_resolution": "/1.0/resolve", "identifier_list": "/identifiers"}
