"""The leftovers of the fortieth reading of issue 76, part b40 (docs/drafting.md, "Leftovers of the fortieth reading,
part b40"): GB/T 17178.7's adoption not confirmed (b1); JSON Schema 2020-12 listed and its formats named (b2); the
patterns' dialect, printed without Python's end guard (b3); the harness's error as 6.1's 未执行 (b6); clause 15 as
6.1 decides (b7); gzip as RFC 1952 (b8); the OpenID row of 七 (b9); the file bound in 5.1 (b10); clause 16 h) with
what clause 5 records (b11). Each test fails on the draft as it was before these fixes."""

from __future__ import annotations

import json
import re
from pathlib import Path

from jsonschema import Draft202012Validator

from conformance.adapters.file import DEFAULT_MAX_FILE_BYTES
from tests.drafting.test_spec_leftovers_twentysixth_d import _clauses_15

ROOT = Path(__file__).resolve().parents[2]


def _clause(markdown: str, start: str, end: str) -> str:
    at = markdown.index(start)
    return markdown[at:markdown.index(end, at + len(start))]


def test_the_iso_9646_7_adoption_is_not_claimed_identical_on_a_record_alone(note_md, note_md_en):
    """b1: 七 called GB/T 17178.7—2011 IDT on a record without its cover, while 3.15 and [15] cite the ISO number."""
    row = next(line for line in note_md.splitlines() if "GB/T 17178.7—2011" in line)
    assert "未确认" in row and "本文件引用 ISO/IEC 9646-7:1995" in row and "等同采用" not in row
    row = next(line for line in note_md_en.splitlines() if "17178.7" in line)
    assert "not confirmed" in row and "this document cites ISO/IEC 9646-7:1995" in row


def test_json_schema_2020_12_and_rfc_1952_are_normative_references(zh_markdown, en_markdown):
    """b2, b8: the steps' JSON Schema 2020-12 validation and annex E's gzip captures rested on no listed document."""
    for markdown in (zh_markdown, en_markdown):
        clause_2 = _clause(markdown, "\n## 2 ", "\n## 3 ")
        assert "JSON Schema 2020-12 Core: A Media Type for Describing JSON Documents" in clause_2
        assert "JSON Schema 2020-12 Validation: A Vocabulary for Structural Validation of JSON" in clause_2
        assert "RFC 1952 GZIP file format specification version 4.3" in clause_2
    assert "RFC 1952 规定的 `gzip` 格式" in zh_markdown and "`gzip` format, RFC 1952" in en_markdown
    assert "逐成员生成" not in zh_markdown and "are generated member by member" not in en_markdown


def test_patterns_are_ecma_262_and_printed_without_the_python_guard(zh_markdown, en_markdown):
    """b3: 77 rows printed `$(?!\\n)`, a work-around for Python's `$`, and no clause named the dialect."""
    for markdown in (zh_markdown, en_markdown):
        assert "(?!\\n)" not in markdown
    assert "以 ECMA-262（2020-06）正则表达式方言解读" in zh_markdown  # dated as clause 2 lists it (58th reading, a2)
    assert "read in the ECMA-262 (2020-06) dialect, as JSON Schema 2020-12" in en_markdown
    assert "`^(?![\\s\\S]*%(?![0-9A-Fa-f]{2}))did:[a-z0-9]+:[A-Za-z0-9._%:-]*[A-Za-z0-9._%-]$`" in zh_markdown


def test_the_schemas_keep_the_guard_and_the_validator_its_behaviour():
    """b3: only the printing drops the guard; the harness (Python's re) still refuses a trailing newline."""
    pattern = json.loads((ROOT / "schemas/identity/did.json").read_text(encoding="utf-8"))["pattern"]
    assert pattern.endswith("$(?!\\n)")
    validator = Draft202012Validator({"type": "string", "pattern": pattern})
    assert validator.is_valid("did:example:abc")
    assert not validator.is_valid("did:example:abc\n")


def test_the_note_names_no_verdict_the_draft_does_not_define(note_md, note_md_en):
    """b6: 四 counted an 「错误」 verdict; the draft has four verdicts and 6.1's 未执行."""
    assert "没有不通过或错误的判定" not in note_md and "没有不通过的判定，也没有未执行的测试用例" in note_md
    assert "no verdict to be fail or error" not in note_md_en and "no test case left not run" in note_md_en
    assert not re.search(r"^\| 产品（版本） .*\| 错误 \|", note_md, re.M)


def test_clause_15_states_the_claim_as_6_1_decides_it(catalog, zh_markdown, en_markdown):
    """b7: 「应通过……的测试用例」 left no room for a 不适用 case, which 6.1 and profile_outcome admit."""
    zh, en = _clauses_15(zh_markdown), _clauses_15(en_markdown)
    claimable = [p.id for p in catalog.profiles.values() if catalog.normative_requirements(p)]
    assert claimable
    for profile in claimable:
        assert "应通过该配置所选" not in zh[profile]
        assert "应无判定为不通过或不确定者，亦无未执行者，且应至少有一个判定为通过（判定为不适用者不计，见 6.1）" in zh[profile]
        assert "shall pass the test cases" not in en[profile]
        assert "none that fails or is inconclusive and none not run, and at least one that passes" in en[profile]


def test_the_openid_row_says_the_userinfo_endpoint_is_used(note_md, note_md_en):
    """b9: 七 said OpenID Connect is not tested, while ID-PORT-005 judges its UserInfo endpoint (OIDC Core 5.3)."""
    note_md, note_md_en = note_md.replace("\u2011", "-"), note_md_en.replace("\u2011", "-")  # IDs kept whole
    assert "不测试 OpenID Connect 协议本身" not in note_md
    assert "用户信息端点（第 5.3 节）观测令牌是否仍被承认（ID-PORT-005）" in note_md
    assert "do not test OpenID Connect itself" not in note_md_en
    assert "UserInfo endpoint (section 5.3) to observe whether a token is still honoured (ID-PORT-005)" in note_md_en


def test_clause_5_states_the_file_bound(zh_markdown, en_markdown):
    """b10: 78 不确定 lines named `max_file_bytes`, and no clause gave its value or said what an IXIT setting does."""
    grouped = f"{DEFAULT_MAX_FILE_BYTES:,}".replace(",", " ")
    zh = _clause(zh_markdown, "\n## 5 ", "\n### 5.2 ")
    assert f"测试设备读取文件的上限为 {DEFAULT_MAX_FILE_BYTES >> 20} MiB（{grouped} B）" in zh
    assert "`max_file_bytes`" in zh and "不改变任何判定阈值" in zh
    en = _clause(en_markdown, "\n## 5 ", "\n### 5.2 ")
    assert f"up to {DEFAULT_MAX_FILE_BYTES >> 20} MiB ({grouped} B)" in en and "changes no verdict threshold" in en
    bounds = json.loads((ROOT / "schemas/manifest/target-file.json").read_text(encoding="utf-8"))
    bound = bounds["properties"]["max_file_bytes"]
    for value in (bound["minimum"], bound["maximum"]):
        assert f"{value:,}".replace(",", " ") + " B" in zh


def test_clause_16_lists_what_clause_5_records(zh_markdown, en_markdown):
    """b11: h) left out the trust anchors, the round-trip time, the robot's recording, the tracker and the
    photometers' records, and named the equipment unlike 5.1."""
    zh = _clause(zh_markdown, "\n## 16 ", "\n## ")
    assert "设备的型号、编号、版本与校准状态" in zh and "所用信任锚、网络往返时延、机器人记录的持续时间与任务" in zh
    assert "设备的型号、编号、版本与校准状态" in _clause(zh_markdown, "\n## 5 ", "\n### 5.2 ")
    en = _clause(en_markdown, "\n## 16 ", "\n## ")
    assert "model, number, version and calibration state" in en and "the trust anchors used" in en
