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
            "zh": ("测试工具经 HTTP 或 HTTPS 访问被测平台：读取服务发现文档，按 OpenAPI 契约调用每个声明的端点"
                   "，并以生成的请求检验健壮性；IXIT 另给出平台 B（被测目标 `api_b`）时，"
                   "检验平台 A 与平台 B 之间的互操作。"),
            "en": ("The harness calls the platform over HTTP(S): it reads the discovery document, calls "
                   "each declared endpoint against the OpenAPI contract and probes robustness with "
                   "generated requests; when the IXIT also gives platform B (the target `api_b`), the interoperability "
                   "of platforms A and B is tested."),
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


@hookimpl
def conformance_endpoints() -> Mapping[str, str]:
    # Every path of the platform contract (schemas/interfaces/platform.openapi.yaml) the identity
    # area does not name already (DID resolution and registration, key login, the VC API):
    # one name a path, whatever its methods, so a target's ``paths`` can move it.
    return {
        "discovery": "/.well-known/metaverse-interop",
        "assets": "/assets",
        "asset": "/assets/{asset_id}",
        "asset_state": "/assets/{asset_id}/state",
        "asset_history": "/assets/{asset_id}/history",
        "asset_transfer": "/assets/{asset_id}/transfer",
        "asset_burn": "/assets/{asset_id}/burn",
        "asset_lock": "/assets/{asset_id}/lock",
        "asset_unlock": "/assets/{asset_id}/unlock",
        "asset_orders": "/assets/{asset_id}/orders",
        "asset_reviews": "/assets/{asset_id}/reviews",
        "asset_export": "/assets/{asset_id}/export",
        "asset_import": "/assets/import",
        "order": "/orders/{order_id}",
        "order_settle": "/orders/{order_id}/settle",
        "order_cancel": "/orders/{order_id}/cancel",
        "order_refund": "/orders/{order_id}/refund",
        "play_sessions": "/play-sessions",
        "play_session_heartbeat": "/play-sessions/{session_id}/heartbeat",
        "payments": "/payments",
        "account": "/account",
        "test_account": "/test/account",
        "blocks": "/blocks",
        "follows": "/follows",
        "messages": "/messages",
        "user_profile": "/users/{did}/profile",
        "user_export": "/users/{did}/export",
        "user_data_delete": "/users/{did}/data",
        "user_data_consents": "/users/{did}/consents/{purpose}",
        "user_data_biometrics": "/users/{did}/biometrics",
        "user_data_recommendations": "/users/{did}/recommendations",
        "user_import": "/users/import",
        "scenes": "/scenes",
        "scene": "/scenes/{scene_id}",
        "scene_interactive": "/scenes/{scene_id}/interactive",
        "reports": "/reports",
        "report": "/reports/{report_id}",
        "conduct_rules": "/conduct-rules",
        "appeals": "/appeals",
        "identity_standing": "/identities/{did}/standing",
        "agents": "/agents",
        "agent_messages": "/agents/{agent_id}/messages",
        "test_sanctions": "/test-moderation/sanctions",
        "test_moderation_clock": "/test-moderation/clock",
        "test_identities": "/test-identities",
        "session": "/sessions/{space}",
        "test_clock": "/test/clock",
        "generation": "/generate",
        "generation_label": "/generate/label",
        "generation_prompt": "/generate/prompt",
        "render_stream": "/render/stream",
    }
