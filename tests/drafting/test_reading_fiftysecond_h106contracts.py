"""The fifty-second reading, part h106-contracts (docs/drafting.md, "Fifty-second reading, part h106-contracts"): what
the cases read against the normative annexes. IF-AUTH-002 picked the operations 「契约标明只能由持有者执行」, a mark
table D.3 gave transfer and burn alone, though the step listed lock and unlock too (b1); table D.3 left out the cases
registering or exporting a DID in words (b2); five cases reading asset metadata named no clause defining it (a4);
annex E logged one frame per answer where TD-BCI-008 logs each sample of `test.readBiosignal`'s block (c1). Each test
fails on the draft as it was before (9a39dcf7)."""

from __future__ import annotations

import json
import re
from pathlib import Path

from conformance._catalog.contractops import holder_only
from conformance.drafting.contracts import operations
from tests.drafting.test_reading_fiftyfirst_h105contract import CALLED_IN_WORDS, _case, _line, unlisted_callers

ROOT = Path(__file__).resolve().parents[2]


def _d3_rows(markdown: str) -> dict[str, str]:
    """operationId -> its row of table D.3 (the platform contract's operations)."""
    return {m.group(1): line for line in markdown.splitlines()
            if line.startswith("| `") and (m := re.match(r"\| `[A-Z]+ [^`]+` \| `(\w+)`", line))}


def test_b1_the_holder_only_mark_is_the_contracts_and_the_case_picks_by_it(catalog, zh_markdown, en_markdown):
    """Every operation the contract reserves to the asset's holder (``x-mutating`` ``as: holder``, the operations the
    check sends another identity's token) and no other is marked so in table D.3, D.1 says what the mark requires,
    IF-AUTH-002's step 2 picks by that mark, and the 「要求」 column lists IF-AUTH-002 in those rows, not in every row
    "Protection: bearer token" (IF-AUTH-001's words, which the step's old wording held)."""
    reserved = {op.operation_id for op in operations(catalog) if holder_only(op.source)}
    assert reserved == {"transferAsset", "burnAsset", "lockAsset", "unlockAsset"}
    rows = _d3_rows(zh_markdown)
    marked = {op for op, row in rows.items() if "保护：不记名令牌，仅限资产持有者" in row}
    assert marked == reserved
    # besides step 1's provisioning of the two test identities and, since the sixtieth reading (h120-iface b5), the
    # probe asset's issue and the read of its state, which the steps send with the holder's own token, and since the
    # seventy-second reading (h136-offered) the discovery document step 2 reads for the operations the platform offers
    besides = {"provisionTestIdentity", "issueAsset", "getAssetState", "getDiscovery"}
    assert besides <= set(rows)
    assert {op for op, row in rows.items() if "IF‑AUTH‑002" in row} - besides == reserved
    assert "“保护：不记名令牌，仅限资产持有者”的操作应仅由路径中资产标识所指资产的持有者执行。" in zh_markdown
    assert en_markdown.count("Protection: bearer token, the asset's holder only") >= len(reserved) + 1
    step = _line(_case(zh_markdown, "IF-AUTH-002"), "测试步骤").split("<br>2. ", 1)[1].split("<br>3. ", 1)[0]
    assert "标为“保护：不记名令牌，仅限资产持有者”" in step and "契约标明" not in step, step


#: b2: registering a DID (in words, or 「按 ID-REG-001」/「按 ID-PORT-001」) and exporting the identity
CALLED_IN_WORDS_B2 = {
    **CALLED_IN_WORDS,
    "createDid": r"注册一个(?:身份|DID)|注册（[^）]*）并导出一个身份|在平台 A 注册一个身份",
    "exportDid": r"并导出一个身份|导出该身份",
}


def test_b2_every_case_registering_or_exporting_a_did_is_listed_in_d3(catalog):
    """The class of b2 (h105-contract's b3 widened to the registrar): a case whose Chinese steps register a DID or
    export an identity in words is listed with `createDid` or `exportDid` in table D.3."""
    by_id, missing = unlisted_callers(catalog, CALLED_IN_WORDS_B2)
    assert missing == {operation: [] for operation in CALLED_IN_WORDS_B2}
    assert {"ID-PORT-001", "ID-PORT-002", "ID-PORT-003", "ID-PORT-004", "ID-PORT-005", "ID-REG-003", "ID-REG-004",
            "IF-IOP-001"} <= set(by_id["createDid"])
    assert {"ID-PORT-002", "ID-PORT-003", "IF-IOP-001"} <= set(by_id["exportDid"])


def _cases(markdown: str) -> dict[str, str]:
    found = {}
    for m in re.finditer(r"^### \d+\.\d+ ([A-Z]+-[A-Z]+-\d{3}) ", markdown, re.M):
        found[m.group(1)] = markdown[m.end():markdown.find("\n### ", m.end())]
    return found


def test_a4_every_case_naming_data_only_annex_d_defines_cites_its_clause(catalog, zh_markdown):
    """The class of a4: a case naming data whose format only a schema of annex D defines (the schema's ``x-read-as``
    words, outside the IXIT line and the profile's title) cites that schema's clause in its initial conditions, as a
    case reading a format of annex E cites it; the five cases of the row among them."""
    marked = {}
    for uri in catalog.schemas.ids():
        if uri.endswith(".json") and isinstance(said := catalog.schemas.get(uri).get("x-read-as"), dict):
            marked[uri.rsplit("/schemas/", 1)[1]] = said
    assert "assets/asset-metadata.json" in marked
    clauses = {name: re.search(rf"^#### (D\.5\.\d+) `{re.escape(name)}`$", zh_markdown, re.M).group(1)
               for name in marked}
    citing: dict[str, set[str]] = {}
    for rid, case in _cases(zh_markdown).items():
        own = "\n".join(part for line in case.splitlines() for part in line.split("<br>")
                        if not part.startswith(("已按 IXIT", "| 前置条件 | 被测对象声明符合测试配置"))
                        and "模式见附录" not in part)
        for name, said in marked.items():
            if any(word in own for word in said["sought"]):
                conditions = _line(case, "前置条件")
                assert f"{said['zh']}模式见附录 D（{clauses[name]}）" in conditions, (rid, conditions)
                citing.setdefault(name, set()).add(rid)
    assert {"AS-META-001", "AS-META-003", "AS-META-004", "AS-CONT-001", "AS-AIGC-011", "AS-HIST-002"} <= \
        citing["assets/asset-metadata.json"]
    assert "资产历史文件：E.17" in _line(_case(zh_markdown, "AS-HIST-002"), "前置条件")


def test_c1_annex_e_logs_each_sample_of_a_block_answer_as_a_frame(zh_markdown):
    """The class of c1: a method of the runtime test interface answering a block of samples (its result a `samples`
    array) is named in annex E's `read_through` row as logged one frame per sample, as TD-BCI-008 logs it."""
    defs = json.loads((ROOT / "schemas" / "terminal" / "runtime-message.json").read_text(encoding="utf-8"))["$defs"]
    blocks = [node["x-method"] for node in defs.values() if isinstance(node, dict) and "x-method" in node
              and (node.get("properties") or {}).get("samples", {}).get("type") == "array"]
    assert blocks == ["test.readBiosignal"]
    row = next(line for line in zh_markdown.splitlines() if line.startswith("| `read_through` |"))
    for method in blocks:
        assert f"`{method}` 的应答为一组样本，其中每个样本一帧" in row and "`t` 为该样本的时刻" in row, row
    assert "将其中每个样本记入" in _line(_case(zh_markdown, "TD-BCI-008"), "前置条件")
