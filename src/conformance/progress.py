"""Progress of a run: a live bar on a terminal, a line every few seconds elsewhere (CI logs).

The session calls :meth:`Progress.start` with the tests it will run (each with its
requirements and the profiles that select them), :meth:`begin` when a test starts,
:meth:`advance` when it ends. The ETA adds up, for the tests still to run, the durations an
earlier run of the same tests recorded (its report, where known) or else the mean duration
of the tests this run has finished.
"""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Mapping, Sequence

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, ProgressColumn, TaskID, TextColumn, TimeElapsedColumn
from rich.progress import Progress as RichProgress
from rich.text import Text

from .events import CollectedTest
from .model import Verdict


def seconds(value: float) -> str:
    value = max(0.0, value)
    return f"{value:.0f} s" if value < 90 else f"{value / 60:.1f} min"


class Tracker:
    """What has run and what is left; the ETA. No output: see the two views below."""

    def __init__(self, tests: Sequence[CollectedTest], expected: Mapping[str, float]) -> None:
        self.tests = {t.test: t for t in tests}
        self.expected = dict(expected)
        self.left = [t.test for t in tests]
        self.durations: list[float] = []
        self.started = time.monotonic()
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
        self.current_since = time.monotonic()

    def advance(self, nodeid: str) -> list[str]:
        """Record the end of a test; returns the profiles it completed."""
        self.durations.append(time.monotonic() - self.current_since)
        if nodeid in self.left:
            self.left.remove(nodeid)
        finished = []
        for profile in self.tests[nodeid].profiles if nodeid in self.tests else ():
            self.profile_done[profile] = self.profile_done.get(profile, 0) + 1
            if self.profile_done[profile] == self.profile_total[profile]:
                finished.append(profile)
        self.current = None
        return finished

    def eta(self) -> float | None:
        """Seconds left, or None while nothing is known (no earlier run, no test finished)."""
        mean = sum(self.durations) / len(self.durations) if self.durations else None
        left = 0.0
        for nodeid in self.left:
            guess = self.expected.get(nodeid, mean)
            if guess is None:
                return None
            left += guess
        if self.current is not None:  # the running test has used part of its share
            left -= min(time.monotonic() - self.current_since, self.expected.get(self.current.test, mean or 0.0))
        return left

    def eta_text(self, lang: str = "en") -> str:
        eta = self.eta()
        words = WORDS[lang]
        return words["eta_unknown"] if eta is None else f"{words['eta']} {seconds(eta)}"

    def running(self) -> str:
        if self.current is None:
            return ""
        where = f" ({', '.join(self.current.profiles)})" if self.current.profiles else ""
        return f"{', '.join(self.current.requirements) or self.current.test}{where}"


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
    "en": {"eta": "ETA", "eta_unknown": "ETA unknown", "all": "all profiles",
           "line": "progress: {done}/{total} tests · {elapsed} elapsed · {eta}", "running": " · running {what}"},
    "zh": {"eta": "预计剩余", "eta_unknown": "预计剩余时间未知", "all": "全部规范",
           "line": "进度：{done}/{total} 项测试 · 已用 {elapsed} · {eta}", "running": " · 正在运行 {what}"},
}


class _EtaColumn(ProgressColumn):
    def __init__(self, tracker: Tracker, lang: str) -> None:
        super().__init__()
        self.tracker = tracker
        self.lang = lang

    def render(self, task: object) -> Text:
        return Text(self.tracker.eta_text(self.lang), style="cyan")


class ProgressBar:
    """A live bar on a terminal (overall, and one per profile while it runs); off a terminal
    one line every ``interval`` seconds and one per finished profile, so CI logs show life."""

    def __init__(self, console: Console, log: Console | None = None, interval: float = 4.0,
                 lang: str = "en") -> None:
        # pytest captures file descriptors 1 and 2 while a test runs: drawn there, the bar
        # would freeze and the lines vanish. Both go to copies of the descriptors, made now.
        self.console = _uncaptured(console)
        #: where the lines go off a terminal (stderr, so that stdout keeps only the summary)
        self.log = _uncaptured(log or console)
        self.interval = interval
        self.words = WORDS.get(lang, WORDS["en"])
        self.lang = lang if lang in WORDS else "en"
        self.tracker: Tracker | None = None
        self._live: RichProgress | None = None
        self._overall: TaskID | None = None
        self._profile_tasks: dict[str, TaskID] = {}
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self._last_line = 0.0

    def start(self, tests: Sequence[CollectedTest], expected: Mapping[str, float]) -> None:
        self.tracker = Tracker(tests, expected)
        if self.console.is_terminal:
            self._live = RichProgress(
                TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                _EtaColumn(self.tracker, self.lang), TextColumn("{task.fields[running]}", style="dim"),
                console=self.console, transient=True,
            )
            self._overall = self._live.add_task(f"[bold]{self.words['all']}", total=len(tests), running="")
            for profile, total in self.tracker.profile_total.items():
                self._profile_tasks[profile] = self._live.add_task(f"  {profile}", total=total, running="",
                                                                   visible=False)
            self._live.start()
        else:
            self._line()
            self._thread = threading.Thread(target=self._heartbeat, name="conformance-progress", daemon=True)
            self._thread.start()

    def begin(self, nodeid: str) -> None:
        if self.tracker is None:
            return
        self.tracker.begin(nodeid)
        test = self.tracker.current
        if self._live is not None and self._overall is not None:
            self._live.update(self._overall, running=self.tracker.running())
            for profile in test.profiles if test else ():
                self._live.update(self._profile_tasks[profile], visible=True)

    def advance(self, nodeid: str, verdict: Verdict) -> None:
        if self.tracker is None:
            return
        finished = self.tracker.advance(nodeid)  # its profiles' bars hide once they are done
        if self._live is not None and self._overall is not None:
            self._live.update(self._overall, advance=1, running="")
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

    def _heartbeat(self) -> None:
        while not self._stop.wait(0.5):
            if time.monotonic() - self._last_line >= self.interval:
                self._line()

    def _line(self) -> None:
        tracker = self.tracker
        if tracker is None:
            return
        elapsed = time.monotonic() - tracker.started
        running = tracker.running()
        words = self.words
        self._print(words["line"].format(done=tracker.done, total=tracker.total, elapsed=seconds(elapsed),
                                         eta=tracker.eta_text(self.lang))
                    + (words["running"].format(what=running) if running else ""))

    def _print(self, line: str) -> None:
        self._last_line = time.monotonic()
        self.log.print(line, markup=False, highlight=False, soft_wrap=True)

