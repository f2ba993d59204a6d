"""A warm start for the battery's commands: one process, started once per test session (per
xdist worker), imports what the ``conformance`` command imports, then forks a child for each
case; the child takes the case's standard output and error, folder, environment and file-size
limit, and becomes ``python -m conformance.cli ARGS`` (``runpy``, as ``-m`` does), exiting
through the interpreter's own shutdown as the command would.

Each case is still a process of its own (its own exit status, signals, rlimits, peak RSS,
descendants): only the interpreter's start, the imports and the data models' validators are
shared, about 0.6 s of CPU a case. The child's peak RSS counts the imported modules, as a fresh command's does (a command
that imports fewer than a run, ``verify`` or ``keys``, is held to its bound with some 20 MB
of a run's modules counted: stricter, never looser).
``bench/hostile.py`` runs every case as a fresh process.

Run as a script, this file is the server (standard library only, so the server imports nothing
the command would not); imported, :class:`ForkServer` is its client.
"""

from __future__ import annotations

import json
import os
import resource
import signal
import socket
import struct
import subprocess
import sys
from pathlib import Path
from typing import Any

_HEADER = struct.Struct("!I")
#: What the server imports before it forks: the modules ``conformance.cli`` imports, at the
#: top and in ``main`` (the command's parser, the commands)...
PRELOAD = ("conformance._run.budgets", "conformance.errors", "conformance._io.printable",
           "conformance.programme.parsers", "conformance.cli.commands",
           # ...and those a run imports on its way (pytest, the engine, the catalog's code, the
           # report's views, the adapters), as the warm process imports them (cli/warm.py): a
           # run's child imported some 220 modules itself, 0.37 of its 0.55 CPU-s for a
           # one-file run (0.19 with these preloaded). Imports only: the catalog, its cache and
           # the message templates are still read by each child, as a fresh command reads them.
           "pytest", "conformance._run.direct", "conformance._run.engine", "conformance._run.terms",
           "conformance._run.laboratory", "conformance._catalog.catalog", "conformance._io.strictjson",
           "conformance.report.html", "conformance.report.junit", "conformance.adapters.file",
           "conformance.adapters.http", "conformance.certification.attestation",
           "conformance.certification.labrecords", "conformance.cli.parser", "conformance.cli.signedcommands")


def apply_file_size_limit(limit: int) -> None:
    """RLIMIT_FSIZE of ``limit`` bytes, SIGXFSZ ignored (a write past it fails with EFBIG):
    a disk that fills up part-way. Called in the child, before the command starts."""
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))


def _send(sock: socket.socket, message: dict[str, Any], fds: list[int] | None = None) -> None:
    body = json.dumps(message).encode()
    if fds:
        socket.send_fds(sock, [_HEADER.pack(len(body))], fds)
    else:
        sock.sendall(_HEADER.pack(len(body)))
    sock.sendall(body)


def _exactly(sock: socket.socket, size: int, head: bytes = b"") -> bytes:
    data = head
    while len(data) < size:
        more = sock.recv(size - len(data))
        if not more:
            raise EOFError("the other end of the fork server's socket has gone")
        data += more
    return data


def _receive(sock: socket.socket, max_fds: int = 0) -> tuple[dict[str, Any], list[int]]:
    fds: list[int] = []
    if max_fds:
        head, fds, _, _ = socket.recv_fds(sock, _HEADER.size, max_fds)
        if not head:
            raise EOFError("the fork server's client has gone")
    else:
        head = b""
    (size,) = _HEADER.unpack(_exactly(sock, _HEADER.size, head))
    return json.loads(_exactly(sock, size)), fds


# -- the server ---------------------------------------------------------------------------


def _become_the_command(request: dict[str, Any], fds: list[int], sock: socket.socket) -> None:
    """In the child: the case's process from here on. Never returns: the command's
    ``sys.exit`` (or its uncaught exception) ends the interpreter, as in a fresh process."""
    sock.close()
    stdin = os.open(os.devnull, os.O_RDONLY)
    for fd, target in ((stdin, 0), (fds[0], 1), (fds[1], 2)):
        os.dup2(fd, target)
    for fd in {stdin, *fds} - {0, 1, 2}:
        os.close(fd)
    os.chdir(request["cwd"])
    os.environ.clear()
    os.environ.update(request["env"])
    signal.signal(signal.SIGINT, signal.default_int_handler)  # as a fresh interpreter has it
    if request["file_size_limit"] is not None:
        apply_file_size_limit(request["file_size_limit"])
    import runpy

    sys.argv = ["conformance", *request["args"]]
    sys.path[0] = os.getcwd()  # what ``python -m`` puts first
    runpy.run_module("conformance.cli", run_name="__main__", alter_sys=True)
    sys.exit(0)  # pragma: no cover - the command exits itself


def _serve(sock: socket.socket) -> None:
    """One request at a time: fork, name the child, say when it ended (left a zombie until the
    client has stopped signalling it, so its pid is never another process's), then reap it."""
    while True:
        try:
            request, fds = _receive(sock, max_fds=2)
        except EOFError:
            return
        pid = os.fork()
        if pid == 0:
            _become_the_command(request, fds, sock)
        for fd in fds:
            os.close(fd)
        _send(sock, {"pid": pid})
        os.waitid(os.P_PID, pid, os.WEXITED | os.WNOWAIT)
        _send(sock, {"ended": True})
        _receive(sock)  # the client is done with the pid
        _, status, usage = os.wait4(pid, 0)
        _send(sock, {"status": status, "maxrss_kb": usage.ru_maxrss})


# -- the client ---------------------------------------------------------------------------


class ForkServer:
    """The client: ``start()``, then ``spawn()`` a command and ``poll()`` or ``wait()`` for it."""

    def __init__(self, env: dict[str, str]) -> None:
        self._env = env
        self._process: subprocess.Popen[bytes] | None = None
        self._sock: socket.socket | None = None
        self._pid: int | None = None

    def start(self) -> ForkServer:
        ours, theirs = socket.socketpair()
        # this file loaded by its path (its folder on sys.path would shadow modules named
        # app, server...), then what the command imports, but not conformance.cli itself
        # (``-m`` runs it as __main__ before anything imports it); the server's folder is
        # "/", so that sys.path's "" finds nothing
        code = ("import importlib.util as u; s = u.spec_from_file_location('forkserver', "
                f"{__file__!r}); m = u.module_from_spec(s); s.loader.exec_module(m); "
                f"import {', '.join(PRELOAD)}; m.main({theirs.fileno()})")
        self._process = subprocess.Popen([sys.executable, "-c", code], env=self._env, pass_fds=[theirs.fileno()],
                                         cwd="/", stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL)
        theirs.close()
        self._sock = ours
        return self

    def close(self) -> None:
        if self._sock is not None:
            self._sock.close()
            self._sock = None
        if self._process is not None:
            try:
                self._process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self._process.kill()
                self._process.wait()
            self._process = None

    def __enter__(self) -> ForkServer:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.close()

    def spawn(self, args: list[str], cwd: Path, env: dict[str, str], stdout: int, stderr: int,
              file_size_limit: int | None = None) -> int:
        """Start ``conformance ARGS`` with these standard output and error descriptors; its pid."""
        assert self._sock is not None and self._pid is None, "one command at a time"
        _send(self._sock, {"args": args, "cwd": str(cwd), "env": env, "file_size_limit": file_size_limit},
              [stdout, stderr])
        self._pid = int(_receive(self._sock)[0]["pid"])
        return self._pid

    def poll(self, timeout: float | None = 0.0) -> tuple[int, int] | None:
        """The ended command's wait status and peak RSS in kilobytes (``ru_maxrss``), or None
        while it runs (after ``timeout`` seconds; None: wait for it)."""
        import select

        assert self._sock is not None and self._pid is not None
        if not select.select([self._sock], [], [], timeout)[0]:
            return None
        _receive(self._sock)  # it ended: no more signals for this pid
        _send(self._sock, {"reap": True})
        done = _receive(self._sock)[0]
        self._pid = None
        return int(done["status"]), int(done["maxrss_kb"])

    def call(self, args: list[str], cwd: Path, env: dict[str, str]) -> int:
        """Run ``conformance ARGS`` to its end, its output discarded; its exit code."""
        with open(os.devnull, "wb") as devnull:
            self.spawn(args, cwd, env, devnull.fileno(), devnull.fileno())
        ended = self.poll(timeout=None)
        assert ended is not None
        return os.waitstatus_to_exitcode(ended[0])


def main(fd: int) -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # pytest's Ctrl-C is for pytest; the child restores it
    # The data models whose validators pydantic builds on first use (the catalog's), built here
    # once as the warm process builds them: code made ready, as the imports are, no case's
    # input read; each child built them again, about 0.04 of its 0.2 CPU-s in a one-file run.
    from conformance.cli.warm import _complete_models

    _complete_models()
    _serve(socket.socket(fileno=fd))
