"""Bounds of the commands that are not a run, and of a run's preparation (issue 24, item 3):
past its time or memory bound a command stops with one line and exit 3, restores what it
changed, and leaves nothing half-written."""

from __future__ import annotations

import contextlib
import resource
import signal
import time

import pytest
import yaml

from conformance._run.budgets import DEFAULTS, BudgetSpent, Limits, bounded, megabytes, positive_seconds
from conformance.cli import main
from conformance.cli.parser import build_parser

from .battery import SAMPLES

MIB = 2**20


def test_the_time_bound_stops_the_block_with_one_line():
    handler = signal.getsignal(signal.SIGALRM)
    with pytest.raises(BudgetSpent) as caught, bounded("verify", Limits(0.2, 0)):
        time.sleep(30)
    assert caught.value.line.startswith("verify stopped: over its time budget of 0.2 s")
    assert "--time-limit" in caught.value.line and "\n" not in caught.value.line
    assert signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)
    assert signal.getsignal(signal.SIGALRM) == handler


def test_the_time_bound_stops_the_block_even_when_its_alarm_was_swallowed():
    """CPython discards a signal handler's exception raised inside compile() (a module
    imported without its .pyc): the bound still ends the block, on its way out."""
    with pytest.raises(BudgetSpent, match="over its time budget of 60 s"), bounded("verify", Limits(60, 0)), \
            contextlib.suppress(BudgetSpent):  # the handler's exception discarded, as compile() does
        signal.raise_signal(signal.SIGALRM)
    assert signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)


def test_an_alarm_inside_a_callback_is_no_traceback_and_still_stops_the_block(monkeypatch):
    """The alarm may fire inside a weakref callback (importlib's module locks have one), where
    Python hands the handler's exception to ``sys.unraisablehook``, which prints it with a
    traceback, and goes on: the battery's 'keys generate past its --time-limit' saw it about
    1 run in 400. The bound keeps its own exception from the hook and raises it on its way out;
    any other goes to the hook as before."""
    import sys
    import weakref

    class Held:
        pass

    printed: list[BaseException | None] = []
    monkeypatch.setattr(sys, "unraisablehook", lambda unraisable: printed.append(unraisable.exc_value))

    def callback(_: object) -> None:
        signal.raise_signal(signal.SIGALRM)  # the alarm, while Python runs the callback

    held = Held()
    ref = weakref.ref(held, callback)
    with pytest.raises(BudgetSpent, match="over its time budget of 60 s"), bounded("keys generate", Limits(60, 0)):
        del held
    assert ref() is None and printed == []
    with bounded("keys generate", Limits(60, 0)):
        other = Held()
        another = weakref.ref(other, lambda _: 1 / 0)  # a callback's own error still reaches the hook
        del other
    assert another() is None and len(printed) == 1 and isinstance(printed[0], ZeroDivisionError)
    assert sys.unraisablehook is not None and signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)


def test_an_alarm_inside_importlib_waits_for_a_moment_outside_it():
    """importlib's module locks are not safe to interrupt: an exception raised in their
    acquire() leaves a KeyError in their bookkeeping, which replaced the bound's own line with a
    traceback (seen in 3 forked 'keys generate --time-limit' runs in 400). There the handler
    sets the alarm again, 1 ms later; anywhere else it raises."""
    from types import SimpleNamespace

    def frame(filename: str) -> SimpleNamespace:
        return SimpleNamespace(f_code=SimpleNamespace(co_filename=filename))

    raised = []
    with pytest.raises(BudgetSpent), bounded("keys generate", Limits(60, 0)):
        handler = signal.getsignal(signal.SIGALRM)
        signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGALRM})  # the alarm set again stays pending
        try:
            signal.setitimer(signal.ITIMER_REAL, 0)
            try:
                handler(signal.SIGALRM, frame("<frozen importlib._bootstrap>"))
            except BudgetSpent:
                raised.append("inside importlib")
            again = 0 < signal.getitimer(signal.ITIMER_REAL)[0] <= 0.001 or signal.SIGALRM in signal.sigpending()
            signal.setitimer(signal.ITIMER_REAL, 0)
            handler(signal.SIGALRM, frame(__file__))
        finally:
            with contextlib.suppress(BudgetSpent):  # an alarm still pending is delivered here
                signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGALRM})
    assert raised == [] and again


def test_the_memory_bound_stops_an_allocation_past_it_and_is_restored():
    before = resource.getrlimit(resource.RLIMIT_AS)
    with pytest.raises(BudgetSpent, match="over its memory budget of 64 MB"), bounded("report export",
                                                                                       Limits(0, 64)):
        bytearray(512 * MIB)
    assert resource.getrlimit(resource.RLIMIT_AS) == before
    assert len(bytearray(128 * MIB)) == 128 * MIB  # the bound is gone with its block


def test_within_its_bounds_a_block_runs_and_zero_is_no_bound():
    with bounded("keys", Limits(30, 256)):
        data = bytearray(64 * MIB)
    before = resource.getrlimit(resource.RLIMIT_AS)
    with bounded("keys", Limits(0, 0)):
        assert resource.getrlimit(resource.RLIMIT_AS) == before
        assert signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)
    assert len(data) == 64 * MIB


def test_a_tighter_limit_already_set_is_kept(monkeypatch):
    soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    calls = []
    monkeypatch.setattr(resource, "getrlimit", lambda which: (1 * MIB, hard))
    monkeypatch.setattr(resource, "setrlimit", lambda which, limits: calls.append(limits))
    with bounded("generate capture", Limits(0, 1024)):
        pass
    assert calls == []


@pytest.mark.parametrize(("parse", "text"), [(positive_seconds, "-1"), (positive_seconds, "nan"),
                                             (positive_seconds, "inf"), (megabytes, "-5"), (megabytes, "1.5")])
def test_a_bound_that_is_not_a_number_or_negative_is_refused(parse, text):
    with pytest.raises(ValueError):
        parse(text)


@pytest.mark.parametrize(("argv", "dest", "bound"), [
    (["verify", "r"], "verify_seconds", "verify"),
    (["keys", "generate", "--out", "k"], "keys_seconds", "keys"),
    (["keys", "sign-assessment", "a.yaml", "--key", "k", "--out", "a.dsse.json"], "keys_seconds", "keys"),
    (["report", "export", "r", "--oscal"], "report_seconds", "report"),
    (["report", "replay", "e", "--out", "o"], "report_seconds", "report"),
    (["generate", "capture"], "generate_seconds", "generate"),
    (["run", "--manifest", "m"], "prepare_seconds", "prepare"),
    (["validate", "--profile", "p", "f"], "prepare_seconds", "prepare"),
    (["demo"], "prepare_seconds", "prepare"),
    (["replay", "r"], "prepare_seconds", "prepare"),
])
def test_every_bounded_command_has_its_defaults(argv, dest, bound):
    args = build_parser().parse_args(argv)
    assert getattr(args, dest) == DEFAULTS[bound].seconds
    assert getattr(args, dest.replace("seconds", "memory_mb")) == DEFAULTS[bound].memory_mb


def test_a_command_past_its_time_limit_exits_3_with_one_line(tmp_path, monkeypatch, capsys):
    import conformance.certification.attestation

    monkeypatch.setattr(conformance.certification.attestation, "generate_keys", lambda path: time.sleep(30))
    assert main(["keys", "generate", "--out", str(tmp_path / "k"), "--time-limit", "0.2"]) == 3
    err = capsys.readouterr().err.splitlines()
    assert err == ["conformance: keys generate stopped: over its time budget of 0.2 s; nothing half-written was "
                   "left (set it with --time-limit/--memory-limit, 0: none)"]


def test_a_run_past_its_preparation_bound_writes_nothing(tmp_path, monkeypatch, capsys):
    import conformance._run.engine

    monkeypatch.setattr(conformance._run.engine, "make_plan", lambda *a, **k: time.sleep(30))
    manifest = tmp_path / "m.yaml"
    manifest.write_text(yaml.safe_dump({
        "product": {"name": "x", "version": "1"}, "profiles": ["identity-document"],
        "targets": {"did_documents": {"adapter": "file",
                                      "paths": [str(SAMPLES / "did_documents" / "did-web-identity.json")]}}}))
    code = main(["run", "--manifest", str(manifest), "--out", str(tmp_path / "out"), "--no-progress",
                 "--prepare-time-limit", "0.3"])
    assert code == 3
    assert capsys.readouterr().err.splitlines() == [
        "conformance: the run's preparation stopped: over its time budget of 0.3 s; nothing half-written was left "
        "(set it with --prepare-time-limit/--prepare-memory-limit, 0: none)"]
    assert not (tmp_path / "out").exists()


def test_the_pytest_driver_bounds_its_preparation_too(tmp_path):
    from tests.e2e.test_pytest_mode import pytest_in

    (tmp_path / "m.yaml").write_text(yaml.safe_dump({
        "product": {"name": "x", "version": "1"}, "profiles": ["identity-document"],
        "targets": {"did_documents": {"adapter": "file",
                                      "paths": [str(SAMPLES / "did_documents" / "did-web-identity.json")]}}}))
    done = pytest_in(tmp_path, "--conformance-prepare-time-limit", "0.01", "--conformance-out", "out")
    assert done.returncode == 3, done.stdout[-500:] + done.stderr[-500:]
    assert "the run's preparation stopped: over its time budget of 0.01 s" in done.stdout + done.stderr
    assert "Traceback" not in done.stdout + done.stderr
    assert not (tmp_path / "out").exists()
