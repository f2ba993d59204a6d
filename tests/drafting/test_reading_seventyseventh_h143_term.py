"""The seventy-seventh reading of issue 76, part h143-term77: read77c's c1 (K5) and c2 (K7).

c1: TD-FORCE-005's 不确定 line called a record not going on for the full 500 ms after the last command 不确定, while
step 4, its 三（三） row and the check (``force_stop.stop_of``: ``end - at < MIN_COVERAGE * WATCH_S * rate_hz``) judge a
record covering at least 90 % of those 500 ms; the line also left out step 4's other cause, too few samples in the 50 ms
before the last command (the check's ``at - first < 4``), and step 4 said 「未覆盖这 50 ms」 for that count. The step and
the line now say what the check tests, and the 三（三） row gives the 4 samples with their reason. The class: every case
whose steps leave a record unjudged for covering less than a share of a window, or for fewer than N samples, names the
same share and count in its 不确定 line.

c2: TD-MPLAT-003's step 2 said an axis commanded above 1 Hz has more than one peak in the 0 to 500 ms window, false
between 1 and 2 Hz, where the window is shorter than the one period between the normalised correlation's peaks. The
1 Hz rests on the window within half a period: a sinusoid shifted by half a period is the sinusoid reversed, so past
half a period a platform moving opposite to its command (with a short latency) is read inside the window as a latency
with a small following error. Step 2 and the 三（三） row now say so; no text claims more than one peak.

Each test fails on ee48ece32.
"""

from __future__ import annotations

import inspect
import math
import re

from conformance.areas.terminal import force_output, force_stop, platform_response
from tests.drafting.test_spec_leftovers_twentythird_j import _row, _verdict_lines
from tests.drafting.test_spec_sixteenth_reading import _cases

#: a step leaving a record unjudged for covering less than a share of a window, 「未覆盖其后 500 ms 的 90%」
_SHARE = re.compile(r"未覆盖[^，。；<]{0,30}?的 (\d+)%")
#: a step leaving a record unjudged for too few samples in a window, 「不足 4 个样本」
_FEW = re.compile(r"不足 (\d+) 个样本")


def _note_row(note_md: str, rid: str) -> list[str]:
    row = next(line for line in note_md.splitlines() if line.startswith(f"| {rid.replace('-', '‑')} |")
               and "附注" in line)
    return [cell.strip() for cell in row.strip("|").split(" | ")]


def test_c1_class_each_uncovered_share_and_count_a_step_leaves_unjudged_stands_in_the_inconclusive_line(zh_markdown):
    found = 0
    for rid, case in _cases(zh_markdown).items():
        steps, inconclusive = _row(case, "测试步骤"), _verdict_lines(case, "zh")["不确定"]
        for m in [*_SHARE.finditer(steps), *_FEW.finditer(steps)]:
            found += 1
            wanted = f"{m.group(1)}%" if m.re is _SHARE else m.group(0)
            assert wanted in inconclusive, (rid, m.group(0))
    assert found >= 2


def test_c1_force_stop_step_and_inconclusive_line_say_what_the_check_tests(zh_markdown, en_markdown):
    # the check: at least 4 samples in the PRE_S before the last command, MIN_COVERAGE of the WATCH_S after it
    source = inspect.getsource(force_stop.stop_of)
    assert "at - first < 4" in source and "MIN_COVERAGE * WATCH_S" in source
    assert (force_output.PRE_S, force_output.MIN_COVERAGE, force_stop.WATCH_S) == (0.05, 0.9, 0.5)
    zh = next(c for rid, c in _cases(zh_markdown).items() if rid.replace("‑", "-") == "TD-FORCE-005")
    en = next(c for rid, c in _cases(en_markdown).items() if rid.replace("‑", "-") == "TD-FORCE-005")
    step = next(s for s in _row(zh, "测试步骤").split("<br>") if "之前 50 ms 记录的中位数" in s)
    assert "这 50 ms 内的记录不足 4 个样本" in step and "未覆盖这 50 ms" not in step
    assert "未覆盖其后 500 ms 的 90%" in step
    inconclusive = _verdict_lines(zh, "zh")["不确定"]
    assert "未持续" not in inconclusive
    assert "记录在最后一条指令之前 50 ms 内不足 4 个样本或未覆盖其后 500 ms 的 90%" in inconclusive
    assert "力未高于噪声本底的 4 倍" in inconclusive
    inconclusive_en = _verdict_lines(en, "en")["Inconclusive"]
    assert "does not go on for 500 ms" not in inconclusive_en
    assert "fewer than 4 samples in the 50 ms before the last command or does not cover 90 % of the 500 ms" \
        in inconclusive_en
    assert "fewer than 4 samples in those 50 ms" in _row(en, "Test procedure")


def test_c1_the_four_samples_stand_in_the_row_with_their_reason(note_md):
    _, limits, basis = _note_row(note_md, "TD-FORCE-005")
    assert "4 个样本" in limits.split("，") and "4 倍" in limits.split("，")
    assert "50 ms 的记录及其中至少 4 个样本" in basis
    assert "4 个样本是中位数取中间两个值的平均" in basis and "80 Hz" in basis


def test_c2_no_text_says_an_axis_above_1_hz_has_more_than_one_peak(zh_markdown, en_markdown, note_md):
    # between 1 and 2 Hz the period exceeds the 500 ms window: at most one peak lies in it
    window_s = float(platform_response.DELAYS_MS[-1]) / 1000
    assert 1 / 1.5 > window_s
    for text in (zh_markdown, note_md):
        assert "不止一个峰值" not in text
    assert "more than one peak" not in en_markdown


def test_c2_the_1_hz_rests_on_the_window_within_half_a_period(zh_markdown, en_markdown, note_md):
    window_s = float(platform_response.DELAYS_MS[-1]) / 1000
    assert math.isclose(1 / (2 * platform_response.LATENCY_MAX_FREQUENCY_HZ), window_s)
    zh = next(c for rid, c in _cases(zh_markdown).items() if rid.replace("‑", "-") == "TD-MPLAT-003")
    en = next(c for rid, c in _cases(en_markdown).items() if rid.replace("‑", "-") == "TD-MPLAT-003")
    step = next(s for s in _row(zh, "测试步骤").split("<br>") if "指令频率大于 1 Hz 的轴" in s)
    assert "窗口长于其周期的一半" in step and "正弦运动推后其周期的一半即为其反向运动" in step
    assert "exceeds half its period" in _row(en, "Test procedure")
    _, limits, basis = _note_row(note_md, "TD-MPLAT-003")
    assert "1 Hz" in limits.split("，")
    assert "不超过半个周期，而正弦运动推后半个周期即为其反向运动" in basis
    assert "不在窗口末端之前被读作跟随误差很小的时延" in basis
    assert "因其窗口长于半个周期" in basis
