"""AI agents disclose that they are AI over the API (docs/interfaces.md, "AI agents"): each listed
agent carries the explicit and the implicit label (IF-AGENT-001), and so does each message an
agent originates (IF-AGENT-002)."""

from __future__ import annotations

from typing import Any
from urllib.parse import quote

import pytest

from conformance import Evidence, Inconclusive, Targets, msg
from conformance.area import SchemaRegistry
from conformance.areas._shared.discovery import declared_terms
from conformance.areas._shared.ownread import own_json
from conformance.areas._shared.problems import check_problem
from conformance.areas.interfaces.agents import (
    AGENTS_SCHEMA,
    MESSAGE_SCHEMA,
    PROBE,
    label_findings,
    reply_findings,
)
from conformance.areas.interfaces.requestbodies import agent_message

#: The most listed agents the harness speaks to (IF-AGENT-002), each one request.
MAX_AGENTS = 20


def listed_agents(api: Any, schemas: Any, evidence: Any) -> tuple[dict[str, Any], list[dict[str, Any]]] | None:
    """The declaration and the listed agents; None (with findings) when the listing is not served or
    not valid; inconclusive when the platform lists no agent."""
    terms = declared_terms(api, ("ai_agents",), "interfaces.agents-no-declaration")
    path = str(terms.get("agents"))
    response = api.get(path)
    where = response.requested
    if response.status != 200:
        evidence.finding(msg("interfaces.agents-not-listed", status=response.status), file=where, expected=200,
                         actual=response.status)
        if response.status >= 400:
            check_problem(response, schemas, evidence)
        return None
    body = own_json(response, None)  # IF-AGENT-001 states no rules
    if evidence.findings_from(schemas.findings(body, AGENTS_SCHEMA), file=where):
        return None
    agents = [a for a in body["agents"] if isinstance(a, dict)]
    if not agents:
        raise Inconclusive(msg("interfaces.agents-none"))
    return terms, agents


@pytest.mark.requirement("IF-AGENT-001")
def test_listed_ai_agents_carry_both_labels(targets: Targets, schemas: SchemaRegistry, evidence: Evidence):
    found = listed_agents(targets["api"], schemas, evidence)
    if found is None:
        return
    terms, agents = found
    where = targets["api"].requested("GET", str(terms.get("agents")))
    for index, agent in enumerate(agents):
        evidence.findings_from(label_findings(agent, f"/agents/{index}", "agent"), file=where)
    evidence.note(msg("interfaces.agents-judged", count=len(agents)))


@pytest.mark.requirement("IF-AGENT-002")
def test_messages_ai_agents_originate_carry_both_labels(targets: Targets, schemas: SchemaRegistry, evidence: Evidence):
    api = targets["api"]
    found = listed_agents(api, schemas, evidence)
    if found is None:
        return
    terms, agents = found
    template = terms.get("messages")
    if not isinstance(template, str) or "{agent_id}" not in template:
        evidence.finding(msg("interfaces.agents-no-message-path"), pointer="/ai_agents/messages", actual=template)
        return
    for agent in agents[:MAX_AGENTS]:
        path = template.replace("{agent_id}", quote(str(agent["agent_id"]), safe=""))
        response = api.post(path, json=agent_message(PROBE))
        where = response.requested
        if response.status != 201:  # annex D's contract gives 201 alone for a message sent
            evidence.finding(msg("interfaces.agent-not-answered", agent=agent["agent_id"], status=response.status),
                             file=where, expected=201, actual=response.status)
            if response.status >= 400:
                check_problem(response, schemas, evidence)
            continue
        reply = own_json(response, None)  # IF-AGENT-002 states no rules
        if evidence.findings_from(schemas.findings(reply, MESSAGE_SCHEMA), file=where):
            continue
        evidence.findings_from(reply_findings(reply, agent, where))
    evidence.note(msg("interfaces.agent-replies-judged", count=min(len(agents), MAX_AGENTS)))
