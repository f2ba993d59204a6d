"""The sixty-second reading of issue 76, part h125-terms (docs/drafting.md, "Sixty-second reading, part h125-terms"):
one name for one party, object or instrument, and each step pointing at the annex item it reads.

a1: annex E's `owners` named the supplier of each target of a pair 参加者, a role clause 3 does not define (its
party is 3.19's 提供者; 3.21's note now says a pair's two platforms may come from two suppliers). b1: DP-DIST-001's
pass line and DP-LABEL-005's step 1 called the object under test 产品. c5: TD-MPLAT-003 called the laboratory's
tracker 光学跟踪器 (跟踪器 is the product's). c6: TD-FACE-005 also called its reference system 参考面部捕捉, the
name of its record, and table 9 gave it that name in brackets. c7: E.14's lead called `optical_tracker` 光学跟踪仪
where its table row and RB-TRACK-002 say 光学动作捕捉系统. bx2: IF-UDP-003 looked for the other user's display name
without any step making it unique to the run, and its expected result spoke of a 标记 no step makes. bx3:
AS-META-002 judged against the ERC schemas of the 参考文献 instead of annex E's `assets/erc-metadata.json`,
IF-SES-001 against a 会话消息模式 annex D does not name. Each test fails on the branch's base (64869e926)."""

from __future__ import annotations

import re

from conformance.drafting.writer import load_data
from tests.drafting.test_reading_fiftyfifth_cases55 import _case, _line

_HAN = "\u4e00-\u9fff"
#: roles inside the formats annexes D and E define (a DID's controller, a credential's issuer, an asset's holder,
#: an API's caller, a user's followers, a viewer or listener of content), not parties of a test
_FORMAT_ROLES = {"调用者", "持有者", "控制者", "观看者", "听者", "签发者", "注视者", "创作者", "关注者"}
#: words ending on 者 that name no role (「年满 14 周岁者」, 「给出者」 = the one given, 「二者」 = both)
_NOT_ROLES = {"周岁者", "给出者", "所注者", "二者", "所载者", "目标者"}


def _annexes_d_e(markdown: str) -> str:
    return markdown[markdown.index("\n## 附录 D"):markdown.index("\n## 参考文献")]


def _cases(markdown: str) -> dict[str, str]:
    """Every test case of clauses 7 to 14, by requirement ID."""
    found = {}
    for m in re.finditer(r"^### (?:[7-9]|1[0-4])\.\d+ ([A-Z]+-[A-Z0-9]+-\d+) ", markdown, re.M):
        found[m.group(1)] = _case(markdown, m.group(1))
    return found


def _row(markdown: str, member: str) -> str:
    return next(line for line in markdown.splitlines() if line.startswith(f"| `{member}` |"))


def test_a1_annex_d_and_e_rows_name_no_role_clause_3_does_not_define(catalog, zh_markdown, en_markdown):
    terms = {term["zh"] for term in load_data(catalog).terms}
    assert {"提供者", "参与者", "受试者"} <= terms
    rows = "\n".join(line for line in _annexes_d_e(zh_markdown).splitlines() if line.startswith("|"))
    assert "参加者" not in rows
    unknown = set()
    for m in re.finditer(rf"[{_HAN}]{{2}}者", rows):
        word = m.group(0)
        if not ({word, word[1:]} & (terms | _FORMAT_ROLES | _NOT_ROLES)):
            unknown.add(word)
    assert not unknown, unknown
    assert "各被测目标的提供者" in _row(zh_markdown, "owners") and "提供者" in _row(zh_markdown, "owners.*")
    assert "supplier" in _row(en_markdown, "owners") and "participant" not in _row(en_markdown, "owners")
    # clause 3 sets the name aside (the draft-wide test of avoided names reads it) and says who supplies a pair
    supplier = next(t for t in load_data(catalog).terms if t["zh"] == "提供者")
    assert "参加者" in supplier.get("avoided", {}).get("zh", ())
    pair = zh_markdown[zh_markdown.index("平台对  pair of platforms"):]
    assert pair[:pair.index("### 3.")].count("两个提供者分别提供") == 1


def test_b1_no_case_calls_the_object_under_test_a_bare_product(zh_markdown):
    cases = _cases(zh_markdown)
    assert len(cases) > 300
    bare = re.compile(r"(?<!数据)(?<!数字)(?<!被测)产品")
    found = []
    for rid, case in cases.items():
        for m in bare.finditer(case):
            near = case[max(0, m.start() - 12):m.end() + 8]
            if "设备、产品与资产标识" in near or rid.startswith("SC-BIM-"):  # a profile's title; IFC's IfcProduct
                continue
            if rid == "DP-QUAL-001" and "生成该产品的标注活动" in near:  # the labelled data product of its statement
                continue
            found.append((rid, near))
    assert not found, found
    assert "下载 URL 指向被测对象所导出文件的每个分发" in _line(cases["DP-DIST-001"], "判定准则")
    assert "其目标所指向的、被测对象所提供的文本文件" in _line(cases["DP-LABEL-005"], "测试步骤")


def test_c5_c7_an_instrument_kind_has_one_name(zh_markdown):
    """The laboratory's trackers are 跟踪仪 (跟踪器 is the product's), and the kinds annex E enumerates for the
    robot tracker's `measured_by.kind` are named as its row names them in its lead and in every case naming them."""
    assert not re.search(r"(?:光学|激光)(?:或激光)?跟踪器", zh_markdown)
    row = next(line for line in zh_markdown.splitlines()
               if re.match(r"\| `(?:〔\d〕\.)?measured_by\.kind` \|", line) and "连杆" in line)
    assert "`optical_tracker`" in row
    kinds = ("光学动作捕捉系统", "激光跟踪仪")
    assert all(k in row for k in kinds)
    annex_e = zh_markdown[zh_markdown.index("\n## 附录 E"):zh_markdown.index("\n## 参考文献")]
    lead = next(line for line in annex_e.splitlines() if "首行声明仪器（`measured_by`" in line)
    assert "其种类为光学动作捕捉系统或激光跟踪仪" in lead
    cases = _cases(zh_markdown)
    naming = {rid: case for rid, case in cases.items() if "外部跟踪仪" in case}
    assert "RB-TRACK-002" in naming
    for rid, case in naming.items():
        assert "光学跟踪仪" not in case, rid
        for said in re.findall(r"外部跟踪仪（([^）]*光学[^）]*)）", case):
            assert all(k in said for k in kinds), (rid, said)
    assert "惯性测量单元或光学跟踪仪" in _line(cases["TD-MPLAT-003"], "前置条件")


def test_c6_the_reference_system_is_the_instrument_its_capture_the_record(zh_markdown, en_markdown, note_md):
    """The reference system is the instrument, 参考面部捕捉 only its record (the face area's name for it, fifty-ninth
    reading): over the whole draft and its 编制说明, no 参考面部捕捉 stands where an instrument is meant (beside which
    the subject acts, whose frame rate is set, listed among the apparatus, or named in brackets after one)."""
    instrument = re.compile(r"于参考面部捕捉旁|参考面部捕捉(?:的帧率|的视野|及其校准|的标记点|解算)"
                            r"|（参考面部捕捉）|；参考面部捕捉；"
                            r"|beside a reference facial capture of the face|reference facial capture's frame rate")
    for text in (zh_markdown, en_markdown, note_md):
        assert not instrument.search(text), instrument.findall(text)
    case = _case(zh_markdown, "TD-FACE-005")
    assert "在受试者于参考系统的视野内" in case and "R4：每个名称正确的表情应在其于参考面部捕捉上开始之后" in case
    assert "面部标记点捕捉系统；" in zh_markdown
    assert "参考系统的帧率下限 60 Hz" in note_md
    equipment = next(line for line in note_md.splitlines() if "面部标记点捕捉系统；记录提示时刻的计时" in line)
    assert "参考面部捕捉" not in equipment


def test_bx2_the_other_users_display_name_is_unique_to_the_run(zh_markdown, en_markdown):
    first = _line(_case(zh_markdown, "IF-UDP-001"), "测试步骤")
    assert "显示名称（`display_name`）取本次运行特有、两个身份互不相同的值" in first
    assert "不取附录 D 请求示例中的值" in first
    third = _case(zh_markdown, "IF-UDP-003")
    assert "标记" not in _line(third, "预期结果")
    assert "导出中没有另一用户的 DID、显示名称或资产标识" in _line(third, "预期结果")
    assert "本次运行特有的值" in _line(third, "测试步骤")
    assert "a value unique to the run" in _line(_case(en_markdown, "IF-UDP-001"), "Test procedure")


def test_bx3_steps_point_at_the_normative_annex_item(zh_markdown):
    meta = _case(zh_markdown, "AS-META-002")
    number = re.search(r"### (E\.\d+) 通证元数据（`assets/erc-metadata.json`）", zh_markdown).group(1)
    for head in ("测试步骤", "预期结果", "判定准则"):
        line = _line(meta, head)
        assert f"{number} 的通证元数据模式（`assets/erc-metadata.json`" in line, head
        assert "规范给出的元数据 JSON 模式" not in line and "ERC-721 或 ERC-1155 的模式" not in line, head
    session = _case(zh_markdown, "IF-SES-001")
    assert "会话消息模式" not in session
    table = re.search(r"表 (D\.\d+)　`interfaces/session-message.json` 的成员", zh_markdown).group(1)
    assert f"`interfaces/session-message.json`，其成员见表 {table}" in _line(session, "测试步骤")
    for head in ("测试目的", "预期结果", "判定准则"):
        assert "接口契约的 `session-message` 模式" in _line(session, head), head
