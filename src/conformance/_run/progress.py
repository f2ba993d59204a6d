"""Progress of a run: a live bar on a terminal, a few lines elsewhere (CI logs).

The session calls :meth:`Progress.start` with the tests it will run (each with its
requirements and the profiles that select them), :meth:`begin` when a test starts,
:meth:`advance` when it ends. The ETA adds up, for the tests still to run, the durations an
earlier run of the same tests recorded (its report, where known) or else the mean duration
of the tests this run has finished. While one test runs longer than its share, the ETA is a
floor ("at least") and the running test's own time keeps counting, so the display never
stands still. Every time comes from one clock (``time.monotonic`` unless given), so tests
drive it without waiting.
"""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Callable, Mapping, Sequence

from rich.cells import cell_len
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, ProgressColumn, Task, TaskID, TextColumn, TimeElapsedColumn
from rich.progress import Progress as RichProgress
from rich.text import Text

from .._catalog.model import Verdict
from .events import CollectedTest


def seconds(value: float) -> str:
    value = max(0.0, value)
    return f"{value:.0f} s" if value < 90 else f"{value / 60:.1f} min"


class Tracker:
    """What has run and what is left; the ETA. No output: see the two views below."""

    def __init__(self, tests: Sequence[CollectedTest], expected: Mapping[str, float],
                 clock: Callable[[], float] = time.monotonic) -> None:
        self.clock = clock
        self.tests = {t.test: t for t in tests}
        self.expected = dict(expected)
        self.left = [t.test for t in tests]
        self.durations: list[float] = []
        self.started = clock()
        self.current: CollectedTest | None = None
        self.current_since = self.started
        self.profile_total: dict[str, int] = {}
        self.profile_done: dict[str, int] = {}
        for test in tests:
            for profile in test.profiles:
                self.profile_total[profile] = self.profile_total.get(profile, 0) + 1

    @property
    def total(self) -> int:
        return len(self.tests)

    @property
    def done(self) -> int:
        return len(self.durations)

    def begin(self, nodeid: str) -> None:
        self.current = self.tests.get(nodeid)
        self.current_since = self.clock()

    def advance(self, nodeid: str) -> list[str]:
        """Record the end of a test; returns the profiles it completed."""
        self.durations.append(self.clock() - self.current_since)
        if nodeid in self.left:
            self.left.remove(nodeid)
        finished = []
        for profile in self.tests[nodeid].profiles if nodeid in self.tests else ():
            self.profile_done[profile] = self.profile_done.get(profile, 0) + 1
            if self.profile_done[profile] == self.profile_total[profile]:
                finished.append(profile)
        self.current = None
        return finished

    def elapsed(self) -> float:
        return self.clock() - self.started

    def running_for(self) -> float:
        """Seconds the running test has taken so far (0 between tests)."""
        return self.clock() - self.current_since if self.current is not None else 0.0

    def _mean(self) -> float | None:
        return sum(self.durations) / len(self.durations) if self.durations else None

    def overrun(self) -> bool:
        """The running test has taken longer than its share (or has no known share)."""
        if self.current is None:
            return False
        share = self.expected.get(self.current.test, self._mean())
        return share is None or self.running_for() > share

    def eta(self) -> float | None:
        """Seconds left, or None while nothing is known (no earlier run, no test finished).
        While the running test overruns its share, what the others still need: a floor."""
        mean = self._mean()
        left = 0.0
        for nodeid in self.left:
            guess = self.expected.get(nodeid, mean)
            if guess is None:
                return None
            left += guess
        if self.current is not None:  # the running test has used part of its share
            left -= min(self.running_for(), self.expected.get(self.current.test, mean or 0.0))
        return left

    def eta_text(self, lang: str = "en") -> str:
        eta = self.eta()
        words = WORDS[lang]
        if eta is None:
            return words["eta_unknown"]
        return f"{words['eta_floor' if self.overrun() else 'eta']} {seconds(eta)}"

    def running(self, lang: str = "en", room: int | None = None) -> str:
        """' · running ID-DOC-001 (identity-document) for 12 s', or '' between tests. Given
        ``room`` (terminal cells), the first form that fits: without the profiles, then the
        first requirement and how many more (' · running ID-DOC-001 +2 for 12 s'); the
        shortest when none does."""
        if self.current is None:
            return ""
        requirements = list(self.current.requirements)
        name = ", ".join(requirements) or self.current.test
        forms = [f"{name} ({', '.join(self.current.profiles)})" if self.current.profiles else name, name]
        if len(requirements) > 1:
            forms.append(f"{requirements[0]} +{len(requirements) - 1}")
        time_spent = seconds(self.running_for())
        for what in forms:
            text = WORDS[lang]["running"].format(what=what, time=time_spent)
            if room is None or cell_len(text) <= room:
                break
        return text


def _uncaptured(console: Console) -> Console:
    """The console, writing to its own duplicate of its file descriptor (when it has one)."""
    try:
        fileno = console.file.fileno()
    except (AttributeError, OSError, ValueError):  # a StringIO console (tests): as it is
        return console
    stream = os.fdopen(os.dup(fileno), "w", encoding="utf-8", errors="replace", buffering=1)
    own = Console(file=stream, force_terminal=console.is_terminal, width=console.width,
                  color_system="auto" if console.color_system else None, no_color=console.no_color)
    own._conformance_own = True  # type: ignore[attr-defined]
    return own


#: The progress display's words, in the run's language (--lang).
WORDS = {
    "en": {"eta": "ETA", "eta_floor": "ETA at least", "eta_unknown": "ETA unknown", "all": "all profiles",
           "line": "progress: {done}/{total} tests · {elapsed} elapsed · {eta}",
           "running": " · running {what} for {time}"},
    "zh": {"eta": "预计剩余", "eta_floor": "预计剩余至少", "eta_unknown": "预计剩余时间未知", "all": "全部规范",
           "line": "进度：{done}/{total} 项测试 · 已用 {elapsed} · {eta}",
           "running": " · 正在运行 {what}（{time}）"},
}


class _TrackerColumn(ProgressColumn):
    """Drawn from the tracker at every refresh of the live display (ten times a second), so
    the ETA and the running test's time move while one long test runs."""

    def __init__(self, tracker: Tracker, lang: str, part: str) -> None:
        super().__init__()
        self.tracker, self.lang, self.part = tracker, lang, part

    def render(self, task: Task) -> Text:
        if self.part == "eta":
            return Text(self.tracker.eta_text(self.lang), style="cyan")
        # the running test shows on the overall bar only (the first task)
        return Text(self.tracker.running(self.lang).removeprefix(" · ") if task.id == 0 else "", style="dim")


class ProgressBar:
    """A live bar on a terminal (overall, and one per profile while it runs). Off a terminal,
    lines on the log: one at the start, then one when tests have finished and ``interval``
    seconds have passed since the last line, and while one test runs with nothing finishing,
    a heartbeat every ``heartbeat`` seconds naming it and its time: CI logs show life
    without a flood."""

    def __init__(self, console: Console, log: Console | None = None, interval: float = 10.0,
                 lang: str = "en", heartbeat: float = 30.0, clock: Callable[[], float] = time.monotonic) -> None:
        # pytest captures file descriptors 1 and 2 while a test runs: drawn there, the bar
        # would freeze and the lines vanish. Both go to copies of the descriptors, made now.
        self.console = _uncaptured(console)
        #: where the lines go off a terminal (stderr, so that stdout keeps only the summary)
        self.log = _uncaptured(log or console)
        self.interval = interval
        self.heartbeat = heartbeat
        self.clock = clock
        self.words = WORDS.get(lang, WORDS["en"])
        self.lang = lang if lang in WORDS else "en"
        self.tracker: Tracker | None = None
        self._live: RichProgress | None = None
        self._overall: TaskID | None = None
        self._profile_tasks: dict[str, TaskID] = {}
        self._stop = threading.Event()
        self._lock = threading.Lock()
        self._thread: threading.Thread | None = None
        self._last_line = 0.0
        self._done_at_last_line = 0

    def start(self, tests: Sequence[CollectedTest], expected: Mapping[str, float]) -> None:
        self.tracker = Tracker(tests, expected, self.clock)
        if self.console.is_terminal:
            self._live = RichProgress(
                TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                _TrackerColumn(self.tracker, self.lang, "eta"), _TrackerColumn(self.tracker, self.lang, "running"),
                console=self.console, transient=True, get_time=self.clock,
            )
            self._overall = self._live.add_task(f"[bold]{self.words['all']}", total=len(tests))
            for profile, total in self.tracker.profile_total.items():
                self._profile_tasks[profile] = self._live.add_task(f"  {profile}", total=total, visible=False)
            self._live.start()
        else:
            with self._lock:
                self._line()
            self._thread = threading.Thread(target=self._heartbeat, name="conformance-progress", daemon=True)
            self._thread.start()

    def begin(self, nodeid: str) -> None:
        if self.tracker is None:
            return
        self.tracker.begin(nodeid)
        test = self.tracker.current
        if self._live is not None:
            for profile in test.profiles if test else ():
                self._live.update(self._profile_tasks[profile], visible=True)

    def advance(self, nodeid: str, verdict: Verdict) -> None:
        if self.tracker is None:
            return
        finished = self.tracker.advance(nodeid)  # its profiles' bars hide once they are done
        if self._live is not None and self._overall is not None:
            self._live.update(self._overall, advance=1)
            test = self.tracker.tests.get(nodeid)
            for profile in test.profiles if test else ():
                self._live.update(self._profile_tasks[profile], advance=1, visible=profile not in finished)

    def stop(self) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout=2)
            self._thread = None
        if self._live is not None:
            self._live.stop()
            self._live = None
        for console in {id(self.console): self.console, id(self.log): self.log}.values():
            if getattr(console, "_conformance_own", False):
                console.file.close()

    # -- off a terminal ------------------------------------------------------------------

    def tick(self) -> None:
        """Print the next line if one is due (the background thread calls this twice a second)."""
        with self._lock:
            tracker = self.tracker
            if tracker is None or self._live is not None:
                return
            moved = tracker.done != self._done_at_last_line
            if self.clock() - self._last_line >= (self.interval if moved else self.heartbeat):
                self._line()

    def _heartbeat(self) -> None:
        while not self._stop.wait(0.5):
            self.tick()

    def _line(self) -> None:
        tracker = self.tracker
        if tracker is None:
            return
        self._last_line = self.clock()
        self._done_at_last_line = tracker.done
        head = self.words["line"].format(done=tracker.done, total=tracker.total,
                                         elapsed=seconds(tracker.elapsed()), eta=tracker.eta_text(self.lang))
        # one line of the log's width where it can be (a CI log read at 80 columns), never wrapped
        running = tracker.running(self.lang, room=self.log.width - cell_len(head))
        self.log.print(head + running, markup=False, highlight=False, soft_wrap=True)
