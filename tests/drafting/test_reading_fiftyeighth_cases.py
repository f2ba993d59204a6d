"""The fifty-eighth reading, part h114-cases (docs/drafting.md, "Fifty-eighth reading, part h114-cases"): what the
cases read that annex D did not give, and cases saying less than their check. The robustness and authorisation cases
built bodies from contract examples annex D did not print (b1); IF-RATE-001 read a 429 and its `Retry-After` the
discovery operation did not list (b2); TD-RUN-001 judged support members and structure types D.5.95 did not define
(c1); the runtime interface's row left the view functions, `xrWaitFrame` and `xrLocateSpace` off the session
connection TD-RUN-007 sends them on (cx2); AS-AIGC-014 did not say where in the MP4 it reads the implicit label (bx1);
SC-TILE-002 demanded exact containment where the check allows a tolerance (cx1); E.6 let an unsigned record pass for
a laboratory's signed record without saying what it is (ax1). Each test fails on the draft as it was before
(b894c882)."""

from __future__ import annotations

import json
import re

import orjson
import yaml

from conformance._catalog.contractops import example_body
from conformance.areas.scenes import volumes
from conformance.areas.terminal.runtime import EXTENSIONS
from conformance.certification import labrecords
from tests.drafting.test_reading_fiftyfifth_cases55 import ROOT, _case, _line


def _annex(markdown: str, letter: str) -> str:
    start = markdown.index(f"\n## 附录 {letter}")
    return markdown[start:markdown.index("\n## ", start + 1)]


def _contract(path: str) -> dict:
    return yaml.safe_load((ROOT / "schemas" / path).read_text(encoding="utf-8"))


def _operations(contract: dict):
    for item in contract["paths"].values():
        for method, op in item.items():
            if isinstance(op, dict) and "operationId" in op:
                yield method, op


def _row(annex: str, first_cell: str) -> str:
    return next(line for line in annex.splitlines() if line.startswith(f"| {first_cell} |"))


def test_b1_every_contract_request_example_is_printed_in_annex_d(zh_markdown):
    """Every operation whose JSON request body the contract gives an example of (the set IF-ROB-001 probes) has that
    example, the very JSON, in annex D's table of the operations' provisions, with the members each run fills."""
    annex = _annex(zh_markdown, "D")
    assert "“请求体示例”" in annex
    examples = [(op, media) for _, op in _operations(_contract("interfaces/platform.openapi.yaml"))
                if (media := example_body(op)) is not None]
    assert len(examples) > 20
    listed = [(op, media) for op, media in examples if f"`{op['operationId']}`：" in annex]
    # two operations only annex C's candidates name (appealRemoval, messageAiAgent) are not in table D.3 (left)
    assert len(listed) >= len(examples) - 2
    for op, media in listed:
        row = _row(annex, f"`{op['operationId']}`")
        shown = re.search(r"请求体示例：`(.*?)`(?:<br>|\s\|)", row)
        assert shown, op["operationId"]
        assert json.loads(shown.group(1)) == media["example"], op["operationId"]
        for pointer in media.get("x-fill", {}):
            assert f"`{pointer}`" in row.split("以每次测试的取值替换的成员：", 1)[1], (op["operationId"], pointer)


def test_b1_the_cases_building_bodies_from_examples_cite_the_printed_table(zh_markdown):
    for rid in ("IF-AUTH-001", "IF-AUTH-002", "IF-AUTH-003", "IF-ROB-001", "IF-ROB-002"):
        steps = _line(_case(zh_markdown, rid), "测试步骤")
        assert "契约示例" not in steps and "接口契约中的请求体示例" not in steps, rid
        assert "表 D.5" in steps and "请求体示例" in steps, rid
    assert "没有示例的操作为空对象 `{}`" in _line(_case(zh_markdown, "IF-AUTH-001"), "测试步骤")


def test_b2_every_response_header_of_a_contract_is_in_its_operation_row(zh_markdown):
    """The discovery operation lists the 429 IF-RATE-001 provokes, with its `Retry-After`; every header field a
    contract gives a response of (a created asset's `Location` too) stands in that operation's row."""
    annex = _annex(zh_markdown, "D")
    contract = _contract("interfaces/platform.openapi.yaml")
    discovery = next(line for line in annex.splitlines() if line.startswith("| `GET /.well-known/metaverse-interop` |"))
    assert "状态码：200、429" in discovery and "429 响应头 `Retry-After`：" in discovery
    assert "HTTP 日期" in discovery.split("`Retry-After`", 1)[1]
    headed = 0
    for method, op in _operations(contract):
        for code, response in op.get("responses", {}).items():
            for name in (response.get("headers") or {}) if isinstance(response, dict) else ():
                row = next(line for line in annex.splitlines() if f"| `{op['operationId']}`：" in line)
                assert f"{code} 响应头 `{name}`：" in row, (op["operationId"], code, name)
                headed += 1
    assert headed >= 3


def test_c1_every_structure_type_and_member_a_runtime_case_judges_is_in_annex_d(zh_markdown):
    """Each offer's system properties structure, its `type` value and its support member, as the check reads them,
    are named together in TD-RUN-001's step 5 and in table D.7's `xrGetSystemProperties` result; D.5.95 defines the
    members. Every `XR_TYPE_…` value and `supports…` member the runtime cases name is in annex D."""
    annex = _annex(zh_markdown, "D")
    step = _line(_case(zh_markdown, "TD-RUN-001"), "测试步骤").split("<br>5. ", 1)[1].split("<br>", 1)[0]
    result = _row(annex, "`xrGetSystemProperties`")
    members = annex[annex.index("`terminal/runtime-message.json#/$defs/systemProperties` 的成员"):]
    for offer, (extension, structure, member) in EXTENSIONS.items():
        assert f"`{offer}` 为 `type` 取 `{structure}` 的结构（`{extension}` 的 " in step, offer
        assert f"`{member}`" in step.split(structure, 1)[1].split("，`", 1)[0] + step.split(structure, 1)[1], offer
        assert f"`{extension}` 的 " in result and f"`type` 为 `{structure}`，支持成员为 `{member}`" in result, offer
        assert f"| `next[].{member}` | `boolean` |" in members, member
    cases = zh_markdown[zh_markdown.index("TD-RUN-001"):zh_markdown.index("\n## 附录")]
    runtime = "\n".join(line for line in cases.splitlines() if "TD‑RUN" in line or "TD-RUN" in line or "XR_" in line)
    for name in set(re.findall(r"`(XR_TYPE_[A-Z0-9_]+|supports[A-Za-z]+)`", runtime)):
        assert f"`{name}`" in annex, name
    assert "`XR_TYPE_EYE_GAZE_SAMPLE_TIME_EXT`" in _row(annex, "`xrLocateSpace`")


def test_cx2_the_session_connection_carries_every_function_td_run_007_sends(zh_markdown):
    """Every OpenXR function TD-RUN-007's steps send stands in the runtime interface row's list of what the second
    connection carries, and among the contract's `x-messages`."""
    annex = _annex(zh_markdown, "D")
    row = _row(annex, "`GET /xr/runtime`")
    second = row.split("在另一条单独的 WebSocket 连接中承载：", 1)[1]
    steps = _line(_case(zh_markdown, "TD-RUN-007"), "测试步骤")
    sent = set(re.findall(r"`(xr[A-Z][A-Za-z0-9]+)`", steps))
    assert {"xrEnumerateViewConfigurations", "xrEnumerateViewConfigurationViews", "xrLocateViews", "xrWaitFrame",
            "xrLocateSpace"} <= sent
    carried = set(_contract("terminal/runtime.openapi.yaml")["paths"]["/xr/runtime"]["get"]["x-messages"])
    for name in sent:
        assert f"`{name}`" in second, name
        assert name in carried, name


def test_bx1_the_video_case_says_where_in_the_mp4_the_label_is_read(zh_markdown):
    """AS-AIGC-014 names the MP4 places the check reads (media.py: the `----:com.apple.iTunes:AIGC` item, the XMP
    box) as AS-AIGC-015 does for MP4 audio, each with its layout's reference."""
    video = _line(_case(zh_markdown, "AS-AIGC-014"), "测试步骤").split("<br>5. ", 1)[1].split("<br>", 1)[0]
    audio = _line(_case(zh_markdown, "AS-AIGC-015"), "测试步骤")
    place = ("`moov/udta/meta/ilst` 的自由格式条目（`----`，`mean` 为 `com.apple.iTunes`，`name` 为 `AIGC`），或其 XMP 盒所载 "
             "XMP 包（ISO 16684-1:2019）中 `http://www.tc260.org.cn/ns/AIGC/1.0/` 命名空间的属性 `AIGC`")
    assert place in video and place in audio
    assert re.search(r"QuickTime`? 文件格式规范（见参考文献\[\d+\]）", video)
    assert re.search(r"XMP 盒的位置依 XMP 规范第 3 部分（见参考文献\[\d+\]）", video)
    assert "（XMP 盒或自由格式条目）" not in video


def test_cx1_the_containment_case_states_the_tolerance_the_check_allows(zh_markdown, note_md):
    """SC-TILE-002's step 3 states the check's tolerance (volumes.TOLERANCE and the absolute and angular terms) and
    三（三） quotes the notes' reason for every number of it."""
    assert volumes.TOLERANCE == 1e-6
    step = _line(_case(zh_markdown, "SC-TILE-002"), "测试步骤").split("<br>3. ", 1)[1].split("<br>", 1)[0]
    for said in ("半轴长（外层为球体时为其半径）的 10⁻⁶ 倍", "中心坐标最大绝对值（不足 1 m 时取 1 m）的 10⁻¹² 倍",
                 "不超过 10⁻⁹ rad", "高度范围（不足 1 m 时取 1 m）的 10⁻⁶ 倍"):
        assert said in step, said
    row = next(line for line in note_md.splitlines() if re.match(r"\| SC.TILE.002 \|", line))
    assert "10⁻⁶" in row and "10⁻¹²" in row and "10⁻⁹ rad" in row and "本文件自定" in row
    assert "附注未写明" not in row and "精确比较" not in row


def test_ax1_e6_says_an_unsigned_record_is_not_a_signed_one_and_the_code_agrees(zh_markdown, tmp_path, catalog):
    """E.6 admits a record without `proof` and `issuer` (the draft the laboratory signs) and says such a record is not
    a laboratory's signed record; reading one, the run names it unsigned and cannot certify."""
    annex = _annex(zh_markdown, "E")
    start = re.search(r"^### E\.\d+ 实验室签名记录", annex, re.M)
    assert start
    lead = annex[start.end():annex.index("\n表 E.", start.end())]
    assert "没有 `proof`，或其证明不能以 `issuer` 所指的密钥验证的记录，不是实验室签名记录" in lead
    schema = json.loads((ROOT / "schemas" / "certification" / "laboratory-record.json").read_text(encoding="utf-8"))
    assert "proof" not in schema["required"]  # the draft `conformance lab sign` reads has none
    from tests.certification.test_labrecords import HAPTIC, capture, good

    path = tmp_path / "rec.json"
    path.write_bytes(orjson.dumps(good()))
    read = labrecords.read(path, catalog)
    assert read.signer is None and str(read.problem).startswith("unsigned")
    assert labrecords.assess([read], [capture(HAPTIC)], ["TD-HAPT-003"]).member()["certifiable"] is False
