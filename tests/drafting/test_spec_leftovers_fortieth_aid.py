"""The leftovers of the fortieth reading of issue 76, part aID (docs/drafting.md, "Leftovers of the fortieth reading,
part aID"): the identity rows. ID-REG-001's resolved document judged under R3 (row a6) and the identity cases' own
reads of an answer that does not parse filed under the rule that states the read (row a5); ID-AUTH-001's `expires`
read as RFC 3339, not as ISO 8601 (row a7); ID-MFA-003's high assurance login a set-up ID-MFA-001 judges and its
assertion options under the assertion's rule (row a8); `base64url` marked in both languages (row a13). Each test
fails on the draft or the harness as they were before these fixes."""

from __future__ import annotations

import importlib.util

import httpx
import pytest

from conformance import Evidence, NonConformance
from conformance.adapters.response import Response
from conformance.areas.identity.keylogin import challenge_of
from tests.drafting.test_spec_leftovers_twentythird_j import _verdict_lines
from tests.drafting.test_spec_sixteenth_reading import _cases, _row
from tests.paths import ROOT

_spec = importlib.util.spec_from_file_location("suite_registration_aid", ROOT / "suites/identity/test_registration.py")
registration = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(registration)
_spec = importlib.util.spec_from_file_location("suite_authentication_aid",
                                               ROOT / "suites/identity/test_authentication.py")
authentication = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(authentication)


def _answer(method: str, path: str, status: int, content: bytes) -> Response:
    return Response(method=method, url=f"http://t{path}", status=status,
                    headers=httpx.Headers({"content-type": "application/json"}), content=content, elapsed_s=0.0)


class _Api:
    """A target answering every request with the next canned answer."""

    def __init__(self, *answers: tuple[int, bytes]) -> None:
        self.answers = list(answers)

    def _next(self, method: str, path: str) -> Response:
        status, content = self.answers.pop(0)
        return _answer(method, path, status, content)

    def get(self, path: str, **_: object) -> Response:
        return self._next("GET", path)

    def post(self, path: str, **_: object) -> Response:
        return self._next("POST", path)


@pytest.fixture(scope="module")
def schemas(catalog):
    return catalog.schemas


def _rules(evidence: Evidence) -> list[object]:
    return [item.get("rule") for item in evidence.items if item.get("kind") == "finding"]


def test_an_invalid_resolved_document_is_filed_under_r3(schemas):
    """Row a6: ID-DOC-001's findings on the document ID-REG-001 resolves carried no rule, although R3 states a valid
    DID document and the fail line promises the rule."""
    evidence = Evidence()
    did = "did:example:123"
    api = _Api((200, b'{"id": "did:example:123", "verificationMethod": "not a list"}'))
    registration.resolved_document(api, did, evidence, schemas)
    assert evidence.findings_count >= 1
    assert set(_rules(evidence)) == {"R3"}


def test_a_resolved_document_that_does_not_parse_is_filed_under_r3(schemas):
    """Row a5 (ID-REG-001 R3): the case's own read of a 200 raised the adapter's finding under no rule."""
    with pytest.raises(NonConformance) as raised:
        registration.resolved_document(_Api((200, b"<html>")), "did:example:123", Evidence(), schemas)
    assert raised.value.evidence.get("rule") == "R3"


def test_a_registrar_answer_that_does_not_parse_is_filed_under_the_callers_rule(schemas):
    """Row a5 (ID-REG-001 R1, ID-REG-002 R4, ID-REG-003 R1): `registrar_state` read the body outside its rule."""
    with pytest.raises(NonConformance) as raised:
        registration.registrar_state(_answer("POST", "/1.0/create", 201, b"<html>"), Evidence(), schemas,
                                     ok=(201,), rule="R1")
    assert raised.value.evidence.get("rule") == "R1"


def test_a_challenge_or_token_that_does_not_parse_is_filed_under_its_rule():
    """Row a5 (ID-AUTH-001 R1 and R2): the challenge and the token were read under no rule."""
    with pytest.raises(NonConformance) as raised:
        challenge_of(_Api((201, b"<html>")), "did:key:z6Mk", Evidence(), rule="R1")
    assert raised.value.evidence.get("rule") == "R1"
    with pytest.raises(NonConformance) as raised:
        authentication.token_of(_answer("POST", "/1.0/auth/proofs", 200, b"<html>"), Evidence(), "R2")
    assert raised.value.evidence.get("rule") == "R2"


@pytest.mark.parametrize("expires", ["20261129T080000Z", "2026-W48-7T08:00+08:00", "2026-11-29T08+08:00",
                                     "2026-11-29T08:00:00+0800", "2026-11-29T08:00:00"])
def test_an_expiry_outside_rfc_3339_fails_r1(expires):
    """Row a7: `datetime.fromisoformat` took ISO 8601 forms RFC 3339 5.6 excludes, so each passed R1."""
    evidence = Evidence()
    body = f'{{"challenge": "abcdefghijklmnopqrstuvwxyz", "expires": "{expires}"}}'.encode()
    _, when = challenge_of(_Api((201, body)), "did:key:z6Mk", evidence, rule="R1")
    assert when is None and evidence.findings_count == 1 and _rules(evidence) == ["R1"]


@pytest.mark.parametrize("expires", ["2026-11-29T08:00:00+08:00", "2026-11-29T08:00:00.5Z", "2026-11-29t08:00:00z"])
def test_an_rfc_3339_expiry_passes_r1(expires):
    evidence = Evidence()
    body = f'{{"challenge": "abcdefghijklmnopqrstuvwxyz", "expires": "{expires}"}}'.encode()
    _, when = challenge_of(_Api((201, body)), "did:key:z6Mk", evidence, rule="R1")
    assert when is not None and evidence.findings_count == 0


def test_a_high_login_not_pending_fails_the_device_case_under_its_own_rule():
    """Row a8: a key login answering no `mfa_token` failed ID-MFA-003 under no rule; it was left to ID-MFA-001, which
    does not apply to a platform declaring `device-factor` alone, so the fifty-sixth reading (b3) judges it under
    ID-MFA-003's own R6."""
    subject = authentication.Subject("P-256")
    api = _Api((201, b'{"challenge": "abcdefghijklmnopqrstuvwxyz", "expires": "2099-01-01T00:00:00Z"}'),
               (200, b'{"access_token": "t", "acr": "high"}'))
    with pytest.raises(NonConformance) as raised:
        authentication.device_pending(api, subject, "R2", Evidence())
    assert raised.value.evidence.get("rule") == "R6"


def test_assertion_options_not_given_fail_under_the_assertions_rule():
    """Row a8: assertion options without `challenge` and `rpId` failed ID-MFA-003 under no rule."""
    subject = authentication.Subject("P-256")
    api = _Api((201, b'{"challenge": "abcdefghijklmnopqrstuvwxyz", "expires": "2099-01-01T00:00:00Z"}'),
               (200, b'{"mfa_required": true, "mfa_token": "m"}'), (200, b'{"challenge": "c"}'))
    with pytest.raises(NonConformance) as raised:
        authentication.device_pending(api, subject, "R4", Evidence())
    assert raised.value.evidence.get("rule") == "R4"


def test_the_device_case_states_its_set_up_and_its_options(zh_markdown, en_markdown):
    """Row a8: step 5 named no rule for the options nor the requirement judging the high login; the 不确定 line
    named only step 2's login."""
    # the high login is judged by the case itself since the fifty-sixth reading (b3): its rule R6, not ID-MFA-001
    zh = _cases(zh_markdown)["ID-MFA-003"]
    step = next(s for s in _row(zh, "测试步骤").split("<br>") if "assertion-options" in s)
    assert "规则 R6" in step and "规则 R2" in step
    assert "ID‑MFA‑001" not in _verdict_lines(zh, "zh")["不确定"]
    assert "`rpId`" in _verdict_lines(zh, "zh")["不通过"]
    en = _cases(en_markdown)["ID-MFA-003"]
    step = next(s for s in _row(en, "Test procedure").split("<br>") if "assertion-options" in s)
    assert "rule R6" in step and "rule R2" in step
    assert "ID‑MFA‑001" not in _verdict_lines(en, "en")["Inconclusive"]
    assert "`rpId`" in _verdict_lines(en, "en")["Fail"]


def test_base64url_is_marked_in_both_languages(zh_markdown, en_markdown):
    """Row a13: the English step wrote base64url-decoded bare beside `GZIP`-expanded."""
    assert "`base64url`-decoded and `GZIP`-expanded" in _cases(en_markdown)["ID-VCAPI-003"]
    assert "按 `base64url` 解码、经 `GZIP` 解压" in _cases(zh_markdown)["ID-VCAPI-003"]

