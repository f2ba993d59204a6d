"""The leftovers of the thirty-seventh reading of issue 76, part m3 (docs/drafting.md, "Leftovers of the
thirty-seventh reading, part m3"): a set-up answer 200 whose body does not parse is read through
`served_body`, unjudged or inconclusive naming the requirement that judges it, and the inconclusive lines
say so. Each test fails on the draft or the suites as they were before these fixes."""

from __future__ import annotations

import yaml

from tests.drafting.test_spec_leftovers_twentythird_j import _verdict_lines
from tests.drafting.test_spec_sixteenth_reading import _cases
from tests.paths import ROOT

SUITES = ROOT / "suites"


def _lines(markdown: str, rid: str, lang: str) -> dict[str, str]:
    return {label: line.replace("\u2011", "-") for label, line in _verdict_lines(_cases(markdown)[rid], lang).items()}


def test_the_auth_cases_name_a_probe_state_that_does_not_parse(zh_markdown, en_markdown):
    """IF-AUTH-002 reads the probe asset's state as a set-up; a body that does not parse failed it (IF-AUTH-001 reads
    no state: the fiftieth reading's b1 dropped the clause its line had carried over)."""
    for rid in ("IF-AUTH-002",):
        assert "or its state read (answered 200 with a body that does not parse; AS-REG-001 judges it)" in _lines(
            en_markdown, rid, "en")["Inconclusive"]
        assert "读取其状态（以 200 应答而响应体无法解析，由 AS-REG-001 判定）" in _lines(zh_markdown, rid, "zh")["不确定"]


def test_the_user_data_move_names_a_holding_read_that_does_not_parse(zh_markdown, en_markdown):
    """IF-UDP-005: the importing platform's state or history answered 200 without JSON failed the case."""
    assert "with a 200 whose body does not parse" in _lines(en_markdown, "IF-UDP-005", "en")["Inconclusive"]
    assert "以响应体无法解析的 200 应答" in _lines(zh_markdown, "IF-UDP-005", "zh")["不确定"]


def test_the_observed_risk_grade_names_the_discovery_document(zh_markdown, en_markdown):
    """IF-RISK-004 is inconclusive on a discovery document not served or not JSON; its line did not say so."""
    assert "the discovery document is not answered 200 or is not JSON (IF-DISC-001 judges it)" in _lines(
        en_markdown, "IF-RISK-004", "en")["Inconclusive"]
    assert "服务发现文档未以 200 应答或不是 JSON（由 IF-DISC-001 判定）" in _lines(zh_markdown, "IF-RISK-004", "zh")["不确定"]


def test_the_withdrawal_names_an_unread_listing_and_acknowledgement(zh_markdown, en_markdown):
    """IF-MOD-002 read A's listing and the report's acknowledgement with `.json()` uncaught."""
    en = _lines(en_markdown, "IF-MOD-002", "en")["Inconclusive"]
    assert "or could not be read, before the report" in en
    assert "is not JSON or carries no `received_at` (IF-REPORT-001 judges it)" in en
    assert "或该列表无法读取（第 2 步" in _lines(zh_markdown, "IF-MOD-002", "zh")["不确定"]


def test_the_changed_checks_step_with_a_note():
    """Each changed check took a minor step with a note of part m3 in both languages."""
    catalog = {r["id"]: r for r in yaml.safe_load(
        (SUITES / "interfaces" / "requirements.yaml").read_text(encoding="utf-8"))["requirements"]}
    for rid in ("IF-RISK-001", "IF-RISK-002", "IF-RISK-003", "IF-RISK-004", "IF-AUTH-001", "IF-AUTH-002",
                "IF-AUTH-003", "IF-CODE-007", "IF-MOD-002", "IF-UDP-001", "IF-UDP-005"):
        notes = catalog[rid]["notes"]
        assert "part m3" in notes["en"] or "parts a2 and m3" in notes["en"], rid
        assert "m3 部分" in notes["zh"], rid
        # the version is not pinned: later readings step these requirements again (wording, the holder-only mark, the
        # bearer token's name); the note of part m3 is what records the changed check's minor step


def test_unread_states_read_right():
    """`served_body` handed a parse reason to "answered {status}", and a history 200 without events was named
    "answered 200"; the states now read "200 with a body that does not parse (...)" and "200 without events"."""
    shared = yaml.safe_load((ROOT / "src" / "conformance" / "areas" / "_shared" / "messages.yaml").read_text(
        encoding="utf-8"))
    # the status is the one answered since part aX of the 39th reading (200 unless `served_body` is given another)
    assert shared["answered-unparsed"]["en"].startswith("{status} with a body that does not parse")
    assert shared["answered-without"]["en"] == "200 without {member}"
    interfaces = yaml.safe_load((ROOT / "src" / "conformance" / "areas" / "interfaces" / "messages.yaml").read_text(
        encoding="utf-8"))
    assert "answered {status}, not 200" not in interfaces["udp-export-unjudged"]["en"]
