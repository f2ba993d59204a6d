"""The forty-first reading of issue 76, part h94-fmt (docs/drafting.md, "Forty-first reading, part h94-fmt"): every
format a test case reads defined in a normative annex (K6). The robots' records (rows c1-c3) were defined only by a
tool's output in table A.79 (the joint-state record), by a message name (the controller state, whose members differ
between releases) or nowhere (the tracker capture): annex E now renders the schemas the robot checks validate with,
and the cases and the IXIT rows cite them. Each test fails on the sources as they were before this part."""

from __future__ import annotations

import ast
import re

from conformance.areas.robots import jointstates, tracker, tracking
from conformance.drafting.writer import Block
from tests.drafting.blocks import between, section, text_of
from tests.drafting.test_spec_sixteenth_reading import _cases, _row
from tests.paths import ROOT

BASE = "https://metaverse-conformance.org/schemas/"


def _annex_e_formats(blocks: list[Block]) -> dict[str, str]:
    """Annex E's format clauses: the schema each heading names -> the clause's number."""
    found = {}
    for block in between(blocks, "annex-formats", "bibliography"):
        if block.kind == "heading" and (m := re.match(r"(E\.\d+) .*`([^`]+)`", block.text)):
            found[m.group(2)] = m.group(1)
    return found


def _schemas_named_by(package: str) -> set[str]:
    """The schemas of this catalog an area's modules validate with (their module-level ``*SCHEMA`` constants)."""
    named = set()
    for path in (ROOT / "src/conformance/areas" / package).glob("*.py"):
        for node in ast.parse(path.read_text(encoding="utf-8")).body:
            if (isinstance(node, ast.Assign) and isinstance(node.value, ast.Constant)
                    and any(isinstance(t, ast.Name) and t.id.endswith("SCHEMA") for t in node.targets)
                    and str(node.value.value).startswith(BASE)):
                named.add(str(node.value.value).removeprefix(BASE))
    return named


def test_every_schema_the_robot_checks_validate_with_is_a_format_of_annex_e(zh, en):
    """Rows c1-c3: the records RB-JOINT and RB-TRACK read are the formats of annex E, rendered from the very schemas
    the checks validate with (the tracker capture had no schema: its frames were read by hand)."""
    named = _schemas_named_by("robots")
    assert named == {"robots/joint-state.json", "robots/controller-state.json", "robots/tracker-capture.json"}
    assert {jointstates.SCHEMA, tracking.SCHEMA, tracker.SCHEMA} == {BASE + n for n in named}
    for blocks in (zh, en):
        assert named <= set(_annex_e_formats(blocks)), sorted(_annex_e_formats(blocks))


def test_the_robot_cases_and_their_ixit_rows_cite_the_formats_they_read(zh_markdown, zh):
    clause = _annex_e_formats(zh)
    joint, controller, capture = (clause[f"robots/{n}.json"] for n in ("joint-state", "controller-state",
                                                                        "tracker-capture"))
    cases = _cases(zh_markdown)
    for case in ("RB-JOINT-001", "RB-JOINT-002", "RB-JOINT-003"):
        assert f"关节状态记录：{joint}" in _row(cases[case], "前置条件"), case
    # 关节轨迹控制器状态记录: E.13's one name since part h94-terms (forty-second reading, c2)
    assert f"关节轨迹控制器状态记录：{controller}" in _row(cases["RB-TRACK-001"], "前置条件")
    # 跟踪记录: part front's name of the tracker's file, annex E's too since h94-post
    assert f"关节轨迹控制器状态记录：{controller}；跟踪记录：{capture}" in _row(cases["RB-TRACK-002"], "前置条件")
    ixit = section(zh_markdown, 3, r"A\.\d+ 服务机器人与仿生机器人：描述与关节数据")
    for role, cited in (("joint_states", joint), ("controller_states", controller), ("tracker_captures", capture)):
        row = next(line for line in ixit.splitlines() if line.startswith(f"| 被测目标 `{role}`"))
        assert "格式见附录 E（" in row and f"：{cited}）" in row, row


def test_no_ixit_row_defines_a_format_by_a_tools_output(zh_markdown):
    """Row c1: 「与 `rosbridge` 或 `ros2 topic echo --json` 的输出相同」 was the joint-state record's only definition."""
    annex_a = section(zh_markdown, 2, "附录 A")
    assert not re.findall(r"与 [^，。|]*的输出相同", annex_a)


def test_the_controller_state_format_says_which_member_pair_is_read(zh):
    """Row c2: `reference`/`feedback` (the message's current names) first, `desired`/`actual` (earlier releases)."""
    text = text_of(between(zh, "annex-formats", "bibliography"))
    assert "两对成员都带有的消息按 `reference` 与 `feedback` 读取" in text
    assert "按 `desired` 与 `actual`" in text


def test_the_tracker_capture_declares_its_instrument_as_annex_e_does(catalog):
    """Row c3: the capture's `measured_by` takes annex E's kinds and its uncertainty entries, so a capture and a
    `motion_platform` stream declare an optical or a laser tracker alike; a frame breaking the schema fails R1."""
    schemas = catalog.schemas
    good = {"measured_by": {"kind": "optical_tracker", "model": "m", "calibration": "2026-01",
                            "uncertainty": [{"value": 0.002, "unit": "rad", "k": 2}]}}
    assert schemas.findings(good, tracker.DECLARATION) == []
    assert schemas.findings({"measured_by": {**good["measured_by"], "kind": "motion-capture"}}, tracker.DECLARATION)
    stream = schemas.registry.resolver().lookup(BASE + "terminal/capture-header.json").contents
    kinds = set(stream["$defs"]["stream"]["properties"]["measured_by"]["properties"]["kind"]["enum"])
    capture = schemas.registry.resolver().lookup(tracker.SCHEMA).contents
    assert set(capture["$defs"]["instrument"]["properties"]["kind"]["enum"]) <= kinds
    body = (b'{"measured_by": {"kind": "laser_tracker", "model": "m", "calibration": "c", "uncertainty": '
            b'[{"value": 0.001, "unit": "rad", "k": 2}]}}\n'
            b'{"header": {"stamp": {"sec": 1, "nanosec": 0}}, "name": ["a"], "position": "0.1"}\n')
    found, read = tracker.read(jointstates.parse(body), schemas.findings)
    assert read.uncertainty and [f.rule for f in found] == ["R1"] and found[0].pointer == "/position"


# annex D: the contract's parts the cases read (rows b13-b16, b19, b20) ------------------------------------------

def _annex_d(zh_markdown: str) -> str:
    return section(zh_markdown, 2, "附录 D")


def test_the_harassment_marker_in_session_chat_is_defined_where_the_marker_is(zh_markdown):
    """Row b13: D.3 defined the marker only in `POST /assets` bodies, category `illegal`; IF-CODE-010 plants it in
    a published chat, category `harassment`."""
    annex = _annex_d(zh_markdown)
    line = next(t for t in annex.splitlines() if t.startswith("违规测试内容（IF-CODE-010）"))
    assert "`session.publish`" in line and "`params.chat.text`" in line and "`harassment`" in line
    assert "测试部署应将其视为" in line


def test_the_audio_prompt_may_sit_where_the_case_looks_for_it(zh_markdown):
    """Row b14: 「起始或末尾」 in D.3 against the case's (and GB 45438's) 「起始、末尾或中间」."""
    row = next(t for t in _annex_d(zh_markdown).splitlines() if t.startswith("| `GET /generate/prompt`"))
    assert "起始、末尾或中间" in row


def test_did_resolution_lists_the_status_codes_its_cases_judge(zh_markdown):
    """Row b15: resolveDid gave 「状态码：200、410」, its cases judge 400, 404, 406 and 501 too."""
    row = next(t for t in _annex_d(zh_markdown).splitlines() if t.startswith("| `GET /1.0/identifiers/{did}`"))
    assert "状态码：200、400、404、406、410、501" in row


def test_the_signed_registrar_requests_define_their_signature(zh_markdown):
    """Row b16: `secret` was an unconstrained object, `signingResponse` only 「成员不少于 1 个」."""
    annex = _annex_d(zh_markdown)
    for member in ("create", "update", "import"):
        assert f"| `secret.signingResponse.{member}.alg` | `string` | 是 | 取值之一：`EdDSA`、`ES256` |" in annex
    said = next(t for t in annex.splitlines() if t.startswith("经签名的注册请求"))
    assert "RFC 8785" in said and "base64url" in said and "`kid`" in said


def test_every_manifest_member_a_case_reads_is_in_its_profiles_ixit(zh_markdown):
    """Row b19: DP-DESC-001 reads the manifest's `jsonld_contexts`, which table A.33 did not define. Since the
    sixtieth reading (h120-iface b4) ID-VC-001 and ID-VC-003 read it too, so the credentials profile defines it as
    well: once in each profile whose cases read it, and in no other."""
    annex_a = section(zh_markdown, 2, "附录 A")
    row = "| 声明文件成员 `jsonld_contexts` |"
    readers = (r"A\.\d+ 交易的数据产品与标注数据产品", r"A\.\d+ 可验证凭证")
    for heading in readers:
        assert section(zh_markdown, 3, heading).count(row) == 1, heading
    assert annex_a.count(row) == len(readers)


def test_the_request_id_header_is_defined_in_annex_d(zh_markdown):
    """Row b20: IF-REQ-001's `X-Request-ID` (its syntax and the echo rule) was in no normative annex."""
    said = next(t for t in _annex_d(zh_markdown).splitlines() if t.startswith("头字段 `X-Request-ID`"))
    assert "原样返回" in said and "包括错误响应" in said and "RFC 9110" in said


# ID-VC-006 / ID-VC-007: one `_sd_alg` list (row bx1) ----------------------------------------------------------

def _sd_jwt(alg: str, tampered: bool = False) -> tuple[str, object]:
    import base64
    import hashlib
    import json

    from cryptography.hazmat.primitives.asymmetric import ed25519

    from conformance.codecs.keys import b64url, sign

    key = ed25519.Ed25519PrivateKey.generate()
    disclosure = b64url(json.dumps(["salt", "given_name", "Ada"]).encode())
    hashed = base64.urlsafe_b64encode(hashlib.new(alg.replace("-", "_").replace("sha_", "sha"),
                                                  disclosure.encode()).digest()).rstrip(b"=").decode()
    header = b64url(json.dumps({"alg": "EdDSA", "kid": "did:example:1#k", "typ": "vc+sd-jwt"}).encode())
    payload = b64url(json.dumps({"_sd": [hashed], "_sd_alg": alg}).encode())
    signed = f"{header}.{payload}"
    jws = f"{signed}.{b64url(sign(key, signed.encode()))}"
    sent = b64url(json.dumps(["salt", "given_name", "Eve"]).encode()) if tampered else disclosure
    return f"{jws}~{sent}~", key.public_key()


def test_id_vc_007_verifies_every_sd_alg_id_vc_006_computes():
    """Row bx1: an SD-JWT with `sha3-256` was checked by ID-VC-006 and 不确定 in ID-VC-007."""
    from conformance.areas.identity import jose, proofs, vcjwt

    assert jose.SD_ALGS is vcjwt.SD_ALGS
    for alg in ("sha-256", "sha3-256", "sha3-512"):
        token, public = _sd_jwt(alg)
        assert jose.verify_sd_jwt(token, lambda kid: public)[0] == proofs.VERIFIED, alg
        token, public = _sd_jwt(alg, tampered=True)
        assert jose.verify_sd_jwt(token, lambda kid: public)[0] == proofs.FAILED, alg
