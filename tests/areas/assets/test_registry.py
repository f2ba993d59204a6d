"""The registry side of the assets area: the reference ledger, the harness's model of it,
and the stateful test's reproducibility from its seed."""

from __future__ import annotations

import json
import re

import pytest

from conformance.areas.assets.ledger import LedgerModel, ModelAsset, replayed_state
from conformance.reference.assets.ledger import Ledger, Refused
from tests.conftest import manifest_for

A, B = "did:web:a.example", "did:web:b.example"


def meta(asset_id: str, **transfer) -> dict:
    return {"asset_id": asset_id, "transfer": {"locked": False, **transfer}}


def test_reference_ledger_refuses_in_the_documented_order():
    ledger = Ledger("did:web:issuer.example")
    ledger.issue(meta("x"), A, A)
    with pytest.raises(Refused) as refused:
        ledger.issue(meta("x"), B, B)
    assert refused.value.status == 409
    with pytest.raises(Refused) as refused:
        ledger.transfer("nope", A, B)
    assert refused.value.status == 404
    with pytest.raises(Refused) as refused:
        ledger.transfer("x", B, A)
    assert refused.value.status == 403
    ledger.lock("x", A, True)
    for action in (lambda: ledger.transfer("x", A, B), lambda: ledger.burn("x", A), lambda: ledger.lock("x", A, True)):
        with pytest.raises(Refused) as refused:
            action()
        assert refused.value.status == 409
    ledger.lock("x", A, False)
    ledger.transfer("x", A, B)
    ledger.burn("x", B)
    with pytest.raises(Refused) as refused:
        ledger.transfer("x", A, B)  # burned: 409 before the holder check
    assert refused.value.status == 409
    events = ledger.assets["x"].events
    assert [e["type"] for e in events] == ["issue", "lock", "unlock", "transfer", "burn"]
    assert replayed_state(events) == {"owner": None, "burned": True, "locked": False, "supply": 0}
    assert ledger.assets["x"].state()["supply"] == 0


def test_reference_ledger_enforces_transfer_rules():
    ledger = Ledger("did:web:issuer.example")
    ledger.issue(meta("flag", **{"locked": True}), A, A)
    ledger.issue(meta("held", min_holding_period_s=3600), A, A)
    for asset_id, kind in (("flag", "not-transferable"), ("held", "holding-period")):
        with pytest.raises(Refused) as refused:
            ledger.transfer(asset_id, A, B)
        assert (refused.value.status, refused.value.kind) == (409, kind)
    ledger.burn("flag", A)  # non-transferable is not unburnable


def test_model_predicts_statuses_and_accepts_either_refusal_when_two_apply():
    model = LedgerModel()
    model.assets["x"] = ModelAsset(A)
    assert model.transfer("y", A, B) == {404}
    assert model.transfer("x", B, A) == {403}
    assert model.lock("x", A, True) == {200}
    assert model.transfer("x", B, A) == {403, 409}
    assert model.burn("x", A) == {409}
    assert model.lock("x", A, False) == {200}
    assert model.transfer("x", A, B) == {200} and model.assets["x"].owner == B
    assert model.burn("x", B) == {200}
    assert model.transfer("x", B, A) == {409}
    assert model.assets["x"].state() == {"owner": None, "burned": True, "locked": False, "supply": 0}


def test_registry_identities_tokens_never_reach_the_report(catalog, reference_url, run_manifest):
    manifest = manifest_for(catalog, "asset-registry", base_urls={"api": reference_url})
    result = run_manifest(manifest, requirements=["AS-REG-002"])
    assert result.exit_code == 3 and result.report.scope == "partial"  # judged over what ran: never conformant
    text = result.files[0].read_text(encoding="utf-8")
    assert '"token"' not in text and "holders:h" in text
    assert all(e["request"]["headers"].get("Authorization", "***") == "***"
               for r in result.report.requirements for e in r.evidence if e["kind"] == "http")


def test_stateful_run_is_reproducible_from_its_seed(catalog, serve_reference, run_manifest):
    """The standard's seed against a fresh reference gives the same verdict and the same evidence (the
    identities provisioned, the note of what was predicted with each kind of step and its answers
    counted), each run's own parts left out: the server's port, the per-run part of asset IDs (a
    finding's sequence would name them) and the reference's start tag in its holders' DIDs."""
    runs = []
    for _ in range(2):
        url = serve_reference().rstrip("/")
        # the standard's own counts and seed: no plan or manifest may lower them or draw another
        manifest = manifest_for(catalog, "asset-registry", base_urls={"api": url})
        (req,) = run_manifest(manifest, requirements=["AS-REG-005"]).report.requirements
        items = [re.sub(r"conformance-[0-9a-f]{8}-|-x[0-9a-f]{6}\b", "<run>", json.dumps(e, sort_keys=True, default=str))
                 .replace(url, "") for e in req.evidence if e["kind"] in ("finding", "note")]
        runs.append((req.verdict.value, items))
    assert runs[0] == runs[1]
    assert runs[0][0] == "pass" and "assets.stateful-all-predicted" in runs[0][1][-1]


def test_two_references_never_hand_out_one_did():
    # A pair's platforms: an asset IF-IOP-002 moves keeps its holder's DID, which at the other
    # platform must be no user of its own. Both references numbered their holders h1, h2, ... alike,
    # so a later run's user there held the moved asset (the week of runs: IF-UDP-005's import refused).
    from starlette.testclient import TestClient

    from conformance.reference import create_app

    def first_holder() -> str:
        with TestClient(create_app()) as client:
            return client.post("/test-identities", json={}).json()["did"]

    assert first_holder() != first_holder()
