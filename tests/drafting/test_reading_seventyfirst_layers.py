"""The seventy-first reading of issue 76, part h135-layers.

b1 (K7): AS-AIGC-014's and AS-AIGC-015's steps say a file whose ISO-BMFF container boxes nest more than 16 层 is no MP4
file, its metadata unreadable (「规则 R3 不满足」, 「规则 R2 不满足」): 16 decides a 不通过 but stood in neither case's 三（三）
row. The extractor (``limitnumbers``) had no 「层」 count word and read a step clause as deciding only with 「规则 R\\d+
不通过」. It reads both now; the notes give 16's reason (ISO/IEC 14496-12's containers nest at most 5 deep, 16 is this
document's margin), and the steps name the deepest nesting, `moov/trak/mdia/minf/stbl`, instead of counting its
levels, so the 5 is no limit (both 1.x patch steps).

Each test fails on the branch's base (6845f58ac)."""

from __future__ import annotations

import re

from conformance.drafting.explanatory_data import LIMIT
from conformance.drafting.limitnumbers import COUNT, clauses
from conformance.drafting.wording import unit_symbols
from tests.drafting.test_spec_sixteenth_reading import _cases, _row
from tests.paths import ROOT

#: a number of levels, 「16 层」
_LAYERS = re.compile(r"(?<![\w.])(\d+) ?层")
#: a step clause deciding a verdict by a rule not met
_NOT_MET = re.compile(r"规则 R\d+ 不满足")


def _limit_rows(note_md: str) -> dict[str, str]:
    """Each requirement's limits cell of 三（三）, by its ID written with ASCII hyphens."""
    section = note_md[note_md.index("（三）各项限值的确定依据"):]
    section = section[:section.index("\n#", 1)] if "\n#" in section[1:] else section
    out = {}
    for line in section.splitlines():
        cells = line.split(" | ")
        if line.startswith("| ") and len(cells) >= 3 and re.fullmatch(r"[A-Z]{2}\S+\d{3}", rid := cells[0][2:]):
            out[rid.replace("\u2011", "-")] = cells[1]
    return out


def _row_cells(note_md: str, rid: str) -> list[str]:
    line = next(line for line in note_md.splitlines() if line.startswith(f"| {rid.replace('-', chr(0x2011))} | "))
    return line.split(" | ")


def _numbers(clause: str) -> set[str]:
    """The numbers with a unit or a count word a clause gives, as the limits cell writes them."""
    return {unit_symbols(m.group(0)).replace("\u2009", " ") for pattern in (LIMIT, COUNT) for m in pattern.finditer(clause)}


def test_every_level_count_and_every_unmet_rule_s_number_stands_in_its_row(zh_markdown, note_md):
    rows = _limit_rows(note_md)
    missing = []
    for rid, case in _cases(zh_markdown).items():
        wanted = {f"{m.group(1)} 层" for m in _LAYERS.finditer(case)}
        for step in _row(case, "测试步骤").split("<br>"):
            for clause in clauses(re.sub(r"^\d+\. ", "", step)):
                if _NOT_MET.search(clause) and "读取界限" not in clause:
                    wanted |= _numbers(re.sub(r"ISO/IEC [\d-]+:\d{4}|GB(?:/T)? [\d.]+—\d{4}", "", clause))
        cell = unit_symbols(rows.get(rid, ""))
        missing += [(rid, number) for number in sorted(wanted) if number not in cell]
    assert not missing, missing


def test_the_nesting_rows_give_16_levels_and_its_reason(note_md, note_md_en):
    for rid in ("AS-AIGC-014", "AS-AIGC-015"):
        cells = _row_cells(note_md, rid)
        assert "16 层" in cells[1].split("，") and "5 层" not in cells[1], cells[1]
        assert "16 层为本文件自定" in cells[2] and "`moov/trak/mdia/minf/stbl`" in cells[2], cells[2]
        assert "未写明" not in cells[2], cells[2]
        en = _row_cells(note_md_en, rid)
        assert "16 levels" in en[1] and "The 16 levels of container nesting are this document's own figure" in en[2], en


def test_the_steps_name_the_deepest_nesting_not_a_count(zh_markdown, en_markdown):
    for rid in ("AS-AIGC-014", "AS-AIGC-015"):
        zh, en = _row(_cases(zh_markdown)[rid], "测试步骤"), _row(_cases(en_markdown)[rid], "Test procedure")
        # the reason in the step itself, not 「见附注」 (seventy-second reading, b1)
        assert "最深的一路嵌套为 `moov/trak/mdia/minf/stbl`，16 层远在这一深度之上" in zh and "5 层" not in zh, rid
        assert "the deepest nesting of these containers is `moov/trak/mdia/minf/stbl`" in en and "5 deep" not in en, rid


def test_the_extractor_reads_levels_and_an_unmet_rule():
    from conformance.drafting.limitnumbers import _DECIDES_WHAT

    assert [m.group(0) for m in COUNT.finditer("嵌套超过 16 层的文件")] == ["16 层"]
    assert _DECIDES_WHAT.search("其元数据记为无法读取（规则 R3 不满足）")


# d's doubtful 1: the reason of 5.1's bound 「会话消息的大小」 named a 26-joint runtime answer 「不到 8 KiB」 (the reference
# implementation's is 8 016 B) and 64 participants no case has; the largest messages are measured here and the reason
# gives them: a state message, a snapshot of the 33 participants a session case holds at most (the load measurement's
# 32 and 1 late joiner), each state with a voice frame and its participant ID as long as a UUID, and the runtime test
# interface's largest answer, TD-BODY-004's 70 body joints.

_BOUND = ("会话消息的大小", "session message size")
_UUID = "f" * 36


def _measured() -> dict[str, int]:
    """The sizes in bytes of the largest messages each kind the bound's reason names."""
    import time

    import orjson

    from conformance.areas.interfaces import sessions
    from conformance.reference import jsonrpc
    from conformance.reference.terminal import runtime, runtime_readings

    states = [sessions.state_for(i, seq) for i in range(33) for seq in range(40)]
    largest = max(states, key=lambda state: len(orjson.dumps(state)))
    state = len(orjson.dumps({"jsonrpc": "2.0", "method": "session.state", "params": {"from": _UUID, **largest}}))
    each = {i: max((sessions.state_for(i, seq) for seq in range(40)), key=lambda s: len(orjson.dumps(s))) for i in range(33)}
    snapshot = len(jsonrpc.result(2**31 - 1, {"participant": _UUID, "state": {f"{i:0>36}": s for i, s in each.items()}}))
    device = runtime.Device(frozenset())
    at = time.monotonic_ns()
    answers = {"xrLocateHandJointsEXT": {"hand": "XR_HAND_RIGHT_EXT", "time": at},
               "xrLocateBodyJointsFB": {"baseSpace": "XR_REFERENCE_SPACE_TYPE_STAGE", "time": at},
               "xrGetFaceExpressionWeights2FB": {"time": at}}
    sizes = {name: len(jsonrpc.result(2**31 - 1, device.call(name, params))) for name, params in answers.items()}
    output = next(iter(runtime_readings.BIOSIGNAL_OUTPUTS))
    device.now = lambda: at  # type: ignore[method-assign]
    device.test_readBiosignal({"output": output})
    device.now = lambda: at + 5_000_000_000  # type: ignore[method-assign]  # a second's samples, the most one answer holds
    sizes["test.readBiosignal"] = len(jsonrpc.result(2**31 - 1, device.call("test.readBiosignal", {"output": output})))
    for _ in range(100):
        device.xrApplyHapticFeedback({"subactionPath": "/user/hand/right",
                                      "hapticFeedback": {"duration": 10**9, "frequency": 160.0, "amplitude": 1.0}})
    sizes["test.getHapticOutput"] = len(jsonrpc.result(2**31 - 1, device.call("test.getHapticOutput", {})))
    body = sizes["xrLocateBodyJointsFB"]
    assert body == max(sizes.values()), sizes
    return {"state": state, "snapshot": snapshot, "runtime": body}


def test_the_session_bound_s_reason_gives_the_largest_messages_measured():
    from conformance.areas._shared import jsonrpc_ws
    from conformance.drafting.boundtable import BOUNDS

    sizes = _measured()
    kib = 1024
    assert sizes["state"] < 2 * kib, sizes
    assert 40 * kib < sizes["snapshot"] < 44 * kib, sizes
    assert 20 * kib < sizes["runtime"] < 24 * kib, sizes
    assert jsonrpc_ws.MAX_MESSAGE_BYTES > 5 * max(sizes.values()), sizes
    zh, en = next(b for b in BOUNDS if b.name == _BOUND).why
    assert "33 名参与者（负载测量的 32 名与 1 名后加入者）各带语音帧的快照不到 44 KiB" in zh, zh
    assert "（70 个身体关节的位置，以参考实现测得）不到 24 KiB，256 KiB 为其中最大者的 5 倍以上" in zh, zh
    assert "64 名" not in zh and "26 个关节" not in zh and "8 KiB" not in zh and "128 KiB" not in zh, zh
    assert "a snapshot of 33 participants" in en and "under 44 KiB" in en and "(the locations of 70 body joints, measured with the reference implementation) under 24 KiB" in en
    assert "more than 5 times the largest" in en and "64 participants" not in en, en
    source = (ROOT / "src" / "conformance" / "areas" / "_shared" / "jsonrpc_ws.py").read_text(encoding="utf-8")
    assert "33\n#: participants" in source and "under 44 KiB" in source and "64 participants" not in source


def test_the_bound_s_reason_in_the_note(note_md):
    row = next(line for line in note_md.splitlines() if line.startswith(f"| {_BOUND[0]} |"))
    assert "不到 44 KiB" in row and "不到 24 KiB" in row and "5 倍以上" in row, row


# d's doubtful 2: 八（二十六） named ISO 7064, undated and in neither clause 2 nor 参考文献, only to describe GB 11643—1999's
# check character; GB 11643 itself specifies it, so the note names it as that standard's (MOD 11-2) and no other document.


def test_the_note_names_no_document_for_gb_11643_s_check_character(note_md, note_md_en):
    assert "7064" not in note_md and "7064" not in note_md_en
    assert "本文件以该标准所规定的校验码（MOD 11-2）识别" in note_md
    assert "using the check character it specifies (MOD 11-2)" in note_md_en
