"""The registry's rights confirmation (确权) over HTTP: an asset naming its rights holder is issued
only with that holder's signature over its content hashes, and the signed record is served with
the asset for anyone to verify (AS-REG-007, docs/assets.md "Rights confirmation")."""

from __future__ import annotations

import pytest

from conformance import Evidence, Parameters, Targets, msg
from conformance.area import SchemaRegistry
from conformance.areas._shared.ownread import own_json
from conformance.areas._shared.registry import Session, metadata
from conformance.areas.assets import rights
from conformance.areas.assets.registry import expect

#: a refusal: the request is malformed (400), forbidden to this rights claim (403) or unprocessable (422)
REFUSED = {400, 403, 422}


@pytest.mark.requirement("AS-REG-007")
def test_rights_confirmed_at_issue(targets: Targets, schemas: SchemaRegistry, evidence: Evidence,
                                   params: Parameters):
    s = Session(targets, params.identity_path, count=1)
    (issuer,) = s.ids
    holder, other = rights.RightsHolder("holder"), rights.RightsHolder("other")

    def claim(label: str) -> dict[str, object]:
        return rights.claimed(metadata(s.new_id(label), issuer.did), holder)

    refusals = (  # (rule, what the probe's record is, how the metadata is made)
        ("R1", msg("assets.rights-probe-none"), lambda md: md),
        ("R2", msg("assets.rights-probe-other-key"),
         lambda md: {**md, "rights_record": rights.record(md, holder, signer=other)}),
        ("R2", msg("assets.rights-probe-forged"),
         lambda md: {**md, "rights_record": rights.record(md, holder, signer=other, method_of=holder)}),
        ("R4", msg("assets.rights-probe-other-content"),
         lambda md: {**md, "rights_record": rights.record(md, holder, content=rights.other_content())}),
    )
    for rule, what, make in refusals:
        probe = make(claim(rule.lower()))
        step = msg("assets.step-rights-refused", what=what, rule=rule)
        if expect(evidence, schemas, s.registry.issue(issuer, probe), REFUSED, step, rule):
            _not_issued(evidence, s, str(probe["asset_id"]), step, rule)
    _confirmed(evidence, schemas, s, issuer, claim("r3"), holder)


def _not_issued(evidence: Evidence, s: Session, asset_id: str, step: object, rule: str) -> None:
    """A refused issue leaves no asset: its state is not found (404)."""
    state = s.registry.state(asset_id)
    if state.status != 404:
        evidence.finding(msg("assets.rights-refused-issued", what=step, asset=asset_id), file=state.requested,
                         expected=404, actual=state.status, rule=rule)


def _confirmed(evidence, schemas, s, issuer, claimed, holder) -> None:
    """R3: the signed claim is issued (201) and served, anonymously, with its record unchanged and verifying."""
    sent = {**claimed, "rights_record": rights.record(claimed, holder)}
    asset_id = str(sent["asset_id"])
    if not expect(evidence, schemas, s.registry.issue(issuer, sent), {201}, msg("assets.step-rights-issue"), "R3"):
        return
    got = s.registry.call("GET", s.registry.path(asset_id), None)
    if not expect(evidence, schemas, got, {200}, msg("assets.step-rights-read"), "R3"):
        return
    served = own_json(got, "R3")
    record = served.get("rights_record") if isinstance(served, dict) else None
    if record != sent["rights_record"]:
        actual = msg("assets.rights-actual-absent") if record is None else msg("assets.rights-actual-changed")
        evidence.finding(msg("assets.rights-record-changed", asset=asset_id), file=got.requested,
                         pointer="/rights_record", expected=msg("assets.rights-expect-unchanged"), actual=actual,
                         rule="R3")
        return
    for why in rights.defects(served):
        evidence.finding(msg("assets.rights-record-unverified", asset=asset_id, why=why), file=got.requested,
                         pointer="/rights_record", rule="R3")
