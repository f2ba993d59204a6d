"""The fifty-seventh reading, part h113-limits57 (docs/drafting.md, "Fifty-seventh reading, part h113-limits57"):
TD-MPLAT-004 capped the commanded sinusoid at 1 Hz, so a velocity bound above 2π·D·1 Hz could never be commanded
within the stroke and such a platform never passed (cx1); TD-HOLO-002's 8-pixel tiles and 8192 × 8192 pixels were
applied by no step (cx2); TD-CAPT-004's inconclusive line named a stimulus not the corpus played whole, which no
step checked (cx3). The class: a number with a unit in a case's 判定准则 is stated by its 前置条件 or 测试步骤.
Each test fails on the draft as it was before (b894c882)."""

from __future__ import annotations

import json
import re

from tests.drafting.test_reading_fiftyfifth_cases55 import _case, _line
from tests.drafting.test_reading_fiftysixth_h110cases56 import _criterion, _requirement
from tests.paths import ROOT

#: a number with the unit it is read in (a limit a criterion applies), not a clause, a version or a status code
_UNITS = "%|dB|Hz|kHz|像素|毫秒|微秒|秒|帧|倍|ms|μs|MiB|mm|厘米|毫米|度"
_NUMBER = re.compile(rf"(?<![\w.\u2011-])(\d+(?:\.\d+)?)\s*({_UNITS})")


def _cases(markdown: str) -> list[tuple[str, str]]:
    heads = list(re.finditer(r"^### \d+\.\d+ ([A-Z]{2}-[A-Z0-9]+-\d{3}) ", markdown, re.M))
    return [(h.group(1), _case(markdown, h.group(1))) for h in heads]


def test_class_every_number_a_criterion_applies_is_stated_by_a_step_or_a_precondition(zh_markdown):
    """Over every test case: each number with a unit in the 判定准则 appears in the 前置条件 or the 测试步骤 (a step
    may state it in another unit word: 500 个 for 500 帧), so the verdict line applies only what a step measures or
    the set-up fixes."""
    missing = []
    for rid, case in _cases(zh_markdown):
        rows = {head: _line(case, head) for head in ("前置条件", "测试步骤", "判定准则")
                if any(line.startswith(f"| {head} |") for line in case.splitlines())}
        stated = rows.get("前置条件", "") + rows.get("测试步骤", "")
        for number, unit in _NUMBER.findall(rows.get("判定准则", "")):
            if not re.search(rf"(?<![\d.]){re.escape(number)}(?![\d.])", stated):
                missing.append(f"{rid}: {number} {unit}")
    assert not missing, missing


def test_cx1_the_header_admits_a_velocity_bound_commanded_within_the_stroke(zh_markdown):
    """The commanded_motion format's bound is 5 Hz in the schema, the check and the case; TD-MPLAT-004 commands a
    velocity bound by an amplitude at most *D*, and its notes give the 5 Hz its reason (with the 1.6 Hz example)."""
    schema = json.loads((ROOT / "schemas" / "terminal" / "capture-header.json").read_text(encoding="utf-8"))
    text = json.dumps(schema, ensure_ascii=False)
    assert '"maximum": 1,' not in text.split('"commanded_motion"', 1)[1].split('"measured_by"', 1)[0]
    from conformance.areas.terminal.platform_response import LATENCY_MAX_FREQUENCY_HZ, MAX_FREQUENCY_HZ

    assert (MAX_FREQUENCY_HZ, LATENCY_MAX_FREQUENCY_HZ) == (5.0, 1.0)
    case = _case(zh_markdown, "TD-MPLAT-004")
    set_up = _line(case, "前置条件")
    assert "速度边界以不大于 *D* 的 *A*" in set_up and "*f* 不大于 5 Hz" in set_up and "1 Hz" not in set_up
    assert "频率大于 5 Hz" in _line(case, "测试步骤") and "频率大于 5 Hz" in _criterion(case, "不确定")
    for lang in ("en", "zh"):
        notes = _requirement("terminal", "TD-MPLAT-004")["notes"][lang]
        assert "5 Hz" in notes and "1.6 Hz" in notes and ("1 − cos(π·5/100)" in notes), lang
    timed = _case(zh_markdown, "TD-MPLAT-003")
    assert "指令频率大于 1 Hz 的轴" in _line(timed, "测试步骤") and "频率大于 5 Hz" in _criterion(timed, "不确定")


def test_cx1_the_platform_cases_quote_no_1_hz_format_bound(zh_markdown):
    """No case or note still calls 1 Hz the commanded_motion format's bound."""
    for rid in ("TD-MPLAT-001", "TD-MPLAT-003", "TD-MPLAT-004"):
        case = _case(zh_markdown, rid)
        assert "频率大于 1 Hz、" not in case and "频率大于 1 Hz 等" not in case, rid
    assert "格式的上限）" in _requirement("terminal", "TD-MPLAT-001")["notes"]["zh"]
    assert "最高频率 1 Hz 的五倍，此类运动直至其五次谐波均能读得（TD-MPLAT-004" in \
        _requirement("terminal", "TD-MPLAT-001")["notes"]["zh"]


def test_cx2_holo_002_applies_its_pixel_bounds_in_a_step(zh_markdown):
    """Step 2 applies the PNG/JPEG format, the 8192 × 8192 pixels and the 8-pixel tiles the criteria judge; the
    notes give each its reason, quoted by 三（三）."""
    steps = _line(_case(zh_markdown, "TD-HOLO-002"), "测试步骤")
    # the 8192 × 8192 pixels a reading bound since the sixty-eighth reading (h131-tbound, c5), no longer an R1 finding
    assert "像素数超过读取界限“拼图的像素数”（8192 × 8192 像素" in steps
    assert "小于 8 像素时，记录为不满足（规则 R1）" in steps
    assert "不是 PNG 或 JPEG 文件时，记录该文件，不作为拼图判定" in steps
    notes = _requirement("terminal", "TD-HOLO-002")["notes"]
    assert "256 MiB" in notes["en"] and "256 MiB" in notes["zh"]


def test_cx2_the_explanatory_quotes_both_pixel_reasons(note_md):
    row = next(line for line in note_md.splitlines() if line.startswith("| TD‑HOLO‑002 |"))
    # the 8192 × 8192 pixels are 5.1's reading bound 「拼图的像素数」 since the sixty-eighth reading (h131-tbound, c5):
    # the row points to the bounds' table, which gives the reason; its figure with its unit since the sixty-ninth
    # reading (h133-tcaps, part d's doubtful item 3)
    assert "8192 × 8192 像素为 5.1 所列测试设备的读取界限" in row
    bound = next(line for line in note_md.splitlines() if line.startswith("| 拼图的像素数 |"))
    assert "限定解码一幅拼图所需的内存：64 Mi 像素" in bound
    assert "不少于 8 像素的图块为本文件自定" in row


def test_cx3_the_corpus_cases_check_the_stimulus_in_a_step(zh_markdown):
    """TD-CAPT-004 (and TD-VOICE-004, the same class) check in the step opening the capture what their
    inconclusive line names: the stimulus is E.19's corpus played whole (corpus, language, mouth, presentations,
    every phrase per condition), as recognition.stimulus_of checks."""
    corpus = re.search(r"^### (E\.\d+) 参考语料", zh_markdown, re.M)  # its number moves as formats come before it
    assert corpus
    for rid in ("TD-CAPT-004", "TD-VOICE-004"):
        steps = _line(_case(zh_markdown, rid), "测试步骤").split("<br>")
        step = next(s for s in steps if "打开采集文件" in s)  # the step reading the capture (an ICS step may lead)
        for part in (f"{corpus.group(1)} 的 `mvx-voice-1`", "语言为该语料所含语言之一", "声明了人工嘴的型号与校准",
                     "条件为安静或噪声", "安静与噪声条件下各播放了该语言的每个语句"):
            assert part in step, (rid, part)
    source = (ROOT / "src" / "conformance" / "areas" / "terminal" / "caption_timing.py").read_text(encoding="utf-8")
    assert "stimulus = stimulus_of(stats)" in source
