"""The thin client of a warm process (``CONFORMANCE_WARM=1``): standard library only.

A run over one small file pays mostly for the harness's start-up (imports, catalog, the
external validators' own start-up), not for judging it (bench/one_file.py). With
``CONFORMANCE_WARM=1``, ``conformance validate`` and ``conformance run`` hand their command
line, working folder, environment and standard streams (the file descriptors themselves,
passed over a Unix socket) to a warm process (:mod:`conformance.cli.warm`) that has all of
that loaded and forks one child per run; the child runs the very same command, so reports,
output and exit code are the command's own. This module imports nothing of the harness.

Where no warm process answers, one is started in the background (it lasts until it has been
idle for ``CONFORMANCE_WARM_IDLE`` seconds, 600 by default) and this command runs cold, in
its own process, as without the variable: the first run is never slower, the next ones are
warm. The socket lives in a folder only its user can enter (``$XDG_RUNTIME_DIR/conformance``,
else ``/tmp/conformance-<uid>``); the warm process also refuses a peer of another user
(SO_PEERCRED). One warm process per interpreter, harness source and relevant environment
(``CONFORMANCE_*``, ``PXR_*``, ``PYTHON*``, ``NODE_OPTIONS``, the home, cache and temporary
folders): a different one is another socket.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import signal
import socket
import stat
import sys

from ..errors import ExitCode

#: commands a warm process runs; anything else runs cold
COMMANDS = ("validate", "run")
#: what may change what a process does from its start on: a differing value is another warm process
KEYED_PREFIXES = ("CONFORMANCE_", "PXR_", "PYTHON", "NODE_OPTIONS", "MALLOC_")
#: where a process keeps its caches and temporary files, read as it starts
KEYED_NAMES = ("HOME", "XDG_CACHE_HOME", "TMPDIR", "TMP", "TEMP")
#: the variables that say whether and how long to stay warm, not what a run does
NOT_KEYED = ("CONFORMANCE_WARM", "CONFORMANCE_WARM_IDLE")
HEADER_LIMIT = 1 << 22
#: set in a run the warm process forked: it runs the command itself (it must not hand it on to
#: the warm process again, which waits for it)
INSIDE = False


class Squatted(OSError):
    """The socket's folder is not this user's only (another user made it, or others may enter
    it): no warm process is started or reached there."""


def wanted(environ: dict[str, str] | None = None) -> bool:
    return (environ or os.environ).get("CONFORMANCE_WARM", "").strip().lower() in ("1", "yes", "true")


#: the longest socket path a Unix socket address holds (sun_path is 108 bytes on Linux, with its NUL)
SOCKET_PATH_MAX = 107


def folder(long_name: int = 0) -> str:
    """The user's own folder for the socket, created 0700; refused if another user owns it
    or others may enter it (a socket there could be someone else's). The runtime folder when
    a socket name of ``long_name`` bytes fits in it, else /tmp/conformance-<uid>."""
    base = os.environ.get("XDG_RUNTIME_DIR", "")
    path = os.path.join(base, "conformance") if base and os.path.isdir(base) else ""
    if not path or len(os.fsencode(path)) + 1 + long_name > SOCKET_PATH_MAX:
        path = f"/tmp/conformance-{os.getuid()}"
    with contextlib.suppress(FileExistsError):
        os.mkdir(path, 0o700)
    info = os.lstat(path)
    if not stat.S_ISDIR(info.st_mode) or info.st_uid != os.getuid() or info.st_mode & 0o077:
        raise Squatted(f"{path} is not a folder of this user's only")
    return path


def key(environ: dict[str, str] | None = None) -> str:
    """What a warm process must share with its client: the interpreter, where the harness is
    imported from, the import path and the environment variables that change a process."""
    environ = dict(environ or os.environ)
    here = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    relevant = sorted((k, v) for k, v in environ.items()
                      if (k.startswith(KEYED_PREFIXES) or k in KEYED_NAMES) and k not in NOT_KEYED)
    # sys.path[0] is the script's folder or the working folder: not what is imported
    text = json.dumps([sys.executable, here, sys.path[1:], relevant])
    return hashlib.sha256(text.encode()).hexdigest()[:16]


def socket_path(environ: dict[str, str] | None = None) -> str:
    name = f"warm-{key(environ)}.sock"
    return os.path.join(folder(len(name)), name)


def send(sock: socket.socket, message: dict[str, int]) -> None:
    data = json.dumps(message).encode()
    sock.sendall(len(data).to_bytes(4, "big") + data)


def receive(sock: socket.socket) -> dict[str, int] | None:
    """One length-prefixed JSON message (the warm process answers with small numbers: ``{"pid": n}``,
    ``{"exit": n}``, ``{"stale": true}``); None when the other side closed."""
    head = _exactly(sock, 4)
    if head is None:
        return None
    size = int.from_bytes(head, "big")
    if size > HEADER_LIMIT:
        return None
    body = _exactly(sock, size)
    if body is None:
        return None
    answer: dict[str, int] = json.loads(body)
    return answer


def _exactly(sock: socket.socket, size: int) -> bytes | None:
    chunks = b""
    while len(chunks) < size:
        chunk = sock.recv(size - len(chunks))
        if not chunk:
            return None
        chunks += chunk
    return chunks


def _streams() -> tuple[list[int], list[int]]:
    """The standard descriptors that are open (0, 1, 2), to hand over."""
    fds = []
    for fd in (0, 1, 2):
        try:
            os.fstat(fd)
        except OSError:
            continue
        fds.append(fd)
    return fds, fds


def forward(argv: list[str]) -> int | None:
    """Run ``argv`` in the warm process and return its exit code; None when there is none
    (one is then started in the background and the caller runs the command itself)."""
    if INSIDE or not argv or argv[0] not in COMMANDS:
        return None
    try:
        path = socket_path()
    except OSError as exc:  # a runtime folder another user squats (or that cannot be made): cold, said once
        sys.stderr.write(f"conformance: no warm process: {exc}; running cold\n")
        return None
    try:
        here = os.open(".", os.O_RDONLY | getattr(os, "O_DIRECTORY", 0) | getattr(os, "O_CLOEXEC", 0))
    except OSError:
        return None  # no working folder to hand over: the command runs cold, as it would
    try:
        cwd: str | None = os.getcwd()
    except OSError:
        cwd = None  # a deleted working folder: the run is handed it by descriptor, and finds it as cold does
    try:
        sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        sock.connect(path)
    except OSError:
        os.close(here)
        _start()
        return None
    with sock:
        fds, _ = _streams()
        encoding = {name: (getattr(stream, "encoding", None), getattr(stream, "errors", None))
                    for name, stream in (("stdin", sys.stdin), ("stdout", sys.stdout), ("stderr", sys.stderr))}
        mask = os.umask(0o077)
        os.umask(mask)
        header = json.dumps({"argv": argv, "cwd": cwd, "cwd_fd": True, "umask": mask, "env": dict(os.environ),
                             "fds": fds, "encoding": encoding}).encode()
        try:
            socket.send_fds(sock, [len(header).to_bytes(4, "big") + header], [*fds, here])
            answer = receive(sock)
        except OSError:
            answer = None
        finally:
            os.close(here)
        if answer is None or "stale" in answer or "pid" not in answer:
            if answer is None or "stale" in answer:
                _start()
            return None  # nothing ran: the command runs cold here
        pid = int(answer["pid"])

        def forward_signal(signum: int, frame: object) -> None:
            with contextlib.suppress(OSError):
                os.kill(pid, signum)

        previous = {s: signal.signal(s, forward_signal) for s in (signal.SIGINT, signal.SIGTERM)}
        try:
            while True:
                try:
                    done = receive(sock)
                    break
                except InterruptedError:
                    continue
        except OSError:
            done = None
        finally:
            for s, handler in previous.items():
                signal.signal(s, handler)
    if done is None or "exit" not in done:
        sys.stderr.write("conformance: the warm process stopped before the run ended (exit 3); "
                         "run again without CONFORMANCE_WARM=1 to see why\n")
        return ExitCode.INCOMPLETE
    return int(done["exit"])


def _start() -> None:
    """A warm process in the background, in a session of its own, for the next runs."""
    import subprocess

    with contextlib.suppress(OSError):
        subprocess.Popen([sys.executable, "-m", "conformance.cli", "warm", "serve"],
                         stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                         start_new_session=True, close_fds=True)
