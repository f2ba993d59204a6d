"""Report views: JUnit XML and HTML are faithful, escaped views; writing is atomic."""

from __future__ import annotations

import os
import xml.etree.ElementTree as ET

import orjson
import pytest

from conformance._catalog.model import (
    Harness,
    Outcome,
    ProfileResult,
    Report,
    RequirementResult,
    Text,
    Verdict,
)
from conformance.report import atomic_write, write_reports
from conformance.report.html import render_html
from conformance.report.junit import render_junit

HOSTILE = '<script>alert("x")</script>\x07'


def make_report() -> Report:
    title = Text(en="Discovery document", zh="服务发现文档")

    def result(req: str, verdict: Verdict, message: str = "") -> RequirementResult:
        return RequirementResult(
            requirement=req, level="MUST", title=title, profiles=["p"], verdict=verdict, tests=[f"t::{req}"],
            message=message, evidence=[{"kind": "http", "response": {"body": HOSTILE}}],
        )

    return Report(
        harness=Harness(name="metaverse-conformance", version="0"),
        catalog_digest="sha256:" + "0" * 64,
        manifest={"product": {"name": HOSTILE, "version": "1"}},
        environment={},
        started="2026-01-01T00:00:00Z",
        finished="2026-01-01T00:00:01Z",
        complete=True,
        exit_code=1,
        profiles=[ProfileResult(id="p", version="1.0.0", title=title, outcome=Outcome.NOT_CONFORMANT,
                                features=[], parameters={}, counts={"pass": 1, "fail": 1}, blocking=["IF-A-002"])],
        requirements=[
            result("IF-A-001", Verdict.PASS),
            result("IF-A-002", Verdict.FAIL, f"bad body {HOSTILE}"),
            result("IF-A-003", Verdict.ERROR, "unreachable"),
            result("IF-A-004", Verdict.NOT_APPLICABLE),
        ],
        tests=[],
    )


def test_html_escapes_everything_the_target_supplied():
    html = render_html(make_report(), "en").decode()
    assert html.count("<script") == 1  # the page's own, allowed by its hash; the target's is text
    assert "&lt;script&gt;" in html
    assert "<link" not in html and "src=" not in html  # self-contained: no external assets


def test_html_shows_the_interop_matrix():
    from conformance._catalog.model import InteropCell

    report = make_report().model_copy(update={"interop": [
        InteropCell(source="A", target="B", capability="verify credential", verdict=Verdict.FAIL, test="t",
                    detail=HOSTILE)]})
    html = render_html(report, "zh").decode()
    assert "互操作矩阵" in html and "verify credential" in html and "&lt;script&gt;" in html


def test_html_speaks_chinese():
    html = render_html(make_report(), "zh").decode()
    assert 'lang="zh-CN"' in html and "符合性测试报告" in html and "不通过" in html and "服务发现文档" in html


def test_junit_has_one_testcase_per_requirement():
    root = ET.fromstring(render_junit(make_report(), "en"))
    suite = root.find("testsuite")
    assert suite is not None
    cases = suite.findall("testcase")
    assert [c.get("name") for c in cases] == ["IF-A-001", "IF-A-002", "IF-A-003", "IF-A-004"]
    assert cases[1].find("failure") is not None and cases[2].find("error") is not None
    assert cases[3].find("skipped") is not None
    assert (suite.get("failures"), suite.get("errors"), suite.get("skipped")) == ("1", "1", "1")
    assert "\x07" not in cases[1].find("failure").get("message")  # control characters cannot go in XML


def test_reports_are_written_whole(tmp_path):
    previous = os.umask(0o022)
    try:
        files = write_reports(make_report(), tmp_path, ["junit", "html"], "en")
    finally:
        os.umask(previous)
    assert [f.name for f in files] == ["report.json", "junit.xml", "report.html"]
    assert list(tmp_path.glob(".*.tmp")) == []
    assert all(f.stat().st_mode & 0o777 == 0o644 for f in files)  # as the umask says, not 0600


def test_a_failed_write_leaves_the_previous_file_untouched(tmp_path, monkeypatch):
    target = tmp_path / "report.json"
    target.write_bytes(b"previous")

    def broken_fsync(fd):
        raise OSError("disk full")

    monkeypatch.setattr("os.fsync", broken_fsync)
    with pytest.raises(OSError, match="disk full"):
        atomic_write(target, b"new contents")
    assert target.read_bytes() == b"previous"
    assert list(tmp_path.iterdir()) == [target]


def test_junit_carries_only_what_xml_allows():
    hostile = "a\ufffe\uffff\x01\ud800\x1b[31m b"
    report = make_report()
    requirements = [r.model_copy(update={"message": hostile}) for r in report.requirements]
    root = ET.fromstring(render_junit(report.model_copy(update={"requirements": requirements}), "en"))
    messages = [e.get("message") for e in root.iter() if e.get("message") is not None]
    assert messages and all("\ufffe" not in m and "\uffff" not in m and "\x01" not in m for m in messages)


def test_a_file_name_that_is_not_utf8_does_not_stop_the_report(tmp_path):
    from conformance.report import report_json

    name = "bad-\udcff.json"  # how Python names a file whose name is not UTF-8
    report = make_report().model_copy(update={"notes": [f"{name} skipped"]})
    data = orjson.loads(report_json(report))
    assert data["notes"] == ["bad-\ufffd.json skipped"]


def _exchange(body: str, ms: float = 3.0) -> dict:
    return {"kind": "http", "request": {"method": "GET", "url": "http://t.example/1.0/identifiers/did:web:a",
                                        "headers": {"accept": "application/did+json"}},
            "response": {"status": 200, "headers": {"content-type": "application/json"}, "body": body,
                         "elapsed_s": ms / 1000}}


def test_html_banner_names_the_outcome_and_links_the_first_failure():
    html = render_html(make_report(), "en").decode()
    assert 'id="overall-outcome" data-outcome="not_conformant">not conformant<' in html
    assert '<a id="first-failure" href="#IF-A-002">' in html  # no failing input: the requirement itself
    # Failing first: the failed requirement's section comes before the passing one's.
    assert html.index('<section class="req" id="IF-A-002"') < html.index('<section class="req" id="IF-A-001"')


def test_html_summary_shows_targets_inputs_and_environment():
    report = make_report().model_copy(update={
        "manifest": {"product": {"name": "P", "version": "1"},
                     "targets": {"api": {"adapter": "http", "base_url": "https://api.example"}}},
        "environment": {"python": "3.12.1"},
        "inputs": [{"name": "m.yaml", "sha256": "ab" * 32, "kind": "manifest"}],
    })
    html = render_html(report, "en").decode()
    assert "https://api.example" in html and "python 3.12.1" in html
    assert "<td class=\"files\">m.yaml</td>" in html and "ab" * 32 in html


def test_the_csp_allows_exactly_the_page_s_own_script():
    import base64
    import hashlib
    import re

    html = render_html(make_report(), "en").decode()
    allowed = re.search(r"script-src 'sha256-([^']+)'", html).group(1)
    script = re.search(r"<script>(.*?)</script>", html, re.S).group(1)
    assert base64.b64encode(hashlib.sha256(script.encode()).digest()).decode() == allowed
    assert "default-src 'none'" in html


def test_http_evidence_is_a_request_and_a_response_panel_with_the_pointer_highlighted():
    finding = {"kind": "finding", "message": "JWK has private member 'd'", "pointer": "/key/d",
               "file": "GET /1.0/identifiers/did:web:a (Accept: application/did+json)"}
    body = '{"id": "did:web:a", "key": {"kty": "OKP", "d": "secret-ish"}}'
    report = make_report()
    failed = report.requirements[1].model_copy(update={"evidence": [_exchange(body), finding]})
    html = render_html(report.model_copy(update={"requirements": [failed]}), "en").decode()
    assert '<div class="k">Request: <code>GET http://t.example/1.0/identifiers/did:web:a</code></div>' in html
    assert "Response: status 200" in html
    assert '<span class="hl">    &#34;d&#34;: &#34;secret-ish&#34;</span>' in html  # the finding's place, in context
    assert '"kty": "OKP"' not in html and "&#34;kty&#34;: &#34;OKP&#34;," in html  # pretty-printed, escaped


def test_interop_is_a_grid_of_implementations():
    from conformance._catalog.model import InteropCell

    cells = [InteropCell(source=s, target=t, capability="authenticate", verdict=v, test="t")
             for s, t, v in (("A", "B", Verdict.PASS), ("B", "A", Verdict.FAIL))]
    html = render_html(make_report().model_copy(update={"interop": cells}), "en").decode()
    grid = html[html.index('<table class="grid">'):]
    assert "<tr><th></th><th>A</th><th>B</th></tr>" in grid
    assert '<tr><th>A</th><td>—</td><td><span class="v v-pass"' in grid


def test_latency_chart_with_enough_exchanges():
    report = make_report()
    exchanges = [_exchange("{}", ms) for ms in (1, 2, 3, 5, 8, 13, 40)]
    passed = report.requirements[0].model_copy(update={"evidence": exchanges})
    html = render_html(report.model_copy(update={"requirements": [passed]}), "en").decode()
    assert '<svg xmlns="http://www.w3.org/2000/svg" class="chart"' in html and "p95" in html


def test_zh_renders_messages_from_their_templates_and_leaves_other_text_as_written():
    from conformance.messages import msg

    report = make_report()
    reached = msg("engine.no-test-ran")
    req = report.requirements[2].model_copy(update={"message": reached, "text": reached.text()})
    plain = report.requirements[1].model_copy(update={"message": "JWK has private member 'd'", "text": None})
    html = render_html(report.model_copy(update={"requirements": [req, plain]}), "zh").decode()
    assert "没有测试运行" in html and "中文使用字体栈 Noto Sans CJK SC" in html
    assert "JWK has private member &#39;d&#39;" in html  # no template: as written


def test_a_deeply_nested_body_is_shown_as_text_without_recursing():
    from conformance.report.html import body_lines

    deep = "[" * 100_000 + "]" * 100_000
    assert body_lines(deep, []) == [(deep, False)]
    assert body_lines({"a": {"b": 1}}, ["/a/b"])[2] == ('    "b": 1', True)


def test_junit_shows_texts_in_the_report_language_without_their_templates():
    from conformance._record.findings import Finding
    from conformance.messages import msg

    report = make_report()
    reached = msg("engine.no-test-ran")
    item = Finding(msg("engine.undeclared", what="x"), file="a.json", expected=msg("engine.none")).evidence()
    req = next(r for r in report.requirements if r.verdict.value == "fail").model_copy(
        update={"message": reached, "text": reached.text(), "evidence": [item]})
    xml = render_junit(report.model_copy(update={"requirements": [req]}), "zh").decode()
    assert "没有测试运行" in xml and "未声明x" in xml and "（无）" in xml
    assert '"text"' not in xml and "expected_text" not in xml
