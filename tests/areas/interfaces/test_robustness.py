"""The contract's request examples, the robustness helpers and the planted interface faults."""

from __future__ import annotations

import json
import re
from collections import Counter

import httpx
import pytest
from hypothesis import Phase, given, seed, settings
from hypothesis import strategies as st

from conformance import Evidence, NonConformance, TargetUnreachable, load_catalog
from conformance.adapters.deadline import verifying_context
from conformance.adapters.response import Response
from conformance.areas.interfaces.generated import Broken, PathProbe
from conformance.areas.interfaces.mutations import mutations
from conformance.areas.interfaces.openapi import Contract, escape
from conformance.areas.interfaces.robustness import body_operations, fill_path, filled, inline, refusal_findings
from tests.conftest import manifest_for


@pytest.fixture(scope="module")
def contract() -> Contract:
    return Contract(load_catalog().schemas)


def _request_schema_uri(contract: Contract, op) -> str:
    return f"{contract.uri}#{op.pointer}/requestBody/content/{escape('application/json')}/schema"


def test_every_request_example_is_valid_against_its_schema(contract):
    operations = body_operations(contract)
    assert {b.op.operation_id for b in operations} >= {"issueAsset", "transferAsset", "createDid", "importDid"}
    for bop in operations:
        found = contract.schemas.findings(bop.example, _request_schema_uri(contract, bop.op))
        assert not found, (bop.op.operation_id, [f.message for f in found])


def test_every_mutation_of_a_contract_example_is_invalid(contract):
    for bop in body_operations(contract):
        for mutation in mutations(bop.example, bop.schema):
            if mutation.raw is not None:
                continue
            found = contract.schemas.findings(mutation.body, _request_schema_uri(contract, bop.op))
            assert found, (bop.op.operation_id, mutation.description)


def test_inline_follows_references_across_documents(contract):
    schema = inline({"$ref": "https://metaverse-conformance.org/schemas/assets/lifecycle-event.json"},
                    contract.schemas, contract.uri)
    assert "$ref" not in str(schema["properties"]["asset_id"])
    assert schema["properties"]["asset_id"]["type"] == "string"


def test_filled_and_fill_path():
    example = {"asset_id": "x", "nested": {"to": "y"}}
    body = filled(example, {"/asset_id": "fresh-id", "/nested/to": "other-holder"},
                  {"fresh-id": "new", "other-holder": "did:web:b"})
    assert body == {"asset_id": "new", "nested": {"to": "did:web:b"}} and example["asset_id"] == "x"
    assert fill_path("/assets/{asset_id}/state", {"asset_id": "a/b c"}) == "/assets/a%2Fb%20c/state"
    assert fill_path("/assets/{asset_id}", {}) is None


class _Answer:
    def __init__(self, status: int, media_type: str, body: object = "problem") -> None:
        self.status, self.media_type = status, media_type
        self.body = {"type": "about:blank", "title": "Bad Request", "status": status} if body == "problem" else body

    def json(self) -> object:
        if isinstance(self.body, bytes):
            raise NonConformance("the body is not JSON")
        return self.body


@pytest.mark.parametrize(("status", "media_type", "ok"), [
    (400, "application/problem+json", True), (422, "application/problem+json", True),
    (500, "application/problem+json", False), (201, "application/json", False), (400, "text/plain", False),
])
def test_refusal_findings(contract, status, media_type, ok):
    found = refusal_findings(_Answer(status, media_type), contract.schemas)
    assert (found == []) is ok
    assert all(getattr(f, "key", "").startswith("interfaces.") for f in found)  # templates, shown in zh too


def test_a_refusal_without_content_type_says_so(contract):
    assert refusal_findings(_Answer(400, ""), contract.schemas) == [
        "refused with 400 but not as problem details (Content-Type (none))"]


@pytest.mark.parametrize(("body", "said"), [
    (b"<html>Bad Request</html>", "the body is not a JSON problem"),
    ("Bad Request", "the problem is not valid at /"),
    ({"type": "about:blank", "title": "Bad Request"}, "the problem is not valid at /"),  # no status
    ({"type": "about:blank", "title": "Bad Request", "status": 200}, "the problem is not valid at /status"),
])
def test_a_refusal_typed_as_a_problem_whose_body_is_none_is_a_finding(contract, body, said):
    """IF-ROB-001 asks for an RFC 9457 problem details body, not only its media type (issue 59)."""
    (found,) = refusal_findings(_Answer(400, "application/problem+json", body), contract.schemas)
    assert said in found and getattr(found, "key", "").startswith("interfaces.refused-problem")


def test_planted_faults_each_break_one_behaviour(serve_reference):
    good = httpx.Client(verify=verifying_context(), base_url=serve_reference([]))
    assert good.post("/assets", content=b"{not json", headers={"Content-Type": "application/json"}).status_code == 401
    broken = httpx.Client(verify=verifying_context(), base_url=serve_reference(["malformed-body-500"]))
    assert broken.post("/1.0/auth/challenges", content=b"{not json").status_code == 500
    assert broken.post("/1.0/auth/challenges", json={}).status_code == 400
    as_text = httpx.Client(verify=verifying_context(), base_url=serve_reference(["json-as-text"]))
    assert as_text.get("/assets").headers["content-type"].startswith("text/plain")
    escape = httpx.Client(verify=verifying_context(), base_url=serve_reference(["path-escape-500"]))
    assert escape.get("/assets/a%20b").status_code == 500
    charset = httpx.Client(verify=verifying_context(), base_url=serve_reference(["json-charset-required"]))
    assert charset.post("/1.0/auth/challenges", json={}).status_code == 415


def test_sticky_token_fault_acts_with_the_last_token(serve_reference):
    client = httpx.Client(verify=verifying_context(), base_url=serve_reference(["auth-sticky-token"]))
    token = client.post("/test-identities", json={}).json()["token"]
    assert client.post("/assets", json={"name": "x"}, headers={"Authorization": f"Bearer {token}"}).status_code == 422
    response = client.post("/assets", json={"name": "x"})
    assert response.status_code == 422  # the missing token was replaced: validation ran, not auth


def test_filled_walks_into_arrays():
    body = filled({"events": [{"asset_id": "x"}]}, {"/events/0/asset_id": "fresh-id"}, {"fresh-id": "new"})
    assert body == {"events": [{"asset_id": "new"}]}


# -- IF-ROB-003: a target that answers the same request differently is judged -------------

class _Shifting:
    """An API whose answer to a request changes between sends: ``plan[n]`` is the n-th send's
    answer (a status, or ``reset``: the connection fails before an answer); the last repeats.
    ``later_paths``: the plan of every path but the first one sent."""

    base_url = "http://target.test/"

    def __init__(self, *plan: int | str, later_paths: tuple[int | str, ...] = ()) -> None:
        self.plan, self.later_paths, self.sent = plan, later_paths, Counter()

    def get(self, path: str, **kwargs: object) -> Response:  # timeout_s: the fixed limit the probe passes
        first_path = next(iter(self.sent), path)
        plan = self.later_paths if self.later_paths and path != first_path else self.plan
        step = plan[min(self.sent[path], len(plan) - 1)]
        self.sent[path] += 1
        if step == "reset":
            raise TargetUnreachable(f"GET {path}: connection reset")
        body = b"Internal Server Error" if step >= 500 else b'{"type":"about:blank","title":"Not Found","status":404}'
        media = "text/plain" if step >= 500 else "application/problem+json"
        return Response("GET", f"http://target.test{path}", step, httpx.Headers({"content-type": media}), body, 0.0)

    def requested(self, method: str, path: str) -> str:
        return f"{method} http://target.test{path}"


def _probe_with_hypothesis(api, contract) -> tuple[PathProbe, BaseException | None]:
    op = next(o for o in contract.operations if o.operation_id == "getAsset")
    probe = PathProbe(api, contract, op, "asset_id", "")
    run = seed(7)(settings(max_examples=5, database=None, deadline=None, phases=[Phase.generate, Phase.shrink])(
        given(value=st.text(alphabet="ab", min_size=1, max_size=3))(probe.check)))
    try:
        run()
    except Broken as exc:  # anything else (FlakyFailure among them) fails the test
        return probe, exc
    return probe, None


def test_an_answer_that_changes_when_sent_again_is_judged_with_both_answers(contract):
    """500 the first time, a documented 404 after: hypothesis would raise FlakyFailure if the
    probe followed each answer; the first decides, and the pair is a finding (both answers)."""
    probe, raised = _probe_with_hypothesis(_Shifting(500, 404), contract)
    assert raised is not None and "answered 500" in str(raised)
    evidence = Evidence()
    probe.judge_differing(evidence)
    (finding, *_) = [item for item in evidence.items if item["kind"] == "finding"]
    assert [a["status"] for a in finding["answers"]] == [500, 404]
    assert finding["text"]["key"] == "interfaces.generated-answered-differently"


def test_a_connection_reset_is_sent_again_and_no_answer_twice_is_a_break(contract):
    fine_after_a_reset, _ = _probe_with_hypothesis(_Shifting(404, "reset", 404), contract)
    assert not fine_after_a_reset.failing and not fine_after_a_reset.differing
    with pytest.raises(TargetUnreachable):  # nothing answered at all: the target is unreachable
        _probe_with_hypothesis(_Shifting("reset"), contract)
    op = next(o for o in contract.operations if o.operation_id == "getAsset")
    probe = PathProbe(_Shifting(404, later_paths=("reset",)), contract, op, "asset_id", "")
    probe.check("a")  # answered: the target is reachable
    with pytest.raises(Broken, match="no answer, on a new connection either"):
        probe.check("b")
    shifting = PathProbe(_Shifting(404, "reset"), contract, op, "asset_id", "")
    shifting.check("b")
    shifting.check("b")  # the first answer decides; no answer (twice) the next time is evidence
    evidence = Evidence()
    shifting.judge_differing(evidence)
    (finding,) = [item for item in evidence.items if item["kind"] == "finding"]
    assert [a["status"] for a in finding["answers"]] == [404, None] and "reset" in finding["answers"][1]["error"]


def _judged(result, base_url: str) -> dict[str, tuple[str, list[str]]]:
    """Each IF-ROB requirement's verdict and its findings and notes (the server's port and the tag of
    the reference's start in its holders' DIDs left out; exchanges carry timings, which differ between
    any two runs)."""
    return {r.requirement: (r.verdict.value, [re.sub(r"-x[0-9a-f]{6}\b", "-x<start>", json.dumps(
        item, sort_keys=True, default=str).replace(base_url, ""))
        for item in r.evidence if item.get("kind") in ("finding", "note")]) for r in result.report.requirements}


def test_the_same_run_twice_gives_the_same_verdicts_and_evidence(catalog, serve_reference, run_manifest):
    """With the sticky-token defect the probes before IF-ROB-003 leave a token that its requests
    then act with. The reference answered some of them 500 (a non-ASCII DID met compare_digest)
    and closed the connection, and the verdict was an error (hypothesis's FlakyFailure, naming
    whichever value met the closed connection) in every such run. The reference answers 403 now;
    the fake targets above keep the changing answers judged."""
    runs = []
    for _ in range(2):
        base_url = serve_reference(["auth-sticky-token"]).rstrip("/")
        # the standard's own counts and seed: no plan or manifest may lower them
        manifest = manifest_for(catalog, "interfaces-robustness", base_urls={"api": base_url})
        runs.append(_judged(run_manifest(manifest, requirements=["IF-ROB-001", "IF-ROB-003"]), base_url))
    assert runs[0] == runs[1]
    assert runs[0]["IF-ROB-003"][0] == "pass", runs[0]["IF-ROB-003"]


def test_if_con_001_probes_the_reads_annex_d_lists_it_on(contract):
    """Sixtieth reading, IF-CON-001's prober: the reads it sends a request are those annex D's "Requirements" column
    lists IF-CON-001 on, both by ``contractops.probed_read`` (one rule, one place) over the whole contract: the
    prober's selection (:func:`probed_reads`, over the resolved parameters) equals the column's (the drafting
    operations' ``source``), and the prober reads no ``x-probe`` itself to decide."""
    from pathlib import Path

    from conformance._catalog.contractops import probed_read
    from conformance.areas.interfaces.robustness import probed_reads
    from conformance.drafting.contracts import operations

    column = {op.operation_id for op in operations(load_catalog())
              if op.contract == contract.uri and probed_read(op.source, op.method, op.path)}
    prober = {op.operation_id for op in probed_reads(contract)}
    assert prober == column and len(prober) >= 20
    # every GET of annex D the prober leaves out has a path parameter the contract gives no value for
    left = [op for op in contract.operations if op.method == "GET" and op.operation_id not in prober]
    assert all("{" in op.path for op in left)
    source = Path("suites/interfaces/test_contract.py").read_text(encoding="utf-8")
    decides = source[source.index("def test_every_answer_matches_the_contract"):]
    assert "probed_reads(contract)" in decides and "x-probe" not in decides


def test_if_rob_001_reaches_every_body_operation(contract):
    """Sixtieth reading, IF-ROB-001: step 2 fills every path parameter of every operation it breaks the example of,
    and each yields an invalid body, so no run probes none: the check keeps no inconclusive branch for it."""
    from pathlib import Path

    from conformance.areas.interfaces.robustness import path_values

    values = path_values("asset", "did:example:a", "did:example:b")
    found = body_operations(contract)
    assert found and all(fill_path(b.op.path, values) is not None for b in found)
    assert all(mutations(filled(b.example, b.fill, {**values, "fresh-id": "x"}), b.schema) for b in found)
    source = Path("suites/interfaces/test_robustness.py").read_text(encoding="utf-8")
    end = source.index('@pytest.mark.requirement("IF-ROB-002")')
    check = source[source.index("def test_invalid_bodies_get_a_4xx_problem"):end]
    assert "Inconclusive(" not in check.split("_prepare(", 1)[1] and "not-probed" not in check
