"""Issue 59: a 401, 403 or 407 to the run's own credentials is never the product's finding,
even when only some of a test's answers are one (a product that checks its API key on one
route and validates the request first on another). What was observed decides a fail; a pass
whose checks needed an answer that was a refusal is inconclusive, naming it; a refusal a check
expects (a wrong-key proof answered 401) stays judged."""

from __future__ import annotations

import yaml

from conformance import Evidence, NonConformance, Verdict, load_catalog, recording, run
from conformance._run.session import judge
from conformance.reference.server import serve
from tests.minicatalog import PROFILE, REQUIREMENT, write_catalog

MODULE = '''import pytest


def expect(evidence, response, status):
    if response.status != status:
        evidence.finding("answered %d" % response.status, file=f"{response.method} {response.url}",
                         expected=status, actual=response.status)


@pytest.mark.requirement("ID-DOC-901")
def test_observed_answers_pass_and_one_is_refused(targets, evidence):
    api = targets["api"]
    expect(evidence, api.get("/open"), 200)
    expect(evidence, api.get("/guarded"), 404)  # 401: not the product's finding


@pytest.mark.requirement("ID-DOC-902")
def test_an_observed_answer_fails(targets, evidence):
    api = targets["api"]
    expect(evidence, api.get("/guarded"), 404)
    expect(evidence, api.get("/open"), 201)  # 200: the product's finding


@pytest.mark.requirement("ID-DOC-903")
def test_a_refused_body_read_as_json(targets):
    targets["api"].get("/open")
    targets["api"].get("/guarded").json()  # the 401 page is not JSON: nothing judged there


@pytest.mark.requirement("ID-DOC-904")
def test_a_provoked_refusal_is_judged(targets, evidence):
    api = targets["api"]
    expect(evidence, api.get("/open"), 200)  # the run's credentials are accepted here
    expect(evidence, api.get("/guarded", provoked=True), 403)  # the 401 this test provoked: judged
'''


async def _app(scope, receive, send):
    """Answers /open; refuses the credentials on /guarded, with a body that is not JSON."""
    if scope["type"] != "http":
        return
    guarded = scope["path"] == "/guarded"
    await send({"type": "http.response.start", "status": 401 if guarded else 200,
                "headers": [(b"content-type", b"text/plain" if guarded else b"application/json")]})
    await send({"type": "http.response.body", "body": b"Unauthorized" if guarded else b"{}"})


def _run(tmp_path):
    ids = ["ID-DOC-901", "ID-DOC-902", "ID-DOC-903", "ID-DOC-904"]
    profile = {**PROFILE, "targets": {"api": {"kind": "http"}}, "requirements": ids}
    catalog = load_catalog(write_catalog(tmp_path / "catalog", [{**REQUIREMENT, "id": i} for i in ids], MODULE,
                                         profile))
    with serve(_app) as url:
        target = {"adapter": "http", "base_url": url, "auth": {"bearer_token_env": "ACME_TOKEN"}}
        manifest = tmp_path / "m.yaml"
        manifest.write_text(yaml.safe_dump({"product": {"name": "P", "version": "1"}, "profiles": ["mini"],
                                            "targets": {"api": target}}))
        result = run(manifest, catalog=catalog, out_dir=tmp_path / "o", formats=["json"],
                     environ={"ACME_TOKEN": "token-0123456789"})
    return result, {r.requirement: r for r in result.report.requirements}


def test_a_route_refusing_the_key_fails_nothing_and_passes_nothing(tmp_path):
    result, found = _run(tmp_path)
    partly = found["ID-DOC-901"]
    assert partly.verdict is Verdict.INCONCLUSIVE, partly.message
    assert "/guarded" in partly.message and "ACME_TOKEN" in partly.message
    assert "answered 401" not in partly.message
    failed = found["ID-DOC-902"]
    assert failed.verdict is Verdict.FAIL, failed.message
    assert "answered 200" in failed.message and "answered 401" not in failed.message
    findings = [e for e in failed.evidence if e.get("kind") == "finding"]
    assert len(findings) == 1 and "/open" in findings[0]["file"]
    # the refused answer is kept as a note: a reviewer sees what was set aside and why
    assert any(e.get("kind") == "note" and e.get("refused") for e in failed.evidence)
    unread = found["ID-DOC-903"]
    assert unread.verdict is Verdict.INCONCLUSIVE, unread.message
    assert "/guarded" in unread.message
    assert result.exit_code == 1  # ID-DOC-902's fail is the product's


def test_a_request_answered_after_a_refusal_is_observed():
    # An OAuth token renewed after a 401: the same request asked again and answered.
    record = Evidence()
    record.exchange_of("GET", "http://t/x", 401, lambda: ({}, {"status": 401}, {}), credentials="T")
    assert record.about_refused("GET http://t/x (Accept: a/b)")
    record.exchange_of("GET", "http://t/x", 200, lambda: ({}, {"status": 200}, {}), credentials="T")
    assert not record.about_refused("GET http://t/x")
    record.finding("wrong", file="GET http://t/x")
    assert judge([(Verdict.PASS, "")], record, judges_any_status=False)[0] is Verdict.FAIL


def test_a_refusal_of_the_tests_own_credentials_is_judged():
    record = Evidence()  # credentials None: the test sent its own (expecting the 401)
    record.exchange_of("GET", "http://t/x", 401, lambda: ({}, {"status": 401}, {}), credentials=None)
    with recording(record):
        record.finding("answered 401", file="GET http://t/x")
    assert record.findings_count == 1
    assert judge([(Verdict.PASS, "")], record, judges_any_status=False)[0] is Verdict.FAIL
    error = NonConformance("x", file="GET http://t/x")
    assert not record.about_refused(error.evidence["file"])


def test_a_refusal_the_check_expected_keeps_the_pass():
    record = Evidence()  # e.g. a proof signed with the wrong key, sent with the run's token: 401 expected
    record.exchange_of("POST", "http://t/verify", 401, lambda: ({}, {"status": 401}, {}), credentials="T")
    record.exchange_of("POST", "http://t/verify2", 200, lambda: ({}, {"status": 200}, {}), credentials="T")
    assert judge([(Verdict.PASS, "")], record, judges_any_status=False)[0] is Verdict.PASS


def test_a_refusal_the_test_provoked_is_the_products_answer(tmp_path):
    """ID-AUTH-002's seam: a request sent with ``provoked=True`` (a proof built to be refused, on a
    route that accepted the run's credentials) has its 401 judged like any answer."""
    _, found = _run(tmp_path)
    provoked = found["ID-DOC-904"]
    assert provoked.verdict is Verdict.FAIL, provoked.message
    assert "answered 401" in provoked.message
    assert not any(e.get("refused") for e in provoked.evidence)
