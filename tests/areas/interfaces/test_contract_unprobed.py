"""IF-CON-001: an operation of the contract that got no response (the platform handed out no value for its path
parameter, so its template was never sent) is an input left unjudged, which makes an otherwise passing run
inconclusive, as the case's inconclusive line says (issue 76, the thirty-sixth reading's a8; before, it was only
noted and the run passed on the operations probed)."""

from __future__ import annotations

import importlib.util
import re
import sys
from types import SimpleNamespace

from conformance.areas.interfaces.openapi import Operation
from tests.paths import ROOT

_spec = importlib.util.spec_from_file_location("suite_contract", ROOT / "suites/interfaces/test_contract.py")
contract_suite = importlib.util.module_from_spec(_spec)
sys.modules["suite_contract"] = contract_suite  # its dataclasses look their module up
_spec.loader.exec_module(contract_suite)

LIST = Operation("GET", "/assets", "listAssets", "/paths/~1assets/get", re.compile("^/assets$"))
ONE = Operation("GET", "/assets/{asset_id}", "getAsset", "/paths/~1assets~1{asset_id}/get",
                re.compile("^/assets/[^/]+$"))


class Contract:
    operations = [LIST, ONE]

    def parameters(self, op, where):
        return [{"name": "asset_id", "x-probe": {"operation": "listAssets", "pointer": "/items/0/asset_id"}}] \
            if op is ONE else []


class Api:
    def get(self, path):
        return SimpleNamespace(status=200, json=lambda: {"items": []}, url=path, method="GET")


class Evidence:
    def __init__(self):
        self.unjudged_inputs, self.notes = {}, []

    def unjudged(self, file, reason, **data):
        self.unjudged_inputs[file] = reason

    def note(self, message, **data):
        self.notes.append(message)


def test_an_operation_never_sent_is_left_unjudged():
    evidence = Evidence()
    contract_suite.Prober(Api(), Contract(), evidence).probe(ONE)
    assert list(evidence.unjudged_inputs) == ["GET /assets/{asset_id}"]
    assert "asset_id" in evidence.unjudged_inputs["GET /assets/{asset_id}"]
