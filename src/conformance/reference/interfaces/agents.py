"""Reference routes of AI agents: the platform's AI-driven digital humans, labelled as AI.

``GET /agents`` lists the agents the platform runs (digital humans, chat agents), each with
the explicit label users see (GB 45438-2025, 6: labels in interaction interfaces) and the
implicit label of GB 45438-2025 Annex E (``AIGC``). ``POST /agents/{agent_id}/messages``
sends an agent a message and answers with the agent's reply, which carries both labels too.
The discovery document declares both paths (member ``ai_agents``, :data:`TERMS`). Planted
defects (``DEFECTS``) strip a label.
"""

from __future__ import annotations

import secrets
from typing import Any

from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from .. import clock as reference_clock
from ..problems import problem

DEFECTS: dict[str, str] = {
    "agent-unlabelled": "GET /agents lists a digital human without its explicit and implicit labels",
    "agent-message-label-stripped": "an AI agent's replies come without the labels the agent carries",
    "agent-message-200": "a message sent to an AI agent is answered 200, not the 201 annex D gives for it",
}
#: What the discovery document declares (member ``ai_agents``).
TERMS: dict[str, Any] = {"agents": "/agents", "messages": "/agents/{agent_id}/messages"}
PRODUCER = "did:web:platform.reference.example"
MAX_TEXT = 4000


def _label(kind: str, produce_id: str) -> dict[str, Any]:
    return {"ai_generated": True,
            "explicit_label": {"text": "AI生成 · 人工智能数字人" if kind == "digital-human" else "AI生成内容",
                               "placement": ["interface", "content_persistent"], "locale": "zh-CN"},
            "AIGC": {"Label": "1", "ContentProducer": PRODUCER, "ProduceID": produce_id}}


AGENTS: list[dict[str, Any]] = [
    {"agent_id": "guide-1", "name": "Lan, the plaza guide", "kind": "digital-human",
     **_label("digital-human", "agent-guide-1")},
    {"agent_id": "helper-1", "name": "Help desk", "kind": "chat-agent",
     **_label("chat-agent", "agent-helper-1")},
]


def _strip(item: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in item.items() if k not in ("ai_generated", "explicit_label", "AIGC")}


def routes(defects: frozenset[str]) -> list[Route]:
    by_id = {agent["agent_id"]: agent for agent in AGENTS}

    async def listing(request: Request) -> Response:
        items = [dict(agent) for agent in AGENTS]
        if "agent-unlabelled" in defects:
            items[0] = _strip(items[0])
        return JSONResponse({"agents": items})

    async def message(request: Request) -> Response:
        agent = by_id.get(request.path_params["agent_id"])
        if agent is None:
            return problem(404, "Not Found", "no such agent", kind="agent-not-found", defects=defects)
        try:
            body = await request.json()
        except ValueError:
            body = None
        text = body.get("text") if isinstance(body, dict) else None
        if not isinstance(text, str) or not text.strip() or len(text) > MAX_TEXT:
            return problem(400, "Bad Request", f'the body must be {{"text": "<1 to {MAX_TEXT} characters>"}}',
                           kind="bad-request", defects=defects)
        message_id = f"msg-{secrets.token_hex(6)}"
        reply = {"message_id": message_id, "agent_id": agent["agent_id"],
                 "created_at": reference_clock.now().isoformat(timespec="seconds").replace("+00:00", "Z"),
                 "text": f"{agent['name']} heard {len(text)} characters.",
                 **_label(agent["kind"], message_id)}
        if "agent-message-label-stripped" in defects:
            reply = _strip(reply)
        return JSONResponse(reply, status_code=200 if "agent-message-200" in defects else 201)

    return [Route(TERMS["agents"], listing), Route(TERMS["messages"], message, methods=["POST"])]
