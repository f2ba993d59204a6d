"""Every conformance test can fail: each known-bad case makes its requirement fail, and judges
alike in two laboratories (issue 70: the inter-laboratory comparison, tests/e2e/interlab.py).

Each case's run here is set-up A of that comparison; set-up B judges the same cases in a process
of its own (another time zone, locale and temporary root, the cases sharing a manifest grouped in
one run, in reverse order), area by area, each area made once per session: from the session's
start, in the background, one area after another, by one process that judges them all
(:func:`start_in_background`, interlab.BProcess), and by the first case that needs an area nobody
has started (:func:`set_up_b`, a process of its own). Each case's verdict, findings and measured values must be B's (B does
not shrink the state machines' departing sequences: of those, the kind of departure, interlab.UNSHRUNK)."""

from __future__ import annotations

import hashlib
import json
import shutil
import subprocess
import threading
from collections.abc import Callable, Iterator
from contextlib import ExitStack
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest

from conformance._catalog.model import Testing
from conformance.reference.tls import UNVERIFIABLE
from tests import quiet
from tests.conftest import manifest_for, once_per_session, once_per_session_unless_busy, verdicts
from tests.e2e import interlab
from tests.e2e.measurement_items import checked_items, measured

# suites/*/known_bad.yaml read once as each xdist worker collects this module, not once a name
KNOWN_BAD = interlab.known_bad_cases()
CASES = {requirement: [case for _, case in listed] for requirement, listed in KNOWN_BAD.items()}
AREA = {interlab.case_key(requirement, index): area
        for requirement, listed in KNOWN_BAD.items() for index, (area, _) in enumerate(listed)}


def _cases() -> list[tuple[str, int, dict]]:
    return [(req, i, case) for req, cases in CASES.items() for i, case in enumerate(cases)]


def _selected_by_area(items: list[pytest.Item]) -> dict[str, list[str]]:
    """The keys of the cases of this test among ``items`` (``-k`` narrows them), by area, the
    areas in the order their first case comes."""
    selected: dict[str, list[str]] = {}
    for item in items:
        spec = getattr(item, "callspec", None)
        if getattr(item, "originalname", None) == "test_known_bad_case_fails_its_requirement" and spec is not None:
            key = interlab.case_key(spec.params["requirement"], spec.params["index"])
            selected.setdefault(AREA[key], []).append(key)
    return {area: sorted(keys) for area, keys in selected.items()}


def _set_up_b(area: str, keys: list[str], b: interlab.BProcess | None = None
              ) -> tuple[str, Callable[[Path], dict[str, Any]]]:
    """The session's name of set-up B of ``keys`` (of ``area``), and what makes it: a process of
    its own, or (``b``) a request to the background's one process."""
    name = f"interlab-b-{area}-{hashlib.sha256(' '.join(keys).encode()).hexdigest()[:12]}"
    if b is not None:
        return name, lambda folder: b.judge(folder, tuple(keys))
    return name, lambda folder: interlab.set_up_b(folder, only=tuple(keys))


def start_in_background(session: pytest.Session, factory: pytest.TempPathFactory) -> threading.Thread | None:
    """Called as the session starts (tests/conftest.py ``pytest_collection_finish``): one
    worker's thread makes the selected areas' set-ups B one after another, in the order their
    cases come, each a request to one process of set-up B (its start, the imports and the catalog,
    paid once a session, not once an area), while the workers run other tests; an area another worker is already making
    is left to it. A case whose B is not made yet waits for it (:func:`set_up_b`) or, if nobody
    has started it, makes it itself, as before. One B process at a time beside the workers:
    the suite's CPU is the same, no worker idles on a lock while another makes B."""
    selected = _selected_by_area(session.items)
    if not selected:
        return None

    def each_area(folder: Path) -> dict[str, Any]:
        b = interlab.BProcess(folder / "b")  # one process judges every area: one start, not one an area
        try:
            for area, keys in selected.items():
                with quiet.share():  # a process beside the tests: a quiet block waits for it (tests/quiet.py)
                    once_per_session_unless_busy(factory, *_set_up_b(area, keys, b))
        finally:
            b.close()
        return {"areas": list(selected)}

    def runner() -> None:
        try:  # the first worker to get here runs; the others go on with their tests
            once_per_session_unless_busy(factory, "interlab-b-runner", each_area)
        except Exception:  # noqa: BLE001 - what failed here fails again, visibly, in the case that waits for it
            pass

    thread = threading.Thread(target=runner, name="interlab-set-up-b", daemon=True)
    thread.start()
    return thread


@pytest.fixture(scope="session")
def set_up_b(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Callable[[str], Any]:
    """``set_up_b(key)``: set-up B's fingerprint of a known-bad case. B judges, per area, the cases
    of this test the session selected (``-k`` narrows it too), once per session: made in the
    background from the session's start (:func:`start_in_background`), read once a worker."""
    return _reading_b(request.session.items, tmp_path_factory)


def _reading_b(items: list[pytest.Item], factory: pytest.TempPathFactory) -> Callable[[str], Any]:
    selected = _selected_by_area(items)
    found_in: dict[str, dict[str, Any]] = {}

    def found(key: str) -> Any:
        area = AREA[key]
        if area not in found_in:
            made = once_per_session(factory, *_set_up_b(area, selected[area]))
            assert "error" not in made, f"set-up B failed:\n{made['error']}"
            found_in[area] = made["found"]
        return found_in[area].get(key)

    return found


def session_set_up_b(items: list[pytest.Item], factory: pytest.TempPathFactory, keys: tuple[str, ...]
                     ) -> dict[str, Any] | None:
    """Set-up B's fingerprints of ``keys`` (one area's cases) as this session's B of their area
    has them, made once (:func:`set_up_b`), where the session selected every one of them among
    this test's cases; None where it did not (a test then starts a B of its own)."""
    areas = {AREA[key] for key in keys}
    selected = _selected_by_area(items)
    if len(areas) != 1 or not set(keys) <= set(selected.get(next(iter(areas)), ())):
        return None
    read = _reading_b(items, factory)
    return {key: read(key) for key in keys}


#: The requirements whose runs start validator processes of their own (the assets area's run
#: surroundings, areas/assets/__init__.py: glTF-Validator's Node.js, the OpenUSD zygote): about
#: 0.07 and 0.25 CPU-s a run, more than the rest of such a case's run. Set-up A judges their cases
#: with what a warm process keeps ready instead (``conformance_warm``), started once a worker;
#: set-up B starts each cold in its first run that needs it, as a cold run does, and keeps it for
#: the later ones (interlab.ColdOnce): the comparison sets the two ways apart on those first cases.
WARMED = ("AS-GLTF-", "AS-USD-")


class WarmValidators:
    """The areas' warm resources (cli/warm.py, as ``conformance warm`` holds them), entered when a
    case first needs them, again where one no longer serves (``healthy()``, as the warm process
    asks after each run), and left when the module's cases end: the tests of other modules in
    this worker (some make the validators unavailable, or cap what they are given) start their own."""

    def __init__(self) -> None:
        self.held: ExitStack | None = None
        self.given: list[object] = []
        self.entered = 0

    def ready(self) -> None:
        from conformance.cli.warm import _healthy, _warm_resources  # the command line's package: when needed

        if self.held is not None and _healthy(self.given):
            return
        self.close()
        self.held = ExitStack()
        self.given = self.held.enter_context(_warm_resources())
        self.entered += 1

    def close(self) -> None:
        held, self.held, self.given = self.held, None, []
        if held is not None:
            held.close()


@pytest.fixture(scope="module")
def warm_validators() -> Iterator[WarmValidators]:
    warm = WarmValidators()
    try:
        yield warm
    finally:
        warm.close()


def test_every_automated_requirement_has_a_known_bad_case(catalog):
    automated = {r.id for r in catalog.requirements.values() if r.testing is Testing.AUTOMATED}
    missing = sorted(automated - set(CASES))
    assert not missing, f"automated requirements without a known-bad case in suites/<area>/known_bad.yaml: {missing}"
    unknown = sorted(set(CASES) - set(catalog.requirements))
    assert not unknown, f"known_bad.yaml names unknown requirements: {unknown}"


def _case_id(value: object) -> str:
    return "" if isinstance(value, dict) else str(value)


@pytest.mark.slow
@pytest.mark.parametrize(("requirement", "index", "case"), _cases(), ids=_case_id)
def test_known_bad_case_fails_its_requirement(requirement, index, case, catalog, serve_reference, run_manifest,
                                              set_up_b, warm_validators, tmp_path):
    if case.get("requires") and shutil.which(case["requires"]) is None:
        pytest.skip(f"needs {case['requires']} on PATH")
    if requirement.startswith(WARMED):
        warm_validators.ready()
    profile = catalog.profile(case["profile"])
    # `defects` are planted in every HTTP role's reference; `role_defects` per role. Served over
    # TLS, as a product is (IF-TLS-001), the test CA named in the manifest; `plain-http` serves http.
    base_urls = {
        role: serve_reference(case.get("role_defects", {}).get(role, case.get("defects", [])), tls=True)
        for role, spec in profile.targets.items() if spec.kind == "http"
    }
    manifest = manifest_for(
        catalog, case["profile"], base_urls=base_urls, files=case.get("files"),
        features=case.get("features"), parameters=case.get("parameters"), product=case.get("product"),
    )
    for role in base_urls:  # a certificate no client verifies: the rest is judged without verifying
        if UNVERIFIABLE & set(case.get("role_defects", {}).get(role, case.get("defects", []))):
            manifest["targets"][role]["verify_tls"] = False
    result = run_manifest(manifest, requirements=[requirement])
    found = verdicts(result)
    assert found.get(requirement) == "fail", (
        f"{requirement} should fail on {case}, got {found.get(requirement)}: "
        f"{[r.message for r in result.report.requirements]}"
    )
    record = next(r for r in result.report.requirements if r.requirement == requirement)
    if measured(catalog, requirement):  # the values it judged, reported whole (tests/e2e/measurement_items.py)
        checked_items(catalog, requirement, record, case, index)
    if case.get("finding"):  # the failure is the intended rule's, not some other one
        findings = [item for item in record.evidence if item.get("kind") == "finding"]
        text = json.dumps([record.message, findings], default=str, ensure_ascii=False).lower()
        assert case["finding"].lower() in text, (
            f"{requirement} failed on {case}, but not with {case['finding']!r}: {text[:2000]}"
        )
    # A failure at a level the pass rule requires makes the product not conformant (exit 1);
    # a failed SHOULD is reported, not fatal, and a run cut to one requirement is partial:
    # never conformant, so it could not complete a judgement of the profile (exit 3).
    required = catalog.requirement(requirement).level in profile.pass_rule.require
    assert result.exit_code == (1 if required else 3)
    # the inter-laboratory comparison: set-up B judged this case alike
    key = interlab.case_key(requirement, index)
    a = interlab.of_result(result, requirement, [str(tmp_path.resolve()), str(tmp_path), *base_urls.values(),
                                                 *interlab.anchor_roots()], case.get("rule"))
    unlike = interlab.differences({key: a}, {key: set_up_b(key)})
    assert not unlike, f"set-up A (here) and B (tests/e2e/interlab.py) judged {case} differently: {unlike[0]}"


def test_set_up_b_is_made_in_the_background_area_by_area_and_the_cases_read_it(tmp_path, monkeypatch):
    monkeypatch.delenv("PYTEST_XDIST_WORKER", raising=False)
    keys = {area: sorted(key for key, a in AREA.items() if a == area)[:2] for area in ("scenes", "assets")}
    items = [SimpleNamespace(originalname="test_known_bad_case_fails_its_requirement",
                             callspec=SimpleNamespace(params={"requirement": key.split("#")[0],
                                                              "index": int(key.split("#")[1])}))
             for area in ("scenes", "assets") for key in keys[area]]
    made, processes = [], []

    class FakeB:  # one process for the whole background start, a request an area
        def __init__(self, work):
            processes.append(self)
            self.closed = False

        def judge(self, folder, keys):
            made.append(keys)
            return {"found": {key: {"verdict": "fail"} for key in keys}}

        def close(self):
            self.closed = True

    def own_process(folder, *, only):
        made.append(only)
        return {"found": {key: {"verdict": "fail"} for key in only}}

    monkeypatch.setattr(interlab, "BProcess", FakeB)
    monkeypatch.setattr(interlab, "set_up_b", own_process)
    factory = SimpleNamespace(getbasetemp=lambda: tmp_path)
    start_in_background(SimpleNamespace(items=items), factory).join()
    assert made == [tuple(keys["scenes"]), tuple(keys["assets"])]  # in the order the cases come
    assert len(processes) == 1 and processes[0].closed  # both areas by one process, ended with the start
    assert start_in_background(SimpleNamespace(items=items), factory).join() is None and len(made) == 2
    found = _reading_b(items, factory)
    assert found(keys["assets"][1]) == {"verdict": "fail"} and len(made) == 2  # read, not made again


def test_set_up_b_s_one_process_judges_request_after_request_and_a_failed_one_ends_it(tmp_path):
    """interlab.BProcess, for real: a request gives the fingerprints set-up B's own process gives
    (the known-bad cases compare them with A's); one that fails gives its output, and the process ends."""
    key = "AS-GLTF-001#1"  # a file case: no reference served
    b = interlab.BProcess(tmp_path / "b")
    try:
        judged = b.judge(tmp_path / "first", (key,))
        assert list(judged) == ["found"] and judged["found"][key]["verdict"] == "fail"
        (tmp_path / "second").mkdir()
        (tmp_path / "second" / "runs").write_text("a file where the runs' folder goes", encoding="utf-8")
        failed = b.judge(tmp_path / "second", (key,))
        assert list(failed) == ["error"] and "Error" in failed["error"]
        assert b._process is not None and b._process.poll() is not None
    finally:
        b.close()


def test_set_up_a_s_validators_are_kept_for_the_cases_runs_and_started_again_when_they_stop(
        catalog, run_manifest, monkeypatch):
    """The runs of a glTF and a USD case judge with the validators :class:`WarmValidators` keeps:
    neither run starts a process of its own, and each fails as its requirement should. One that
    no longer serves is started again; closed, none is left for the worker's other tests."""
    from conformance.areas._shared import khronos, openusd

    warm = WarmValidators()
    try:
        warm.ready()
        started: list[object] = []
        real = subprocess.Popen

        def spy(*args: Any, **kwargs: Any) -> subprocess.Popen:
            command = [str(part) for part in (args[0] if args else kwargs.get("args"))]
            if str(khronos.RUNNER) in command or str(openusd.WORKER) in command:  # a validator's start
                started.append(command)
            return real(*args, **kwargs)

        monkeypatch.setattr(subprocess, "Popen", spy)
        for key in ("AS-GLTF-001#1", "AS-USD-002#1"):  # file cases: no reference served
            requirement, index = key.split("#")
            case = CASES[requirement][int(index)]
            manifest = manifest_for(catalog, case["profile"], files=case.get("files"), features=case.get("features"))
            assert verdicts(run_manifest(manifest, requirements=[requirement]))[requirement] == "fail"
        monkeypatch.undo()
        assert started == [], f"the runs started processes of their own: {started}"
        warm.ready()
        assert warm.entered == 1  # both still serve: kept
        openusd._zygote = None  # as a run leaves a zygote that stopped answering
        warm.ready()
        assert warm.entered == 2 and openusd._zygote is not None
    finally:
        warm.close()
    assert openusd._zygote is None and khronos.PACKAGE not in khronos._nodes
