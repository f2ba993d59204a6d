"""The seventy-third reading of issue 76 (read73c), TD-OLF-004's and TD-RUN-004's report (part h137-olf).

c2 (X): step 4 of both cases asks that the runtime's report (``test.getScentOutput``, ``test.getHapticOutput``)
hold each command, in order, on its output, and annex D's table D.8 does not limit the report to the connection;
but the checks compared report entry i with command i from the report's first entry, so a correct runtime that also
reported an earlier release or vibration failed every command. Now the commands are looked for as an ordered
subsequence of the report (runtime_report.align): each after the entry holding the one before, entries holding no
command ignored and noted in the evidence; step 4 of both cases says so.

The class: every check over a runtime report of what the runtime handed its driver (the judgments of
``runtime*.py`` reading ``test.get*Output``) passes a report whose commands come after an earlier entry, and fails
one with a command missing or out of order; every rendered step reading such a report says what is done with the
entries holding no command.

Fails on bb7a364bd."""

from __future__ import annotations

import re
from pathlib import Path

from conformance.areas._shared.jsonrpc_ws import Dialogue, Exchange
from conformance.areas.terminal import runtime, runtime_haptics, runtime_scents
from conformance.areas.terminal.runtime import Claims

TERMINAL = Path(runtime.__file__).parent
PATH = "/user/hand/right"
CLAIMED = Claims("d.json", "sys", frozenset(), (), ((PATH, 500.0, 2_000_000_000),))
OUTPUT = ("scent", ("lavender", "citrus"), 5_000_000_000)


def _dialogue(calls: list[tuple[str, dict[str, object]]], method: str, member: str,
              entries: list[dict[str, object]]) -> Dialogue:
    exchanges = [Exchange(m, p, {"result": "XR_SUCCESS"}, None, 0, 0) for m, p in calls]
    exchanges.append(Exchange(method, {}, {member: entries}, None, 0, 0))
    return Dialogue("ws://x", exchanges)


def _vibrations() -> list[tuple[str, dict[str, object]]]:
    return [("xrApplyHapticFeedback", {"subactionPath": PATH, "hapticFeedback": {
        "type": "XR_TYPE_HAPTIC_VIBRATION", "duration": d, "frequency": f, "amplitude": a}})
        for d, f, a in runtime_haptics.VIBRATIONS]


def _driven() -> list[dict[str, object]]:
    """What the reference runtime hands its driver for the three vibrations."""
    return [{"subactionPath": PATH, "start": k, "duration": 20_000_000 if d == -1 else d,
             "frequency": 160.0 if f == 0 else f, "amplitude": a}
            for k, (d, f, a) in enumerate(runtime_haptics.VIBRATIONS)]


def _scents() -> list[tuple[str, dict[str, object]]]:
    return list(runtime_scents.scent_commands((OUTPUT,)))


def _released() -> list[dict[str, object]]:
    return [{"output": p["output"], "scent": p["scent"], "start": k, "duration": p["duration"],
             "intensity": p["intensity"]} for k, (_, p) in enumerate(_scents())]


EARLIER_VIBRATION = {"subactionPath": PATH, "start": -5, "duration": 50_000_000, "frequency": 200.0, "amplitude": 0.7}
EARLIER_RELEASE = {"output": "scent", "scent": "citrus", "start": -5, "duration": 3_000_000_000, "intensity": 0.8}


def _haptic_issues(entries: list[dict[str, object]]) -> list[runtime.Issue]:
    return list(runtime.haptics(_dialogue(_vibrations(), "test.getHapticOutput", "vibrations", entries), CLAIMED))


def _scent_issues(entries: list[dict[str, object]]) -> list[runtime.Issue]:
    return list(runtime.scents(_dialogue(_scents(), "test.getScentOutput", "scents", entries)))


def test_c2_the_commands_after_an_earlier_entry_pass_and_it_is_noted():
    assert _haptic_issues(_driven()) == [] and _scent_issues(_released()) == []
    haptic_report = [EARLIER_VIBRATION, *_driven()]
    assert _haptic_issues(haptic_report) == []
    dialogue = _dialogue(_vibrations(), "test.getHapticOutput", "vibrations", haptic_report)
    assert runtime_haptics.ignored_vibrations(dialogue, runtime.haptic_limits(CLAIMED)) == (0,)
    scent_report = [EARLIER_RELEASE, *_released()]
    assert _scent_issues(scent_report) == []
    dialogue = _dialogue(_scents(), "test.getScentOutput", "scents", scent_report)
    assert runtime_scents.ignored_scents(dialogue) == (0,)
    # an entry between two commands holds none either, and is ignored as well
    driven = _driven()
    assert _haptic_issues([*driven[:2], EARLIER_VIBRATION, driven[2]]) == []


def test_c2_a_command_missing_or_out_of_order_fails():
    driven, released = _driven(), _released()
    missing = _haptic_issues([EARLIER_VIBRATION, driven[0], driven[2]])
    assert [(i.rule, i.key) for i in missing] == [("R2", "terminal.runtime-haptic-not-driven")], missing
    assert missing[0].values["amplitude"] == 1.0  # the second command; the earlier entry is not in its place
    wrong = _haptic_issues([EARLIER_VIBRATION, driven[0], {**driven[1], "amplitude": 0.9}, driven[2]])
    assert [(i.key, i.where) for i in wrong] == [("terminal.runtime-haptic-not-as-commanded",
                                                  "test.getHapticOutput/vibrations/2")], wrong
    swapped = _haptic_issues([driven[1], driven[0], driven[2]])
    assert [i.rule for i in swapped] == ["R2"] and swapped[0].values["amplitude"] == 1.0, swapped
    gone = _scent_issues([EARLIER_RELEASE, released[0], released[1]])
    assert [(i.rule, i.key) for i in gone] == [("R2", "terminal.runtime-scent-not-released")], gone
    swapped = _scent_issues([released[0], released[2], released[1]])
    assert [i.rule for i in swapped] == ["R2"], swapped
    halved = _scent_issues([{**r, "duration": int(str(r["duration"])) // 2} for r in released])
    assert [i.key for i in halved] == ["terminal.runtime-scent-not-as-commanded"] * 3, halved
    assert [i.where for i in halved] == [f"test.getScentOutput/scents/{k}" for k in range(3)]


def test_c2_class_no_runtime_check_reads_a_report_by_the_command_index():
    """The class in the code: no module of runtime*.py indexes a report's entries by the command's index; those
    reading a test.get*Output report align the commands with runtime_report.align."""
    readers = []
    for module in sorted(TERMINAL.glob("runtime*.py")):
        text = module.read_text(encoding="utf-8")
        assert not re.search(r"(driven|released|reported)\[index\]", text), module.name
        if re.search(r'answered\("test\.get\w+Output"\)', text):
            readers.append(module.name)
            assert "align(" in text, module.name
    assert readers == ["runtime_haptics.py", "runtime_scents.py"], readers


def _step(markdown: str, rid: str) -> str:
    head = re.search(rf"^### [\d.]+ {re.escape(rid)} .*$", markdown, re.M)
    assert head is not None, rid
    rest = markdown[head.end():]
    nxt = re.search(r"^#{2,3} ", rest, re.M)
    case = rest[:nxt.start()] if nxt else rest
    return next(line for line in case.splitlines() if line.startswith(("| 测试步骤 |", "| Test procedure |")))


def test_c2_class_each_step_reading_a_driver_report_ignores_the_other_entries(zh_markdown, en_markdown):
    cases = re.findall(r"^### [\d.]+ (TD-[A-Z]+-\d+) ", zh_markdown, re.M)
    readers = [rid for rid in cases if re.search(r"`test\.get\w+Output`", _step(zh_markdown, rid))]
    assert sorted(readers) == ["TD-OLF-004", "TD-RUN-004"], readers
    for rid in readers:
        step = _step(zh_markdown, rid)
        assert re.search(r"报告可含不对应所施加(气味|振动)的条目（如本用例施加之前的(释放|振动)），这些条目不予考虑，"
                         r"记录其个数；逐个(气味|振动)在前一个(气味|振动)所在条目之后查找", step), (rid, step)
        assert "these are ignored and their number recorded" in _step(en_markdown, rid), rid
