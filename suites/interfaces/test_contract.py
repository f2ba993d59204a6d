"""The contract: every answer the platform gives matches the OpenAPI 3.1 document.

The test judges the answers to its own probe only (every read operation of annex D, with values the
platform hands out and values that do not exist), never the run's shared log of other tests'
answers: which other test cases ran, their order and the worker they ran on would otherwise
decide the verdict (issue 70, "two laboratories, one verdict").
"""

from __future__ import annotations

from typing import Any
from urllib.parse import quote, urlsplit

import pytest

from conformance import Evidence, Inconclusive, NonConformance, Targets, msg
from conformance.area import SchemaRegistry
from conformance.areas.interfaces.offers import Offers
from conformance.areas.interfaces.openapi import Contract, Operation
from conformance.areas.interfaces.robustness import normative_operations, probed_reads


def _pointer_get(document: Any, pointer: str) -> Any:
    for token in pointer.lstrip("/").split("/"):
        token = token.replace("~1", "/").replace("~0", "~")
        if isinstance(document, list) and token.isdigit() and int(token) < len(document):
            document = document[int(token)]
        elif isinstance(document, dict) and token in document:
            document = document[token]
        else:
            return None
    return document


class Prober:
    """Calls the contract's read operations with values the platform itself hands out: those
    :func:`~conformance.areas.interfaces.robustness.probed_reads` selects, by the rule annex D's column reads; a
    parameter's ``x-probe`` says where its value comes from. An operation reached through a member of the discovery
    document is called at the path the platform declares there (:meth:`Offers.path`), and each answer is kept with the
    operation it was sent for, which judges it (seventy-fourth reading, paths: a declared path matches no template of
    the contract, so the answers there went unjudged)."""

    def __init__(self, api: Any, contract: Contract, evidence: Any, offers: Offers) -> None:
        self.api, self.contract, self.evidence, self.offers = api, contract, evidence, offers
        self._bodies: dict[str, Any] = {}
        #: Every answer the probe received with its operation, in the order sent: what the test judges.
        self.answers: list[tuple[Operation, Any]] = []

    def _get(self, op: Operation, path: str) -> Any:
        response = self.api.get(path)
        self.answers.append((op, response))
        return response

    def body_of(self, operation_id: str) -> Any:
        if operation_id not in self._bodies:
            op = next((o for o in self.contract.operations if o.operation_id == operation_id), None)
            path = self.offers.path(op) if op is not None else None  # a listing: at its declared path too
            body = None
            if op is not None and path is not None and "{" not in path:
                response = self._get(op, path)
                try:
                    body = response.json() if response.status == 200 else None
                except NonConformance:
                    body = None  # judged with every other response below
            self._bodies[operation_id] = body
        return self._bodies[operation_id]

    def probe(self, op: Operation) -> None:
        # Parameters are often shared by $ref (components/parameters): resolved, or the
        # template would be sent unfilled.
        in_path = self.contract.parameters(op, "path")
        template = self.offers.path(op)
        found: dict[str, str] = {}
        missing: list[dict[str, str]] = []
        for parameter in in_path:
            source = parameter.get("x-probe", {})
            value = _pointer_get(self.body_of(source.get("operation", "")), source.get("pointer", ""))
            if isinstance(value, str):
                found[parameter["name"]] = value
            if "x-probe-missing" in parameter:
                missing.append({parameter["name"]: parameter["x-probe-missing"]})
        every = dict.fromkeys((str(p["name"]) for p in in_path), "")
        if template != op.path and "{" in self._fill(template, every):  # the platform's declared path: recorded
            self.offers.unfilled(op, template, self.evidence)
            return
        for values in missing:
            if "{" not in (path := self._fill(template, values)):
                self._get(op, path)
        path = self._fill(template, found)
        if "{" not in path:
            self._get(op, path)
        else:  # a template never goes out unfilled: only listed, the verdict covers the requests sent (step 2);
            # most such operations (orders, scenes, sessions, reports) have no value step 2 could take at all
            self.evidence.note(msg("interfaces.no-probe-value", operation=op.operation_id,
                                   missing=", ".join(p["name"] for p in in_path if p["name"] not in found) or op.path))

    @staticmethod
    def _fill(path: str, values: dict[str, str]) -> str:
        for name, value in values.items():
            path = path.replace("{" + name + "}", quote(value, safe=":"))
        return path


@pytest.mark.requirement("IF-CON-001")
def test_every_answer_matches_the_contract(targets: Targets, schemas: SchemaRegistry, evidence: Evidence):
    api = targets["api"]
    contract = Contract(schemas)
    offers = Offers(api, contract)
    prober = Prober(api, contract, evidence, offers)
    probed = {op.operation_id for op in probed_reads(contract)}  # the rule annex D's "Requirements" column reads
    for op in normative_operations(contract):  # annex D's: not those used only by candidate requirements
        if op.operation_id in probed:
            if offers.probed(op, evidence):  # of a service the platform offers (else noted)
                prober.probe(op)
        elif op.method == "GET":  # a path parameter the contract gives no value for: listed, never sent unfilled
            evidence.note(msg("interfaces.no-probe-value", operation=op.operation_id,
                              missing=", ".join(str(p.get("name")) for p in contract.parameters(op, "path"))
                              or op.path))
    base_path = urlsplit(str(api.base_url)).path
    judged = 0
    for op, response in prober.answers:  # its own answers: the verdict is the same whatever else ran
        judged += 1  # each judged as the operation it was sent for, at whichever path it was sent
        try:
            evidence.findings_from(contract.response_findings(response, base_path, op))
        except NonConformance as exc:  # its message, not str(exc): that would lose the template
            evidence.finding(exc.args[0], file=f"{response.method} {response.url}")
    if not judged:
        raise Inconclusive(msg("interfaces.no-contract-answer"))
    evidence.note(msg("interfaces.contract-judged", count=judged), contract=contract.uri)
    offers.close(evidence)
