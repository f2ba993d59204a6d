"""The identity area: DID documents, credentials, registrars, authentication; and the JSON-LD
contexts credentials are expanded with (:mod:`.._shared.jsonld`).

A plug-in of ``conformance.areas`` (:mod:`conformance.hookspecs`): its name, its message
templates (``messages.yaml``) and, while a run's suites run, the JSON-LD contexts the
manifest declares (``jsonld_contexts``) and those the vendor stored (``conformance contexts
add``) served beside the bundled ones; the command ``conformance contexts``.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from contextlib import AbstractContextManager
from pathlib import Path
from typing import TYPE_CHECKING

from conformance import hookimpl
from conformance.area import RunContext

from .. import _shared as shared

if TYPE_CHECKING:
    from .contextcli import ContextsCommand


@hookimpl
def conformance_area() -> str:
    return "identity"


@hookimpl
def conformance_area_description() -> Mapping[str, Mapping[str, str]]:
    return {
        "title": {"zh": "数字身份", "en": "Digital identity"},
        "scope": {"zh": "数字身份", "en": "digital identity"},
        "environment": {
            "zh": ("测试工具作为客户端，经 HTTP 或 HTTPS 访问被测平台的 DID 解析、注册、认证与凭证接口，或读取"
                   "被测产品导出的 DID 文档与凭证文件；测试工具为每次运行生成 did:key 密钥。"),
            "en": ("The harness acts as a client of the platform's DID resolution, registration, "
                   "authentication and credential endpoints over HTTP(S), or reads the DID documents and"
                   " credentials the implementation under test exports; it generates did:key keys for each run."),
        },
    }


@hookimpl
def conformance_message_templates() -> Mapping[str, Path]:
    # the code shared with other areas writes messages of its own (keys shared.*)
    return {"identity": Path(__file__).with_name("messages.yaml"), shared.PREFIX: shared.TEMPLATES}


@hookimpl
def conformance_endpoints() -> Mapping[str, str]:
    # the DIF Universal Resolver and Registrar bindings, this harness's key login, the W3C VC API
    return {
        "did_resolution": "/1.0/identifiers/{did}",
        "did_create": "/1.0/create",
        "did_update": "/1.0/update",
        "did_deactivate": "/1.0/deactivate",
        "did_export": "/1.0/export",
        "did_import": "/1.0/import",
        "auth_challenges": "/1.0/auth/challenges",
        "auth_proofs": "/1.0/auth/proofs",
        "auth_totp": "/1.0/auth/totp",
        "auth_otp": "/1.0/auth/otp",
        "auth_introspect": "/1.0/auth/introspect",
        "auth_userinfo": "/1.0/auth/userinfo",
        "auth_certificates": "/1.0/auth/certificates",
        "auth_certificates_revoke": "/1.0/auth/certificates/revoke",
        "auth_certificate_proofs": "/1.0/auth/certificate-proofs",
        "auth_device_registration_options": "/1.0/auth/webauthn/registration-options",
        "auth_device_registrations": "/1.0/auth/webauthn/registrations",
        "auth_device_assertion_options": "/1.0/auth/webauthn/assertion-options",
        "auth_device_assertions": "/1.0/auth/webauthn/assertions",
        "credentials_issue": "/credentials/issue",
        "credentials_verify": "/credentials/verify",
        "credentials_status": "/credentials/status",
        "credentials_status_list": "/credentials/status/1",
    }


@hookimpl
def conformance_run_surroundings(run: RunContext) -> Iterable[AbstractContextManager[object]]:
    from .._shared import contextstore, jsonld

    # the vendor's stored contexts (conformance contexts add), each checked against its digest
    return [jsonld.serving(dict(run.jsonld_contexts)), jsonld.serving_stored(contextstore.load())]


@hookimpl
def conformance_commands() -> Mapping[str, ContextsCommand]:
    from .contextcli import ContextsCommand

    return {"contexts": ContextsCommand()}
