"""The fifty-fourth reading, part h108-limD (docs/drafting.md, "Fifty-fourth reading, part h108-limD"): numbers the
编制说明 三（三） quoted without a reason that gives them: TD-FACE-004's 0.15 and 0.1 (d1), TD-BODY-005's 400 mm and 10
frames (d2), TD-OLF-006's 0.1 s (d3), TD-BCI-004's 500 ms and 0.1 % (d4), TD-DEPTH-002's 1 % and 0.5 % (d5),
TD-HAND-006's 100 ms, whose reason argued against it, and its 20 mm (d6); and TD-BCI-007's IEC 80601-2-26:2019, named
as the source of the 2 V r.m.s. but in neither clause 2 nor the 参考文献, beside a manual entry with no access path
(d7). Each test fails at 4c5b53e6."""

from __future__ import annotations

import re

from tests.drafting.blocks import limit_rows as _rows


def _bibliography(markdown: str) -> list[str]:
    """The 参考文献's entries as the draft prints them (the lines after its heading opening 「[N] 」)."""
    return re.findall(r"^\[\d+\] .*$", markdown.rsplit("参考文献", 1)[1], flags=re.M)


def test_the_face_weight_limits_have_reasons(note):
    """d1: 0.15 is a third of the step between none, half and full; 0.1 under half the 0.25 counted as made."""
    basis = _rows(note)["TD-FACE-004"][1]
    assert "（0、0.45、0.9）之间间隔 0.45 的三分之一" in basis and "不低于 0.75" in basis
    assert "低于本测试计为正在做出表情的 0.25 的一半" in basis


def test_the_boundary_band_and_its_frames_have_reasons(note):
    """d2: 400 mm from the shoulder's place and an arm's reach (a source in the bibliography); 10 frames by √10."""
    basis = _rows(note)["TD-BODY-005"][1]
    assert re.search(r"香港城市大学在线人体测量资料，参考文献\[\d+\]", basis) and "约 220 mm" in basis
    assert "1/√10" in basis and "约为 13 mm" in basis and "一掌之内" not in basis


def test_the_send_tolerance_has_its_reason(note):
    """d3: 0.1 s pairs each release with one send (an eightieth of the 8 s between sends); the delay is TD-OLF-005's."""
    basis = _rows(note)["TD-OLF-006"][1].replace("\u2011", "-")
    assert "8 s 的八十分之一" in basis and "每次释放只与一次发送配对" in basis
    assert "TD-OLF-005 的 R1 容许至多 2 s" in basis


def test_the_flat_line_and_saturation_limits_have_figures(note):
    """d4: the chance that 500 ms of a noisy channel repeats one value; 0.1 % as clipping time a minute."""
    basis = _rows(note)["TD-BCI-004"][1]
    assert "10⁻³⁴" in basis and "64 个样本" in basis and "每分钟 15 个样本（0.06 s）" in basis


def test_the_depth_limits_have_their_own_reasons(note):
    """d5: 1 % against TD-HAND-005's 20 mm within 2 m; 0.5 % by the median's standard error, not only 「其一半」."""
    basis = _rows(note)["TD-DEPTH-002"][1].replace("\u2011", "-")
    assert "2 m 以内的误差不超过 20 mm" in basis and "TD-HAND-005" in basis
    assert "1.25 × 0.5% / √n" in basis and "0.5% 的噪声为其一半" not in basis


def test_the_pinch_latency_reason_supports_its_value(note):
    """d6: 100 ms from Nielsen's 0.1 s, no longer a sentence saying 100 ms already moves the dragged object; 20 mm
    set against TD-HAND-005's joint error, not an unsourced fingertip's thickness."""
    basis = _rows(note)["TD-HAND-006"][1].replace("\u2011", "-")
    assert re.search(r"Nielsen（参考文献\[\d+\]）所给出的 0.1 s", basis)
    assert "会把所拖动之物移到别处" not in basis and "指尖的厚度" not in basis
    assert "TD-HAND-005 对设备手部数据所容许的 20 mm 关节位置平均误差" in basis


def test_the_common_mode_standard_is_listed(zh_markdown, note):
    """d7: IEC 80601-2-26:2019 is an entry of the 参考文献 (a standard, [S]; the row names it by its designation, as
    the rows name every standard); the WhaleTeq manual's entry gives where it is read."""
    entries = _bibliography(zh_markdown)
    iec = [e for e in entries if "IEC 80601-2-26:2019" in e]
    assert len(iec) == 1 and "[S/OL]" in iec[0], iec  # read at its URL (sixty-first reading, a3)
    assert "IEC 80601-2-26:2019 共模试验所施加的 2 V 有效值" in _rows(note)["TD-BCI-007"][1]  # named by its designation
    whaleteq = next(e for e in entries if "WhaleTeq" in e)
    assert "https://manualshive.com/" in whaleteq and "[S.l.]" not in whaleteq
