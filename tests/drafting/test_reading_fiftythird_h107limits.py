"""The fifty-third reading, part h107-limits (docs/drafting.md, "Fifty-third reading, part h107-limits"): numbers the
编制说明 三（三） quoted with a reason that did not justify them: TD-HAND-004's 250 ms recognition window (c1; TD-FACE-005
and -007 take it over), RB-TRACK-001's 50 controller-state messages, and step 4's bracket saying only that it is the
document's own (c5), TD-BCI-007's 80 dB, whose one reason (0.57 mV left of 2 V r.m.s.) seemed to argue against the 6 μV
noise limit and named no source for the 2 V (d1), TD-DISP-011's 50 cd/m² and 0.5 (d2), TD-HAND-002's 5 mm (d3) and
TD-AUD-004's 40 dB and −60 dB FS (d4). Each test fails at ef340ff1."""

from __future__ import annotations

import re
from pathlib import Path

import yaml

from tests.drafting.blocks import limit_rows as _rows

ROOT = Path(__file__).resolve().parents[2]
#: a step justifying its own number, 「（本目录自定的数值，……）」: the reason belongs in the notes, which 三（三） quotes
_OWN = re.compile(r"（[^（）]*(?:本目录|本文件)自定[^（）]*）|\([^()]*(?:this catalog's|this document's) own[^()]*\)")


def justified_steps() -> list[str]:
    """The test-case steps (both languages, every area) carrying a bracket that calls a number the document's own."""
    found = []
    for path in sorted(ROOT.glob("suites/*/procedures.yaml")):
        for rid, case in (yaml.safe_load(path.read_text(encoding="utf-8")).get("procedures") or {}).items():
            for lang, steps in ((case or {}).get("steps") or {}).items():
                found += [f"{rid} {lang}: {step[:60]}" for step in steps if _OWN.search(step)]
    return found


def test_no_step_carries_its_numbers_justification():
    """c5's class: a normative step states what to check; why the number is what it is stands in the notes."""
    assert not justified_steps()


def test_the_pattern_finds_c5():
    assert _OWN.search("4. 核对每个关节至少有 50 条控制器状态消息（本目录自定的数值，与测试动作相同，并非引自所引标准）；")
    assert _OWN.search("4. Check that each joint has at least 50 messages (this catalog's own figure, like the test motion);")


def test_the_recognition_window_has_its_reason(note):
    """c1: TD-HAND-004's quote gives the 250 ms tolerance its own reason (the clause after 「；」 was left out)."""
    basis = _rows(note)["TD-HAND-004"][1]
    assert "250 ms 容差为本文件的设定" in basis and "为识别器报告在提示结束时才完成的手势留出时间" in basis
    # fifty-ninth reading, d11: the reason no longer rests on TD-FACE-005's latency, which pointed back here
    assert "不短于 250 ms 的停顿" in basis and "TD‑FACE‑005" not in basis
    for rid in ("TD-FACE-005", "TD-FACE-007"):
        assert "TD-HAND-004 的设定" in _rows(note)[rid][1], rid


def test_the_message_count_has_its_reason(note):
    """c5: RB-TRACK-001's 50 messages: the rate over the 6 s motion and what the 95th percentile needs."""
    basis = _rows(note)["RB-TRACK-001"][1]
    assert "每秒 8 条" in basis and "第 95 百分位数不由单条离群的消息决定" in basis


def test_the_common_mode_limit_is_set_against_its_test_level(note):
    """d1: the 2 V r.m.s. has its source, 80 dB stands among typical readings, and the residual is no longer set
    against the 6 μV noise limit as if it were noise."""
    basis = _rows(note)["TD-BCI-007"][1]
    assert re.search(r"共模试验所施加的 2 V 有效值（据 WhaleTeq CMRR 3.0E（参考文献\[\d+\]）测试仪的使用说明书）", basis)
    assert "0.3 mV 至 0.7 mV 峰峰值（约 78 dB 至 86 dB）" in basis
    assert "不与 R4 在输入端短接时判定的 6 μV 噪声相比较" in basis and "约 21 mV" in basis


def test_the_eyepiece_figures_have_sources(note):
    """d2: 50 cd/m² and 0.5 each with a reason, no longer 「不适于阅读」 (the fifty-fourth reading's part h108-sources made
    both the document's own: the glossary and the year-less chapter gave way, tests/drafting/test_reading_fiftyfourth_h108sources.py)."""
    basis = _rows(note)["TD-DISP-011"][1]
    assert "不适于阅读" not in basis
    assert "50 cd/m²（`min_eyepiece_luminance`）为本文件自定" in basis and "0.5（`min_luminance_uniformity`）亦为本文件自定" in basis


def test_the_bone_tolerance_is_derived(note):
    """d3: TD-HAND-002's 5 mm from the joints' noise (√2 σ), set against TD-HAND-005's 20 mm; 1 s in frames."""
    basis = _rows(note)["TD-HAND-002"][1]
    assert "√2 σ" in basis and "TD-HAND-005 的 20 mm" in basis and "30 帧" in basis


def test_the_silent_ear_thresholds_have_reasons(note):
    """d4: 40 dB has a reason (the document's own since the fifty-fourth reading); −60 dB FS is set
    against a 16-bit recording's floor."""
    basis = _rows(note)["TD-AUD-004"][1]
    # the fifty-fourth reading's part h108-sources: 40 dB the document's own, the encyclopedia gone
    assert "40 dB 即较弱一耳的幅值为较强一耳的百分之一" in basis
    assert "量化本底" in basis
