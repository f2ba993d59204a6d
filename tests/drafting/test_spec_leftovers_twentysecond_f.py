"""The leftovers of the twenty-second reading of issue 76, part f (docs/drafting.md, "Leftovers of the twenty-second
reading, part f"): the terminal cases' verdicts and clause 6.1 (row 22), TD-VOICE-004's 不适用 and 不确定 (18),
TD-FACE-005's statement (20), cross-references (21), vague criteria (43), 不适用 lines against step 1 (52), the
biometric stream types (53), A-weighting (8), dB FS (17), TD-MPLAT-003's terms (32) and TD-CAM-002's test
equipment (33). Each test fails on the draft before the fix (tried by reverting each change, see the report)."""

from __future__ import annotations

import re
from functools import cache

import pytest
import yaml

from conformance._catalog.model import Level, Outcome, Verdict
from conformance._run.verdicts import profile_outcome
from conformance.areas.terminal.biometric import BIOMETRIC_TYPES
from conformance.reference import SAMPLES
from tests.conftest import captures_verdict
from tests.paths import ROOT

TERMINAL = ROOT / "suites" / "terminal"

#: each terminal profile and the stream types it is about: a capture without them lacks the profile's input
PROFILE_STREAMS = {
    "terminal-bci": ("eeg", "emg"), "terminal-face": ("face",), "terminal-body": ("body",),
    "terminal-hand-tracking": ("hand",), "terminal-haptics": ("haptic",),
    "terminal-force-feedback": ("force_feedback",),
    "terminal-spatial-audio": ("audio",), "terminal-eye-gaze": ("eye_gaze",), "terminal-comfort": ("display",),
    "terminal-hmd-6dof": ("pose",), "terminal-voice": ("voice",),
}


@cache
def _procedures() -> dict:
    return yaml.safe_load((TERMINAL / "procedures.yaml").read_text(encoding="utf-8"))["procedures"]


@cache
def _requirements() -> dict:
    loaded = yaml.safe_load((TERMINAL / "requirements.yaml").read_text(encoding="utf-8"))
    return {r["id"]: r for r in loaded["requirements"]}


def _line(rid: str, lang: str, label: str) -> str:
    """A case's verdict line starting with ``label`` (「不适用：」, "Not applicable:")."""
    (line,) = [c for c in _procedures()[rid]["criteria"][lang] if c.startswith(label)]
    return line


def _na(rid: str) -> tuple[str, str]:
    return _line(rid, "zh", "不适用："), _line(rid, "en", "Not applicable:")


def _inc(rid: str) -> tuple[str, str]:
    return _line(rid, "zh", "不确定："), _line(rid, "en", "Inconclusive:")


def _profile_requirements(profile: str) -> list[str]:
    loaded = yaml.safe_load((ROOT / "profiles" / f"{profile}.yaml").read_text(encoding="utf-8"))
    return [*loaded["requirements"], *(r for f in loaded.get("features", {}).values() for r in f["requirements"])]


# row 22: the profile's own stream missing is a required input missing, uniformly

def _lacks(stream: str, zh: str, en: str) -> bool:
    return f"不含 {stream} 数据流" in zh or f"不含 {stream} 或" in zh or \
        re.search(rf"holds? no (?:an? )?{stream} stream", en) is not None


def test_a_capture_without_the_profiles_own_stream_is_never_not_applicable():
    wrong = [(profile, rid, stream) for profile, streams in PROFILE_STREAMS.items()
             for rid in _profile_requirements(profile) if rid in _procedures() and "criteria" in _procedures()[rid]
             for stream in streams if _lacks(stream, *_na(rid))]
    assert not wrong, wrong


@pytest.mark.parametrize("rid", ["TD-BCI-001", "TD-BCI-002", "TD-BCI-003", "TD-BCI-004", "TD-FACE-001", "TD-FACE-002",
                                 "TD-HAND-001", "TD-HAND-002", "TD-HAND-004", "TD-BODY-001", "TD-AUD-001", "TD-AUD-002",
                                 "TD-FORCE-001", "TD-FORCE-002", "TD-FORCE-003", "TD-HAPT-001", "TD-GAZE-001",
                                 "TD-GAZE-002", "TD-DISP-002"])
def test_the_cases_that_said_not_applicable_now_say_inconclusive(rid):
    profile = next(p for p in PROFILE_STREAMS if rid in _profile_requirements(p))
    assert any(_lacks(s, *_inc(rid)) for s in PROFILE_STREAMS[profile]), _inc(rid)


def test_clause_6_1_asks_for_a_passed_case(zh_markdown, en_markdown):
    assert "且其中至少有一个测试用例判定为通过时为符合" in zh_markdown
    assert "或全部判定为不适用）不作符合性结论" in zh_markdown
    assert "and at least one of them passes" in en_markdown and "or all of them not applicable) no" in en_markdown


def test_a_profile_whose_deciding_cases_are_all_not_applicable_is_not_conformant():
    """As 6.1 says: a pass of a declaration check or of a level the pass rule does not require decides nothing."""
    must, should, na, ok = Level.MUST, Level.SHOULD, Verdict.NOT_APPLICABLE, Verdict.PASS
    verdicts = {"A": (must, na), "B": (must, na), "C": (should, ok), "D": (must, ok)}
    assert profile_outcome(verdicts, [must], declared=["D"]) == (Outcome.INCOMPLETE, [])
    assert profile_outcome({"A": (must, na), "B": (must, na)}, [must])[0] is Outcome.INCOMPLETE
    assert profile_outcome({"A": (must, na), "B": (must, ok)}, [must]) == (Outcome.CONFORMANT, [])


@pytest.mark.parametrize(("profile", "rid", "features"), [
    ("terminal-force-feedback", "TD-FORCE-001", None), ("terminal-force-feedback", "TD-FORCE-003", None),
    ("terminal-hand-tracking", "TD-HAND-004", ["gesture-recognition"]),
    ("terminal-eye-gaze", "TD-GAZE-002", ["fixation-targets"]),
])
def test_a_run_over_a_capture_without_the_stream_is_inconclusive(catalog, run_manifest, profile, rid, features):
    """The checks whose 不适用 was their own: a voice headset's capture holds none of these streams."""
    capture = SAMPLES / "captures" / "voice-headset.ndjson.gz"
    verdict, why = captures_verdict(catalog, run_manifest, profile, rid, [capture], features=features)
    assert verdict == "inconclusive", why


# row 18

def test_td_voice_004_is_not_applicable_only_by_the_ics_and_exits_at_step_2():
    steps = _procedures()["TD-VOICE-004"]["steps"]
    assert _na("TD-VOICE-004") == (
        "不适用：ICS 未声明支持特性“以参考语料实测语音识别、唤醒词与语音活动检测”（`recognition-measured`）。",
        'Not applicable: the ICS does not declare the feature "Speech recognition, wake word and voice activity '
        'measured on the reference corpus" (`recognition-measured`).')
    assert "不适用" not in steps["zh"][0] and "not applicable" not in steps["en"][0]
    assert "记录“不确定”并结束本用例" in steps["zh"][1] and 'record "inconclusive" and stop' in steps["en"][1]
    zh, en = _inc("TD-VOICE-004")
    assert "采集文件不含声明参考语料与人工嘴的语音数据流" in zh
    assert "holds no voice stream declaring the reference corpus" in en


# row 20

def test_td_face_005_states_r2_in_r2s_words():
    statement = _requirements()["TD-FACE-005"]["statement"]
    assert "不少于在词表各表情间随机猜测以不超过 5% 的概率所能达到的最少正确数" in statement["zh"]
    assert "正确数多于" not in statement["zh"]
    assert "at least the fewest that guessing among the vocabulary's expressions reaches with a probability of " \
           "at most 5 %" in " ".join(statement["en"].split())


# row 21

def test_a_missing_range_and_an_unparsable_t_name_the_rule_that_judges_them():
    # the per-stream form since the thirty-eighth reading's c3 (part cT1)
    assert "缺少量程由 TD-BCI-001 的规则 R3 判定" in _inc("TD-BCI-003")[0]
    assert "its absence being judged by rule R3 of TD-BCI-001" in _inc("TD-BCI-003")[1]
    assert "（由 TD-CAP-001 的规则 R4 判定）" in _inc("TD-CAP-002")[0]
    assert "(judged by rule R4 of TD-CAP-001)" in _inc("TD-CAP-002")[1]
    rules = {r["id"]: r for r in _requirements()["TD-CAP-001"]["rules"]}
    assert "`t`" in rules["R4"]["zh"] and "range_uv" in _requirements()["TD-BCI-001"]["rules"][2]["en"]


# row 43

@pytest.mark.parametrize(("rid", "zh", "en"), [
    ("TD-HAND-005", "参考关节相对其均值的均方根小于 20 毫米",
     "move less than 20 mm (root mean square about their mean)"),
    ("TD-BODY-006", "骨骼相对其均值的运动均方根小于 20 毫米",
     "move less than 20 mm (root mean square about their mean"),
    ("TD-FORCE-004", "没有保持不短于 200 毫秒、且记录覆盖其窗口（阶跃前 50 毫秒至阶跃结束）不少于 90% 的阶跃",
     "no step is held at least 200 ms with the trace covering at least 90 % of its window"),
], ids=["TD-HAND-005", "TD-BODY-006", "TD-FORCE-004"])
def test_inconclusive_lines_give_the_steps_numbers(rid, zh, en):
    got_zh, got_en = _inc(rid)
    assert zh in got_zh and en in got_en
    assert not re.search("几乎|足够", got_zh) and not re.search(r"hardly|long enough", got_en)


# row 52

@pytest.mark.parametrize(("rid", "zh", "en"), [
    ("TD-OLF-004", "未声明带 id 的 `olfactory` 提供项", "claims no `olfactory` offer with an `id`"),
    ("TD-TACT-003", "未声明带 id 与 `taxels` 的 `tactile` 提供项", "claims no `tactile` offer with an id and `taxels`"),
    ("TD-RUN-004", "未声明带路径的 `haptic` 提供项", "claims no `haptic` offer with a path"),
], ids=["TD-OLF-004", "TD-TACT-003", "TD-RUN-004"])
def test_not_applicable_lines_say_what_step_1_checks(rid, zh, en):
    steps = _procedures()[rid]["steps"]
    assert zh in steps["zh"][0] and en in steps["en"][0]
    assert _na(rid) == (f"不适用：该设备描述{zh}。", f"Not applicable: the descriptor {en}.")


# row 53

def test_the_biometric_types_are_the_checks_and_voice_is_among_them():
    listed = "eye_gaze, face, hand, body, eeg, emg, voice"
    statement = _requirements()["TD-BIO-001"]["statement"]
    assert "voice" in BIOMETRIC_TYPES and ", ".join(BIOMETRIC_TYPES) == listed
    assert f"({listed})" in " ".join(statement["en"].split()) and f"（{listed.replace(', ', '、')}）" in statement["zh"]
    notes = _requirements()["TD-BIO-001"]["notes"]
    assert "GB/T 35273-2020" in notes["en"] and "voiceprint" in notes["en"]
    assert "GB/T 35273—2020" in notes["zh"] and "声纹" in notes["zh"] and "本文件" in notes["zh"]
    for rid in ("TD-BIO-001", "TD-BIO-003"):
        steps = _procedures()[rid]["steps"]
        assert any("emg 或 voice" in s for s in steps["zh"]) and any("emg or voice" in s for s in steps["en"])


# rows 8 and 17

def test_the_a_weighting_belongs_to_the_quantity_and_dB_FS_is_no_code(zh_markdown, en_markdown):
    sources = [*TERMINAL.glob("*.yaml"), ROOT / "schemas" / "certification" / "laboratory-record.json"]
    assert not [p.name for p in sources if "dB(A)" in p.read_text(encoding="utf-8")]
    for markdown in (zh_markdown, en_markdown):
        assert "dB(A)" not in markdown and "`dBFS`" not in markdown and "dBFS" not in markdown
    assert "A 计权背景噪声声压级低于 30 dB" in zh_markdown and "A-weighted background noise level is below 30 dB" \
        in en_markdown
    assert "背景噪声的 A 计权声压级，以 dB 计" in zh_markdown
    assert "−20 dB FS" in zh_markdown or "-20 dB FS" in zh_markdown


# row 32

def _mplat_texts() -> dict[str, str]:
    req, case = _requirements()["TD-MPLAT-003"], _procedures()["TD-MPLAT-003"]
    out = {"zh": "", "en": ""}
    for lang in out:
        # the version step's own note quotes the old terms
        notes = re.split(r"1\.1\.2 (?:\(issue 76|版（议题 76)", req["notes"][lang])[0]
        parts = [req["title"][lang], req["statement"][lang], notes, *(r[lang] for r in req["rules"]),
                 *case["conditions"][lang], *case["steps"][lang], case["expected"][lang], *case["criteria"][lang]]
        out[lang] = "\n".join(parts)
    return out


def test_td_mplat_003_names_each_quantity_once_in_each_language():
    texts = _mplat_texts()
    zh, en = texts["zh"], texts["en"].replace("transport delay", "")
    assert "滞后" not in zh and "跟踪误差" not in zh and not re.search("(?<!传输)延迟", zh)
    assert "时延" in zh and "跟随误差" in zh
    assert not re.search(r"\bdelay|\blag\b|tracking error", en) and "following error" in en and "latency" in en


# row 33

def test_td_cam_002s_test_equipment_states_a_number_with_one_force():
    zh, en = [next(c for c in _procedures()["TD-CAM-002"]["conditions"][lang] if c.startswith(start))
              for lang, start in (("zh", "测试设备："), ("en", "Apparatus:"))]
    assert "方和根不大于 0.25 像素，即 1 像素限值的四分之一" in zh and "`fx`" in zh
    assert "远小于" not in zh and "应" not in zh
    assert "at most 0.25 px, a quarter of the 1 px limit" in en and "`fx`" in en and "should" not in en
