"""The thirty-eighth reading's leftovers, part aID (a10, a11, a13): a 200 (or 201) whose body does not parse, on a read
another requirement judges, leaves the input unjudged naming that requirement; a publish answered 201 not JSON
fails its own direction's cell only; another identity's call on a probe asset a call without a token had moved is
left unjudged (docs/drafting.md, "Leftovers of the thirty-eighth reading, part aID").
Each test failed before the fix."""

from __future__ import annotations

import importlib.util
import sys

from tests.areas.failing_query import reasons, serve_failing, verdicts
from tests.conftest import manifest_for
from tests.paths import ROOT

_spec = importlib.util.spec_from_file_location("suite_auth", ROOT / "suites/interfaces/test_auth.py")
auth = importlib.util.module_from_spec(_spec)
sys.modules[_spec.name] = auth  # a dataclass looks its module up there
_spec.loader.exec_module(auth)

NOT_JSON = b"<html>not json</html>"


def test_a13_a_resolution_answered_200_not_json_leaves_the_reader_cases_inconclusive(run_manifest, catalog):
    """Before: `_resolved(reader=True)` raised the parse's NonConformance: IR-RES-003 failed under no rule."""
    ids = ["IR-RES-003"]

    def picks(method: str, path: str, query: str) -> bool:
        return method == "GET" and path == "/1.0/resolve"
    with serve_failing(picks, status=200, body=NOT_JSON) as url:
        result = run_manifest(manifest_for(catalog, "identifier-resolution", base_urls={"api": url}),
                              requirements=ids)
    assert verdicts(result, ids) == {"IR-RES-003": "inconclusive"}
    assert "IR-RES-001 judges that answer" in reasons(result, "IR-RES-003")


def test_a13_an_asset_list_answered_200_not_json_leaves_the_content_case_inconclusive(run_manifest, catalog):
    """Before: `listing.json()` raised the parse's NonConformance: AS-CONT-002 failed under no rule."""
    ids = ["AS-CONT-002"]
    with serve_failing(lambda method, path, query: method == "GET" and path == "/assets", status=200,
                       body=NOT_JSON) as url:
        result = run_manifest(manifest_for(catalog, "asset-registry", base_urls={"api": url}), requirements=ids)
    assert verdicts(result, ids) == {"AS-CONT-002": "inconclusive"}
    assert "AS-API-001" in reasons(result, "AS-CONT-002")


def test_a11_a_publish_answered_201_not_json_fails_its_direction_and_records_both(run_manifest, catalog):
    """Before: the parse's NonConformance ended the case with no cell recorded and the other direction untried."""
    ids = ["IF-SCN-001"]
    with serve_failing(lambda method, path, query: method == "POST" and path == "/scenes", status=201,
                       body=NOT_JSON) as url, serve_failing(lambda *_: False) as b:
        result = run_manifest(manifest_for(catalog, "shared-scenes", base_urls={"api": url, "api_b": b}),
                              requirements=ids)
    assert verdicts(result, ids) == {"IF-SCN-001": "fail"}
    assert "publishing the scene at api answered 201" in reasons(result, "IF-SCN-001")



class _Evidence:
    def __init__(self):
        self.findings: list[str] = []
        self.unjudged_calls: list[str] = []

    def finding(self, message, **data):
        self.findings.append(str(message))

    def unjudged(self, where, message, **data):
        self.unjudged_calls.append(str(message))

    def note(self, message, **data):
        pass


def test_a10_a_state_the_401_probes_changed_leaves_the_403_call_unjudged():
    """Before: B's burn answered 409 on an asset an unauthenticated call had already moved failed IF-AUTH-002 for
    IF-AUTH-001's and IF-AUTH-003's defect."""
    moved = auth.Refusal("transferAsset", "POST http://t/assets/a/transfer", "no token", 401, 200,
                         changed=("active", "transferred"))
    b_call = auth.Refusal("burnAsset", "POST http://t/assets/a/burn", "another identity", 403, 409)
    evidence = _Evidence()
    auth._statuses([moved, b_call], 403, evidence)
    assert evidence.findings == [] and len(evidence.unjudged_calls) == 1


def test_a10_with_no_state_changed_a_wrong_status_still_fails():
    evidence = _Evidence()
    auth._statuses([auth.Refusal("burnAsset", "POST http://t/assets/a/burn", "another identity", 403, 409)], 403,
                   evidence)
    assert len(evidence.findings) == 1 and evidence.unjudged_calls == []
