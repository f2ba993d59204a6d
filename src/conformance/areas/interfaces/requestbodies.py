"""Every JSON body the interfaces area's tests send a platform, built here and listed in
:data:`REQUESTS` (see :mod:`conformance.areas._shared.outgoing`): a misconduct report, a user
profile, a user's or an asset's export to import, a biometric template to enrol, a message to an AI
agent, a glTF scene to publish.
``tests/areas/interfaces/test_request_bodies.py`` judges each sample against the platform
contract's request schema (``schemas/interfaces/platform.openapi.yaml``), as the area judges
the platform's answers against its response schemas."""

from __future__ import annotations

from typing import TYPE_CHECKING

from .._shared.outgoing import CONTRACT_ONLY, GLTF, RequestBody
from .scenes import PROBE_EXTENSIONS, probe_scene

if TYPE_CHECKING:
    from conformance.area import JsonObject, JsonValue

#: what the harness files to test the reporting flow (IF-REPORT-001, IF-CODE-001, IF-RISK-*)
PROBE_REPORT = {"subject": "conformance-probe-subject", "category": "other",
                "description": "A report filed by the conformance harness to test the reporting flow; "
                               "no action needed."}
#: what the harness says to each AI agent (IF-AI-*)
AGENT_PROBE = "你好。This is the conformance harness checking that AI replies are labelled; no answer needed."


def report_request(subject: str | None = None, category: str | None = None,
                   description: str | None = None) -> JsonObject:
    """A misconduct report: the probe's, about ``subject`` in ``category`` when given (and with
    ``description``, e.g. one marking the subject as violating test content, IF-MOD-002)."""
    return {**PROBE_REPORT, **({"subject": subject} if subject else {}), **({"category": category} if category else {}),
            **({"description": description} if description else {})}


def profile_request(mark: str) -> JsonObject:
    """A user profile carrying ``mark`` (a value unique to the run) where an export must show it."""
    return {"display_name": mark, "locale": "zh-CN",
            "avatars": [{"uri": f"https://conformance.invalid/avatars/{mark}.vrm", "media_type": "model/gltf-binary"}],
            "settings": {"probe": mark, "voice_chat": False}}


def user_import_request(package: JsonValue) -> JsonObject:
    """A user's data as another platform exported it, to import."""
    return {"export": package}


def asset_import_request(export: JsonValue) -> JsonObject:
    """An asset with its history as another platform exported it, to import."""
    return {"export": export}


def biometric_request(purpose: str) -> JsonObject:
    """A face template to enrol for ``purpose`` (IF-BIO-001): a feature vector of the harness's own
    making (base64url of 128 bytes), no image and no one's face."""
    return {"purpose": purpose, "modality": "face", "template": "Y29uZm9ybWFuY2UtcHJvYmUt" * 7}


def agent_message(text: str = AGENT_PROBE) -> JsonObject:
    return {"text": text}


def block_request(did: str) -> JsonObject:
    """The caller blocks the user ``did`` (IF-CODE-009)."""
    return {"did": did}


def follow_request(did: str) -> JsonObject:
    """The caller follows the member ``did`` (IF-COMM-001)."""
    return {"did": did}


def message_request(to: str, text: str) -> JsonObject:
    """A direct message ``text`` from the caller to the member ``to`` (IF-COMM-001)."""
    return {"to": to, "text": text}


def harassment_report(did: str, space: str, participant: str, seq: int) -> JsonObject:
    """The target's report of what ``did`` said to it in ``space`` (its participant ID and the seq
    of the state that carried it), in the category harassment (IF-CODE-010)."""
    return {"subject": did, "category": "harassment",
            "description": "A conformance test's report of a chat message said to the reporter in a shared space.",
            "session": {"space": space, "participant": participant, "seq": seq}}


REQUESTS: dict[str, RequestBody] = {
    "reports": RequestBody("POST", "/reports", CONTRACT_ONLY,
                           lambda: [report_request(), report_request("did:web:someone.example", "harassment"),
                                    harassment_report("did:web:someone.example", "space-1", "p-1", 0)],
                           ("report_request", "harassment_report")),
    "user_profile": RequestBody("PUT", "/users/did:web:holder.example/profile", CONTRACT_ONLY,
                                lambda: [profile_request("conformance-0123-a")], ("profile_request",)),
    "user_import": RequestBody("POST", "/users/import", CONTRACT_ONLY, lambda: [user_import_request({})],
                               ("user_import_request",), relays="/export"),
    "asset_import": RequestBody("POST", "/assets/import", CONTRACT_ONLY, lambda: [asset_import_request({})],
                                ("asset_import_request",), relays="/export"),
    "scenes": RequestBody("POST", "/scenes", GLTF,
                          lambda: [probe_scene("0123abcd", list(PROBE_EXTENSIONS)), probe_scene("0123abcd", [])],
                          ("probe_scene",)),
    "biometrics": RequestBody("POST", "/users/did:web:holder.example/biometrics", CONTRACT_ONLY,
                              lambda: [biometric_request("face-login")], ("biometric_request",)),
    "agent_messages": RequestBody("POST", "/agents/agent-1/messages", CONTRACT_ONLY, lambda: [agent_message()],
                                  ("agent_message",)),
    "blocks": RequestBody("POST", "/blocks", CONTRACT_ONLY, lambda: [block_request("did:web:someone.example")],
                          ("block_request",)),
    "follows": RequestBody("POST", "/follows", CONTRACT_ONLY, lambda: [follow_request("did:web:someone.example")],
                           ("follow_request",)),
    "messages": RequestBody("POST", "/messages", CONTRACT_ONLY,
                            lambda: [message_request("did:web:someone.example", "conformance-dm: hello")],
                            ("message_request",)),
}
