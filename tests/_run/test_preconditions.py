"""Issue 59: a requirement is judged on what it observed. A set-up step that failed
(``conformance.precondition``), answers that refused the run's credentials, and inputs of a
set the test could not judge make it inconclusive, never the product's fail or a pass."""

from __future__ import annotations

import pytest
import yaml

from conformance import Evidence, Inconclusive, NonConformance, Verdict, load_catalog, precondition, recording, run
from conformance._run.session import judge
from conformance.reference.server import serve
from tests.minicatalog import PROFILE, REQUIREMENT, write_catalog

MODULE = '''import pytest

from conformance import NonConformance, precondition


@pytest.mark.requirement("ID-DOC-901")
def test_judged_after_a_set_up(targets):
    api = targets["api"]
    with precondition("an item created by POST /setup", "create it with an empty body"):
        response = api.post("/setup", json={})
        if response.status != 201:
            raise NonConformance("not created", file="POST /setup", expected=201, actual=response.status)
    assert api.get("/judged").status == 200


@pytest.mark.requirement("ID-DOC-902")
def test_a_finding_in_the_set_up(targets, evidence):
    with precondition("a set-up"):
        evidence.finding("the set-up answer is wrong", file="POST /setup")
    assert targets["api"].get("/judged").status == 200
'''


def _app(setup_status, judged_status=200):
    async def app(scope, receive, send):
        if scope["type"] != "http":
            return
        status = setup_status if scope["path"] == "/setup" else judged_status
        await send({"type": "http.response.start", "status": status,
                    "headers": [(b"content-type", b"application/problem+json")]})
        await send({"type": "http.response.body", "body": b'{"title": "Invalid request", "status": %d}' % status})
    return app


def _run(tmp_path, app, auth=None, environ=None):
    profile = {**PROFILE, "targets": {"api": {"kind": "http"}}, "requirements": ["ID-DOC-901", "ID-DOC-902"]}
    requirements = [REQUIREMENT, {**REQUIREMENT, "id": "ID-DOC-902"}]
    catalog = load_catalog(write_catalog(tmp_path / "catalog", requirements, MODULE, profile))
    with serve(app) as url:
        target = {"adapter": "http", "base_url": url, **({"auth": auth} if auth else {})}
        manifest = tmp_path / "m.yaml"
        manifest.write_text(yaml.safe_dump({"product": {"name": "P", "version": "1"}, "profiles": ["mini"],
                                            "targets": {"api": target}}))
        result = run(manifest, catalog=catalog, out_dir=tmp_path / "o", formats=["json"], environ=environ or {})
    return result, {r.requirement: r for r in result.report.requirements}


@pytest.mark.slow
def test_a_failed_set_up_is_inconclusive_naming_the_precondition_and_the_fix(tmp_path):
    result, found = _run(tmp_path, _app(422))
    first = found["ID-DOC-901"]
    assert first.verdict is Verdict.INCONCLUSIVE, first.message
    assert "a precondition did not hold (an item created by POST /setup)" in first.message
    assert "expected 201, actual 422" in first.message and "fix: create it with an empty body" in first.message
    second = found["ID-DOC-902"]
    assert second.verdict is Verdict.INCONCLUSIVE, second.message  # a finding in the set-up fails nothing
    assert "the set-up answer is wrong" in second.message
    assert not [i for i in second.evidence if i["kind"] == "finding"]
    assert result.exit_code == 3


@pytest.mark.slow
def test_a_set_up_that_holds_leaves_the_verdict_to_the_judged_exchange(tmp_path):
    _, found = _run(tmp_path, _app(201, judged_status=500))
    assert found["ID-DOC-901"].verdict is Verdict.FAIL  # 500 on the judged exchange: the product's


@pytest.mark.slow
def test_refused_credentials_are_inconclusive_and_the_run_says_so_in_one_line(tmp_path):
    # A wrong API key: every answer 401. Before issue 59 this was a fail and exit 1.
    result, found = _run(tmp_path, _app(401, judged_status=401), auth={"bearer_token_env": "ACME_TOKEN"},
                         environ={"ACME_TOKEN": "expired-token-0123456789"})
    first = found["ID-DOC-901"]  # ID-DOC-902 sends nothing: its set-up fails before
    assert first.verdict is Verdict.INCONCLUSIVE, first.message
    assert "refused the run's credentials" in first.message and "ACME_TOKEN" in first.message
    assert result.exit_code == 3
    refused = [n for n in result.report.notes if "refused the run's credentials on every HTTP test" in n]
    assert len(refused) == 1 and "ACME_TOKEN" in refused[0] and "\n" not in refused[0]


def test_precondition_turns_a_failed_set_up_into_inconclusive():
    record = Evidence()
    with (recording(record), pytest.raises(Inconclusive, match=r"precondition did not hold \(a DID\): no DID"),
          precondition("a DID")):
        raise NonConformance("no DID", file="POST /create")
    assert record.findings_count == 0
    with recording(record), pytest.raises(ZeroDivisionError), precondition("a DID"):  # a harness fault stays one
        1 / 0  # noqa: B018
    with recording(record), precondition("a DID"):
        pass  # held: nothing happens


# a not-applicable too (part h92-na): the input not judged may hold what the test judges
@pytest.mark.parametrize("outcome", [Verdict.PASS, Verdict.NOT_APPLICABLE])
def test_a_pass_with_an_unjudged_input_is_inconclusive_naming_it(outcome):
    record = Evidence()
    record.unjudged("b.json", "its proof suite EcdsaSecp256r1Signature2019 is not implemented")
    verdict, message = judge([(outcome, "")], record, judges_any_status=False)
    assert verdict is Verdict.INCONCLUSIVE
    assert "b.json" in message and "EcdsaSecp256r1Signature2019" in message and "not judged for every input" in message
    record.finding("tampered", file="a.json")  # a member that fails: the set fails
    assert judge([(outcome, "")], record, judges_any_status=False)[0] is Verdict.FAIL


def test_answers_refusing_the_tests_own_credentials_are_judged():
    record = Evidence()
    record.exchange({"method": "GET", "url": "u"}, {"status": 401})  # the test sent no run credentials
    assert judge([(Verdict.FAIL, "x")], record, judges_any_status=False)[0] is Verdict.FAIL
    record = Evidence()
    record.exchange({"method": "GET", "url": "u"}, {"status": 403}, credentials="ACME_TOKEN")
    verdict, message = judge([(Verdict.FAIL, "x")], record, judges_any_status=False)
    assert verdict is Verdict.INCONCLUSIVE and "check ACME_TOKEN" in message
