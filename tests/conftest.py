"""Fixtures for the harness's own tests: the reference server and helpers to run the engine.

The suite runs in parallel (``pytest -n auto``, pytest-xdist), so nothing here is shared
between workers by accident: servers listen on ports the OS picks, outputs go to each test's
``tmp_path``, hypothesis keeps one example database per worker, and the one demo run that
several end-to-end tests read is made once per session, whichever worker asks first
(:func:`demo_run`, :func:`once_per_session`).

What the suite costs (issue 31): the byte code of every module the session and its
subprocesses import is kept in one cache folder (:mod:`tests.bytecode`), hypothesis has no
deadline (no timing thresholds in unit tests), and the fast layer (``-m "not slow"``) runs a
fifth of each property's examples (:func:`_fewer_examples`); the full run keeps every
count, and starts with the modules that hold slow tests (:func:`_long_modules_first`);
workers steal each other's pending tests at the end (:func:`pytest_xdist_make_scheduler`)."""

from __future__ import annotations

import functools
import json
import math
import os
import shutil
import ssl
import subprocess
import sys
import threading
from collections.abc import Callable, Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import settings

from tests import bytecode  # noqa: F401  (first: the harness's modules imported below are cached too)

# isort: split
from tests import allocator  # noqa: F401  (freed memory reused, not faulted in again: tests/allocator.py)

# isort: split
from conformance import load_catalog
from conformance._catalog.catalog import Catalog
from conformance._run.engine import RunResult, run
from conformance._run.surroundings import draw_no_local_constants
from conformance._version import REFERENCE_PRODUCT, __version__
from conformance.cli.manifests import automated_features
from conformance.reference import SAMPLES, create_app
from conformance.reference.server import serve, trust_anchor
from tests import quiet
from tests import ifc_rules_cache  # noqa: F401  (IFC rules compiled once a session, not a worker: tests/ifc_rules_cache.py)

# Hypothesis's default deadline (200 ms an example) is a timing threshold: on a loaded machine
# it fails tests that are right. The fast layer's profile also runs fewer examples.
FAST_SHARE = 5  # the fast layer runs 1/FAST_SHARE of a property's examples ...
FAST_FLOOR = 20  # ... and at least this many (or its own count, if lower)
settings.register_profile("harness", deadline=None)
settings.register_profile("fast", deadline=None, max_examples=FAST_FLOOR)
settings.load_profile("harness")
# Properties draw no "local constants", as a run draws none (HypothesisHome): otherwise hypothesis
# reads the source of every module the process imported, tests included, and mixes their literals
# into its draws, so an example would depend on which test modules a worker collected (a seed of
# test_trading_seeds.py missed its defects once new modules were added), and each worker spent
# seconds of its collection reading ~700 modules' source (bench/README.md, issue 77).
draw_no_local_constants()

ROOT = Path(__file__).resolve().parents[1]
SUITES = ROOT / "suites"

# One hypothesis example database per xdist worker (hypothesis reads this variable when it
# first stores an example, after this module is imported); without xdist, its default.
if os.environ.get("PYTEST_XDIST_WORKER"):
    os.environ.setdefault("HYPOTHESIS_STORAGE_DIRECTORY",
                          str(ROOT / ".hypothesis" / os.environ["PYTEST_XDIST_WORKER"]))


def pytest_configure(config: pytest.Config) -> None:
    """The fast layer (a ``-m`` expression that leaves the slow tests out) runs hypothesis's
    ``fast`` profile, unless ``--hypothesis-profile`` names one."""
    if config.getoption("hypothesis_profile", None) is None and "not slow" in (config.getoption("markexpr") or ""):
        settings.load_profile("fast")


#: ``-n auto`` for a run that includes the slow layer: this many xdist workers per core
#: (as xdist counts cores).
WAITING_WORKERS_PER_CORE = 2


@pytest.hookimpl(optionalhook=True)  # `-p no:xdist` runs without the hook's plugin
def pytest_xdist_auto_num_workers(config: pytest.Config) -> int | None:
    """Workers for ``-n auto``. For a run that includes the slow layer (docs/development.md's
    command, ``.ci/run``), two per core: its tests wait a lot on subprocesses, servers
    left to hang, timeouts and ``fsync``, so one worker per core leaves cores idle (the whole suite used
    516 s of CPU in 466 s on two cores, bench/README.md). A worker costs about 2.3 s of CPU
    to start and collect. The fast layer (a ``-m`` that leaves the slow tests out) is
    CPU-bound, and ``PYTEST_XDIST_AUTO_NUM_WORKERS`` is the user's choice: for both,
    xdist's own count (None)."""
    if os.environ.get("PYTEST_XDIST_AUTO_NUM_WORKERS") or "not slow" in (config.getoption("markexpr") or ""):
        return None
    from xdist.plugin import pytest_xdist_auto_num_workers as cores  # xdist's count: its physical cores

    return WAITING_WORKERS_PER_CORE * cores(config)


@pytest.hookimpl(optionalhook=True)
def pytest_xdist_make_scheduler(config: pytest.Config, log: Any) -> Any:
    """Without ``--dist``, xdist's work stealing rather than its ``load``. Under ``load`` a
    worker is sent up to half its share of the pending tests at once and keeps them: the
    whole suite once ended with one worker alone for 90 s on what it held while the
    other three idled (bench/README.md). Work stealing hands each worker an even range and
    moves half of the busiest worker's pending tests to whichever runs out, to the end.
    ``--dist`` given: xdist's own choice (None)."""
    if any(arg == "--dist" or arg.startswith(("--dist=", "-d")) for arg in config.invocation_params.args):
        return None
    from xdist.scheduler import WorkStealingScheduling

    return WorkStealingScheduling(config, log)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    _unit_by_default(items)
    _long_modules_first(items)
    _fewer_examples(items)


#: the threads test modules started at the session's start (:func:`pytest_collection_finish`)
BACKGROUND = pytest.StashKey[list[threading.Thread]]()


def pytest_collection_finish(session: pytest.Session) -> None:
    """A test module's ``start_in_background(session, factory)`` starts, once the session's
    tests are known, what its tests will wait for (tests/e2e/test_known_bad.py: set-up B of the
    comparison, a process per area), so that it is made while other tests run, not while a
    worker idles waiting for it. Not for ``--collect-only``, nor in xdist's controller (it
    collects nothing)."""
    if session.config.option.collectonly or not session.items:
        return
    factory: pytest.TempPathFactory = session.config._tmp_path_factory  # type: ignore[attr-defined]  # the tmp_path_factory fixture's
    quiet.configure(_shared_folder(factory))  # the folder made here, before any thread could make it at the same time
    modules = {module for item in session.items if (module := getattr(item, "module", None)) is not None}
    started = [module.start_in_background(session, factory) for module in modules
               if hasattr(module, "start_in_background")]
    session.config.stash[BACKGROUND] = [thread for thread in started if thread is not None]


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    """The background threads end with a session whose tests passed (their tests waited for
    what they made: the join is immediate). A failed or interrupted session (``-x``, Ctrl-C)
    does not wait for work its remaining tests will not read: the threads are daemons."""
    if exitstatus == pytest.ExitCode.OK:
        for thread in session.config.stash.get(BACKGROUND, []):
            thread.join()


#: the tiers a test is marked with (pyproject.toml's markers); a test in none of them is a
#: ``unit`` test, the default tier
TIERS = ("slow", "browser", "container", "real_products")


def _unit_by_default(items: list[pytest.Item]) -> None:
    """Every test marked with no tier is marked ``unit``, so that ``-m unit`` selects the
    default tier (this hook runs before ``-m`` deselects)."""
    for item in items:
        if not any(item.get_closest_marker(tier) for tier in TIERS):
            item.add_marker(pytest.mark.unit)


#: the modules holding the longest single tests, longest first (``pytest -n auto --durations=0``,
#: 2026-11-26, quiet: the week 60 s, the PDF 36 s, the service in a browser 31-40 s, the demo
#: fixture 30 s, ...). Each test runs whole on one worker: started late, one of them ran alone
#: for the last minute of the suite.
LONGEST_FIRST = (
    "tests/reference/test_week_of_runs.py",
    # one test, one mypy process over the whole core and the typed areas (no cache in a fresh
    # clone): not slow-marked, so without a rank it starts among the last and ends the run alone
    "tests/house/test_types.py",
    "tests/drafting/test_spec_pdf.py",
    "tests/service/test_service_browser.py",
    "tests/_run/test_console.py",
    "tests/e2e/test_platform_runs.py",
    "tests/programme/test_site_incremental.py",
    "tests/e2e/test_cli.py",
    "tests/cli/test_warm_equals_cold.py",
    "tests/programme/test_city_scale_bench.py",
    # the example cohort's walkthrough, its history on PostgreSQL where there is a server
    "tests/programme/test_examples.py",
)


def _long_modules_first(items: list[pytest.Item], workers: int | None = None) -> None:
    """The modules of the longest tests first (:data:`LONGEST_FIRST`), then the other
    modules holding slow tests, then the rest; each module kept whole and in its order (so a
    module-scoped fixture is still made once). xdist hands tests out in this order, and the
    short tests left at the end keep every worker busy to the last. Every worker sorts the
    same collection the same way, as xdist requires.

    Work stealing first gives each of the ``workers`` an even, contiguous share of the
    collection: the longest modules are dealt out one to each share's start in turn, so they
    all start at once instead of one worker holding them all."""
    slow = {item.path for item in items if item.get_closest_marker("slow")}
    rank = {ROOT / path: place for place, path in enumerate(LONGEST_FIRST)}
    items.sort(key=lambda item: (item.path not in slow, rank.get(item.path, len(rank))))
    if workers is None:
        workers = int(os.environ.get("PYTEST_XDIST_WORKER_COUNT") or 1)
    if workers > 1:
        items[:] = _dealt_to_shares(items, rank, workers)


def _dealt_to_shares(items: list[pytest.Item], rank: dict[Path, int], workers: int) -> list[pytest.Item]:
    """``items`` reordered so that share k of the ``workers`` even shares (sized as xdist's
    work stealing cuts them) begins with the longest modules k, k + workers, ..."""
    longest: dict[int, list[pytest.Item]] = {}
    for item in items:
        if item.path in rank:
            longest.setdefault(rank[item.path], []).append(item)
    rest = iter([item for item in items if item.path not in rank])
    ordered: list[pytest.Item] = []
    remaining = len(items)
    for share in range(workers):
        size = remaining // (workers - share)
        remaining -= size
        start = len(ordered)
        for place in sorted(longest)[share::workers]:
            ordered.extend(longest[place])
        ordered.extend(item for _, item in zip(range(max(0, size - (len(ordered) - start))), rest, strict=False))
    ordered.extend(rest)
    return ordered


def _fewer_examples(items: list[pytest.Item]) -> None:
    """Under the ``fast`` profile, a property whose ``@settings`` names its own example count
    runs 1/FAST_SHARE of it (at least FAST_FLOOR): every property still runs and can still
    fail, and the full run keeps the declared counts. (Hypothesis reads a test's settings
    from the attribute its ``@settings`` decorator sets, at each call.)"""
    if settings.get_current_profile_name() != "fast":
        return
    for item in items:
        test = getattr(item, "obj", None)
        declared = getattr(test, "_hypothesis_internal_use_settings", None)
        if not isinstance(declared, settings) or getattr(test, "_fast_examples", False):
            continue
        fewer = min(declared.max_examples, max(FAST_FLOOR, math.ceil(declared.max_examples / FAST_SHARE)))
        test._hypothesis_internal_use_settings = settings(declared, max_examples=fewer)  # type: ignore[union-attr]
        test._fast_examples = True  # type: ignore[union-attr]


def load_module(name: str, path: Path) -> Any:
    """A Python file that is no package module (a bench script, a suite's test module), imported."""
    import importlib.util

    spec = importlib.util.spec_from_file_location(name, path)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def measured_corpora(bench: str) -> dict[str, dict[str, Any]]:
    """What ``bench/<bench>.py``'s ``measure()`` finds, by corpus (the contract of bench/fidelity.py)."""
    module = load_module(f"bench_{bench}", Path(__file__).resolve().parents[1] / "bench" / f"{bench}.py")
    return {corpus["corpus"]: corpus for corpus in module.measure()}


def fixture_path(area: str, name: str) -> Path:
    """A fixture of an area: ``suites/<area>/fixtures/<name>``."""
    return SUITES / area / "fixtures" / name


def copy_catalog(to: Path, *ignore: str) -> Path:
    """A copy at ``to`` of the shipped catalog's folders (suites, schemas, profiles), for a
    test to change: without byte code, nor what the ``ignore`` patterns name (shutil's)."""
    for part in ("suites", "schemas", "profiles"):
        shutil.copytree(ROOT / part, to / part, ignore=shutil.ignore_patterns("__pycache__", *ignore))
    return to


@functools.cache
def shipped_catalog() -> Catalog:
    """The shipped catalog, loaded once a process (tests read it, never change it): the
    ``catalog`` fixture's, and for module helpers that are not fixtures."""
    return load_catalog()


@pytest.fixture(scope="session")
def catalog() -> Catalog:
    return shipped_catalog()


@pytest.fixture(scope="session")
def reference_url() -> Iterator[str]:
    """The correct reference implementation, served for the whole test session."""
    with serve(create_app()) as url:
        yield url


@pytest.fixture(scope="session")
def reference_tls_url() -> Iterator[str]:
    """The correct reference implementation served over TLS for the whole session: an https
    URL whose chain leads to the test CA (:func:`http_target` and :func:`manifest_for` name it).
    What runs a profile holding IF-TLS-001 uses it: plain http is a finding, loopback too."""
    with serve(create_app(), tls=True) as url:
        yield url


def http_target(base_url: str, **more: Any) -> dict[str, Any]:
    """A manifest's http target for ``base_url``: an https one trusts the reference's test CA
    (``ca_bundle``), as a vendor's manifest names its own."""
    target: dict[str, Any] = {"adapter": "http", "base_url": base_url, **more}
    if base_url.startswith("https:"):
        target["ca_bundle"] = str(trust_anchor())
    return target


@functools.cache
def _trusting_the_test_ca() -> ssl.SSLContext:
    return ssl.create_default_context(cafile=str(trust_anchor()))


#: Requirements that time a live exchange against a limit the machine's contention can reach: answer
#: times under a load profile (IF-LAT-001), the relay latency of a shared space of 8 and 32 participants
#: (IF-SES-002: 150 ms at p95; inconclusive, never failed, when its own probe finds the harness's
#: scheduling too late), a cloud-rendered stream's first frame within 300 ms of the request
#: (SC-RENDER-002) and a display-resolution stream paced at 60 frames a second (SC-RENDER-004 R2, about
#: 6 ms of encoding a frame on an idle core). On a CI machine four test workers and set-up B share two
#: cores: the suite's own runs of the whole reference (the week of runs, the inter-laboratory
#: comparison) take what they left undecided of these again on a quiet machine (tests/quiet.py), with
#: the same limits; the demo, run once for many tests, is run again when they alone failed it or left it
#: incomplete; their own tests and known-bad cases judge them.
UNDER_LOAD = frozenset({"IF-LAT-001", "IF-SES-002", "SC-RENDER-002", "SC-RENDER-004"})


def failing_only_under_load(out: Path) -> bool:
    """Whether the run written to ``out`` was left short of conformant by requirements of
    :data:`UNDER_LOAD` alone: failed or erred at any level, or inconclusive at MUST (the run then
    incomplete, exit 3: IF-SES-002 when the harness's own scheduling delay was over its limit)."""
    try:
        report = json.loads((out / "report.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    failing = {r["requirement"] for r in report.get("requirements", []) if r.get("verdict") in ("fail", "error")
               or (r.get("verdict") == "inconclusive" and r.get("level") == "MUST")}
    return bool(failing) and failing <= UNDER_LOAD


def reference_verify(base_url: str) -> ssl.SSLContext:
    """What a test's own httpx client verifies the reference at ``base_url`` with: over https,
    the test CA alone; over http, the default context (never used)."""
    from conformance.adapters.deadline import verifying_context

    return _trusting_the_test_ca() if base_url.startswith("https:") else verifying_context()


@pytest.fixture
def serve_reference() -> Iterator[Callable[..., str]]:
    """Serve a (possibly broken) reference variant: ``url = serve_reference(defects=[...])``;
    with ``tls=True`` over https, its chain leading to the test CA (:func:`manifest_for` names it)."""
    with ExitStack() as stack:
        yield lambda defects=(), tls=False: stack.enter_context(serve(create_app(defects), tls=tls))


@dataclass(frozen=True)
class DemoRun:
    """``conformance demo --out <out>`` run once, in a subprocess, from the wheel built from
    this checkout and installed (``pip install --no-deps --target``) outside it: its exit
    status, output and folder; the wheel and the folder it was installed in."""

    returncode: int
    stdout: str
    stderr: str
    out: Path
    wheel: Path
    site: Path


@contextmanager
def _session_lock(path: Path, *, wait: bool = True) -> Iterator[bool]:
    """An exclusive lock on ``path`` across the processes of one test session (xdist
    workers), and across threads (each opens the file anew): True once held. ``wait=False``:
    False at once where another holds it. Where the platform has no ``fcntl``, none (each
    worker then works in its own folder, see :func:`once_per_session`)."""
    try:
        import fcntl
    except ImportError:  # pragma: no cover - not POSIX
        yield True
        return
    with path.open("a") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | (0 if wait else fcntl.LOCK_NB))
        except BlockingIOError:
            yield False
            return
        try:
            yield True
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def installed_wheel(folder: Path) -> tuple[Path, Path, dict[str, str]]:
    """The checkout built as a wheel into ``folder/dist`` and installed without its
    dependencies into ``folder/site`` (they are this venv's): (the wheel, the site folder,
    an environment in which ``python -m conformance.cli`` is the installed package)."""
    dist, site = folder / "dist", folder / "site"
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q", "-w", str(dist),
                    str(ROOT)], check=True, capture_output=True, timeout=300)
    wheel = next(dist.glob("metaverse_conformance-*.whl"))
    subprocess.run([sys.executable, "-m", "pip", "install", "--no-deps", "-q", "--target", str(site), str(wheel)],
                   check=True, capture_output=True, timeout=300)
    return wheel, site, installed_env(site)


def installed_env(site: Path) -> dict[str, str]:
    """An environment in which ``python -m conformance.cli`` is the package installed in ``site``."""
    env = {**os.environ, "PYTHONPATH": str(site)}
    env.pop("CONFORMANCE_CATALOG", None)
    return env


def once_per_session(factory: pytest.TempPathFactory, name: str,
                     make: Callable[[Path], dict[str, Any]]) -> dict[str, Any]:
    """What ``make(folder)`` returns (JSON), made once for the whole test session in a folder
    ``name`` of its own, for fixtures whose tests only read what was made. Under xdist the
    first worker to ask makes it in the session's shared temporary folder, under a lock; the
    others wait for it and read its record (a module-scoped fixture would be made again in
    each worker that runs one of the module's tests). When ``make`` fails nothing is recorded:
    the next worker to ask makes it again in an emptied folder, and fails as visibly."""
    made = _once(factory, name, make, wait=True)
    assert made is not None  # waited for
    return made


def corpora_measured_once(factory: pytest.TempPathFactory, bench: str, word: int | None = None
                          ) -> dict[str, dict[str, Any]]:
    """What ``bench/<bench>.py``'s ``measure()`` finds (:func:`measured_corpora`), measured once a
    test session (:func:`once_per_session`) for fidelity tests that only read the counts, by corpus:
    its label whole, or the label's ``word``-th word where the label says more than the name."""
    made = once_per_session(factory, bench.replace("_", "-"), lambda folder: {"corpora": list(
        load_module(f"bench_{bench}", ROOT / "bench" / f"{bench}.py").measure())})
    return {(c["corpus"] if word is None else c["corpus"].split(" ")[word]): c for c in made["corpora"]}


def once_per_session_unless_busy(factory: pytest.TempPathFactory, name: str,
                                 make: Callable[[Path], dict[str, Any]]) -> dict[str, Any] | None:
    """:func:`once_per_session`, or None at once where another worker or thread is making it
    (for a background start, :func:`pytest_collection_finish`: it goes on to other work)."""
    return _once(factory, name, make, wait=False)


def _shared_folder(factory: pytest.TempPathFactory) -> Path:
    """The session's temporary folder every xdist worker shares (the workers' folders' parent)."""
    shared = factory.getbasetemp()
    if os.environ.get("PYTEST_XDIST_WORKER") and os.name == "posix":
        shared = shared.parent
    return shared


def _once(factory: pytest.TempPathFactory, name: str, make: Callable[[Path], dict[str, Any]], *,
          wait: bool) -> dict[str, Any] | None:
    shared = _shared_folder(factory)
    record = shared / f"{name}.json"
    with _session_lock(shared / f"{name}.lock", wait=wait) as held:
        if not held:
            return None
        if not record.is_file():
            folder = shared / name
            shutil.rmtree(folder, ignore_errors=True)  # what a worker's failed attempt left
            folder.mkdir(parents=True)
            record.write_text(json.dumps(make(folder)), encoding="utf-8")
        return json.loads(record.read_text(encoding="utf-8"))


@pytest.fixture(autouse=True)
def _machine_share() -> Iterator[None]:
    """Every test holds a share of the machine while it runs, so that a timed run taken again
    on a quiet machine (:func:`tests.quiet.quiet`) waits for the tests running and none starts
    meanwhile (the lock files' folder is set as the session's tests are known,
    :func:`pytest_collection_finish`)."""
    with quiet.share():
        yield


@pytest.fixture(scope="session")
def demo_run(tmp_path_factory: pytest.TempPathFactory) -> DemoRun:
    """The demo, run once for the whole session (the tests that use it only read what it
    printed and wrote), from the installed wheel in a folder outside the checkout: one demo
    serves both the tests of the demo and the packaging test (tests/house/test_packaging.py,
    which also proves the installed package byte for byte the checkout's, by the catalog
    digest). The wheel is built and installed beside the other tests; the demo runs on a quiet
    machine (:func:`once_per_session_quietly`): run beside three busy workers on two cores, its
    timed requirements (:data:`UNDER_LOAD`) failed nearly every time and the whole demo was run
    again on a quiet machine, two demos of about 60 CPU-s each (issue 77 item 7)."""

    def demo(out: Path, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
        command = [sys.executable, "-m", "conformance.cli", "demo", "--out", str(out)]
        return subprocess.run(command, capture_output=True, text=True, timeout=600, cwd=out.parent, env=env)

    def build(folder: Path) -> dict[str, Any]:
        wheel, site, _env = installed_wheel(folder)
        return {"wheel": str(wheel), "site": str(site)}

    built = once_per_session(tmp_path_factory, "demo-wheel", build)

    def make(folder: Path) -> dict[str, Any]:
        done = demo(folder / "demo", installed_env(Path(built["site"])))
        return {"returncode": done.returncode, "stdout": done.stdout, "stderr": done.stderr,
                "out": str(folder / "demo"), **built}

    data = once_per_session_quietly(tmp_path_factory, "demo-run", make)
    if data["returncode"] in (1, 3) and failing_only_under_load(Path(data["out"])):
        # Still the machine's contention (without xdist nothing is kept quiet; another session may
        # run beside this one): the demo again, from the same wheel, judged as the first.
        # quiet() first, once_per_session's lock inside it: a worker waiting for the record then
        # waits without its share, so the quiet block never waits for it.
        def again(folder: Path) -> dict[str, Any]:
            for _ in range(quiet.ATTEMPTS):
                shutil.rmtree(folder / "demo", ignore_errors=True)
                done = demo(folder / "demo", installed_env(Path(data["site"])))
                if not (done.returncode in (1, 3) and failing_only_under_load(folder / "demo")):
                    break
            return {**data, "returncode": done.returncode, "stdout": done.stdout, "stderr": done.stderr,
                    "out": str(folder / "demo")}

        with quiet.quiet():
            data = once_per_session(tmp_path_factory, "demo-run-quiet", again)
    return DemoRun(data["returncode"], data["stdout"], data["stderr"], Path(data["out"]), Path(data["wheel"]),
                   Path(data["site"]))


def once_per_session_quietly(factory: pytest.TempPathFactory, name: str,
                             make: Callable[[Path], dict[str, Any]]) -> dict[str, Any]:
    """:func:`once_per_session`, made inside :func:`tests.quiet.quiet` (the machine to ``make``
    alone, the other workers' tests ended and none started meanwhile), for a run whose timed
    requirements the other workers' load would fail. A worker that finds the record made, or
    being made by another, reads it or waits for it without taking the machine. Called from a
    session fixture's set-up, before the test takes its share (quiet()'s rule: never inside
    once_per_session's lock)."""
    shared = _shared_folder(factory)
    with _session_lock(shared / f"{name}.lock", wait=False) as free:
        pass
    if free and not (shared / f"{name}.json").is_file():
        with quiet.quiet():
            return once_per_session(factory, name, make)
    return once_per_session(factory, name, make)


def manifest_for(
    catalog: Catalog,
    profile_id: str,
    *,
    base_urls: dict[str, str] | None = None,
    files: dict[str, list[str]] | None = None,
    features: list[str] | None = None,
    parameters: dict[str, Any] | None = None,
    product: dict[str, Any] | None = None,
) -> dict[str, Any]:
    """A manifest claiming one profile: HTTP roles at ``base_urls[role]``; file roles from
    ``files`` (paths relative to the area's fixtures folder) or else the reference's good samples."""
    profile = catalog.profile(profile_id)
    area = _area_of(catalog, profile_id)
    targets: dict[str, Any] = {}
    for role, spec in profile.targets.items():
        if spec.kind == "http":
            assert base_urls and role in base_urls, f"{profile_id} needs a base URL for {role}"
            targets[role] = http_target(base_urls[role])  # over TLS: the reference's test CA trusted
        elif files and role in files:
            targets[role] = {"adapter": "file", "paths": [str(fixture_path(area, f)) for f in files[role]]}
        elif not spec.optional or (SAMPLES / role).is_dir():  # an optional role the samples lack: left out
            targets[role] = {"adapter": "file", "paths": [str(SAMPLES / role / "*")]}
    # every feature the reference can show, as the demo claims them
    claimed = features if features is not None else automated_features(catalog, profile)
    claim: dict[str, Any] = {"id": profile_id, "features": claimed}
    if parameters:
        claim["parameters"] = parameters
    # the product the reference names itself as (IF-DISC-005, feature product-identity)
    product = product or {"name": REFERENCE_PRODUCT, "version": __version__}
    return {"product": product, "profiles": [claim], "targets": targets}


def _area_of(catalog: Catalog, profile_id: str) -> str:
    areas = {catalog.requirements[r].area for r in catalog.profile(profile_id).all_requirements()}
    return sorted(areas)[0]


@pytest.fixture
def run_manifest(tmp_path: Path, catalog: Catalog) -> Callable[..., RunResult]:
    """Write a manifest dict to a file and run the engine on it, in-process."""
    return manifest_runner(tmp_path, catalog)


def manifest_runner(tmp_path: Path, catalog: Catalog) -> Callable[..., RunResult]:
    """:func:`run_manifest`'s runner writing in ``tmp_path``, for a fixture of a wider scope."""

    def _run(manifest: dict[str, Any], **kwargs: Any) -> RunResult:
        # The tests stand in for a pilot program: parameters they set (often loosened, to run
        # faster or to provoke a case) go through a certification plan, as a program's would.
        manifest = {**manifest, "profiles": [dict(c) if isinstance(c, dict) else {"id": c}
                                             for c in manifest["profiles"]]}
        planned = {c["id"]: {"parameters": c.pop("parameters")} for c in manifest["profiles"] if c.get("parameters")}
        if planned and "certification" not in kwargs:
            plan = {"id": "test-plan", "program": "the harness's own tests", "catalog_digest": catalog.digest,
                    "profiles": planned}
            kwargs["certification"] = tmp_path / "plan.yaml"
            kwargs["certification"].write_text(yaml.safe_dump(plan, allow_unicode=True), encoding="utf-8")
        path = tmp_path / "manifest.yaml"
        path.write_text(yaml.safe_dump(manifest, allow_unicode=True), encoding="utf-8")
        kwargs.setdefault("out_dir", tmp_path / "out")
        kwargs.setdefault("formats", ["json"])
        # The tests' corpora and fixtures are the repository's own, public files: quotable, as
        # the files a user names on validate's command line are (issue 72 item 6)
        kwargs.setdefault("quotable", [ROOT / "tests", ROOT / "examples"])
        result = run(path, catalog=catalog, **kwargs)
        loose = untemplated(result.report)
        assert not loose, f"report texts not written from a template (conformance/messages): {loose[:5]}"
        return result

    return _run


def untemplated(report: Any) -> list[str]:
    """The messages of a report that did not come from a template (so cannot be shown in
    Chinese): every finding, note and error, every verdict's and note's message."""
    loose = [m for m, text in zip(report.notes, report.note_texts or [None] * len(report.notes), strict=True)
             if not text]
    for record in [*report.requirements, *report.tests]:
        if record.message and not record.text:
            loose.append(f"{getattr(record, 'requirement', None) or record.nodeid}: {record.message}")
        loose += [f"{item['kind']}: {item['message']}" for item in record.evidence
                  if item.get("kind") in ("finding", "note", "error") and not item.get("text")]
    return loose


def verdicts(result: RunResult) -> dict[str, str]:
    return {r.requirement: r.verdict.value for r in result.report.requirements}


def verdict_and_evidence(result: RunResult, requirement: str) -> tuple[str, str]:
    """One requirement's verdict and its evidence as one text, for a test to look for words in."""
    (record,) = [r for r in result.report.requirements if r.requirement == requirement]
    return record.verdict.value, " ".join(str(item) for item in record.evidence)


def captures_verdict(catalog, run_manifest, profile: str, requirement: str, captures=(),
                     features: list[str] | None = None) -> tuple[str, str]:
    """``requirement`` run alone over ``captures`` (the profile's samples when none): its verdict, and its
    reason followed by its evidence as one text."""
    return captures_verdicts(catalog, run_manifest, profile, [requirement], captures, features)[requirement]


def captures_verdicts(catalog, run_manifest, profile: str, requirements: list[str], captures=(),
                      features: list[str] | None = None) -> dict[str, tuple[str, str]]:
    """:func:`captures_verdict` of each of ``requirements``, run together in one run (which analyses each
    capture once for all of them)."""
    manifest = manifest_for(catalog, profile, features=features)
    if captures:
        manifest["targets"]["captures"]["paths"] = [str(c) for c in captures]
    result = run_manifest(manifest, requirements=list(requirements))
    judged = {}
    for requirement in requirements:
        verdict, evidence = verdict_and_evidence(result, requirement)
        (record,) = [r for r in result.report.requirements if r.requirement == requirement]
        judged[requirement] = (verdict, f"{record.message} {evidence}")
    return judged
