"""The sixty-second reading, part h125-checks (docs/drafting.md, "Sixty-second reading, part h125-checks"): what
annex E lets a COCO file omit (an image's size, an annotation's box) left DP-LABEL-001 failing a box as "not four
numbers" and DP-LABEL-004 passing a keypoint unjudged or raising on a negative one, while both inconclusive lines said
every item can be judged (b2, bx1); TD-TACT-005 failed a re-read of the array's latest frame (c1); the runtime cases
located poses in STAGE, which OpenXR does not require (cx1); TD-RUN-003's not-applicable line was not step 1's
condition (c4); TD-RUN-007's R1 bound focus by 8 polls too (cx3); TD-BIO-004's international number had no stated
form (cx2). Each test fails on the draft as it was before (64869e92)."""

from __future__ import annotations

import re

import numpy as np

from conformance.areas._shared.jsonrpc_ws import Dialogue, Exchange


def _cases(markdown: str, pattern: str = r"[A-Z]{2}-[A-Z0-9]+-\d+") -> dict[str, str]:
    heads = list(re.finditer(rf"^### \d+\.\d+ ({pattern}) ", markdown, re.M))
    return {m.group(1): markdown[m.end():markdown.index("\n### ", m.end())] for m in heads}


def _row(case: str, head: str) -> str:
    return next(line for line in case.splitlines() if line.startswith(f"| {head} |"))


def _criterion(case: str, verdict: str) -> str:
    row = _row(case, "判定准则") if verdict[0] > "~" else _row(case, "Verdict criteria")
    return next(part for part in row.split("<br>") if part.startswith(verdict))


def _plain(text: str) -> str:
    return text.replace("\u2011", "-")


# -- b2, bx1: DP-LABEL-001 and DP-LABEL-004 with what annex E lets a file omit --------------------------------------

def test_b2_bx1_the_inconclusive_lines_name_what_cannot_be_judged(zh_markdown, en_markdown):
    zh, en = _cases(zh_markdown), _cases(en_markdown)
    for rid in ("DP-LABEL-001", "DP-LABEL-004"):
        line_zh, line_en = _criterion(zh[rid], "不确定："), _criterion(en[rid], "Inconclusive:")
        assert "所检的每一项均可判定" not in line_zh and "each item it checks in a file read can be judged" not in line_en
        assert "`width` 与 `height`" in line_zh and "`width` and `height`" in line_en, rid
    assert "右缘与下缘" in _criterion(zh["DP-LABEL-001"], "不确定：")
    assert "规则 R4 对其未作判定" in _criterion(zh["DP-LABEL-004"], "不确定：")
    assert "没有宽与高为正的 `bbox`" in _criterion(zh["DP-LABEL-004"], "不确定：")
    # R3 says what the check fails: an annotation with keypoints and no num_keypoints
    assert "带关键点的标注应具有整数 `num_keypoints`" in _row(zh["DP-LABEL-004"], "测试目的")
    assert "MUST have an integer `num_keypoints`" in _row(en["DP-LABEL-004"], "Test purpose")


def test_b2_bx1_the_checks_leave_sizeless_labels_unjudged_and_never_raise():
    from conformance.areas.data import coco, coco_keypoints

    boxes = {"images": [{"id": 1}], "categories": [{"id": 1}],
             "annotations": [{"id": 1, "image_id": 1, "category_id": 1, "bbox": [1, 1, 2, 2]}]}
    assert coco.boxes_outside(boxes, 1) == ([], 1) and coco.unsized_boxes(boxes) == ["/annotations/0/bbox"]
    person = {"id": 1, "keypoints": ["a", "b"], "skeleton": [[1, 2]]}
    far = {"images": [{"id": 1}], "categories": [person], "annotations": [
        {"id": 1, "image_id": 1, "category_id": 1, "num_keypoints": 1, "keypoints": [99999, 99999, 2, 0, 0, 0]}]}
    assert coco_keypoints.check_keypoints(far, 1, 0.25) == ([], 1)
    assert coco_keypoints.unjudged(far) == ["/annotations/0"]
    far["annotations"][0]["keypoints"] = [-5, 20, 2, 0, 0, 0]  # raised ValueError (int of NaN) before
    findings, _ = coco_keypoints.check_keypoints(far, 1, 0.25)
    assert [f.rule for f in findings] == ["R4"]


# -- c1: TD-TACT-005's R3 accepts the previous frame read again ------------------------------------------------------

def test_c1_a_re_read_of_the_latest_frame_is_no_departure(zh_markdown, en_markdown, note_md):
    zh, en = _cases(zh_markdown)["TD-TACT-005"], _cases(en_markdown)["TD-TACT-005"]
    row = next(line for line in _plain(note_md).splitlines() if line.startswith("| TD-TACT-005 | 0.5"))
    assert "100 次为本文件自定" in row and "R3 接受此种应答" in row  # the 100 reads a second and R3 agree
    assert "R3：每个应答应或为帧时刻晚于上一个应答的新帧，或为再次读取的上一帧，帧时刻与读数均与之相同。" in _row(zh, "测试目的")
    assert "or the previous frame read again, with the same frame time and readings" in _row(en, "Test purpose")
    assert "或与之相同而读数不同" in _criterion(zh, "不通过：") and "不晚于上一个" not in zh
    assert "not after the previous" not in en
    from conformance.areas.terminal.tactile import ArrayColumns, Layout, digest
    from conformance.areas.terminal.tactile_interface import order

    columns = ArrayColumns(Layout(1, 1, 5.0))
    columns.t.append(np.array([10, 10, 20, 20]))
    columns.digest.append(digest(np.array([[1.0], [1.0], [2.0], [3.0]])))
    assert order(columns) == (4, [(20, 20)])  # the re-read passes; the same time with another reading fails


# -- cx1: poses located in STAGE only where the runtime lists it -----------------------------------------------------

def test_cx1_every_runtime_case_locates_in_local_without_a_stage(zh_markdown, en_markdown):
    zh, en = _cases(zh_markdown), _cases(en_markdown)
    for rid in ("TD-RUN-002", "TD-RUN-003", "TD-RUN-007", "TD-BODY-004"):
        assert re.search(r"未列出舞台空间时|否则为局部空间", _row(zh[rid], "测试步骤")), rid
        assert re.search(r"lists no stage space|else LOCAL", _row(en[rid], "Test procedure")), rid
    assert "基准空间（`xrEnumerateReferenceSpaces` 列出舞台空间时为舞台空间，否则为局部空间）" in _row(zh["TD-RUN-007"], "测试目的")
    from conformance.areas.terminal import runtime_session

    seated = Dialogue("ws://x", [Exchange("xrEnumerateReferenceSpaces", {}, {"spaces": [runtime_session.VIEW,
                                                                                        runtime_session.LOCAL]},
                                          None, 0, 1)])
    assert runtime_session.base_space(seated) == runtime_session.LOCAL
    seated.exchanges[0].result["spaces"].append(runtime_session.STAGE)
    assert runtime_session.base_space(seated) == runtime_session.STAGE


# -- c4: a not-applicable line is step 1's condition -----------------------------------------------------------------

def test_c4_each_not_applicable_line_is_the_condition_step_1_applies(zh_markdown):
    """The class: every case whose step 1 records "not applicable" when the descriptor declares no such offer says
    the same condition in its not-applicable line (TD-RUN-003 said 「未声明手部提供项」 for a path-bound condition)."""
    checked = 0
    for rid, case in _cases(zh_markdown).items():
        step = re.search(r"该设备描述未声明(.+?)时记录“不适用”", _row(case, "测试步骤"))
        if step is None:
            continue
        checked += 1
        assert f"不适用：该设备描述未声明{step.group(1).rstrip()}。" in _row(case, "判定准则"), rid
    assert checked >= 5


# -- cx3: which waits TD-RUN-007's 8 polls bound ---------------------------------------------------------------------

def test_cx3_the_8_polls_bound_the_state_waits_not_focus(zh_markdown, en_markdown):
    zh, en = _row(_cases(zh_markdown)["TD-RUN-007"], "测试目的"), _row(_cases(en_markdown)["TD-RUN-007"], "Test purpose")
    assert "每次均在 8 次轮询以内" not in zh and "each within 8 polls" not in en
    assert "在其后 30 帧以内（每帧轮询一次）到达获得焦点" in zh
    assert zh.count("8 次轮询以内") == 3 and en.count("within 8 polls") == 3


# -- cx2: the international-format number's stated form --------------------------------------------------------------

def test_cx2_the_international_number_has_a_stated_form_the_detector_applies(zh_markdown, en_markdown, note_md):
    zh, en = _cases(zh_markdown), _cases(en_markdown)
    for rid in ("TD-BIO-004", "ID-PRIV-001"):
        steps_zh, steps_en = _plain(_row(zh[rid], "测试步骤")), _plain(_row(en[rid], "Test procedure"))
        assert re.search(r"\+ 后接的 ITU-T E\.164（\d{4}-\d\d）国际号码，即首位为 1 至 9 的 7 至 15 位数字", steps_zh), rid
        assert re.search(r"\+ and an ITU-T E\.164 \(\d{4}-\d\d\) international number, that is 7 to 15 digits", steps_en), rid
        row = next(line for line in _plain(note_md).splitlines() if line.startswith(f"| {rid} |"))
        assert "7 至 15 位" in row and "E.164 第 6 章" in row and "下限 7 位为本文件自定" in row and "上限 15 位取自" in row, rid
    assert "ITU-T E.164 The international public telecommunication numbering plan" in _plain(zh_markdown)
    from conformance.areas._shared import privacy

    low, high = privacy.E164_DIGITS
    assert (low, high) == (7, 15)
    for digits, found in ((low - 1, False), (low, True), (high, True), (high + 1, False)):
        number = "+" + "".join(str(1 + k % 9) for k in range(digits))
        assert bool(privacy.identifiers_in_text(number)) is found, digits
