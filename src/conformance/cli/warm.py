"""The warm process: ``conformance warm serve|stop|status`` (its client: warmclient.py).

It imports what a run imports, loads the catalog once (its digest and parsed documents are
then cached by file identity, as in any process) and enters what the areas keep ready
(``conformance_warm``: the Khronos validator's Node.js process with the validator loaded, a
Python with OpenUSD imported that forks one capped worker per stage), then waits on a Unix
socket. For each client it forks a child that takes the client's standard streams, working
folder, environment and command line and runs the command as the ``conformance`` process
would (:func:`conformance.cli.main`), so verdicts, reports, output and exit code are the
command's own; the client gets the child's pid (to forward Ctrl-C) and its exit code.

One run at a time: the next client waits in the socket's queue (the warm validators serve
one run at a time). After a child that did not end by returning an exit code (killed, or
interrupted: it may have left a validator mid-answer) the areas' warm resources are started
again. Before each fork the harness's own source files are checked (by their stat signature,
read again only when it moved, as git's index does): one changed since the start and the
client is told to run cold, and this process ends (the next client starts a
fresh one). It ends after ``CONFORMANCE_WARM_IDLE`` seconds without a client (600 by
default), on ``conformance warm stop``, SIGTERM or SIGINT.
"""

from __future__ import annotations

import contextlib
import fcntl
import io
import os
import signal
import socket
import struct
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, NamedTuple

from .._entrypoints import racy, signature
from ..errors import ExitCode
from . import warmclient

IDLE_S = 600.0
#: how long a client has to send its command line once connected
HEADER_S = 30.0


def idle_seconds() -> float:
    try:
        return max(1.0, float(os.environ.get("CONFORMANCE_WARM_IDLE", IDLE_S)))
    except ValueError:
        return IDLE_S


class Source(NamedTuple):
    """A loaded file as last seen: its stat signature, its sha256, and whether that signature
    was taken so soon after the file's last change that a further change could keep it."""

    signature: tuple[int, int, int, int]
    digest: str
    racy: bool


#: a signature (size, inode, change and modification times, as git's index records them) is
#: not trusted when taken within a clock tick of the file's last change (``racy``, git's
#: "racily clean" entry); the scan of the installed packages keeps folders' listings alike
_signature = signature


def _seen(path: str) -> Source:
    """The file's signature, then its digest: a change between the two leaves a signature at
    most as new as the change, which ``racy`` then covers."""
    status = os.stat(path)
    return Source(_signature(status), _content(path), racy(status))


def _sources(roots: list[Path]) -> dict[str, Source]:
    """The harness's own files (code, message templates, templates, schemas: all but byte
    code) and the catalog's suite modules, each as loaded (the catalog's requirement, profile
    and schema files are checked by its digest at each load)."""
    package = Path(__file__).resolve().parents[1]
    found = {}
    owned = (p for p in package.rglob("*") if p.suffix != ".pyc" and "__pycache__" not in p.parts and p.is_file())
    for path in [*owned, *(p for root in roots for p in (root / "suites").rglob("*.py"))]:
        with contextlib.suppress(OSError):
            found[str(path)] = _seen(str(path))
    return found


def _content(path: str) -> str:
    """The file's sha256, read the guarded way (a regular file, within the hashing cap)."""
    from .._io.vendorfiles import hash_capped

    return hash_capped(Path(path))[0]


def _changed(sources: dict[str, Source]) -> bool:
    """Whether a file the process loaded changed since, checked on every run. A file whose
    signature holds is not read again (hashing the whole package, vendored validators
    included, on every run cost more than the run); one whose signature moved, or was taken
    too close to its last change to be trusted, is hashed, and only a new digest is a change
    (a file touched but not edited gets its new signature recorded)."""
    for path, source in sources.items():
        try:
            if not source.racy and _signature(os.stat(path)) == source.signature:
                continue
            now = _seen(path)
        except OSError:
            return True
        if now.digest != source.digest:
            return True
        sources[path] = now
    return False


def _load() -> list[Path]:
    """What every run imports and reads, done once here so that each forked run finds it done:
    the run's modules, the catalog (kept while its digest holds), the message templates, the
    suite modules a run imports without a pytest session (those pytest would rewrite are left
    to it), and the data models completed."""
    import pytest  # noqa: F401 - the session's machinery, imported by every run

    from .. import _areas, messages
    from .._catalog import catalog as catalog_module
    from .._run import direct, engine, terms  # noqa: F401
    from ..report import html  # noqa: F401
    from . import commands, parser, signedcommands  # noqa: F401

    _areas.manager()
    _import_what_a_run_imports()
    for command in warmclient.COMMANDS:  # built as a run builds it (after the areas are registered), kept
        parser.build_parser([command])
    catalog_module.KEEP_LOADED = True
    catalog = catalog_module.load_catalog(lazy=True)
    for prefix in sorted({*_areas.template_files(), *(p.stem for p in Path(messages.__file__).parent.glob("*.yaml"))}):
        with contextlib.suppress(Exception):
            messages._area(prefix)
    for root in catalog.roots.values():
        _import_suites(root, direct)
    _complete_models()
    return list(catalog.roots.values())


def _import_what_a_run_imports() -> None:
    """The modules a run imports on its way (its views, the file adapter, the laboratory's
    records, the attestation): imported in each forked run instead, they cost every run ~10 ms
    of CPU in all (found with cProfile in the forked runs of one GLB). And the libraries the
    terminal's caption and recognition checks import when they first judge (jiwer, langcodes:
    some 0.1 CPU-s), which a cold run imports only if it needs them."""
    import importlib

    for name in ("..report.junit", "..certification.labrecords", "..certification.attestation", "..adapters.file",
                 ".._io.strictjson", ".._run.laboratory", "jiwer", "langcodes"):
        importlib.import_module(name, __package__)


def _import_suites(root: Path, direct: Any) -> None:
    """The suite modules under ``root`` as the session-less path imports them (same names);
    one that fails to import is forgotten (the run reports it its own way)."""
    from _pytest.pathlib import ImportMode, import_path

    for path in sorted((root / "suites").glob("*/test_*.py")):
        if direct._has_conftest(path.parent, root) or direct._asserts(path):
            continue
        before = set(sys.modules)
        try:
            import_path(path, mode=ImportMode.importlib, root=root, consider_namespace_packages=False)
        except Exception:  # noqa: BLE001 - left to the run, which reports it
            for name in set(sys.modules) - before:
                if name.split(".")[0] == "suites":
                    del sys.modules[name]


def _complete_models() -> None:
    """Data models whose validators pydantic builds on first use, built now."""
    from pydantic import BaseModel

    for module in list(sys.modules.values()):
        if not getattr(module, "__name__", "").startswith(("conformance", "suites")):
            continue
        for value in list(vars(module).values()):
            if isinstance(value, type) and issubclass(value, BaseModel) and value is not BaseModel \
                    and not getattr(value, "__pydantic_complete__", True):
                with contextlib.suppress(Exception):
                    value.model_rebuild()


@contextlib.contextmanager
def _warm_resources() -> Iterator[list[object]]:
    """The areas' warm resources entered; yields what they gave (those with ``healthy()`` are
    asked after each run whether they still serve)."""
    from .. import _areas

    with contextlib.ExitStack() as stack:
        yield [stack.enter_context(resource) for resource in _areas.warm_resources()]


def _healthy(given: list[object]) -> bool:
    return all(getattr(g, "healthy", lambda: True)() for g in given)


def _peer_uid(conn: socket.socket) -> int | None:
    if not hasattr(socket, "SO_PEERCRED"):
        return None
    creds = conn.getsockopt(socket.SOL_SOCKET, socket.SO_PEERCRED, struct.calcsize("3i"))
    return int(struct.unpack("3i", creds)[1])


def serve(main: Callable[[], int], path: str | None = None) -> int:
    """Serve runs on the socket until idle, each run by ``main`` (the command's own entry,
    :func:`conformance.cli.main`, called as the process's command) in a forked child; 0 when
    it stopped, 1 when another one serves."""
    path = path or warmclient.socket_path()
    lock = open(path + ".lock", "a")  # noqa: SIM115 - held for the process's life
    try:
        fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        return 1  # another warm process serves this socket
    stopping = False

    def stop(signum: int, frame: object) -> None:
        nonlocal stopping
        stopping = True
        raise KeyboardInterrupt

    signal.signal(signal.SIGTERM, stop)
    sources = _sources(_load())
    with contextlib.suppress(FileNotFoundError):
        os.unlink(path)
    listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    listener.bind(path)
    os.chmod(path, 0o600)
    listener.listen(16)
    listener.settimeout(idle_seconds())
    try:
        while not stopping:
            with _warm_resources() as given:
                while not stopping:
                    try:
                        conn, _ = listener.accept()
                    except TimeoutError:
                        return 0
                    with conn:
                        conn.settimeout(HEADER_S)  # a client that sends nothing does not hold the others up
                        clean = _one(conn, listener, sources, main)
                    if clean is None:  # the harness changed: the next client starts a fresh process
                        return 0
                    if not clean or not _healthy(given):
                        break  # the warm resources again
    except KeyboardInterrupt:
        return 0
    finally:
        with contextlib.suppress(OSError):
            os.unlink(path)
        listener.close()
    return 0


def _one(conn: socket.socket, listener: socket.socket | None, sources: dict[str, Source],
         main: Callable[[], int] | None = None) -> bool | None:
    """One client's run in a forked child: True when it ended by returning its exit code,
    False when not (the warm resources may be mid-answer), None when the harness changed."""
    if _peer_uid(conn) not in (None, os.getuid()):
        return True  # another user's: refused, closed without an answer
    try:
        data, fds, _, _ = socket.recv_fds(conn, warmclient.HEADER_LIMIT, 4)
    except OSError:
        return True
    try:
        size = int.from_bytes(data[:4], "big")
        body = data[4:]
        while len(body) < size:
            more = conn.recv(size - len(body))
            if not more:
                raise ValueError("short header")
            body += more
        request = __import__("json").loads(body)
        if _changed(sources):
            warmclient.send(conn, {"stale": True})
            return None
        pid = os.fork()
        if pid == 0:
            if listener is not None:
                listener.close()
            _child(conn, request, fds, main)  # never returns
        conn.settimeout(None)  # the run takes what it takes; its client waits for it
        warmclient.send(conn, {"pid": pid})
    except (OSError, ValueError, KeyError):
        return True
    finally:
        for fd in fds:
            os.close(fd)
    code = _wait(pid, conn)
    with contextlib.suppress(OSError):
        warmclient.send(conn, {"exit": code if code >= 0 else 3})
    return code in (0, 1, 2)


#: how long a run whose client went away has to write its incomplete report before it is killed
STOP_GRACE_S = 15.0


def _wait(pid: int, conn: socket.socket) -> int:
    """The forked run's exit code. Its client going away (killed, its connection closed) ends
    the run as an interrupt would (SIGINT: it writes its incomplete report), then, after
    :data:`STOP_GRACE_S`, by SIGKILL: a run nobody waits for does not go on."""
    import select
    import time

    poller = select.poll()
    poller.register(conn.fileno(), select.POLLIN | select.POLLHUP | select.POLLERR)
    pidfd = None
    with contextlib.suppress(AttributeError, OSError):
        pidfd = os.pidfd_open(pid)
        poller.register(pidfd, select.POLLIN)
    deadline = None
    try:
        while True:
            done, status = os.waitpid(pid, os.WNOHANG)
            if done:
                return os.waitstatus_to_exitcode(status)
            if deadline is not None and time.monotonic() > deadline:
                with contextlib.suppress(OSError):
                    os.kill(pid, signal.SIGKILL)
                deadline = float("inf")
            wait_ms = 200 if pidfd is None or deadline is not None else None
            for fd, _ in poller.poll(wait_ms):
                if fd != conn.fileno():
                    continue
                try:
                    gone = conn.recv(4096, socket.MSG_DONTWAIT) == b""
                except BlockingIOError:
                    gone = False
                except OSError:
                    gone = True
                if gone:  # the client went away: end its run
                    poller.unregister(conn.fileno())
                    with contextlib.suppress(OSError):
                        os.kill(pid, signal.SIGINT)
                    deadline = time.monotonic() + STOP_GRACE_S
    finally:
        if pidfd is not None:
            os.close(pidfd)


def _child(conn: socket.socket, request: dict[str, Any], fds: list[int], main: Callable[[], int] | None) -> None:
    code: int = ExitCode.INCOMPLETE
    try:
        conn.close()
        warmclient.INSIDE = True
        signal.signal(signal.SIGTERM, signal.SIG_DFL)
        signal.signal(signal.SIGINT, signal.default_int_handler)
        streams = list(request["fds"])
        given = dict(zip(streams, fds[:len(streams)], strict=True))
        null = os.open(os.devnull, os.O_RDWR)
        for fd in (0, 1, 2):
            os.dup2(given.get(fd, null), fd)
        if request.get("cwd_fd") and len(fds) > len(streams):
            os.fchdir(fds[len(streams)])  # the client's folder itself, even one deleted meanwhile
            os.close(fds[len(streams)])
        else:
            os.chdir(request["cwd"])
        if isinstance(request.get("umask"), int):
            os.umask(request["umask"] & 0o777)  # the client's: reports are written as its cold run writes them
        os.environ.clear()
        os.environ.update(request["env"])
        encoding = request.get("encoding", {})
        # typeshed makes sys.__stdin__ and the others Final; in the warm child they must be the
        # request's streams, as they are the process's own in a cold one
        sys.stdin = sys.__stdin__ = _stream(0, "r", encoding.get("stdin"))  # type: ignore[misc]
        sys.stdout = sys.__stdout__ = _stream(1, "w", encoding.get("stdout"))  # type: ignore[misc]
        sys.stderr = sys.__stderr__ = _stream(2, "w", encoding.get("stderr"), line=True)  # type: ignore[misc]
        sys.argv = ["conformance", *request["argv"]]
        code = main() if main is not None else ExitCode.INCOMPLETE
    except SystemExit as exc:
        code = exc.code if isinstance(exc.code, int) else ExitCode.BAD_INPUT
    except BaseException:  # noqa: BLE001 - the child must end with a code, never fall back into the server
        code = ExitCode.INCOMPLETE
    finally:
        with contextlib.suppress(Exception):
            sys.stdout.flush()
            sys.stderr.flush()
        os._exit(code)


def _stream(fd: int, mode: str, encoding: list[str | None] | None, line: bool = False) -> io.TextIOWrapper:
    """A text stream on ``fd`` as the client's interpreter made it (encoding, error handler,
    line buffering on a terminal)."""
    name, errors = encoding or (None, None)
    raw = io.FileIO(fd, mode, closefd=False)
    tty = raw.isatty()
    buffered: Any = io.BufferedReader(raw) if mode == "r" else io.BufferedWriter(raw)
    return io.TextIOWrapper(buffered, encoding=name or "utf-8", errors=errors or "strict",
                            line_buffering=line or tty, write_through=False)


def status() -> tuple[str, bool]:
    path = warmclient.socket_path()
    sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    try:
        sock.connect(path)
    except OSError:
        return path, False
    finally:
        sock.close()
    return path, True


def stop() -> bool:
    """End the warm process of this environment (SIGTERM to the holder of its lock)."""
    path = warmclient.socket_path()
    try:
        with open(path + ".lock", "a") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
            return False  # nobody holds it: none runs
    except BlockingIOError:
        pass
    pid = _holder(path)
    if pid is None:
        return False
    os.kill(pid, signal.SIGTERM)
    return True


def _holder(path: str) -> int | None:
    """The pid of the process holding the socket's lock (/proc/locks), None where unknown."""
    try:
        inode = os.stat(path + ".lock").st_ino
        with open("/proc/locks") as locks:
            for line in locks:
                parts = line.split()
                if len(parts) > 5 and parts[5].split(":")[-1] == str(inode):
                    return int(parts[4])
    except (OSError, ValueError):
        return None
    return None
