"""Report views: JUnit XML and HTML are faithful, escaped views; writing is atomic."""

from __future__ import annotations

import os
import xml.etree.ElementTree as ET

import orjson
import pytest

from conformance.model import (
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
    from conformance.model import InteropCell

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
