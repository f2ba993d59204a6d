"""AI agents' labels (IF-AGENT-001, IF-AGENT-002): an agent or a reply without either label, with
an explicit label lacking an element, or with a malformed implicit label is a finding."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from conformance.areas.interfaces.agents import label_findings, reply_findings
from conformance.reference.interfaces.agents import AGENTS

AGENT = AGENTS[0]


def test_the_reference_agents_are_labelled():
    assert all(label_findings(agent, f"/agents/{i}", "agent") == [] for i, agent in enumerate(AGENTS))


@pytest.mark.parametrize(("change", "pointers"), [
    ({"explicit_label": None}, ["/agents/0/explicit_label"]),
    ({"AIGC": None}, ["/agents/0/AIGC"]),
    ({"AIGC": {"Label": "1", "ContentProducer": "p"}}, ["/agents/0/AIGC/ProduceID"]),
    ({"AIGC": {**AGENT["AIGC"], "Label": "2"}}, ["/agents/0/AIGC/Label"]),  # an agent's output is generated
])
def test_each_missing_or_wrong_label_is_a_finding(change, pointers):
    agent = {k: v for k, v in {**AGENT, **change}.items() if v is not None}
    assert [f.pointer for f in label_findings(agent, "/agents/0", "agent")] == pointers


@given(st.text(alphabet=st.characters(blacklist_characters="AI人工智能生成合", blacklist_categories=("Cs",)),
               min_size=1, max_size=40))
def test_an_explicit_label_without_its_elements_is_a_finding(text):
    agent = {**AGENT, "explicit_label": {**AGENT["explicit_label"], "text": text}}
    found = label_findings(agent, "", "agent")
    rules = {f.extra["check"] for f in found}
    assert {f.rule for f in found} == {None}  # IF-AGENT-001 defines no R-rules
    assert rules == {"agent:ai-element", "agent:generation-element"}


def test_a_reply_names_its_agent_and_keeps_the_labels():
    reply = {"message_id": "m1", "agent_id": AGENT["agent_id"], "explicit_label": AGENT["explicit_label"],
             "AIGC": {**AGENT["AIGC"], "ProduceID": "m1"}}
    assert reply_findings(reply, AGENT, "POST /x") == []
    stripped = {"message_id": "m1", "agent_id": "other"}
    assert sorted(f.pointer for f in reply_findings(stripped, AGENT, "POST /x")) == [
        "/AIGC", "/agent_id", "/explicit_label"]
