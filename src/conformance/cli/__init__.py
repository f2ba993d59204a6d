"""The ``conformance`` command: a thin layer over :mod:`conformance._run.engine`. Its command
line is :mod:`.parser`; each command is a function of :mod:`.commands`.

Exit codes are :class:`conformance.errors.ExitCode` (0 conformant, 1 not conformant, 2 bad
input to the harness, 3 the run could not complete, 4 verify's unmet condition). Bad input is
reported as one line, never a traceback.
"""

from __future__ import annotations

import argparse
import contextlib
import errno
import gc
import os
import sys
from collections.abc import Iterator, Sequence
from typing import IO, TYPE_CHECKING, Any

from .._io.printable import say as _say
from .._run.budgets import BudgetSpent, Limits, bounded
from ..errors import ExitCode, HarnessInputError, OutputFailed, StartFailed
from .parser import build_parser

if TYPE_CHECKING:
    from rich.console import Console


def main(argv: Sequence[str] | None = None) -> int:
    command = argv is None  # the process's own command line, not a caller in-process
    if command and os.environ.get("CONFORMANCE_WARM"):
        from .warmclient import forward, wanted

        if wanted():
            warm_code = forward(sys.argv[1:])
            if warm_code is not None:
                return warm_code
    if not command:  # a caller in-process keeps its own signal handling
        try:
            return _main(argv, command)
        except KeyboardInterrupt:
            _say("conformance: interrupted")
            return ExitCode.INCOMPLETE
    _interrupt_once()
    # Outside a run's own guard a signal interrupts at most once (the handler ignores every one
    # after it), so two levels of catching are enough, wherever a storm's signals land: the
    # outer one takes an interrupt landing while the first is being reported. After them no
    # KeyboardInterrupt can come (the handler has fired, or the signals are ignored), and the
    # exit code decided stays the process's.
    code: int | None = None
    try:
        try:
            code = _main(argv, command)
        except KeyboardInterrupt:  # SIGINT or SIGTERM outside a run's own handling
            code = ExitCode.INCOMPLETE
            _say("conformance: interrupted")
        _ignore_late_signals()
    except KeyboardInterrupt:  # the command's code was decided before it: it stays
        code = ExitCode.INCOMPLETE if code is None else code
    _ignore_late_signals()
    _settle_stdout()
    gc.freeze()  # the process ends: its closing collection need not walk the whole heap
    return code


@contextlib.contextmanager
def _startup_heap(command: bool) -> Iterator[None]:
    """Imports with the cyclic garbage collector paused, and what they made then frozen (out
    of its reach for the rest of the process): a start makes a few hundred thousand objects
    that live as long as the process (modules, classes, compiled patterns) and almost no
    garbage, which the collector would otherwise walk again and again, and once more at
    exit (a tenth of the CPU time of validating one DID document; bench/startup.py). Only
    for the process's own command (``main()``): a caller of ``main([...])`` in its own
    process keeps its collector as it was."""
    if not command or not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()
        gc.enable()
        from .._run import surroundings

        surroundings.FROZEN_FOR_THE_PROCESS = True


def _main(argv: Sequence[str] | None, command: bool = False) -> int:
    try:  # the areas' commands are added to the parser: a broken area is one line, exit 2
        parser = build_parser(sys.argv[1:] if argv is None else argv)
    except HarnessInputError as exc:
        _say(f"conformance: {exc.line()}")
        return ExitCode.BAD_INPUT
    args = parser.parse_args(argv)
    with _startup_heap(command):
        # Imported only now: `--version` and a bad argument answer before any of this loads.
        from .._catalog.held import forget as forget_held
        from .._catalog.held import holding
        from .._run.plainsummary import LazyConsole
        from . import commands, signedcommands

    # stdout may be a closed pipe or a full disk: what it fails to take is dropped, and the
    # exit code stays the one the command decided (the verdicts', for a run).
    stdout = GuardedStream(sys.stdout)
    out: object
    if args.command in ("run", "validate"):  # rich only if the run's output needs it
        out = LazyConsole(stdout)
    else:
        out = stdout_console(stdout)  # type: ignore[arg-type]  # a TextIO in all but name
    try:
        handler = (_area_handler(args.area_command) if getattr(args, "area_command", None)
                   else _warm if args.command == "warm" else _command(args.command, commands, signedcommands))
        bound = getattr(args, "bound", None)
        with holding():  # a catalog loaded again in this process is given again while its files hold
            if bound is None:
                code: int = handler(args, out)
            else:
                limits = Limits(getattr(args, f"{bound}_seconds"), getattr(args, f"{bound}_memory_mb"))
                what = " ".join(str(w) for w in (args.command, getattr(args, "kind", None),
                                                  getattr(args, "report_command", None)) if w)
                with bounded(what, limits, option=args.bound_options):
                    code = handler(args, out)
            if code == ExitCode.INCOMPLETE:  # interrupted or past a bound inside a run: kept nothing half-made
                forget_held()
    except BudgetSpent as exc:
        _say(f"conformance: {exc.line}")
        return ExitCode.INCOMPLETE
    except HarnessInputError as exc:
        _say(f"conformance: {exc.line()}")
        return ExitCode.BAD_INPUT
    except (OutputFailed, StartFailed) as exc:
        _say(f"conformance: {exc.line()}")
        return ExitCode.INCOMPLETE
    if stdout.failed is not None and stdout.failed.errno != errno.EPIPE:
        # A closed pipe is the reader's choice (``| head``); anything else is worth one line.
        _say(f"conformance: standard output failed: {stdout.failed.strerror or stdout.failed} "
             "(the reports were written; the exit code is the run's)")
    return code


def stdout_console(stream: IO[str]) -> Console:
    """The console a command prints on: off a terminal nothing wraps (rich would fold every
    line at 80 columns, splitting a path a script reads line by line)."""
    from rich.console import Console

    console = Console(file=stream)
    if not console.is_terminal:
        console.soft_wrap = True
    return console


def _warm(args: argparse.Namespace, console: Any) -> int:
    """``conformance warm serve|stop|status`` (cli/warm.py); a forked run calls :func:`main`."""
    from . import warm, warmclient

    try:
        warmclient.socket_path()
    except warmclient.Squatted as exc:
        raise HarnessInputError("the warm process's folder", str(exc),
                                "remove it, or set XDG_RUNTIME_DIR to a folder of your own") from None
    if args.action == "serve":
        return warm.serve(main)
    if args.action == "stop":
        stopped = warm.stop()
        console.print("stopped the warm process" if stopped else "no warm process runs here", highlight=False)
        return ExitCode.OK
    path, up = warm.status()
    console.print(f"{'a warm process serves' if up else 'no warm process at'} {path}", highlight=False)
    return ExitCode.OK if up else ExitCode.REJECTED


def _command(command: str, *modules: Any) -> Any:
    """The ``cmd_<command>`` function of the first of ``modules`` that defines it."""
    name = f"cmd_{command.replace('-', '_')}"
    return next(getattr(module, name) for module in modules if hasattr(module, name))


def _area_handler(name: str) -> Any:
    from .._areas import commands as area_commands

    return area_commands()[name].run


class GuardedStream:
    """A text stream that never raises on write or flush: the first OSError (EPIPE, ENOSPC,
    EIO...) is kept in ``failed`` and everything after it is dropped."""

    def __init__(self, stream: Any) -> None:
        self._stream = stream
        self.failed: OSError | None = None

    def write(self, text: str) -> int:
        if self.failed is None:
            try:
                return int(self._stream.write(text))
            except OSError as exc:
                self.failed = exc
        return len(text)

    def flush(self) -> None:
        if self.failed is None:
            try:
                self._stream.flush()
            except OSError as exc:
                self.failed = exc

    def __getattr__(self, name: str) -> object:
        return getattr(self._stream, name)


def _settle_stdout() -> None:
    """Flush stdout now; if it fails (a closed pipe, a full disk), point it at /dev/null so
    the interpreter's own flush at exit cannot fail and replace the exit code with 120."""
    try:
        sys.stdout.flush()
    except (OSError, ValueError):
        with contextlib.suppress(OSError, ValueError, AttributeError):
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, sys.stdout.fileno())
            os.close(devnull)


def _interrupt_once() -> None:
    """SIGINT and SIGTERM interrupt the command (exit 3; SIGTERM instead of killing it), once:
    the handler ignores both signals before it raises, so a storm of them cannot interrupt the
    interrupt's own handling. A run's guard (``_run.runguard``) puts its own handler in place
    while the run goes and this one back after it."""
    import signal

    def interrupt(signum: int, frame: object) -> None:
        _ignore_late_signals()
        raise KeyboardInterrupt

    for signum in (signal.SIGINT, signal.SIGTERM):
        with contextlib.suppress(ValueError, OSError):
            signal.signal(signum, interrupt)


def _ignore_late_signals() -> None:
    """The command is over and its exit code decided: a signal arriving now (while the
    interpreter shuts down) must not replace that code by death by a signal. Only for the
    command itself (``argv is None``), never for a caller of ``main([...])`` in-process."""
    import signal

    for signum in (signal.SIGINT, signal.SIGTERM):
        with contextlib.suppress(ValueError, OSError):  # not the main thread: nothing to do
            signal.signal(signum, signal.SIG_IGN)
