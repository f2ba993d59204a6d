"""OpenUSD's own validators (``pxr.UsdValidation`` of the ``usd-core`` wheel), delegated to.

The wheel is the optional extra ``usd`` (pinned in ``openusd.json`` with the validators it
registers; the file is part of the package, so the catalog digest covers the pin). Without it,
:func:`check` raises :class:`Unavailable` naming the extra: the requirements are then
``inconclusive``, never a pass.

Each file is judged by ``usd_worker.py`` in a process of its own, under a memory cap
(RLIMIT_AS) and a time budget: composition can explode (deep references, huge instancing), and
an explosion ends that process with a verdict, not the run. Within a run (:func:`serving`) or a
warm process (:func:`kept`) that process is forked from a zygote that imported OpenUSD once
(``usd_worker.py --zygote``); elsewhere, or when the zygote cannot serve, it is a fresh
interpreter. Either way the same code judges the file under the same cap and budget. The worker guards the file before
OpenUSD composes it (USDZ entry and size caps, no entry or asset path leading out of the input
folder, no URI): see its docstring. The process runs with no ``PXR_*`` variable of the caller
(no plug-in path, so no third-party asset resolver: OpenUSD's default resolver reads local files
only) and an empty search path. Answers are kept per file (path, size, modification time), so
the requirements reading the same file under the same folder run the validators once.
"""

from __future__ import annotations

import contextlib
import importlib.util
import json
import os
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, TypedDict

from conformance import msg
from conformance.area import record_read

if TYPE_CHECKING:
    from collections.abc import Callable

    from conformance.area import JsonArray, JsonObject

    from .usd_types import Request


class Pin(TypedDict):
    """openusd.json: the usd-core release the harness is tested with, the extra that installs it,
    the OpenUSD version it carries and the validators it loads."""

    package: str
    version: str
    extra: str
    openusd: str
    validators: list[str]

HERE = Path(__file__).parent
WORKER = HERE / "usd_worker.py"
PIN: Pin = json.loads((HERE / "openusd.json").read_text(encoding="utf-8"))


@dataclass(frozen=True)
class Limits:
    """The bounds of one stage (a safety cap, not a requirement; hostile tests tighten them)."""

    max_entries: int = 10_000
    max_entry_bytes: int = 512 * 1024 * 1024
    max_package_bytes: int = 1024 * 1024 * 1024
    max_layers: int = 2_000
    max_layer_bytes: int = 512 * 1024 * 1024
    seconds: float = 120.0
    memory_mb: int = 4096


LIMITS = Limits()


class Unavailable(RuntimeError):
    """OpenUSD is not installed here; the message says how to install it."""


@dataclass
class Judgement:
    """OpenUSD's answer on one file: its validators' errors, or why it was not composed."""

    version: str | None = None
    validators: list[str] = field(default_factory=list)
    errors: list[JsonObject] = field(default_factory=list)
    facts: JsonObject = field(default_factory=dict)
    #: why the stage was not composed: the code of a guard (usdz-*, usd-*) and its arguments
    refused: JsonObject | None = None
    #: the absolute asset paths the layers name (``path``, ``layer``): defects of the file that
    #: OpenUSD's validators report only when the path resolves to nothing
    defects: list[dict[str, str]] = field(default_factory=list)

    @property
    def refusal(self) -> str | None:
        """The refusal in words (a finding), or None."""
        if self.refused is None:
            return None
        args = {k: v for k, v in self.refused.items() if k != "code"}
        key, names = _ARGS[str(self.refused.get("code"))]
        return msg(key, **{k: args.get(k, "") for k in names})

    def absolute_paths(self) -> list[str]:
        """Each absolute asset path in words (a finding each)."""
        return [msg("shared.usd-path-absolute", path=d.get("path", ""), layer=os.path.basename(d.get("layer", "")))
                for d in self.defects]


#: each guard's message key (shared/messages.yaml) and its arguments
_ARGS = {"usdz-not-zip": ("shared.usdz-not-zip", ("file", "reason")),
         "usdz-too-many-entries": ("shared.usdz-too-many-entries", ("file", "count", "cap")),
         "usdz-entry-outside": ("shared.usdz-entry-outside", ("file", "entry")),
         "usdz-entry-too-large": ("shared.usdz-entry-too-large", ("file", "entry", "size", "cap")),
         "usdz-too-large": ("shared.usdz-too-large", ("file", "size", "cap")),
         "usd-too-many-layers": ("shared.usd-too-many-layers", ("cap",)),
         "usd-path-outside": ("shared.usd-path-outside", ("path",)),
         "usd-path-absolute": ("shared.usd-path-absolute", ("path", "layer")),
         "usd-not-regular": ("shared.usd-not-regular", ("path",)),
         "usd-uri": ("shared.usd-uri", ("path",)),
         "usd-layer-too-large": ("shared.usd-layer-too-large", ("path", "size", "cap")),
         "usd-cannot-open": ("shared.usd-cannot-open", ("path", "reason")),
         "usd-over-time": ("shared.usd-over-time", ("seconds",)),
         "usd-over-memory": ("shared.usd-over-memory", ("mb",)),
         "usd-worker-failed": ("shared.usd-worker-failed", ("status", "stderr"))}

_cache: dict[tuple[str, int, int, str, Limits], Judgement] = {}


def available() -> bool:
    return importlib.util.find_spec("pxr") is not None


def installed_version() -> str | None:
    """The usd-core wheel's version, as its distribution says (no import of pxr)."""
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version(PIN["package"])
    except PackageNotFoundError:
        return None


def facts() -> JsonObject:
    """OpenUSD as the report's environment names it: the installed usd-core (from its
    distribution: pxr is not imported for this) and the validators the pin lists for it
    (what the worker loads; a usd-core other than the pin is said so, and its own list is in
    each file's evidence); without usd-core, the extra that brings it."""
    installed = installed_version()
    if installed is None:
        return {"package": PIN["package"], "installed": None, "extra": PIN["extra"]}
    return {"package": PIN["package"], "installed": installed, "pinned": PIN["version"],
            "openusd": PIN["openusd"] if installed == PIN["version"] else None,
            "validators": list(PIN["validators"]) if installed == PIN["version"] else None}


def check(path: Path, folder: Path | None = None, limits: Limits = LIMITS) -> Judgement:
    """OpenUSD's validators on ``path``, its asset paths confined to ``folder`` (its own folder)."""
    if not available():
        raise Unavailable(msg("shared.usd-not-installed", package=PIN["package"], version=PIN["version"],
                              extra=PIN["extra"]))
    stat = path.stat()
    folder = folder or path.parent
    # the folder is part of the key: the same file under another root resolves other references
    key = (str(path.resolve()), stat.st_size, stat.st_mtime_ns, str(folder.resolve()), limits)
    if key in _cache:
        return _cache[key]
    judgement = _run(path, folder, limits)
    _cache[key] = judgement
    return judgement


def _env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("PXR_")}
    env["PXR_AR_DEFAULT_SEARCH_PATH"] = ""  # a bare asset name resolves nowhere but beside its layer
    # glibc reserves 64 MB of address space per thread arena: under RLIMIT_AS, OpenUSD's worker
    # threads would exhaust the cap with reservations, not with data
    env["MALLOC_ARENA_MAX"] = "2"
    env["PYTHONPATH"] = os.pathsep.join(p for p in sys.path if p)  # where pxr was found
    return env


def _capped(mb: int) -> Callable[[], None] | None:
    if os.name != "posix":
        return None

    def cap() -> None:
        import resource

        resource.setrlimit(resource.RLIMIT_AS, (mb * 1024 * 1024, mb * 1024 * 1024))

    return cap


#: a warm process's or a run's OpenUSD (kept(), serving()): a Python with pxr imported that
#: forks a worker per stage; _ready once it said so
_zygote: subprocess.Popen[bytes] | None = None
_ready = False
#: how long a zygote may take to import OpenUSD and load its validators (a safety cap)
ZYGOTE_START_S = 120.0


def _await_ready(process: subprocess.Popen[bytes]) -> bool:
    """Wait for the zygote's first line (OpenUSD imported, validators loaded)."""
    global _ready
    import select

    if process.stdout is None:
        return False
    ready, _, _ = select.select([process.stdout], [], [], ZYGOTE_START_S)
    _ready = bool(ready) and process.stdout.readline().startswith(b'{"ready"')
    return _ready


@contextlib.contextmanager
def serving() -> Iterator[None]:
    """The zygote of a run that judges USD files (the assets area's run surroundings): started
    as the run starts, so OpenUSD is imported while the harness starts and once for all the
    run's files (each judged in a worker forked from it, capped and timed as a fresh worker
    is); ended with the run. A warm process's zygote, where there is one, serves instead."""
    if _zygote is not None or not available():
        yield
        return
    with kept(wait=False):
        yield


@contextlib.contextmanager
def kept(wait: bool = True) -> Iterator[_ZygoteHealth]:
    """For a warm process (``conformance_warm``): ``usd_worker.py --zygote`` started now, OpenUSD
    imported and its validators loaded once; each stage of a run it forks is judged in a child
    the zygote forks, under the same memory cap and time budget as a fresh worker. Yields what
    tells the warm process whether it still serves. ``wait=False``: not waited for here (the
    first stage waits for it to be ready, while the run starts meanwhile)."""
    global _zygote, _ready
    process = None
    if available():
        try:
            process = subprocess.Popen([sys.executable, str(WORKER), "--zygote"], stdin=subprocess.PIPE,
                                       stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, env=_env())
            _zygote, _ready = process, False
            if wait and not _await_ready(process):
                _zygote = None
        except OSError:
            process = None
    try:
        yield _ZygoteHealth(process)
    finally:
        _zygote = None
        if process is not None:
            with contextlib.suppress(OSError):
                if process.stdin is not None:
                    process.stdin.close()
            try:
                process.wait(timeout=5)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


@dataclass
class _ZygoteHealth:
    process: subprocess.Popen[bytes] | None

    def healthy(self) -> bool:
        return self.process is None or (_zygote is self.process and self.process.poll() is None)


def _forked(request: Request, limits: Limits) -> subprocess.CompletedProcess[bytes] | None:
    """The worker's run through the warm process's zygote (None where there is none or it
    failed: the caller starts a fresh worker, and the warm process a fresh zygote)."""
    global _zygote
    process = _zygote
    if process is None or process.stdin is None or process.stdout is None:
        return None
    if not _ready and not _await_ready(process):
        _zygote = None  # it could not start: a fresh worker judges, as without it
        return None
    import select

    try:
        process.stdin.write(json.dumps({"request": request, "memory_mb": limits.memory_mb,
                                        "seconds": limits.seconds}).encode() + b"\n")
        process.stdin.flush()
        ready, _, _ = select.select([process.stdout], [], [], limits.seconds + 30)
        line = process.stdout.readline() if ready else b""
        reply = json.loads(line) if line else None
    except (OSError, ValueError):
        reply = None
    if not isinstance(reply, dict):
        _zygote = None  # dead or out of step: not used again by this run
        return None
    if reply.get("timeout"):
        raise subprocess.TimeoutExpired(WORKER.name, limits.seconds)
    return subprocess.CompletedProcess([WORKER.name], int(reply.get("status", 1)),
                                       str(reply.get("stdout", "")).encode(), str(reply.get("stderr", "")).encode())


def _run(path: Path, folder: Path, limits: Limits) -> Judgement:
    request: Request = {"path": str(path.resolve()), "folder": str(folder.resolve()),
               "limits": {k: getattr(limits, k) for k in ("max_entries", "max_entry_bytes", "max_package_bytes",
                                                          "max_layers", "max_layer_bytes")}}
    try:
        done = _forked(request, limits) or subprocess.run(
            [sys.executable, str(WORKER)], input=json.dumps(request).encode(), capture_output=True,
            timeout=limits.seconds, env=_env(), preexec_fn=_capped(limits.memory_mb),  # noqa: PLW1509 - a cap only
            check=False)
    except subprocess.TimeoutExpired:
        return Judgement(refused={"code": "usd-over-time", "seconds": limits.seconds})
    line = next((x for x in reversed(done.stdout.splitlines()) if x.startswith(b"{")), None)
    if line is None:
        stderr = done.stderr.decode("utf-8", "replace")
        if any(word in stderr for word in ("MemoryError", "bad_alloc", "Cannot allocate")):
            return Judgement(refused={"code": "usd-over-memory", "mb": limits.memory_mb})
        return Judgement(refused={"code": "usd-worker-failed", "status": done.returncode,
                                  "stderr": stderr.strip()[-300:]})
    return judgement_of(json.loads(line), limits)


def judgement_of(answer: JsonObject, limits: Limits) -> Judgement:
    """The worker's answer as a judgement; a refusal for memory names the cap, which the
    worker does not know."""
    for read in _listed(answer, "read"):
        if isinstance(read, str):
            record_read(Path(read))  # a subject of a signed run: OpenUSD read it
    guard = answer.get("guard")
    refused = guard if isinstance(guard, dict) else None
    if refused is not None and refused.get("code") == "usd-over-memory":
        refused = {**refused, "mb": limits.memory_mb}
    if refused is not None and refused.get("code") == "usd-path-absolute":
        refused = {**refused, "layer": os.path.basename(str(refused.get("layer", "")))}
    version, facts = answer.get("version"), answer.get("facts")
    return Judgement(version=version if isinstance(version, str) else None,
                     validators=[v for v in _listed(answer, "validators") if isinstance(v, str)],
                     errors=[e for e in _listed(answer, "errors") if isinstance(e, dict)],
                     facts=facts if isinstance(facts, dict) else {}, refused=refused,
                     defects=[{k: str(v) for k, v in d.items()} for d in _listed(answer, "defects")
                              if isinstance(d, dict)])


def _listed(answer: JsonObject, member: str) -> JsonArray:
    value = answer.get(member)
    return value if isinstance(value, list) else []
