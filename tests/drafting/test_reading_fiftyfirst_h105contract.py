"""The fifty-first reading, part h105-contract (docs/drafting.md, "Fifty-first reading, part h105-contract"): contracts
the cases read. ID-MFA-001 accepted 9 and 10 digits and spellings like `SHA-256` that annex D's `provisionTotp` forbids
(b1); IF-UDP-002 asked a `sha-256-jcs` digest in 64 lowercase hex digits no normative annex stated (b2); table D.3 left
out cases calling `orderAsset`, `getAsset`, `fileMisconductReport`, `getMisconductReport` and `getAssetState` in words
(b3); IF-CODE-009 filed a missing `sessions.join` under R2 (bx1) and waited 1 s where IF-SES-001 waits 2000 ms (bx2).
Each test fails on the draft as it was before (8882e77b)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import yaml

from conformance.drafting.contracts import named_operations
from conformance.drafting.writer import load_data, normative
from tests.drafting.test_reading_fortyninth_h102refsB import CALLS_ZH
from tests.drafting.test_reading_fiftieth_h103limits import _rows

ROOT = Path(__file__).resolve().parents[2]


def _contract() -> dict:
    return yaml.safe_load((ROOT / "schemas" / "interfaces" / "platform.openapi.yaml").read_text(encoding="utf-8"))


def _case(markdown: str, rid: str) -> str:
    start = re.search(rf"^### \d+\.\d+ {rid.replace('-', '[-‑]')} ", markdown, re.M)
    assert start
    return markdown[start.end():markdown.index("\n### ", start.end())]


def _line(case: str, head: str) -> str:
    return next(line for line in case.splitlines() if line.startswith(f"| {head} |"))


def test_b1_the_totp_seed_the_case_accepts_is_the_one_annex_d_gives(zh_markdown, note):
    """ID-MFA-001's step 2 gives the digits and the spellings of D.79 (`provisionTotp`), and D.80's code pattern
    takes every length it allows."""
    paths = _contract()["paths"]
    seed = paths["/1.0/auth/totp"]["post"]["responses"]["201"]["content"]["application/json"]["schema"]["properties"]
    code = paths["/1.0/auth/otp"]["post"]["requestBody"]["content"]["application/json"]["schema"]["properties"]["code"]
    low, high = seed["digits"]["minimum"], seed["digits"]["maximum"]
    assert code["pattern"] == f"^[0-9]{{{low},{high}}}$"
    step = _line(_case(zh_markdown, "ID-MFA-001"), "测试步骤").split("<br>2. ", 1)[1].split("<br>3. ", 1)[0]
    assert f"`digits` 为 {low} 至 {high} 位" in step, step
    named = re.search(r"`algorithm` 为 ([^，；（]*)", step).group(1)
    assert re.findall(r"`([^`]+)`", named) == seed["algorithm"]["enum"], named
    assert "不区分大小写" not in step and "SHA-256" not in step
    limits, basis = _rows(note)["ID-MFA-001"]
    assert limits == f"{low} 至 {high} 位" and f"{low} 至 {high} 位取自 RFC 4226 第 5.3 节" in basis, (limits, basis)


def test_b2_every_pattern_a_condition_sets_is_in_its_table(zh_markdown):
    """The class of b2: a pattern a schema's ``then`` sets on a member (the `sha-256-jcs` digest's 64 lowercase hex
    digits) is worded in the member's row, 「… 为 … 时匹配正则表达式 …」; the discovery row says the encoding."""
    found = 0
    for path in sorted((ROOT / "schemas").rglob("*.json")):
        text = path.read_text(encoding="utf-8")
        if '"then"' not in text:
            continue
        for pattern in _then_patterns(json.loads(text)):
            found += 1
            assert f"时匹配正则表达式 `{pattern}`" in zh_markdown, (path.name, pattern)
    assert found >= 1
    digest = next(line for line in zh_markdown.splitlines() if line.startswith("| `integrity.digest` |"))
    assert "`integrity.algorithm` 为 `sha-256-jcs` 时匹配正则表达式 `^[0-9a-f]{64}$`" in digest
    declared = next(line for line in zh_markdown.splitlines() if line.startswith("| `user_data.integrity` |"))
    assert "64 位小写十六进制数字" in declared


def _then_patterns(node: object):
    if isinstance(node, dict):
        then = node.get("then")
        if isinstance(node.get("if"), dict) and isinstance(then, dict):
            for member in (then.get("properties") or {}).values():
                if isinstance(member, dict) and isinstance(member.get("pattern"), str):
                    yield member["pattern"]
        for value in node.values():
            yield from _then_patterns(value)
    elif isinstance(node, list):
        for value in node:
            yield from _then_patterns(value)


#: the words of the steps calling these operations without their paths (b3), beside the forty-ninth and fiftieth b6's
CALLED_IN_WORDS = {
    **CALLS_ZH,
    "orderAsset": r"对第一个身份的一件资产下单",
    "getAsset": r"以该未成年人身份读取该资产|读取其所持资产",
    "fileMisconductReport": r"提交一次举报",
    "getMisconductReport": r"举报[^。]*能读回",
    "getAssetState": r"读取该资产在平台 B 上的[^。；]*当前持有者",
}


def unlisted_callers(catalog, called_in_words: dict[str, str]) -> tuple[dict[str, list[str]], dict[str, list[str]]]:
    """Table D.3's requirements by operation, and for each operation of ``called_in_words`` the normative cases whose
    Chinese steps call it in those words but which D.3 does not list with it."""
    kept = [req for req in catalog.requirements.values() if normative(req)]
    procedures = load_data(catalog).procedures
    listed, _ = named_operations(catalog, kept, procedures)
    by_id = {op.operation_id: op.requirements for op in listed}
    missing = {}
    for operation, words in called_in_words.items():
        calling = [req.id for req in kept if any(re.search(words, str(step)) for step in
                   ((procedures.get(req.id) or {}).get("steps") or {}).get("zh") or ())]
        missing[operation] = [rid for rid in calling if rid not in by_id.get(operation, ())]
    return by_id, missing


def test_b3_every_case_calling_an_operation_in_words_is_listed_in_d3(catalog):
    """The class of b3 (the forty-ninth and fiftieth readings' b6, widened): a case whose Chinese steps call one of
    these operations in words is listed with it in table D.3 (and 编制说明 三（四）)."""
    by_id, missing = unlisted_callers(catalog, CALLED_IN_WORDS)
    assert missing == {operation: [] for operation in CALLED_IN_WORDS}
    assert {"IF-RISK-004"} <= set(by_id["orderAsset"]) & set(by_id["fileMisconductReport"]) \
        & set(by_id["getMisconductReport"]) & set(by_id["getAsset"])
    assert "IF-CODE-006" in by_id["getAsset"] and "IF-IOP-002" in by_id["getAssetState"]


def test_bx1_a_missing_session_path_is_filed_under_no_rule(zh_markdown, en_markdown):
    """IF-CODE-009 records a discovery document without `sessions.join` as a failure under no rule, as IF-SES-004
    does: no session is there to withhold the blocked user from, so R2 cannot be broken."""
    case = _case(zh_markdown, "IF-CODE-009")
    assert "未声明时记录“不通过”并结束本用例" in _line(case, "测试步骤")
    assert "未声明 `sessions.join`，或 A 收到" in _line(case, "判定准则")
    assert "（规则 R2）并结束" not in case and "`sessions.join`（R2）" not in case
    assert "(rule R2) and stop" not in _case(en_markdown, "IF-CODE-009")


def test_bx2_a_block_waits_for_states_as_long_as_the_sessions_do(zh_markdown, note):
    """IF-CODE-009 waits after the last publication the time IF-SES-001 waits for the same states (its
    `session_settle_ms` default, a fixed number here), and the 三（三） row gives it with its reason."""
    profile = yaml.safe_load((ROOT / "profiles" / "interfaces-sessions.yaml").read_text(encoding="utf-8"))
    settle_ms = next(value["default"] for key, value in _parameters(profile) if key == "session_settle_ms")
    check = (ROOT / "suites" / "interfaces" / "test_blocking.py").read_text(encoding="utf-8")
    assert float(re.search(r"settle_s=([\d.]+)", check).group(1)) * 1000 == settle_ms
    assert f"最后一次发布后经过 {settle_ms // 1000} s（本文件规定的等待时长" in _line(_case(zh_markdown, "IF-CODE-009"),
                                                                                   "测试步骤")
    limits, basis = _rows(note)["IF-CODE-009"]
    assert limits == f"256 KiB，100 ms，{settle_ms // 1000} s，10 次", limits  # 256 KiB: 5.1, since the 69th reading
    assert f"{settle_ms} ms（本文件自定）" in basis and "400 ms 的五倍" in basis, basis


def _parameters(profile: dict):
    for key, value in (profile.get("parameters") or {}).items():
        if isinstance(value, dict) and "default" in value:
            yield key, value
