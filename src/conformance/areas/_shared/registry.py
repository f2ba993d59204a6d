"""A client of an asset registry (docs/assets.md, "The registry API"), as the tests of several
areas use it.

The harness acts as several holder identities. It obtains them from the registry's test
provisioning endpoint (``POST <identity_path>`` -> ``{"did", "token"}``); the provisioning
exchanges are kept out of the evidence (they carry the tokens), and every later request
carries its token in an ``Authorization`` header, which the http adapter masks.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from collections.abc import Mapping
from typing import TYPE_CHECKING, TypedDict, Unpack
from urllib.parse import quote

from conformance import Inconclusive, NonConformance, current_evidence, discarding, msg, precondition

from .dependent import served_body
from .requestbodies import (  # noqa: F401  (metadata and SAMPLE_BYTES are read from here too)
    SAMPLE_BYTES,
    action_request,
    linked_identity_request,
    metadata,
    provision_request,
    transfer_request,
)

if TYPE_CHECKING:
    from conformance import Evidence, HttpTarget
    from conformance.area import JsonObject, Response


@dataclass(frozen=True)
class Identity:
    name: str  # "A", "B", ... as evidence names it
    did: str
    token: str


def provisioned(api: HttpTarget, path: str, count: int) -> list[Identity]:
    """:func:`provision` as a set-up step: the test judges what the identities do, not the test
    provisioning endpoint, so a refusal there makes it inconclusive, naming the step."""
    with precondition(msg("shared.pre-provisioned", path=path), msg("shared.pre-fix-provision")):
        return provision(api, path, count)


def provision(api: HttpTarget, path: str, count: int) -> list[Identity]:
    """``count`` holder identities from the registry's provisioning endpoint."""
    identities: list[Identity] = []
    for index in range(count):
        with discarding():  # the answer holds a token: not evidence
            response = api.post(path, json=provision_request(), auth=None)
        if response.status in (404, 405, 501):
            raise Inconclusive(msg("shared.provision-not-offered", path=path, status=response.status))
        if response.status not in (200, 201):
            raise NonConformance(msg("shared.provision-status", path=path, status=response.status))
        body, answered = served_body(response, ok=(200, 201))
        if answered != response.status:  # a body that does not parse: the state named as the status
            raise NonConformance(msg("shared.provision-status", path=path, status=answered))
        did, token = (body.get("did"), body.get("token")) if isinstance(body, dict) else (None, None)
        if not isinstance(did, str) or not isinstance(token, str) or not token:
            raise NonConformance(msg("shared.provision-body", path=path),
                                 actual=sorted(body) if isinstance(body, dict) else type(body).__name__)
        identities.append(Identity(chr(ord("A") + index), did, token))
    current_evidence().note(msg("shared.identities-provisioned"),
                                identities={i.name: i.did for i in identities})
    return identities


def provision_linked(api: HttpTarget, path: str, first: Identity) -> Identity | object:
    """Another identity of ``first``'s user (``{"linked_to": first.did}``, asked as ``first``),
    or the state its provisioning answered (its status; with a body that does not parse, saying so)."""
    with discarding():  # the answer holds a token: not evidence
        response = api.post(path, json=linked_identity_request(first.did),
                            headers={"Authorization": f"Bearer {first.token}"}, auth=None)
    body, answered = served_body(response, ok=(200, 201))
    if not isinstance(body, dict) or not isinstance(body.get("did"), str) or not isinstance(body.get("token"), str):
        return answered
    return Identity(chr(ord(first.name) + 1), body["did"], body["token"])


def linked_identity(api: HttpTarget, path: str, first: Identity, evidence: Evidence,
                    rule: str | None = None) -> Identity | None:
    """Another identity of ``first``'s user; where the platform refuses to make one, a finding (under ``rule``)
    and None: a case of a platform declaring that it links identities (IF-CODE-005's feature, AS-TRADE-009's and
    AS-TRADE-010's) needs the link, so a refusal fails it (forty-first reading, b12)."""
    second = provision_linked(api, path, first)
    if not isinstance(second, Identity):  # the status, or an answer whose body does not parse
        evidence.finding(msg("shared.linked-refused", status=second), file=api.requested("POST", path),
                         expected=201, actual=second, rule=rule)
        return None
    return second


def run_nonce() -> str:
    """A per-run part of asset IDs, so that reruns against one registry never collide."""
    return os.urandom(4).hex()


#: How every asset ID the harness issues begins (its probes: ``conformance-<run nonce>-<label>-<n>``,
#: ``conformance-ban-<nonce>-...``): what this or an earlier run left in a registry, not the product's own.
PROBE_PREFIX = "conformance-"


def is_probe(asset_id: str) -> bool:
    """Whether ``asset_id`` is one the harness issued (in this run or an earlier one)."""
    return asset_id.startswith(PROBE_PREFIX)


class IssueRules(TypedDict, total=False):
    """The transfer rules a probe asset is issued with (:func:`metadata`'s)."""

    locked: bool
    holding_s: int


class Registry:
    """The registry's calls, each made as one identity (or none)."""

    def __init__(self, api: HttpTarget) -> None:
        self.api = api

    def call(self, method: str, path: str, who: Identity | None, json: object = None) -> Response:
        headers = {"Authorization": f"Bearer {who.token}"} if who else {}
        return self.api.request(method, path, headers=headers, json=json, auth=None)

    @staticmethod
    def path(asset_id: str, action: str = "") -> str:
        return f"/assets/{quote(asset_id, safe='')}" + (f"/{action}" if action else "")

    def issue(self, who: Identity | None, data: JsonObject) -> Response:
        return self.call("POST", "/assets", who, data)

    def transfer(self, who: Identity | None, asset_id: str, to: str) -> Response:
        return self.call("POST", self.path(asset_id, "transfer"), who, transfer_request(to))

    def act(self, who: Identity | None, asset_id: str, action: str) -> Response:
        """burn, lock or unlock."""
        return self.call("POST", self.path(asset_id, action), who, action_request())

    def state(self, asset_id: str) -> Response:
        return self.call("GET", self.path(asset_id, "state"), None)

    def history(self, asset_id: str) -> Response:
        return self.call("GET", self.path(asset_id, "history"), None)

    def owned(self, owner: str) -> Response:
        return self.call("GET", f"/assets?owner={quote(owner, safe='')}", None)


class Session:
    """A registry, the harness's identities on it, and fresh asset IDs for this run."""

    def __init__(self, targets: Mapping[str, object], identity_path: str, count: int = 2) -> None:
        """``identity_path``: the profile parameter naming the test provisioning endpoint.
        The harness's identities are a set-up step (a refusal makes the test inconclusive): the
        endpoint is the test environment's (table D.3), judged by no requirement."""
        from conformance import HttpTarget  # here: httpx is loaded only by a run with an HTTP target

        api = targets["api"]  # the run's Targets, or the roles a test names (a second platform's as "api")
        if not isinstance(api, HttpTarget):
            raise TypeError(f"the target 'api' is a {type(api).__name__}, not an HttpTarget")
        self.registry = Registry(api)
        with precondition(msg("shared.pre-provisioned", path=identity_path), msg("shared.pre-fix-provision")):
            self.ids: list[Identity] = provision(api, identity_path, count)
        self.nonce = run_nonce()
        self.issued = 0

    def new_id(self, label: str) -> str:
        self.issued += 1
        return f"conformance-{self.nonce}-{label}-{self.issued}"

    def issue(self, evidence: Evidence, who: Identity, label: str, *, judged: bool = False,
              rule: str | None = None, **rules: Unpack[IssueRules]) -> str | None:
        """Issue a probe asset held by ``who``. A set-up step unless ``judged`` (the test
        judges issuance itself, AS-REG-001): refused, the test is inconclusive naming it;
        judged, None with a finding (under ``rule``, the caller's R-number for issuance)."""
        asset_id = self.new_id(label)
        if not judged:
            with precondition(msg("shared.pre-issued", asset=asset_id, who=who.name), msg("shared.pre-fix-issue")):
                return self.issue_judged(evidence, who, asset_id, rules)
        return self.issue_judged(evidence, who, asset_id, rules, rule)

    def issue_judged(self, evidence: Evidence, who: Identity, asset_id: str, rules: IssueRules,
                     rule: str | None = None) -> str | None:
        response = self.registry.issue(who, metadata(asset_id, who.did, **rules))
        if response.status != 201:
            evidence.finding(msg("shared.issue-refused", asset=asset_id, who=who.name, status=response.status),
                             file=response.requested, expected=201, actual=response.status, rule=rule)
            return None
        return asset_id
