"""The fifty-fifth reading, part h109-cases55 (docs/drafting.md, "Fifty-fifth reading, part h109-cases55"): cases
sending a verdict to a case that does not give it, and what a case reads that annex D did not define. Thirteen cases
left a profile set not answered 200 to IF-UDP-011, itself inconclusive then (b1); IF-BIO-001 left its withdrawal's
204 to IF-UDP-010, which never withdraws the biometric purpose (b2); annex D said play sessions are found through the
withdrawn `minors.playtime.sessions` while AS-MINOR-003 posts to the fixed `/play-sessions` (b4); the owner listing
was followed to a hidden 50 pages (bx2); DP-DESC-001 and DP-PRICE-001 did not say the offer is read at
`schema:offers` (a2); `habit.derive` was the reference platform's own action name (a4); SC-RENDER-001 to -003 said
nothing of a request past 5.1's time limit (cx1). Each test fails on the draft as it was before (05b2024e)."""

from __future__ import annotations

import re
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[2]


def _case(markdown: str, rid: str) -> str:
    start = re.search(rf"^### \d+\.\d+ {rid} ", markdown, re.M)
    assert start, rid
    return markdown[start.end():markdown.index("\n### ", start.end())]


def _line(case: str, head: str) -> str:
    return next(line for line in case.splitlines() if line.startswith(f"| {head} |"))


def _inconclusive(case: str) -> str:
    return _line(case, "判定准则").split("不确定：", 1)[1]


def _known_bad(area: str, rid: str) -> list[dict]:
    return yaml.safe_load((ROOT / "suites" / area / "known_bad.yaml").read_text(encoding="utf-8"))[rid]


def _rules(area: str, rid: str) -> dict[str, str]:
    data = yaml.safe_load((ROOT / "suites" / area / "requirements.yaml").read_text(encoding="utf-8"))
    (req,) = [r for r in data["requirements"] if r["id"] == rid]
    return {rule["id"]: rule["zh"] for rule in req.get("rules", [])}


def test_b1_the_case_the_profile_set_is_sent_to_judges_it(zh_markdown):
    """Every case leaving a profile set not answered 200 to IF-UDP-011 names a case whose R1 judges that set: its
    step 1 records the set's status under R1, its inconclusive line no longer leaves it, and a platform answering
    every set 201 fails it (a known-bad case)."""
    sent = re.findall(r"^### \d+\.\d+ (\S+) [^\n]*\n(?:(?!^### )[^\n]*\n)*?[^\n]*由 IF‑UDP‑011 判定", zh_markdown, re.M)
    assert len(set(sent)) >= 13, sent
    case = _case(zh_markdown, "IF-UDP-011")
    assert "设置资料，记录状态码（规则 R1）" in _line(case, "测试步骤")
    assert "资料未能设置" not in _inconclusive(case)
    assert "资料设置" in _rules("interfaces", "IF-UDP-011")["R1"]
    assert any(bad.get("role_defects", {}).get("api_b") == ["user-profile-set-201"] and bad["rule"] == "R1"
               for bad in _known_bad("interfaces", "IF-UDP-011"))


def test_b2_the_biometric_withdrawal_is_judged_by_the_case_that_makes_it(zh_markdown):
    """IF-UDP-010 withdraws only a consent purpose whose actions include `profile.set`: IF-BIO-001 judges the
    answer to its own withdrawal (R5) instead of sending it there."""
    case = _case(zh_markdown, "IF-BIO-001")
    assert "IF‑UDP‑010" not in _inconclusive(case) and "IF‑UDP‑010 判定" not in _line(case, "测试步骤")
    assert "记录状态码（规则 R5" in _line(case, "测试步骤")
    assert "204" in _rules("interfaces", "IF-BIO-001")["R5"]
    assert any(bad.get("role_defects", {}).get("api") == ["user-consent-withdrawal-200"] and bad["rule"] == "R5"
               for bad in _known_bad("interfaces", "IF-BIO-001"))


def test_b4_annex_d_finds_play_sessions_where_the_case_posts(zh_markdown):
    """AS-MINOR-003 posts to the fixed `/play-sessions` the IXIT gives: annex D no longer says the operation is
    found through the withdrawn feature's `minors.playtime.sessions`, whose row says where `startPlaySession` is."""
    assert "`POST /play-sessions`" in _line(_case(zh_markdown, "AS-MINOR-003"), "测试步骤")
    contract = (ROOT / "schemas" / "interfaces" / "platform.openapi.yaml").read_text(encoding="utf-8")
    assert "x-discovery: minors.playtime.sessions" not in contract
    assert "经服务发现文档的 `minors.playtime.sessions`" not in zh_markdown
    # the member itself was dropped by the fifty-sixth reading (bx2): nothing names a second place
    assert "| `minors.playtime.sessions` |" not in zh_markdown


def test_bx2_every_owner_listing_read_page_by_page_cites_its_bound(zh_markdown):
    """The owner listing (`GET /assets?owner=`) read 「逐页」 cites 5.1's bound 「跟随的列表页数」, which the check
    follows (before: a hidden 50 pages), and table 1 lists the cases."""
    from conformance.areas.interfaces import pagination, userplatform

    steps = [line for line in zh_markdown.splitlines() if line.startswith("| 测试步骤 |") and "?owner=`，逐页" in line]
    assert len(steps) >= 3
    assert all("逐页，至多跟随 1 000 页（读取界限“跟随的列表页数”" in line for line in steps)
    assert not hasattr(userplatform, "MAX_PAGES") and pagination.MAX_LISTING_PAGES == 1000
    row = next(line for line in zh_markdown.splitlines() if line.startswith("| 跟随的列表页数 |"))
    assert all(rid in row for rid in ("IF‑UDP‑001", "IF‑UDP‑003", "IF‑UDP‑009")), row


def test_a2_the_offer_is_read_where_the_case_says(zh_markdown):
    """The check reads the offer at the dataset's `schema:offers` alone; both cases reading it say so."""
    for rid in ("DP-DESC-001", "DP-PRICE-001"):
        assert "以 `schema:offers` 给出的报价" in _line(_case(zh_markdown, rid), "测试步骤"), rid
    assert "`schema:offers`" in _rules("data", "DP-DESC-001")["R5"]


def test_a4_every_purpose_action_a_case_looks_for_is_defined_in_annex_d(zh_markdown):
    """Each action a case looks for among a purpose's actions (「操作含 `x`」) is named in annex D's row of the
    discovery document's `user_data.purposes.*.actions[]`, or is one of the export's `activity[].action` values that
    row refers to (`habit.derive` was the reference platform's own, named by neither)."""
    import json

    row = next(line for line in zh_markdown.splitlines() if line.startswith("| `user_data.purposes.*.actions[]` |"))
    export = json.loads((ROOT / "schemas" / "interfaces" / "user-data-export.json").read_text(encoding="utf-8"))
    recorded = export["properties"]["activity"]["items"]["properties"]["action"]["enum"]
    looked = set(re.findall(r"操作含 `([a-z.]+)`", zh_markdown))
    assert "habit.derive" in looked and "`activity[].action`" in row
    assert all(f"`{action}`" in row or action in recorded for action in looked), (looked, row)


def test_cx1_every_render_case_says_what_a_request_past_the_time_limit_gives(zh_markdown):
    """5.1 leaves to each case what a request past its time limit gives: each cloud-rendering case says it."""
    for rid in ("SC-RENDER-001", "SC-RENDER-002", "SC-RENDER-003", "SC-RENDER-004"):
        assert "在 5.1 规定的请求时限内未得到应答" in _inconclusive(_case(zh_markdown, rid)), rid


def test_a3_the_handle_value_types_a_case_reads_are_defined_under_their_table(zh_markdown):
    """The value types IR-RES-003 reads and the digest's writing stand under D.5.3's table, from the schema's
    ``x-value-types``; the check reads those names, the reference platform answers them, and the digest it compares
    is what the schema's pattern admits (lower-case hex)."""
    import json

    from conformance.codecs.jcs import sha256_hex

    schema = json.loads((ROOT / "schemas" / "identifiers" / "resolution-result.json").read_text(encoding="utf-8"))
    kinds = {t["type"]: t for t in schema["x-value-types"]["types"]}
    clause = zh_markdown[zh_markdown.index("`identifiers/resolution-result.json` 的成员"):]
    clause = clause[:clause.index("\n#### ")]
    check = (ROOT / "suites" / "identifiers" / "test_resolution.py").read_text(encoding="utf-8")
    reference = (ROOT / "src" / "conformance" / "reference" / "identifiers.py").read_text(encoding="utf-8")
    for name, kind in kinds.items():
        assert f"`{name}`：`values[].data.format` 为 `{kind['format']}`" in clause, name
        assert f'"type": "{name}", "data": {{"format": "{kind["format"]}"' in reference, name
    assert all(f'"{name}"' in check for name in ("DESCRIBES.ID", "DESCRIBES.SHA256"))
    assert "64 位小写十六进制数字" in clause
    assert re.fullmatch(kinds["DESCRIBES.SHA256"]["pattern"], sha256_hex({"a": 1}))
    assert "64 位小写十六进制数字" in _line(_case(zh_markdown, "IR-RES-003"), "测试步骤")
