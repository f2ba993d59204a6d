"""Progress while a run goes on: the ETA and the running test's time move during one long
test, on a terminal (the live bar, redrawn from the tracker) and off one (a heartbeat line
every 30 s, never a flood). A fake clock drives every time: no test waits."""

from __future__ import annotations

import io
import re

from rich.cells import cell_len
from rich.console import Console

from conformance._catalog.model import Verdict
from conformance._run.events import CollectedTest
from conformance._run.progress import ProgressBar, Tracker

TESTS = [CollectedTest(test="t1", requirements=["ID-DOC-001"], profiles=["identity-document"]),
         CollectedTest(test="t2", requirements=["ID-DOC-002"], profiles=["identity-document"])]
EXPECTED = {"t1": 20.0, "t2": 10.0}  # what an earlier run recorded


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_off_a_terminal_one_long_test_gives_a_heartbeat_every_30_s_naming_it_and_its_time():
    clock, out = Clock(), io.StringIO()
    bar = ProgressBar(Console(file=out, width=200), clock=clock)
    assert (bar.interval, bar.heartbeat) == (10.0, 30.0)
    start = clock.now
    bar.start(TESTS, EXPECTED)
    bar.begin("t1")
    for step in range(1, 1201):  # ten minutes of one test, polled twice a second
        clock.now = start + step / 2
        bar.tick()
    lines = out.getvalue().splitlines()
    assert len(lines) == 1 + 600 // 30, lines  # the start, then one line per 30 s
    assert lines[0] == "progress: 0/2 tests · 0 s elapsed · ETA 30 s"
    assert lines[1] == ("progress: 0/2 tests · 30 s elapsed · ETA at least 10 s"
                        " · running ID-DOC-001 (identity-document) for 30 s")
    assert lines[-1].endswith("· 10.0 min elapsed · ETA at least 10 s · running ID-DOC-001 (identity-document)"
                              " for 10.0 min"), lines[-1]
    # the test ends: the next line comes once 10 s have passed since the last one
    bar.advance("t1", Verdict.PASS)
    bar.begin("t2")
    clock.now += 5
    bar.tick()
    assert len(out.getvalue().splitlines()) == 21
    clock.now += 5
    bar.tick()
    bar.stop()
    assert out.getvalue().splitlines()[-1] == ("progress: 1/2 tests · 10.2 min elapsed · ETA 0 s"
                                               " · running ID-DOC-002 (identity-document) for 10 s")


def test_off_a_terminal_each_line_fits_the_log_s_width_and_still_names_the_running_test():
    # A CI log read at 80 columns: the full line (profiles named) is 100 cells here; it is
    # not wrapped, and drops what it must, the profiles first, then all but one requirement.
    tests = [CollectedTest(test="t1", requirements=["RB-TRACK-001"], profiles=["robot-joint-data"]),
             CollectedTest(test="t2", requirements=["TD-HAND-001", "TD-HAND-002", "TD-HAND-003"],
                           profiles=["terminal-hand-tracking", "terminal-body"])]
    lines = []
    for lang in ("en", "zh"):
        clock, out = Clock(), io.StringIO()
        bar = ProgressBar(Console(file=out, width=80), clock=clock, lang=lang)
        bar.start(tests, {})
        for test in tests:
            bar.begin(test.test)
            clock.now += 31
            bar.tick()
            bar.advance(test.test, Verdict.PASS)
        bar.stop()
        lines += out.getvalue().splitlines()
    assert all(cell_len(line) <= 80 for line in lines), [(cell_len(x), x) for x in lines]
    assert lines[1].endswith("· running RB-TRACK-001 for 31 s"), lines[1]
    assert lines[2].endswith("· running TD-HAND-001 +2 for 31 s"), lines[2]
    assert lines[4].endswith("· 正在运行 RB-TRACK-001（31 s）"), lines[4]  # Chinese: two cells a character
    assert lines[5].endswith("· 正在运行 TD-HAND-001 +2（31 s）"), lines[5]
    # with room, the whole form as before
    wide = Tracker(tests, {}, Clock())
    wide.begin("t1")
    assert wide.running(room=200) == wide.running() == " · running RB-TRACK-001 (robot-joint-data) for 0 s"


def test_off_a_terminal_finished_tests_give_at_most_a_line_every_10_s():
    clock, out = Clock(), io.StringIO()
    many = [CollectedTest(test=f"t{n}", requirements=[f"ID-DOC-{n:03d}"], profiles=[]) for n in range(100)]
    bar = ProgressBar(Console(file=out), clock=clock)
    bar.start(many, {})
    for test in many:  # a test every second
        bar.begin(test.test)
        clock.now += 1
        bar.advance(test.test, Verdict.PASS)
        bar.tick()
    bar.stop()
    lines = out.getvalue().splitlines()
    assert len(lines) == 1 + 100 // 10, lines
    assert lines[1].startswith("progress: 10/100 tests · 10 s elapsed · ETA 1.5 min"), lines[1]


def _drawn(bar: ProgressBar) -> str:
    """The live display as the next refresh draws it."""
    assert bar._live is not None
    screen = Console(file=io.StringIO(), width=200, no_color=True)
    screen.print(bar._live.make_tasks_table(bar._live.tasks))
    return screen.file.getvalue()  # type: ignore[attr-defined]


def test_on_a_terminal_the_eta_counts_down_then_the_running_test_ticks():
    clock = Clock()
    bar = ProgressBar(Console(file=io.StringIO(), force_terminal=True, width=200), clock=clock)
    bar.start(TESTS, EXPECTED)
    bar.begin("t1")
    try:
        clock.now += 5
        first = _drawn(bar)
        assert "0:00:05" in first and "ETA 25 s" in first
        assert "running ID-DOC-001 (identity-document) for 5 s" in first, first
        clock.now += 10
        assert "ETA 15 s" in _drawn(bar)
        clock.now += 65  # t1 has now taken 80 s against the 20 s it took last time
        late = _drawn(bar)
        assert "0:01:20" in late and "ETA at least 10 s" in late
        assert "running ID-DOC-001 (identity-document) for 80 s" in late, late
        clock.now += 20
        assert "for 1.7 min" in _drawn(bar)
        bar.advance("t1", Verdict.PASS)
        between = _drawn(bar)
        assert "ETA 10 s" in between and "running" not in between
    finally:
        bar.stop()


def test_progress_lines_speak_the_runs_language():
    clock, out = Clock(), io.StringIO()
    bar = ProgressBar(Console(file=out, width=200), lang="zh", clock=clock)
    bar.start(TESTS, {})
    bar.begin("t1")
    clock.now += 30
    bar.tick()
    bar.stop()
    lines = out.getvalue().splitlines()
    assert lines[0] == "进度：0/2 项测试 · 已用 0 s · 预计剩余时间未知", lines
    assert lines[1] == ("进度：0/2 项测试 · 已用 30 s · 预计剩余时间未知"
                        " · 正在运行 ID-DOC-001 (identity-document)（30 s）")
    assert not re.search(r"progress|tests|elapsed|ETA|running", out.getvalue())
    tracker = Tracker(TESTS, EXPECTED, clock)
    tracker.begin("t1")
    clock.now += 25
    assert tracker.eta_text("zh") == "预计剩余至少 10 s"


def test_eta_uses_earlier_durations_then_the_mean_so_far():
    clock = Clock()
    tests = [CollectedTest(test=n, requirements=[], profiles=[]) for n in ("a", "b", "c")]
    assert Tracker(tests, {}, clock).eta() is None
    known = Tracker(tests, {"a": 1.0, "b": 2.0, "c": 3.0}, clock)
    assert known.eta() == 6.0 and known.eta_text() == "ETA 6 s"
    partly = Tracker(tests, {}, clock)
    partly.begin("a")
    clock.now += 4
    partly.advance("a")
    assert partly.durations == [4.0] and partly.eta() == 8.0
    partly.begin("b")
    clock.now += 3  # within its share (the mean, 4 s): the ETA counts down
    assert partly.eta() == 5.0 and not partly.overrun()
    clock.now += 6  # beyond it: what c still needs, as a floor
    assert partly.eta() == 4.0 and partly.overrun() and partly.eta_text() == "ETA at least 4 s"


def test_the_default_clock_is_the_monotonic_one():
    """Without a clock given, the bar runs on real time (its thread polls it)."""
    out = io.StringIO()
    bar = ProgressBar(Console(file=out))
    bar.start(TESTS[:1], {})
    bar.stop()
    assert out.getvalue().startswith("progress: 0/1 tests · 0 s elapsed · ETA unknown")
