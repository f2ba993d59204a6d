"""The terminal checks' findings come from templates (areas/terminal/messages.yaml), and what is
beyond their detail limit is counted in the report, not lost."""

from __future__ import annotations

import gzip
import io

import pytest

from conformance._record.evidence import Evidence
from conformance._record.findings import Finding
from conformance.areas.terminal import IssueLog, analyse
from conformance.areas.terminal.hand import bone_drifts, drift_finding
from conformance.areas.terminal.suite import record
from conformance.messages import Message, localize, msg
from tests.conftest import SUITES

FIXTURES = SUITES / "terminal" / "fixtures"


def _captures() -> list[str]:
    paths = [*FIXTURES.glob("cap-*.ndjson*"), *FIXTURES.glob("cap-rules/*"), *FIXTURES.glob("desc-rules/*")]
    return sorted(p.relative_to(FIXTURES).as_posix() for p in paths)


def _read(name: str) -> bytes:
    data = (FIXTURES / name).read_bytes()
    return gzip.decompress(data) if name.endswith(".gz") else data


def _findings(name: str) -> list[Finding]:
    result = analyse(io.BytesIO(_read(name)))
    findings = [f for log in result.logs.values() for f in log.detailed]
    return findings + [drift_finding(bone, drift, 0.005) for s in result.streams_of("hand")
                       for bone, drift in enumerate(bone_drifts(s) or []) if drift.where is not None]


def test_the_planted_faults_give_findings_of_many_templates():
    keys = {f.message.key for name in _captures() for f in _findings(name) if isinstance(f.message, Message)}
    assert {"terminal.undeclared-stream", "terminal.t-not-increasing", "terminal.bone-drift", "terminal.joint-radius",
            "terminal.rate-above-offer", "terminal.platform-limit", "terminal.face-weight-range"} <= keys


@pytest.mark.parametrize("name", _captures())
def test_every_finding_of_a_planted_fault_is_a_terminal_template_with_chinese(name):
    for found in _findings(name):
        assert isinstance(found.message, Message) and found.message.key.startswith("terminal."), found.message
        chinese = localize(found.message, found.message.text(), "zh")
        assert chinese != found.message and any("\u4e00" <= ch <= "\u9fff" for ch in chinese), chinese


def test_a_decoder_s_own_words_are_kept_as_given_in_chinese():
    header = b'{"format":"mvx-capture","version":"1.0","streams":[{"id":"g","type":"pose"}]}\n'
    result = analyse(io.BytesIO(header + b'{"stream":"g","t":1.5,"pose":{}}\n'))
    [found] = result.log("structure").detailed
    assert found.message == "Expected `int`, got `float`" and found.pointer == "/t"
    chinese = localize(found.message, found.message.text(), "zh")
    assert chinese == "帧不符合其数据流类型的格式：Expected `int`, got `float`"


def test_issues_beyond_the_detail_limit_are_counted_in_the_omission_note():
    log = IssueLog(limit=20, key="norm")
    for line in range(2, 302):
        log.add_built(lambda line=line: Finding(msg("terminal.outside-volume"), line=line))
    assert (log.total, len(log.detailed)) == (300, 20)
    evidence = Evidence()
    record(evidence, "a.ndjson", log)
    exported = evidence.export()
    assert evidence.findings_count == 20
    [note] = [item for item in exported if item["kind"] == "note"]
    assert note["omitted"] == 280 and note["text"]["key"] == "engine.omitted-about"
