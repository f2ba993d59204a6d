"""The leftovers of the thirty-eighth reading of issue 76, part aAS (docs/drafting.md, "Leftovers of the
thirty-eighth reading, part aAS"): annex D's table lists under an operation only the cases that call it (row a14:
AS-REG-001 was listed under `GET /assets/{asset_id}` because its version history says the check no longer requests
it). Each test fails on the draft or the harness as they were before these fixes."""

from __future__ import annotations

from conformance import Catalog
from conformance.drafting.contracts import named_operations
from conformance.drafting.writer import load_data


def _callers(catalog: Catalog, method: str, path: str) -> list[str]:
    used, _ = named_operations(catalog, list(catalog.requirements.values()), load_data(catalog).procedures)
    return next(op.requirements for op in used if (op.method, op.path) == (method, path))


def test_annex_d_does_not_list_a_case_under_an_operation_it_no_longer_calls(catalog):
    """Row a14: AS-REG-001's 1.3.0 note says the check no longer requests `GET /assets/{asset_id}`."""
    callers = _callers(catalog, "GET", "/assets/{asset_id}")
    assert "AS-REG-001" not in callers and "AS-REG-007" in callers


def test_a_set_up_call_the_history_names_stays_listed(catalog):
    """Row a14's fix keeps what a version note says a set-up does (IF-UDP-009 sets the profile)."""
    assert "IF-UDP-009" in _callers(catalog, "PUT", "/users/{did}/profile")
    assert "ID-PORT-004" in _callers(catalog, "POST", "/1.0/update")


def _case(catalog: Catalog, req_id: str) -> dict:
    return load_data(catalog).procedures[req_id]


def _line(case: dict, lang: str, label: str) -> str:
    return next(line for line in case["criteria"][lang] if line.startswith(label))


def test_the_gltf_cases_state_the_validators_bounds_and_leave_them_undecided(catalog):
    """Row a1: a resource outside the folder is declined (inconclusive), not failed; the validator's own 16 MiB
    bound and its heap were stated nowhere. Since part equip (forty-first reading) step 2 states the bound as 5.1's
    reading bound and no case names the equipment's memory (a fault of the equipment is 未执行)."""
    case = _case(catalog, "AS-GLTF-001")
    assert "大于 16 MiB 的文件" in case["steps"]["zh"][1] and "读取界限“glTF 校验的文件大小”，见 5.1" in case["steps"]["zh"][1]
    assert "larger than 16 MiB" in case["steps"]["en"][1] and 'reading bound "glTF file size validated"' in case["steps"]["en"][1]
    assert "MiB 的堆内存" not in case["steps"]["zh"][1]
    assert "目录以外" not in _line(case, "zh", "不通过") and "outside" not in _line(case, "en", "Fail")
    for req_id in ("AS-GLTF-001", "AS-GLTF-002"):
        case = _case(catalog, req_id)
        assert "外部资源在该文件所在目录以外" in _line(case, "zh", "不确定")
        assert "larger than 16 MiB" in _line(case, "en", "Inconclusive")


def test_a_file_the_validator_cannot_read_is_one_state_in_both_gltf_cases(catalog):
    """Row a2: 「文件无法读取，致使无法检查」 stood beside a finding (AS-GLTF-001) and a pass on nothing (AS-GLTF-002)."""
    for req_id in ("AS-GLTF-001", "AS-GLTF-002"):
        case = _case(catalog, req_id)
        zh, en = _line(case, "zh", "不确定"), _line(case, "en", "Inconclusive")
        assert "致使无法检查" not in zh and "so no check can be made" not in en
        # AS-GLTF-001 judges it (a finding, as the Khronos project's recorded reports), AS-GLTF-002 leaves it unjudged
        # (since part equip the file is one that cannot be parsed as glTF 2.0, no error of the equipment)
        if req_id == "AS-GLTF-002":
            assert "无法按 glTF 2.0 解析（由 AS-GLTF-001 判定）" in zh and "AS-GLTF-001 judges it" in en
        else:
            assert "无法按 glTF 2.0 解析" in _line(case, "zh", "不通过") and "cannot be parsed as glTF 2.0" in _line(
                case, "en", "Fail")


def test_the_text_label_says_how_its_distance_and_edges_are_counted(catalog):
    """Row a3: 「相距不超过 24 个字符」 left the count open (the check takes the generation element wholly within the
    24 characters beside the AI element) and the white space `placement` leaves out was not said."""
    req = catalog.requirements["AS-AIGC-012"]
    case = _case(catalog, "AS-AIGC-012")
    for text in (req.statement.zh, req.rules[0].zh, case["steps"]["zh"][1], case["expected"]["zh"]):
        assert "相距不超过" not in text and "整体落在人工智能要素之前或之后紧邻的 24 个字符之内" in text
    for text in (req.statement.en, req.rules[0].en, case["steps"]["en"][1], case["expected"]["en"]):
        assert "of each other" not in text and "wholly within the 24 characters just before or just after" in text
    for text in (req.statement.zh, req.rules[1].zh, case["steps"]["zh"][2], case["expected"]["zh"]):
        assert "空白字符不计" in text
    for text in (req.statement.en, req.rules[1].en, case["steps"]["en"][2], case["expected"]["en"]):
        assert "white space at the text's start or end" in text


def test_the_vrm_case_finds_avatars_as_its_check_does_and_states_the_extension_rule(catalog):
    """Row a4: step 2 found glTF avatars by `extensionsUsed` (the check reads `extensions`), and a `.vrm` file with
    neither extension failed under no rule."""
    req = catalog.requirements["AS-VRM-001"]
    case = _case(catalog, "AS-VRM-001")
    assert "`extensions` 含 `VRMC_vrm` 或 `VRM` 成员" in case["steps"]["zh"][1]
    assert "whose `extensions` holds a `VRMC_vrm` or `VRM` member" in case["steps"]["en"][1]
    assert "extensionsUsed" not in case["steps"]["zh"][1] + case["steps"]["en"][1]
    assert "VRMC_vrm（1.0）或 `VRM`（0.x）扩展" in req.rules[0].zh and "VRMC_vrm (1.0) or the `VRM` (0.x)" in req.rules[0].en
    assert "两种扩展皆无的 `.vrm` 文件即违反 R1" in _line(case, "zh", "不通过")
    assert "a `.vrm` file with neither extension" in _line(case, "en", "Fail")


def test_the_rendered_gltf_lines_keep_the_validators_bounds(zh_markdown, en_markdown):
    """Rows a1 and a2 as the draft prints them: the 不确定 lines and step 2 keep the bounds and the unreadable file
    whole (a clause naming 「校验器」 is left out of a verdict line as an installation state)."""
    from tests.drafting.test_spec_leftovers_twentythird_j import _verdict_lines
    from tests.drafting.test_spec_sixteenth_reading import _cases, _row
    for rid in ("AS-GLTF-001", "AS-GLTF-002"):
        # the bound as step 2 states it, no memory state of the equipment (part equip, forty-first reading)
        zh = _verdict_lines(_cases(zh_markdown)[rid], "zh")["不确定"].replace("`", "")
        assert "第 2 步所述读取界限（文件大于 16 MiB" in zh and "堆内存" not in zh, rid
        en = _verdict_lines(_cases(en_markdown)[rid], "en")["Inconclusive"]
        assert "step 2 states (a file larger than 16 MiB" in en and "heap" not in en, rid
    step = _row(_cases(zh_markdown)["AS-GLTF-001"], "测试步骤")
    assert "大于 16 MiB 的文件" in step and "读取界限“glTF 校验的文件大小”，见 5.1" in step
    assert "| glTF 校验的文件大小 | 每个 glTF 文件及其每个外部资源至多 16 MiB（16 777 216 B） |" in zh_markdown
    step = _row(_cases(en_markdown)["AS-GLTF-001"], "Test procedure")
    assert "A file larger than 16 MiB" in step
