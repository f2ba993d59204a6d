"""The sixty-ninth reading of issue 76, part h133-p99: the 99th percentiles judged from the jitter histogram.

c1 (read69c, X): TD-DISP-002 and TD-RATE-003 took a 99th percentile's 10 us histogram bin and compared its upper
edge with the limit; the bins held their lower edge, so a p99 of exactly 2.000 ms landed in the bin of upper edge
2.01 ms and failed 「不超过 2 ms」, and the draft stated no rounding (only a catalog version note did). The bins now
hold their upper edge (tests/areas/terminal/test_p99_bins.py holds the decision exact at every limit on the grid).
Class: every check comparing a percentile of that histogram with a limit (TD-RATE-003, TD-DISP-001, TD-DISP-002;
TD-DISP-006 counts the pairs over its limit from the same bins); each case's steps state the 10 us resolution and
the value recorded, and its 三（三） row gives the 10 us as this document's own. Every limit these checks compare
with that no IXIT sets (the profiles' defaults and bounds of the floor and of the motion-to-photon limit) is a
multiple of 10 us, so the rounding decides nothing there.

Each test fails on the branch's base (54fe4344c)."""

from __future__ import annotations

import inspect
import re
from decimal import Decimal
from pathlib import Path

import yaml

from conformance.areas.terminal import display, timing
from tests.drafting.blocks import limit_rows
from tests.drafting.test_spec_sixteenth_reading import _cases, _row

_ROOT = Path(__file__).resolve().parents[2]
#: the cases judging a percentile of the jitter histogram, and their steps (1-based) that take it and record it
_CASES = {"TD-RATE-003": (3, 5), "TD-DISP-001": (5, 6), "TD-DISP-002": (4, 5)}
#: the profile parameters these checks compare the histogram's percentile with, in milliseconds, that no IXIT sets
_FIXED_LIMITS = ("max_jitter_p99_ms", "max_motion_to_photon_ms")
_GRID_MS = Decimal("0.01")


def test_c1_the_class_is_the_checks_that_read_the_histogram():
    """The checks reading ``bin_upper_ms`` are the ones this part's cases name: the p99 of timing.py (TD-RATE-003,
    TD-DISP-001), display.py's latency p99 (TD-DISP-002) and its skew count (TD-DISP-006)."""
    users = {name for name, module in (("timing", timing), ("display", display))
             if "bin_upper_ms(" in inspect.getsource(module)}
    assert users == {"timing", "display"}
    assert "bins * JITTER_BIN_NS >= deviation_ns" in inspect.getsource(timing.jitter_bins)


def test_c1_each_case_states_the_10_us_resolution_and_the_value_recorded(zh_markdown, en_markdown):
    for rid, (taken, recorded) in _CASES.items():
        zh = _row(_cases(zh_markdown)[rid], "测试步骤").split("<br>")
        en = _row(_cases(en_markdown)[rid], "Test procedure").split("<br>")
        assert "按本文件规定的 10 μs 区间计数（各区间含上界而不含下界，50 ms 以上区间宽度逐个递增 1%），" \
            "第 99 百分位数取其所在区间的上界，即向上取整至 10 μs 的整数倍" in zh[taken - 1], rid
        assert "counted in intervals of 10 μs, each holding its upper bound and not its lower one" in en[taken - 1], rid
        assert "rounded up to a multiple of 10 μs" in en[taken - 1], rid
        assert "第 99 百分位数（其所在 10 μs 区间的上界）" in zh[recorded - 1], rid
        assert "99th percentile (the upper bound of its 10 μs interval)" in en[recorded - 1], rid


def test_c1_a_limit_on_the_grid_is_said_to_be_decided_exactly(zh_markdown):
    assert "限值为 10 μs 的整数倍时（如 2 ms），取整不改变判定" in _row(_cases(zh_markdown)["TD-RATE-003"], "测试步骤")
    assert "20 ms 为 10 μs 的整数倍，取整不改变判定" in _row(_cases(zh_markdown)["TD-DISP-002"], "测试步骤")


def test_c1_each_row_of_the_three_gives_the_10_us_as_this_documents_own(note, note_en):
    rows, rows_en = limit_rows(note), limit_rows(note_en)
    for rid in _CASES:
        limits, basis = rows[rid]
        assert {"10 μs", "50 ms", "1%"} <= set(limits.split("，")), (rid, limits)
        assert "第 99 百分位数记为其所在 10 μs 区间的上界为本文件自定" in basis, rid
        assert "恰" in basis and "在限值内" in basis, rid
        assert "Recording the 99th percentile as the upper edge of its 10" in rows_en[rid][1], rid


def test_c1_no_text_says_a_percentile_below_the_limit_can_count_as_over_it(zh_markdown, note_md):
    catalog = (_ROOT / "suites/terminal/requirements.yaml").read_text(encoding="utf-8")
    for text in (zh_markdown, note_md, catalog):
        assert "低于限值不足一格" not in text
        assert "less than one bin below the limit" not in text


def test_c1_every_fixed_limit_the_checks_compare_the_p99_with_is_on_the_10_us_grid():
    """A default or bound off the grid would be rounded silently (the recorded p99 is on it): a failure here."""
    seen = set()
    for path in sorted((_ROOT / "profiles").glob("*.yaml")):
        parameters = (yaml.safe_load(path.read_text(encoding="utf-8")) or {}).get("parameters") or {}
        for name in _FIXED_LIMITS:
            spec = parameters.get(name)
            if not isinstance(spec, dict):
                continue
            seen.add(name)
            values = [spec["default"], *(spec.get("bounds") or {}).values()]
            for value in values:
                assert Decimal(str(value)) % _GRID_MS == 0, (path.name, name, value)
    assert seen == set(_FIXED_LIMITS)


def test_c1_the_version_steps_say_the_check_changed():
    catalog = yaml.safe_load((_ROOT / "suites/terminal/requirements.yaml").read_text(encoding="utf-8"))
    entries = {r["id"]: r for r in catalog["requirements"]}
    for rid, version in (("TD-RATE-003", "1.8"), ("TD-DISP-001", "1.4.0"), ("TD-DISP-002", "1.3")):
        entry = entries[rid]  # the version recorded then, stepped since (TD-DISP-001 1.5.0: rounding half up)
        assert re.search(rf"{re.escape(version)} 版（议题 76，第六十九次审读，第 h133-p99 部分，c1）：直方图各格含上界而不含下界",
                         entry["notes"]["zh"]), rid
        assert "(changed check)" in entry["notes"]["en"].split(f"{version} (issue 76, sixty-ninth reading")[1], rid
