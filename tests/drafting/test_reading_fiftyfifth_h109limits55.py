"""The fifty-fifth reading, part h109-limits55 (docs/drafting.md, "Fifty-fifth reading, part h109-limits55"): numbers
the 编制说明 三（三） listed without a reason: TD-AUD-004's and TD-AUD-006's least 4 signals and TD-AUD-006's 15° (c1),
TD-AUD-005's 30°, 50 windows and 20 ms (c2), TD-TACT-002's 5 s, 0.5 s and 95 % (c3), SC-RENDER-004's 0.95 on averaged
copies (c4); the margin a step adds to a declared period, 「（`retention_s` + 60）s」, in no row (d1: IF-UDP-012,
IF-BIO-001); TD-BCI-007's set-up from another edition than clause 2's and its 50 Hz (d2); TD-BODY-005's shoulder-grip
length on a page its entry did not reach (d3, dx1). Each test fails at 05b2024e."""

from __future__ import annotations

import re
from pathlib import Path

import yaml

from tests.drafting.blocks import limit_rows as _rows

_SUITES = Path(__file__).resolve().parents[2] / "suites"
#: a margin a step adds to a value the target declares
_MARGIN = re.compile(r"（`[a-z][a-z0-9_]*` ?\+ ?(\d+(?:\.\d+)?)）\s?([A-Za-zμ]+)")


def _bibliography(markdown: str) -> list[str]:
    return re.findall(r"^\[\d+\] .*$", markdown.rsplit("参考文献", 1)[1], flags=re.M)


def test_the_least_signals_and_the_elevation_have_reasons(note):
    """c1: 4 signals, two on each side; a 15° source flipped is 30° off, beyond R2's 17°."""
    rows = _rows(note)
    assert "至少 4 个测得的信号（测试参数 `min_test_signals`）为本文件自定" in rows["TD-AUD-004"][1]
    basis = rows["TD-AUD-006"][1]
    assert "至少 4 个测得的声源为本文件自定" in basis
    assert "仰角相差 30°，近于 R2 的 17°限值的两倍" in basis


def test_the_head_turn_bounds_have_reasons(note):
    """c2: 30° moves the ITD by about 260 μs; 50 windows are 1 s; 20 ms holds 3° of a 150°/s turn."""
    basis = _rows(note)["TD-AUD-005"][1]
    assert "约 260 μs" in basis and "至少 50 个窗口即 1 s 的轨迹" in basis and "只转过 3°" in basis


def test_the_drift_windows_have_reasons(note):
    """c3: 5 s leaves 3 s between the windows; 0.5 s a tenth of the hold; 95 % leaves the hold's last twentieth out."""
    basis = _rows(note)["TD-TACT-002"][1]
    assert "之间相隔 3 s" in basis and "5 s 保持段的十分之一" in basis and "最后的二十分之一" in basis


def test_the_averaged_ssim_is_measured(note):
    """c4: the averaged SSIM of the reference stream and of the coarsest-quantised one at 1920 × 1080."""
    basis = _rows(note)["SC-RENDER-004"][1]
    assert "平均后的 SSIM 约为 0.999" in basis and "平均后的 SSIM 约为 0.86" in basis and "本文件测得" in basis


def test_every_step_margin_is_a_listed_limit(note):
    """d1, the class: each margin a test step adds to a declared value stands in its requirement's row with a reason
    (IF-UDP-012's and IF-BIO-001's 60 s were in no row)."""
    rows = _rows(note)
    found = {}
    for path in _SUITES.glob("*/procedures.yaml"):
        cases = (yaml.safe_load(path.read_text(encoding="utf-8")) or {}).get("procedures", {})
        for rid, case in cases.items():
            steps = "\n".join(str(step) for step in (case.get("steps") or {}).get("zh", []))
            for m in _MARGIN.finditer(steps):
                found.setdefault(rid, set()).add(f"{m.group(1)} {m.group(2)}")
    assert {"IF-UDP-012", "IF-BIO-001"} <= set(found), found
    for rid, margins in found.items():
        assert rid in rows, rid
        for margin in margins:
            assert margin in rows[rid][0] and margin in rows[rid][1] and "本文件自定" in rows[rid][1], (rid, rows[rid])


def test_the_common_mode_set_up_names_its_edition(note):
    """d2: the row says the set-up is the 2019 edition's and why, the 2012 edition's test unchecked."""
    basis = _rows(note)["TD-BCI-007"][1]
    assert "第 2 章所引 IEC 60601-2-26:2012 的共模试验亦未能取得核对，R5 因而采用现行 2019 年版的试验设置" in basis


def test_each_anthropometric_figure_has_its_page(zh_markdown, note):
    """d3, dx1: the shoulder breadth and the shoulder-grip length each have an entry reaching their page."""
    entries = _bibliography(zh_markdown)
    assert any("Ch2-18.htm" in e and "shoulder breadth" in e for e in entries)
    assert any("Ch2-25.htm" in e and "shoulder-grip length" in e for e in entries)
    basis = _rows(note)["TD-BODY-005"][1]
    assert re.search(r"同一资料第 25 项，参考文献\[\d+\]）", basis)
