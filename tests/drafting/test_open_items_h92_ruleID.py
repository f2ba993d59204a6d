"""Issue 76's open items in the identity area, part h92-ruleID (docs/drafting.md, "Open items of issue 76, part
h92-ruleID"): private key material in ID-REG-003's update answer has its rule (R3); ID-RES-003 records the
`deactivated` flag of an active DID under R1 and no longer the result document's own rules (ID-DOC-001's); the
set-up reads of a resolved DID document (ID-REG-002/-003, ID-VCAPI-001's issuer key) leave a 200 whose body does
not parse unjudged, naming the requirement that judges it. Each test fails on the sources as they were before."""

from __future__ import annotations

import importlib.util

import httpx
import pytest

from conformance import Evidence, NonConformance
from conformance.adapters.response import Response
from conformance.areas.identity import proofs
from conformance.areas.identity.unchecked import Unavailable
from tests.drafting.test_spec_leftovers_twentythird_j import _verdict_lines
from tests.drafting.test_spec_sixteenth_reading import _cases, _row
from tests.paths import ROOT

SUITES = ROOT / "suites" / "identity"


def _suite(name: str):
    spec = importlib.util.spec_from_file_location(f"suite_{name}_h92", SUITES / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _html(url: str, status: int = 200) -> Response:
    """An answer whose body is no JSON (a login page, a proxy's error page)."""
    return Response(method="GET", url=url, status=status, headers=httpx.Headers({"content-type": "text/html"}),
                    content=b"<html><body>Sign in</body></html>", elapsed_s=0.0)


class Api:
    def __init__(self, answer: Response):
        self.answer = answer

    def get(self, path, headers=None):
        return self.answer


def _rules(catalog, rid: str) -> dict[str, dict]:
    return {rule.id: rule for rule in catalog.requirement(rid).rules}


# --- item 1: ID-REG-003 R3 -----------------------------------------------------------------------------------


def test_the_update_answer_has_a_rule_against_private_key_material(catalog):
    """The finding was recorded under no rule: ID-REG-003 had R1 and R2 only."""
    rules = _rules(catalog, "ID-REG-003")
    assert "R3" in rules
    assert "no private key material" in rules["R3"].en and "私钥材料" in rules["R3"].zh


def test_the_case_names_r3_where_the_answer_is_looked_at(zh_markdown, en_markdown):
    en = _row(_cases(en_markdown)["ID-REG-003"], "Test procedure")
    zh = _row(_cases(zh_markdown)["ID-REG-003"], "测试步骤")
    assert "carries no private key material anywhere (rule R3)" in en
    assert "且应答任何位置不含私钥材料（规则 R3）" in zh
    assert _verdict_lines(_cases(en_markdown)["ID-REG-003"], "en")["Pass"] == "Pass: R1, R2 and R3 are met."
    assert _verdict_lines(_cases(zh_markdown)["ID-REG-003"], "zh")["通过"] == "通过：满足 R1、R2 与 R3。"


def test_the_suite_files_the_update_answers_secret_under_r3():
    """The controlling update's registrar_state passed no private_rule (the finding's rule was None)."""
    text = (SUITES / "test_registration.py").read_text(encoding="utf-8")
    assert 'rule="R1",\n                    private_rule="R3")' in text


def test_a_known_bad_case_fails_r3(catalog):
    import yaml

    cases = yaml.safe_load((SUITES / "known_bad.yaml").read_text(encoding="utf-8"))["ID-REG-003"]
    assert {"profile": "identity-registrar", "rule": "R3", "defects": ["update-returns-secret"]} in cases


# --- item 2: ID-RES-003 ---------------------------------------------------------------------------------------


class Found:
    """What check_resolution_result records: each finding's message and rule."""

    def __init__(self):
        self.found: list[tuple[str, object]] = []

    def finding(self, message, **members):
        self.found.append((message, members.get("rule")))

    def findings_from(self, findings, **location):
        self.found.extend((f.message, getattr(f, "rule", None) or location.get("rule")) for f in findings)
        return len(findings)


def _result(did: str, document: dict, metadata: dict) -> Response:
    import json

    body = {"didDocument": document, "didResolutionMetadata": {"contentType": "application/did+ld+json"},
            "didDocumentMetadata": metadata}
    return Response(method="GET", url=f"http://t/1.0/identifiers/{did}", status=200,
                    headers=httpx.Headers({"content-type": "application/did-resolution"}),
                    content=json.dumps(body).encode(), elapsed_s=0.0)


def test_an_active_did_flagged_deactivated_fails_r1(catalog):
    """`result-active-deactivated` was recorded under no rule."""
    resolution = _suite("test_resolution")
    did = "did:web:identity.example.com"
    evidence = Found()
    resolution.check_resolution_result(_result(did, {"@context": "https://www.w3.org/ns/did/v1", "id": did},
                                               {"deactivated": True}), did, catalog.schemas, evidence)
    assert evidence.found and all(rule == "R1" for _, rule in evidence.found), evidence.found


def test_the_result_document_s_own_rules_are_not_recorded_here(catalog):
    """ID-DOC-001's material rules were recorded under `/didDocument`, under no rule of ID-RES-003."""
    resolution = _suite("test_resolution")
    did = "did:web:identity.example.com"
    # an Ed25519 JWK whose x is not 32 bytes breaks RFC 8037's key material (ID-DOC-001), not ID-RES-003
    document = {"@context": "https://www.w3.org/ns/did/v1", "id": did,
                "verificationMethod": [{"id": f"{did}#k", "type": "JsonWebKey2020", "controller": did,
                                        "publicKeyJwk": {"kty": "OKP", "crv": "Ed25519", "x": "AAAA"}}]}
    evidence = Found()
    resolution.check_resolution_result(_result(did, document, {}), did, catalog.schemas, evidence)
    assert evidence.found == []
    rules = _rules(catalog, "ID-RES-003")
    assert "`didDocumentMetadata.deactivated` is absent or `false`" in rules["R1"].en
    assert "`didDocumentMetadata.deactivated` 缺失或为 `false`" in rules["R1"].zh


# --- item 3: set-up reads through served_body ------------------------------------------------------------------


def test_a_set_up_resolution_that_does_not_parse_is_unread_naming_id_reg_001(catalog):
    """ID-REG-002/-003 read the resolved document with `.json()`: a 200 without JSON failed them under no rule."""
    registration = _suite("test_registration")
    did = "did:web:identity.example.com:u1"
    evidence = Evidence()
    document, where = registration.resolved_document(Api(_html(f"http://t/1.0/identifiers/{did}")), did, evidence,
                                                     catalog.schemas, "ID-REG-001")
    assert document is None
    reason = evidence.unjudged_inputs[where]
    assert "ID-REG-001" in reason and "does not parse" in reason
    assert evidence.findings_count == 0


def test_an_issuer_document_that_does_not_parse_leaves_the_proof_unverified():
    """ID-VCAPI-001 resolved the issuer's key with `.json()`: a 200 without JSON raised a NonConformance of no rule."""
    credentials_api = _suite("test_credentials_api")
    key_of = credentials_api.key_resolver(Api(_html("http://t/1.0/identifiers/did:web:issuer.example.com")))
    with pytest.raises(Unavailable, match="ID-RES-001") as caught:
        key_of("did:web:issuer.example.com#key-1")
    assert not isinstance(caught.value, NonConformance)
    document = {"proof": {"type": "DataIntegrityProof", "cryptosuite": "eddsa-jcs-2022",
                          "verificationMethod": "did:web:issuer.example.com#key-1", "proofPurpose": "assertionMethod",
                          "proofValue": "z1111"}}
    assert proofs.verify(document, key_of)[0] == proofs.NOT_VERIFIED


def test_the_issue_case_names_that_state(zh_markdown, en_markdown):
    en = _verdict_lines(_cases(en_markdown)["ID-VCAPI-001"], "en")["Inconclusive"].replace("\u2011", "-")
    zh = _verdict_lines(_cases(zh_markdown)["ID-VCAPI-001"], "zh")["不确定"].replace("\u2011", "-")
    assert "answered 200 with a body that does not parse; ID-RES-001 judges it" in en
    assert "以响应体无法解析的 200 应答，由 ID-RES-001 判定" in zh
