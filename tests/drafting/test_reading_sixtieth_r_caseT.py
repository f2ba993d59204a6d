"""The sixtieth reading, part h120-caseT (docs/drafting.md, "Sixtieth reading, part h120-caseT"): TD-TACT-003 read the
array 4 times back to back and required each frame's time to be after the last, though annex D answers the latest
frame, so an array slower than a read's round trip failed (c5); TD-PERF-001/002 called a declared `stage-tracking`
feature with no reference-motion stream not applicable, where TD-PERF-003/004 call their missing stream inconclusive
(c10); TD-OLF-004 applied a scent named "test" on an offer listing none, which the case never said (cx1); the person a
terminal case tracks had four names (a1); TD-AUD-007 named Web Audio's attributes where annex E has the capture
header's members (a2). Each test fails on the draft as it was before (6bd5f93b)."""

from __future__ import annotations

import re
from pathlib import Path

from conformance.areas._shared.jsonrpc_ws import Dialogue, Exchange

ROOT = Path(__file__).parents[2]


def _cases(markdown: str, pattern: str = r"(?:TD|RB)-[A-Z]+-\d+") -> dict[str, str]:
    heads = list(re.finditer(rf"^### \d+\.\d+ ({pattern}) ", markdown, re.M))
    return {m.group(1): markdown[m.end():markdown.index("\n### ", m.end())] for m in heads}


def _row(case: str, head: str) -> str:
    return next(line for line in case.splitlines() if line.startswith(f"| {head} |"))


def _criterion(case: str, verdict: str) -> str:
    row = _row(case, "判定准则") if verdict[0] > "~" else _row(case, "Verdict criteria")
    return next(part for part in row.split("<br>") if part.startswith(verdict))


def _case_part(markdown: str) -> str:
    end = "\n## 附录" if "\n## 附录" in markdown else "\n## Annex"
    return markdown[:markdown.index(end)]


# -- c5: TD-TACT-003's R3 -------------------------------------------------------------------------------------------

def _reads(*frames: tuple[object, list[float]]) -> Dialogue:
    return Dialogue("ws://x", [Exchange("test.readTactile", {"output": "skin"}, {"time": t, "forces": f}, None, 0, 1)
                               for t, f in frames])


def test_c5_a_repeated_latest_frame_passes_and_a_time_going_back_fails():
    """R3 judges what it means: a frame read again (same time, same readings) is the same frame, not a stale one; a
    time going back, a new frame at the last one's time and a missing time each break it."""
    from conformance.areas.terminal.runtime_tactile import judge_tactile

    outputs = (("skin", 1, 2),)
    same = _reads((100, [0.5, 0.01]), (100, [0.5, 0.01]), (100, [0.5, 0.01]), (110, [0.01, 0.5]))
    assert list(judge_tactile(same, outputs)) == []
    back = list(judge_tactile(_reads((100, [0.5, 0.01]), (90, [0.5, 0.01])), outputs))
    assert [(rule, key) for rule, key, _, _ in back] == [("R3", "terminal.runtime-tactile-time")]
    restamped = list(judge_tactile(_reads((100, [0.5, 0.01]), (100, [0.01, 0.5])), outputs))
    assert [(rule, key) for rule, key, _, _ in restamped] == [("R3", "terminal.runtime-tactile-restamped")]
    assert [r for r, _, _, _ in judge_tactile(_reads((100, [0.5, 0.01]), (None, [0.5, 0.01])), outputs)] == ["R3"]


def test_c5_the_reference_array_answers_its_latest_frame_without_a_read_count():
    """The reference runtime stamps a frame by its array's scan (a frame period), not by counting reads: two reads
    within one period answer the same frame; the known-bad defect turns the time back."""
    from conformance.reference.terminal import runtime as reference

    source = Path(reference.__file__).read_text(encoding="utf-8")
    assert "tactile_reads" not in source
    device = reference.Device(frozenset())
    device.now = lambda: 5 * reference.TACTILE_FRAME_NS + 7  # type: ignore[method-assign]
    first = device.test_readTactile({"output": "skin"})
    device.now = lambda: 5 * reference.TACTILE_FRAME_NS + 9_000  # type: ignore[method-assign]
    assert device.test_readTactile({"output": "skin"}) == first
    known_bad = (ROOT / "suites" / "terminal" / "known_bad.yaml").read_text(encoding="utf-8")
    assert "runtime-tactile-time-backwards" in known_bad and "runtime-tactile-time-stuck" not in known_bad


def test_c5_the_case_says_a_frame_read_again_is_the_same_frame(zh_markdown, en_markdown):
    zh, en = _cases(zh_markdown)["TD-TACT-003"], _cases(en_markdown)["TD-TACT-003"]
    purpose, steps = _row(zh, "测试目的"), _row(zh, "测试步骤")
    assert ("R3：每一帧应或为时刻晚于自同一阵列读取的上一帧的新帧，或为再次读取的上一帧，时刻与读数均与之相同。"
            in purpose)
    assert "再次应答的是同一帧" in steps and "阵列最新的一帧" in steps
    assert "任一帧与上一帧时刻相同而读数不同" in _criterion(zh, "不通过：")
    assert "that frame read again, with the same time and readings" in _row(en, "Test purpose")
    assert "is not after the previous frame's" not in en and "不晚于上一帧" not in zh


# -- c10: a declared feature whose stream is missing --------------------------------------------------------------

def test_c10_a_feature_gated_terminal_case_is_not_applicable_only_by_its_ics(zh_markdown, en_markdown):
    """The class of c10: in every terminal case gated on an ICS feature, 不适用 is the undeclared feature alone; with
    the feature declared, a missing stream is 不确定 (as TD-PERF-003 and -004 give it)."""
    zh, en = _cases(zh_markdown, r"TD-[A-Z]+-\d+"), _cases(en_markdown, r"TD-[A-Z]+-\d+")
    gated = [rid for rid, case in zh.items() if _criterion(case, "不适用：").startswith("不适用：ICS 未声明支持特性")]
    assert {"TD-PERF-001", "TD-PERF-002"} <= set(gated)
    for rid in gated:
        line = _criterion(zh[rid], "不适用：")
        rest = line.split("”（`", 1)[1].split("`）", 1)[1]
        assert not re.match(r"[，；]?或", rest), (rid, line)
    for rid in ("TD-PERF-001", "TD-PERF-002"):
        assert "采集文件中没有声明参考运动（`reference_motion`）的位姿数据流" in _criterion(zh[rid], "不确定："), rid
        assert "no pose stream of the captures declares a reference motion" in _criterion(en[rid], "Inconclusive:"), rid


def test_c10_the_performance_checks_raise_no_not_applicable():
    source = (ROOT / "suites" / "terminal" / "test_performance.py").read_text(encoding="utf-8")
    assert "NotApplicable" not in source and "_no_reference_declared" not in source


# -- cx1: TD-OLF-004 and an offer listing no scent ----------------------------------------------------------------

def test_cx1_an_offer_listing_no_scent_is_not_judged_nor_given_a_name_of_the_harness():
    from conformance.areas.terminal import runtime_scents

    outputs = (("scent", (), None), ("other", ("pine",), None))
    commands = runtime_scents.scent_commands(outputs)
    assert {c["output"] for _, c in commands} == {"other"} and {c["scent"] for _, c in commands} == {"pine"}
    assert runtime_scents.unlisted(outputs) == ("scent",)
    assert '"test"' not in Path(runtime_scents.__file__).read_text(encoding="utf-8")
    check = (ROOT / "suites" / "terminal" / "test_runtime.py").read_text(encoding="utf-8")
    assert "unlisted(claimed.scents)" in check and "evidence.unjudged(" in check


def test_cx1_the_case_says_what_an_offer_listing_no_scent_gets(zh_markdown, en_markdown):
    zh, en = _cases(zh_markdown)["TD-OLF-004"], _cases(en_markdown)["TD-OLF-004"]
    assert "提供项未列出气味（附录 E 中 `scents` 为可选成员）时" in _row(zh, "测试步骤")
    assert "某个所声明嗅觉输出的提供项未列出气味（`scents`），该输出未予判定" in _criterion(zh, "不确定：")
    assert "a claimed olfactory output's offer lists no scent (`scents`)" in _criterion(en, "Inconclusive:")


# -- a1: one name for the tracked person ---------------------------------------------------------------------------

#: 用户 in terminal and robot cases where it is not the tracked person: OpenXR's user paths, the platform's user input,
#: a surface touching whoever wears the device, the brightness a user sets, the raw user identifiers of TD-BIO-004
_USER_OTHER = re.compile(r"用户路径|用户输入|与用户接触|用户正常使用|原始用户标识")
_EN_OTHER = re.compile(r"the user paths?|touch(?:ing|es) the user|user paths?|a user|the user's|raw user")


def test_a1_the_tracked_person_is_the_test_subject_in_every_terminal_and_robot_case(zh_markdown, en_markdown):
    """The class of a1: clause 3 defines 受试者 (test subject); no terminal or robot case calls the tracked person
    测试人员, 用户, 佩戴者, 测试者 or 人 (测试人员 only runs the steps), nor, in English, the tester, the user, the
    wearer or the person."""
    assert re.search(r"^### 3\.\d+\n\n受试者  test subject\n", zh_markdown, re.M)
    assert re.search(r"^### 3\.\d+\n\ntest subject\n", en_markdown, re.M)
    zh, en = _cases(_case_part(zh_markdown)), _cases(_case_part(en_markdown))
    tracked = ("TD-BODY-004", "TD-RUN-001", "TD-RUN-002", "TD-RUN-003", "TD-RUN-006", "TD-GAZE-002", "TD-GAZE-004",
               "TD-HAND-004", "TD-BCI-006", "TD-ACC-003", "TD-GAZE-005", "TD-AUD-005")
    for rid in tracked:
        assert "受试者" in zh[rid] and "test subject" in en[rid], rid
    for rid, case in zh.items():
        assert not re.search(r"佩戴者|测试者|被采集者|按提示注视的人|传声器的人|人员的头部", case), rid
        for m in re.finditer("用户", case):
            assert _USER_OTHER.search(case[max(0, m.start() - 6):m.end() + 4]), (rid, case[m.start() - 20:m.end() + 20])
        # 测试人员 runs the steps: never the one who wears, looks, stands or shows hands or face
        assert not re.search(r"测试人员(?:佩戴|注视|面向|将双手|的面部)", case), rid
    for rid, case in en.items():
        assert not re.search(r"\b(?:the|The) (?:wearer|person)\b", case), rid
        # TD-SAFE-001's "a person can find" is anyone reading the warnings, no one a case tracks
        assert not re.search(r"\ba person\b(?! can find)", case), rid
        assert not re.search(r"\bthe tester(?:'s)? (?:wears|looking|standing|hands|face)", case), rid
        for m in re.finditer(r"\b[Tt]he user\b", case):
            assert _EN_OTHER.search(case[max(0, m.start() - 10):m.end() + 8]), (rid, case[m.start() - 40:m.end() + 40])


# -- a2: members the terminal cases name are annex D's or E's ------------------------------------------------------

#: TD-BIO-004 lists key names it looks for in any member (raw identifiers), not members of a format this document
#: defines
_KEY_NAMES = {"TD-BIO-004"}


def test_a2_every_member_a_terminal_case_names_is_in_an_annex(zh_markdown, en_markdown):
    """The class of a2: each backticked member-like name (lower camelCase or snake_case) in a terminal case occurs in
    annexes A to E; OpenXR's constants and types (upper case) are OpenXR's own. TD-AUD-007 names annex E's
    `ref_distance_m`, `max_distance_m` and `rolloff_factor`, not Web Audio's refDistance, maxDistance, rolloffFactor."""
    for markdown, start in ((zh_markdown, "\n## 附录 A"), (en_markdown, "\n## Annex A")):
        annexes = markdown[markdown.index(start):]
        missing = {}
        for rid, case in _cases(_case_part(markdown), r"TD-[A-Z]+-\d+").items():
            if rid in _KEY_NAMES:
                continue
            for token in set(re.findall(r"`([a-z][A-Za-z0-9_.\[\]]*)`", case)):
                if not (re.search(r"[a-z][A-Z]", token) or "_" in token):
                    continue
                last = token.split(".")[-1].rstrip("[]")
                if f"`{token}`" not in annexes and not re.search(rf"\b{re.escape(last)}\b", annexes):
                    missing.setdefault(rid, []).append(token)
        assert not missing, missing
    aud = _cases(zh_markdown)["TD-AUD-007"]
    for web_audio in ("refDistance", "maxDistance", "rolloffFactor"):
        assert web_audio not in aud, web_audio
    assert "参考距离（`ref_distance_m`）" in _row(aud, "测试目的")
