"""The leftovers of the thirty-fourth reading of issue 76, part k (docs/drafting.md, "Leftovers of the
thirty-fourth reading, part k"): verdict lines against their checks. RB-TRACK-001 names its 50-message minimum and a
recording too short to judge is inconclusive, as RB-TRACK-002's (row c1); TD-ACC-002 without a descriptor is
inconclusive, as TD-ACC-001 (row c6); TD-CAP-002's lines give the states its check decides (row c10). Each test
fails on the draft or the harness as they were before these fixes."""

from __future__ import annotations

import orjson

from tests.conftest import SAMPLES, manifest_for, verdicts
from tests.drafting.test_spec_leftovers_twentythird_j import _verdict_lines
from tests.drafting.test_spec_sixteenth_reading import _cases, _row


def test_the_tracking_case_names_its_message_minimum(zh_markdown, en_markdown):
    """Row c1: the check judges a joint over at least 50 controller-state messages, which no step named."""
    zh = _cases(zh_markdown)["RB-TRACK-001"]
    assert "至少有 50 条控制器状态消息" in _row(zh, "测试步骤")
    assert "没有关节具有至少 50 条控制器状态消息" in _verdict_lines(zh, "zh")["不确定"]
    en = _cases(en_markdown)["RB-TRACK-001"]
    assert "at least 50 controller-state messages" in _row(en, "Test procedure")
    assert "no joint has at least 50 controller-state messages" in _verdict_lines(en, "en")["Inconclusive"]


def test_a_tracking_recording_too_short_to_judge_is_inconclusive(catalog, run_manifest, tmp_path):
    """Row c1: a recording whose joints have fewer than 50 messages was not applicable (robots.no-tracks); a
    missing input is inconclusive (3.23), as RB-TRACK-002 gives it, naming a joint."""
    lines = (SAMPLES / "controller_states" / "greeter-controller.jsonl").read_bytes().splitlines()
    assert len(lines) > 50
    short = tmp_path / "greeter-controller.jsonl"
    short.write_bytes(b"\n".join(lines[:40]) + b"\n")
    result = run_manifest(manifest_for(catalog, "robot-joint-data", files={"controller_states": [str(short)]}),
                          requirements=["RB-TRACK-001"])
    assert verdicts(result) == {"RB-TRACK-001": "inconclusive"}
    message = result.report.requirements[0].message
    assert "fewer than 50 controller-state messages" in message and "greeter-controller.jsonl: " in message


def test_a_joint_with_too_few_messages_beside_judged_ones_is_named(catalog, run_manifest, tmp_path):
    """Row c1: a joint with fewer than 50 messages was passed over silently while the others passed."""
    lines = (SAMPLES / "controller_states" / "greeter-controller.jsonl").read_bytes().splitlines()
    last = orjson.loads(lines[-1])
    stamp = last["header"]["stamp"]
    # one message, after the last, of a joint the sample never reports: the others stay as judged
    extra = {"header": {**last["header"], "stamp": {**stamp, "sec": stamp["sec"] + 1}}, "joint_names": ["spare_joint"],
             "reference": {"positions": [0.0]}, "feedback": {"positions": [0.0], "velocities": [0.0]}}
    recording = tmp_path / "greeter-controller.jsonl"
    recording.write_bytes(b"\n".join([*lines, orjson.dumps(extra)]) + b"\n")
    result = run_manifest(manifest_for(catalog, "robot-joint-data", files={"controller_states": [str(recording)]}),
                          requirements=["RB-TRACK-001"])
    assert verdicts(result) == {"RB-TRACK-001": "inconclusive"}
    assert "spare_joint" in result.report.requirements[0].message


def test_accessibility_agreement_without_a_descriptor_is_inconclusive(catalog, run_manifest, tmp_path):
    """Row c6: with no descriptor (none a JSON object) TD-ACC-002 gave not applicable, where its 不确定 line and
    TD-ACC-001 give inconclusive."""
    listed = tmp_path / "device.json"
    listed.write_text("[]", encoding="utf-8")
    result = run_manifest(manifest_for(catalog, "terminal-accessibility", files={"descriptors": [str(listed)]}),
                          requirements=["TD-ACC-001", "TD-ACC-002"])
    # the forty-second reading's c4: a descriptor that parses but is not an object breaks annex E.5 and fails
    assert verdicts(result) == {"TD-ACC-001": "fail", "TD-ACC-002": "fail"}


def test_the_accessibility_agreement_lines_say_what_an_unparsable_descriptor_gives(zh_markdown, en_markdown):
    """Row c6: the 不确定 line called an unreadable descriptor inconclusive; the file adapter fails it."""
    zh = _verdict_lines(_cases(zh_markdown)["TD-ACC-002"], "zh")  # the fail now on 不通过 (forty-second reading, c4)
    assert "未提供设备描述文件" in zh["不确定"] and "设备描述文件无法解析或不是 JSON 对象" in zh["不通过"]
    en = _verdict_lines(_cases(en_markdown)["TD-ACC-002"], "en")
    assert "no device descriptor file is supplied" in en["Inconclusive"] and "does not parse" in en["Fail"]


def test_the_timestamp_case_gives_the_states_its_check_decides(zh_markdown, en_markdown):
    """Row c10: 不适用 named one-frame streams, which the check passes; a capture with no frame (inconclusive,
    terminal.no-frames) was unnamed."""
    zh = _verdict_lines(_cases(zh_markdown)["TD-CAP-002"], "zh")
    assert zh["不适用"].startswith("不适用：无（") and "至多一帧" not in zh["不适用"]
    assert "至多一帧" in zh["通过"] and "采集文件中没有任何帧" in zh["不确定"]
    en = _verdict_lines(_cases(en_markdown)["TD-CAP-002"], "en")
    assert en["Not applicable"].startswith("Not applicable: none (") and "at most one frame" in en["Pass"]
    assert "no frame at all" in en["Inconclusive"]
