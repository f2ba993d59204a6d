"""The leftovers of the twenty-ninth reading of issue 76, part r (docs/drafting.md, "Leftovers of the twenty-ninth
reading, part r"): assets and identity. AS-CONT-001's unreadable content file is inconclusive, as its text says
(row a1); AS-HIST-001's statement without "every line is a JSON value" (a2); ERC-721 and ERC-1155 named so in
AS-META-002 (a3); AS-TRADE-009 reads the declared terms in a step (a4); ID-AUTH-003 names a reachable inconclusive
state, its parameters as the case uses them and 1 s (a5, a27, a6); every IXIT setting a 前置条件 lists is named by a
step (a7); one request body of a linked identity (a9); the minors cases list only the addresses they use (b1). Each
test fails on the draft or the harness as they were before these fixes."""

from __future__ import annotations

import json
import re
import shutil

from conformance._io.vendorfiles import MAX_HASH_BYTES
from tests.conftest import manifest_for, verdicts
from tests.drafting.test_spec_leftovers_twentythird_j import _verdict_lines
from tests.drafting.test_spec_sixteenth_reading import _cases, _row
from tests.paths import ROOT

SAMPLES = ROOT / "src" / "conformance" / "reference" / "samples"
LABELS = {"zh": ("前置条件", "测试步骤", "预期结果", "判定准则"),
          "en": ("Initial conditions", "Test procedure", "Expected result", "Verdict criteria")}


def _text(markdown: str, case: str, lang: str) -> str:
    found = _cases(markdown)[case]
    return " ".join(_row(found, label) for label in LABELS[lang][1:])


def test_an_unreadable_content_file_is_inconclusive(catalog, run_manifest, tmp_path):
    """Row a1: the text's 不确定 (a content file that exists but cannot be read) was a finding of the check."""
    folder = tmp_path / "asset"
    folder.mkdir()
    with (folder / "payload.bin").open("wb") as handle:
        handle.truncate(MAX_HASH_BYTES + 1)  # sparse: more than the harness hashes, read by no one
    meta = json.loads((SAMPLES / "asset_metadata" / "ref-helmet-0001.json").read_bytes())
    meta["content"] = [{"uri": "payload.bin", "media_type": "application/octet-stream", "sha256": "0" * 64,
                        "role": "model"}]
    (folder / "meta.json").write_text(json.dumps(meta))
    manifest = manifest_for(catalog, "asset-metadata")
    manifest["targets"]["asset_metadata"] = {"adapter": "file", "paths": [str(folder / "meta.json")]}
    assert verdicts(run_manifest(manifest, requirements=["AS-CONT-001"])) == {"AS-CONT-001": "inconclusive"}
    shutil.rmtree(folder)


def test_the_asset_history_statement_says_one_object_a_line(catalog):
    """Row a2: 「每行均为 JSON 值」 weakened R1 (a JSON object a line) and contradicted blank lines ignored."""
    statement = catalog.requirements["AS-HIST-001"].statement
    assert "JSON 值" not in statement.zh and "JSON value" not in statement.en


def test_the_erc_documents_are_named_as_everywhere(zh_markdown, en_markdown):
    """Row a3: 「两个 EIP 的元数据模式」 named ERC-721 and ERC-1155 another way; clause 4's EIP served it alone."""
    for markdown, lang in ((zh_markdown, "zh"), (en_markdown, "en")):
        case = _text(markdown, "AS-META-002", lang)
        assert "EIP" not in case and "ERC-721" in case and "ERC-1155" in case
    assert "以太坊改进提案" not in zh_markdown and "Ethereum Improvement Proposal" not in en_markdown


def test_the_trade_case_reads_the_terms_its_fail_line_names(zh_markdown, en_markdown):
    """Row a4: AS-TRADE-009 failed on a discovery document without `trading` that no step read."""
    zh = _row(_cases(zh_markdown)["AS-TRADE-009"], "测试步骤")
    assert "服务发现文档没有 `trading`（交易条款），或其 `trading`" in zh and "记录“不通过”并结束本用例" in zh
    en = _row(_cases(en_markdown)["AS-TRADE-009"], "Test procedure")
    assert "when the discovery document has no `trading` (the trading terms) or its `trading`" in en
    assert "record \"fail\" and stop" in en


def test_the_expired_challenge_case_names_a_reachable_inconclusive_state(zh_markdown, en_markdown):
    """Rows a5 and a27: an expiry beyond `max_wait_s` already breaks R1 (2 s allowed), so its 不确定 could not
    arise; annex A's rows said the same, and `clock_skew_s` named only the wait."""
    zh = _verdict_lines(_cases(zh_markdown)["ID-AUTH-003"], "zh")["不确定"]
    en = _verdict_lines(_cases(en_markdown)["ID-AUTH-003"], "en")["Inconclusive"]
    assert "max_wait_s" not in zh + en
    assert "平台未签发挑战" in zh and "issues no challenge" in en
    for markdown, lang in ((zh_markdown, "zh"), (en_markdown, "en")):
        rows = [line for line in markdown.splitlines() if re.match(r"\| 参数 `(max_wait_s|clock_skew_s)`|"
                                                                     r"\| Parameter `(max_wait_s|clock_skew_s)`", line)]
        assert len(rows) == 2, lang
        assert not any("不确定" in row or "inconclusive" in row for row in rows)
        assert all("R1" in row for row in rows)


def test_the_expired_challenge_lifetime_has_a_unit_symbol(en_markdown):
    """Row a6: "its 1-second lifetime" where every other place writes 1 s."""
    case = _text(en_markdown, "ID-AUTH-003", "en")
    assert "1-second" not in case and "within its 1 s lifetime" in case


def test_every_setting_a_case_lists_is_named_by_a_step(zh_markdown, en_markdown):
    """Row a7: `known_did`, `unknown_did`, `unsupported_did`, `invalid_identifier`, `unsupported_identifier` were
    listed in the 前置条件 of eight cases whose steps described them in words only (a script over all cases)."""
    for markdown, lang, pattern in ((zh_markdown, "zh", r"配置项 `([a-z_0-9]+)`"),
                                    (en_markdown, "en", r"setting `([a-z_0-9]+)`")):
        cases = _cases(markdown)
        pre, steps = LABELS[lang][:2]
        missing = {}
        for case_id, case in cases.items():
            listed = set(re.findall(pattern, _row(case, pre)))
            own = _row(case, steps)
            cited = {c.replace("‑", "-") for c in re.findall(r"[A-Z]{2}[‑-][A-Z]+[‑-]\d{3}", own)}
            text = own + "".join(_row(cases[c], steps) for c in cited if c in cases)
            if unnamed := sorted(s for s in listed if f"`{s}`" not in text):
                missing[case_id] = unnamed
        assert not missing, (lang, missing)


def test_the_linked_identity_body_reads_alike(zh_markdown, en_markdown):
    """Row a9 (AS-TRADE-009/-010 half): the body as IF-CODE-005/-006 write it, with 请求体 / "body"."""
    for case in ("AS-TRADE-009", "AS-TRADE-010"):
        assert "（请求体 `{\"linked_to\": A 的 DID}`）" in _row(_cases(zh_markdown)[case], "测试步骤")
        assert "(body `{\"linked_to\": A's DID}`)" in _row(_cases(en_markdown)[case], "Test procedure")


def test_the_minors_cases_list_only_the_addresses_they_use(zh_markdown, en_markdown):
    """Row b1: the three cases copied table A.15's `api` description, four addresses, of which each uses one."""
    uses = {"AS-MINOR-003": "/play-sessions", "AS-MINOR-004": "/payments", "AS-RATING-003": "/assets"}
    every = ("/assets`", "/assets/{asset_id}/orders", "/play-sessions", "/payments")
    for markdown, lang in ((zh_markdown, "zh"), (en_markdown, "en")):
        for case, used in uses.items():
            pre = _row(_cases(markdown)[case], LABELS[lang][0])
            named = [path for path in every if path in pre]
            assert named == [path for path in every if path.rstrip("`") == used], (lang, case, named)
            assert "`identity_path`" in pre and "`clock_path`" in pre
