"""AI agents disclose that they are AI (IF-AGENT-001, IF-AGENT-002; docs/interfaces.md, "AI agents").

The Provisions on Deep Synthesis (2022, art. 17) ask a service that offers intelligent dialogue
or generates virtual persons to label it where the public could be confused or misled, and the
labelling measures (2025) with GB 45438-2025 ask for an explicit label in the interaction
interface and an implicit label in the metadata. A platform that runs AI agents (digital
humans, virtual persons, chat agents) declares where they are listed and spoken to (the
discovery document's ``ai_agents``); each listed agent, and each message an agent originates,
carries both labels: the explicit label as in AS-AIGC-004 (its text holds an AI element and a
generation element) and the implicit label of GB 45438-2025 Annex E as in AS-AIGC-001/002, with
Label "1" (an agent's output is generated, not "possibly" so).
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from conformance import Finding, msg

from .._shared.ai_labels import IDENTIFYING, explicit_findings, form_findings, presence_findings
from .requestbodies import AGENT_PROBE

if TYPE_CHECKING:
    from conformance.area import JsonObject

AGENTS_SCHEMA = "https://metaverse-conformance.org/schemas/interfaces/ai-agents.json"
MESSAGE_SCHEMA = "https://metaverse-conformance.org/schemas/interfaces/agent-message.json"
#: a probe message the harness sends each agent
PROBE = AGENT_PROBE


def label_findings(item: JsonObject, pointer: str, what: str) -> list[Finding]:
    """Both labels of one agent or one message an agent originated: the explicit label (text with
    an AI and a generation element) and the implicit label (Annex E members Label, ContentProducer
    and ProduceID, well formed, Label "1"). Pointers are prefixed with ``pointer``; ``what``: "agent" or
    "message", what a missing label is said of."""
    generated = {**item, "ai_generated": True}  # an agent's output is generated whatever the item says
    found = [*explicit_findings(generated), *presence_findings(generated, IDENTIFYING)]
    if "AIGC" in generated:
        found.extend(form_findings(generated)[0])
    # IF-AGENT-001/-002 define no R-rules: no rule, the assets check that found it kept as ``check``
    # (an assets finding's own item, its ``check`` where it has one, else its rule)
    return [replace(f, message=_MISSING[tag](what) if tag in _MISSING else f.message,
                    pointer=f"{pointer}{f.pointer or ''}", requirement=None, rule=None,
                    extra={**f.extra, "check": f"{what}:{tag}"})
            for f in found for tag in (f.extra.get("check") or f.rule,)]


#: What a missing label is said of (the scan for unused templates reads quoted keys only).
_WHAT = {"agent": "interfaces.agent-what-agent", "message": "interfaces.agent-what-message"}
#: The assets' wording of a missing label, said of an agent or a message instead.
_MISSING = {
    "declared": lambda what: msg("interfaces.agent-no-explicit-label", what=msg(_WHAT[what])),
    "implicit-label": lambda what: msg("interfaces.agent-no-implicit-label",
                                       what=msg(_WHAT[what])),
    "label-declared": lambda what: msg("interfaces.agent-label-not-generated",
                                       what=msg(_WHAT[what])),
}


def reply_findings(reply: JsonObject, agent: JsonObject, file: str) -> list[Finding]:
    """IF-AGENT-002: the reply carries both labels and names the agent it came from."""
    found = [replace(f, file=file) for f in label_findings(reply, "", "message")]
    if reply.get("agent_id") != agent.get("agent_id"):
        found.append(Finding.of(msg("interfaces.agent-reply-other-agent"), file=file, pointer="/agent_id",
                                expected=agent.get("agent_id"), actual=reply.get("agent_id"), check="message:agent"))
    return found
