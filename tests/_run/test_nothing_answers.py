"""Issue 59, item 4: when nothing answers at an endpoint (404, 405: no route), the requirements
that reached only that endpoint are inconclusive naming its URL and the manifest's ``paths``
field that moves it, and the console says so once per endpoint, not once per requirement."""

from __future__ import annotations

import io

import pytest
import yaml
from rich.console import Console

from conformance import Evidence, Verdict, load_catalog, run
from conformance._record.evidence import Absent
from conformance._run.console import print_summary
from conformance._run.session import judge
from conformance.adapters.endpoints import no_route
from conformance.report.stopped import absent_lines, answered, profile_causes, why_incomplete
from tests.minicatalog import PROFILE, REQUIREMENT, write_catalog
from tests.servers import NoRoutes, serving

# Three requirements over the identity area's issue endpoint (an endpoint an area names), one
# over a path no area names, one that expects the 404 it gets (a pass stands).
MODULE = '''import pytest

from conformance import NonConformance


def _issued(api):
    response = api.post("/credentials/issue", json={"credential": {}})
    if response.status != 201:
        raise NonConformance("not issued", file="POST /credentials/issue", expected=201, actual=response.status)
    return response.json()


@pytest.mark.requirement("ID-DOC-901")
def test_issues(targets):
    _issued(targets["api"])


@pytest.mark.requirement("ID-DOC-902")
def test_issues_json(targets):
    assert isinstance(_issued(targets["api"]), dict)


@pytest.mark.requirement("ID-DOC-903")
def test_issued_privately(targets):
    targets["api"].post("/credentials/issue", json={"credential": {}}).json()


@pytest.mark.requirement("ID-DOC-904")
def test_lists(targets):
    assert targets["api"].get("/no/such/list?page=2").status == 200


@pytest.mark.requirement("ID-DOC-905")
def test_an_unknown_item_is_not_found(targets):
    assert targets["api"].get("/credentials/issue/nothing-here").status == 404


@pytest.mark.requirement("ID-DOC-906")
def test_lists_problems(targets):
    assert targets["api"].get("/problems").status == 200
'''
IDS = [f"ID-DOC-90{n}" for n in range(1, 7)]


def _run(tmp_path):
    profile = {**PROFILE, "targets": {"api": {"kind": "http"}}, "requirements": IDS}
    requirements = [{**REQUIREMENT, "id": i} for i in IDS]
    catalog = load_catalog(write_catalog(tmp_path / "catalog", requirements, MODULE, profile))
    with serving(NoRoutes) as url:
        manifest = tmp_path / "m.yaml"
        manifest.write_text(yaml.safe_dump({"product": {"name": "P", "version": "1"}, "profiles": ["mini"],
                                            "targets": {"api": {"adapter": "http", "base_url": url + "/v1"}}}))
        result = run(manifest, catalog=catalog, out_dir=tmp_path / "o", formats=["json"], environ={})
    return url, result, {r.requirement: r for r in result.report.requirements}


@pytest.mark.slow
def test_nothing_answering_is_inconclusive_and_said_once_per_endpoint(tmp_path):
    url, result, found = _run(tmp_path)
    issue = f"{url}/v1/credentials/issue"
    for req_id in ("ID-DOC-901", "ID-DOC-902", "ID-DOC-903"):
        assert found[req_id].verdict is Verdict.INCONCLUSIVE, found[req_id].message
        assert f"nothing answers at {issue} (405)" in found[req_id].message
        assert "at $.targets.api.paths: {credentials_issue: /its/path}" in found[req_id].message
    unnamed = found["ID-DOC-904"]  # no area names the path: its URL without the query, and base_url to check
    assert unnamed.verdict is Verdict.INCONCLUSIVE, unnamed.message
    assert f"nothing answers at {url}/v1/no/such/list (404): check" in unnamed.message
    assert "$.targets.api.base_url" in unnamed.message
    assert found["ID-DOC-905"].verdict is Verdict.PASS  # a 404 the test expects is judged
    assert found["ID-DOC-906"].verdict is Verdict.FAIL  # a problem document: a route answered
    assert result.exit_code == 1  # ID-DOC-906 fails

    out = io.StringIO()
    print_summary(Console(file=out, width=400, color_system=None), result.report, [], "en")
    text = out.getvalue()
    assert text.count("nothing answers at") == 2, text  # one line per endpoint, none per requirement
    line = next(x for x in text.splitlines() if issue in x)
    assert "3 requirement(s) not judged (ID-DOC-901, ID-DOC-902, ID-DOC-903)" in line
    assert not any(x.lstrip().startswith("inconclusive") for x in text.splitlines()), text


def _absent(url="http://p/credentials/issue", name="credentials_issue"):
    return Absent(url, 404, name, "m.yaml at $.targets.api.paths")


def _record(*statuses):
    record = Evidence()
    for status in statuses:
        record.exchange({"method": "GET", "url": "u"}, {"status": status},
                        absent=_absent() if status in (404, 405) else None)
    return record


def test_a_failure_over_answers_that_all_say_no_route_is_inconclusive():
    verdict, message = judge([(Verdict.FAIL, "x")], _record(404, 405), judges_any_status=False)
    assert verdict is Verdict.INCONCLUSIVE
    assert message == ("nothing answers at http://p/credentials/issue (404): set where the product serves endpoint "
                       "credentials_issue: m.yaml at $.targets.api.paths: {credentials_issue: /its/path}")


@pytest.mark.parametrize("statuses", [(404, 200), (404, 400), (404, 500)])
def test_a_failure_with_one_answer_from_a_route_stands(statuses):
    # the product answered something there: the failure is judged on what it said
    assert judge([(Verdict.FAIL, "x")], _record(*statuses), judges_any_status=False)[0] is Verdict.FAIL


def test_a_pass_stands_and_a_test_judging_any_status_is_no_exception():
    assert judge([(Verdict.PASS, "")], _record(404), judges_any_status=False)[0] is Verdict.PASS
    # ID-RES-004 expects a 501 from the resolver: a "no route" page is no answer of it
    assert judge([(Verdict.FAIL, "x")], _record(404), judges_any_status=True)[0] is Verdict.INCONCLUSIVE


@pytest.mark.parametrize(("content_type", "body", "absent"), [
    ("text/html", b"<h1>Not Found</h1>", True),
    ("", b"", True),
    ("application/json", b'{"detail": "Not Found"}', True),  # a web framework's own "no route"
    ("application/json", b"not json", True),
    ("application/problem+json; charset=utf-8", b"{}", False),
    ("application/json", b'{"type": "about:blank", "title": "Not Found"}', False),
    ("application/json", b'{"didResolutionMetadata": {"error": "notFound"}}', False),
    ("application/did-resolution", b"{}", False),
])
def test_only_an_answer_from_no_route_counts_as_nothing_answering(content_type, body, absent):
    assert no_route(content_type, body) is absent


def test_the_lines_group_by_endpoint_url_and_leave_the_others():
    def result(req_id, key, url="http://p/a"):
        text = {"key": key, "args": {"url": url, "status": 404, "place": "m.yaml at $.targets.api.base_url"}}
        return {"requirement": req_id, "verdict": "inconclusive", "text": text}
    report = {"requirements": [result("A-1", "engine.nothing-answers"), result("A-2", "engine.nothing-answers"),
                               result("A-3", "engine.nothing-answers", "http://p/b"),
                               result("A-4", "engine.precondition")]}
    lines = absent_lines(report)
    assert lines == ["nothing answers at http://p/a (404): check m.yaml at $.targets.api.base_url; "
                     "2 requirement(s) not judged (A-1, A-2)",
                     "nothing answers at http://p/b (404): check m.yaml at $.targets.api.base_url; "
                     "1 requirement(s) not judged (A-3)"]
    assert "未判定" in absent_lines(report, "zh")[0]
    assert [r["requirement"] for r in answered(report["requirements"])] == ["A-4"]


def test_a_programme_and_the_report_banner_say_an_endpoint_once():
    text = {"key": "engine.nothing-answers", "args": {"url": "http://p/a", "status": 404,
                                                       "place": "m.yaml at $.targets.api.base_url"}}
    report = {
        "complete": True,
        "requirements": [{"requirement": r, "verdict": "inconclusive", "text": text,
                          "message": "nothing answers at http://p/a (404): check m.yaml at $.targets.api.base_url"}
                         for r in ("A-1", "A-2")] + [{"requirement": "A-3", "verdict": "error", "message": "boom"}],
        "profiles": [{"id": "p", "outcome": "incomplete", "blocking": ["A-1", "A-2", "A-3"]}],
    }
    assert profile_causes(report) == ["p incomplete: A-1, A-2 inconclusive (nothing answers at http://p/a (404): "
                                      "check m.yaml at $.targets.api.base_url); A-3 error (boom)"]
    assert why_incomplete(report).startswith("nothing answers at http://p/a (404)")
    assert "2 requirement(s) not judged (A-1, A-2)" in why_incomplete(report)


def test_a_target_that_stops_answering_during_the_run_is_one_line():
    # refused after the pre-flight reached it: its requirements are errors, said once
    text = {"key": "engine.target-unreachable", "args": {"reason": "connection refused at http://p/a"}}
    report = {"requirements": [{"requirement": r, "verdict": "error", "text": text} for r in ("B-1", "B-2", "B-3")]
              + [{"requirement": "B-4", "verdict": "fail", "text": {"key": "x"}}]}
    assert absent_lines(report) == ["target unreachable: connection refused at http://p/a; "
                                    "3 requirement(s) not judged (B-1, B-2, B-3)"]
    assert [r["requirement"] for r in answered(report["requirements"])] == ["B-4"]
