"""The fiftieth reading, part h103-limits (docs/drafting.md, "Fiftieth reading, part h103-limits"): numbers of the
编制说明's 三（三） without their row or reason: SC-CITY-004's half a `scale` step (c1), TD-VOICE-004's windows and SNR
(c4), TD-TACT-003's 4 reads called the same as TD-RUN-006's 8 (c6), IF-SES-001's and -002's update rate resting on each
other (b5), the runtime reports' 1 ms called a rounding of reports in whole nanoseconds (cx1). Each test fails on the
draft as it was before (b203627f)."""

from __future__ import annotations

from tests.drafting.test_reading_fortyninth_h102limT2 import _FLAG, _rows

# the class of c1, a fraction spelled 「半个 `scale` 步长」, is test_reading_fortyninth_h102limT2's, widened to any
# fraction spelled in Chinese numerals and to statements and rules


def test_each_number_stands_in_its_row_with_its_reason(note):
    """c1, c4, c6, cx1: the number is listed and the quote gives why it is what it is."""
    rows = _rows(note)
    wanted = {"SC-CITY-004": (["0.5 个"], ["取整的误差至多为半个步长"]),
              "TD-VOICE-004": ([], ["1 s 窗口：", "0.25 s 窗口：", "10 dB 信噪比："])}
    # cx1's TD-OLF-004 and TD-RUN-004 compare their reports for equality since the fifty-ninth reading (d10)
    for rid, (numbers, reasons) in wanted.items():
        limits, basis = rows[rid]
        assert all(number in limits.split("，") for number in numbers), (rid, limits)
        assert _FLAG not in basis and all(reason in basis for reason in reasons), (rid, basis)
        assert "报告的舍入，而非" not in basis, (rid, basis)  # cx1: reports give whole nanoseconds
    assert "相同" not in rows["TD-TACT-003"][1] and "3 对相邻的帧" in rows["TD-TACT-003"][1]


def test_the_session_update_rate_has_one_reason(note):
    """b5: IF-SES-001's row gives the 10 updates a second and the 10 per participant a reason; the others point to it
    and none points back."""
    rows = _rows(note)
    assert "使相邻两次更新的间隔短于 IF-SES-002 第 95 百分位数的限值 150 ms" in rows["IF-SES-001"][1]
    assert "560 个到达时延" in rows["IF-SES-001"][1]
    for rid in ("IF-SES-002", "IF-SES-003", "IF-SES-004", "IF-SES-005", "IF-SES-006"):
        basis = rows[rid][1]
        assert "依据见 IF-SES-001 的附注" in basis and "即 IF-SES-001 的状态更新频率" not in basis, (rid, basis)
    assert "IF-SES-002 所述每秒 10 次" not in rows["IF-SES-001"][1]

